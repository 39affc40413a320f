using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage;

/// <summary>
/// Rotating refresh tokens for API clients, stored only as hashes (<see cref="TokenHash"/>) and bound to one
/// account and one session.
/// </summary>
/// <remarks>
/// Atomicity: <see cref="RotateAsync"/> consumes the presented token in one conditional single-document update, so of
/// any number of concurrent rotations of one token exactly one succeeds. The successor is written right after; if the
/// process dies in between, the client simply has to sign in again (it fails closed, never open). Revocations are
/// one multi-document update each; a token revoked while being rotated is either refused or revoked with its
/// successor's session by the caller.
/// </remarks>
public interface IRefreshTokenStore
{
    /// <summary>Stores a token issued at sign-in.</summary>
    /// <exception cref="InvalidOperationException">A token with this hash is already stored.</exception>
    Task<RefreshToken> IssueAsync(NewRefreshToken token, CancellationToken cancellationToken = default);

    /// <summary>
    /// Exchanges the presented token for its successor <paramref name="successorHash"/> (bound to the same account and
    /// session), consuming the presented one exactly once. A token presented again after it was consumed reports
    /// <see cref="RefreshRotationStatus.Reused"/>: the caller should end the session (it was probably stolen). The
    /// caller also checks that the session is still active before issuing an access token.
    /// </summary>
    Task<RefreshRotation> RotateAsync(string presentedHash, string successorHash, DateTimeOffset successorExpiresAt, CancellationToken cancellationToken = default);

    /// <summary>The stored token with this hash, whatever its state.</summary>
    Task<RefreshToken?> FindAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>Revokes every unrevoked token of one session; returns how many.</summary>
    Task<int> RevokeSessionAsync(string accountId, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Revokes every unrevoked token of an account (password change, deletion); returns how many.</summary>
    Task<int> RevokeAccountAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>Deletes tokens that expired before <paramref name="cutoff"/> (housekeeping); returns how many.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}

/// <summary>What became of a presented refresh token.</summary>
public enum RefreshRotationStatus
{
    /// <summary>Consumed now; the successor is stored.</summary>
    Rotated,

    /// <summary>Already consumed before (a replay, or a lost race with a concurrent rotation).</summary>
    Reused,

    /// <summary>Revoked with its session or account.</summary>
    Revoked,

    /// <summary>Past its expiry.</summary>
    Expired,

    /// <summary>No such token.</summary>
    Unknown,
}

/// <summary>The outcome of <see cref="IRefreshTokenStore.RotateAsync"/>.</summary>
/// <param name="AccountId">The account the presented token belongs to (null when unknown).</param>
/// <param name="SessionId">The session the presented token belongs to (null when unknown).</param>
/// <param name="ConsumedAt">When the presented token was consumed (now when rotated; earlier when reused), so a
/// caller may apply a grace period to a near-simultaneous double refresh if it wants one.</param>
public sealed record RefreshRotation(RefreshRotationStatus Status, string? AccountId, string? SessionId, DateTimeOffset? ConsumedAt)
{
    internal static RefreshRotation Unknown { get; } = new(RefreshRotationStatus.Unknown, null, null, null);

    internal static RefreshRotation From(RefreshRotationStatus status, RefreshToken token) =>
        new(status, token.AccountId, token.SessionId, token.ConsumedAt);
}
