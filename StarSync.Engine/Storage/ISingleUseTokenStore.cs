using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage;

/// <summary>Single-use tokens (password reset, invitations), stored only as hashes (<see cref="TokenHash"/>).</summary>
/// <remarks>
/// Atomicity: <see cref="ConsumeAsync"/> is one conditional single-document update (unconsumed, unexpired, of the
/// purpose asked), so of any number of concurrent consumptions exactly one succeeds.
/// </remarks>
public interface ISingleUseTokenStore
{
    /// <summary>Stores a token.</summary>
    /// <exception cref="InvalidOperationException">A token with this hash is already stored.</exception>
    Task<SingleUseToken> IssueAsync(NewSingleUseToken token, CancellationToken cancellationToken = default);

    /// <summary>Uses the token once, if it is of <paramref name="purpose"/>, unused and unexpired.</summary>
    Task<SingleUseConsumption> ConsumeAsync(string hash, TokenPurpose purpose, CancellationToken cancellationToken = default);

    /// <summary>Deletes an account's unused tokens of one purpose (a newer reset link replaces older ones); returns how many.</summary>
    Task<int> RevokeOutstandingAsync(string accountId, TokenPurpose purpose, CancellationToken cancellationToken = default);

    /// <summary>Deletes tokens that expired before <paramref name="cutoff"/> (housekeeping); returns how many.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}

/// <summary>Why <see cref="ISingleUseTokenStore.ConsumeAsync"/> did or did not use a token.</summary>
public enum SingleUseConsumptionStatus
{
    /// <summary>Used now.</summary>
    Consumed,

    /// <summary>Used before.</summary>
    AlreadyUsed,

    /// <summary>Past its expiry.</summary>
    Expired,

    /// <summary>No such token (or one of another purpose).</summary>
    Unknown,
}

/// <summary>The outcome of <see cref="ISingleUseTokenStore.ConsumeAsync"/>.</summary>
/// <param name="Token">The token as stored after the attempt (null when unknown).</param>
public sealed record SingleUseConsumption(SingleUseConsumptionStatus Status, SingleUseToken? Token)
{
    /// <summary>Whether the token was used now.</summary>
    public bool Consumed => Status == SingleUseConsumptionStatus.Consumed;
}
