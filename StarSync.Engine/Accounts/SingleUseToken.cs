namespace StarSync.Engine.Accounts;

/// <summary>What a single-use token is for; a token of one purpose never works for another.</summary>
public enum TokenPurpose
{
    /// <summary>A password reset link (typically valid for 1 hour).</summary>
    PasswordReset,

    /// <summary>An admin's invitation to an astrologer or admin (typically valid for 72 hours).</summary>
    Invitation,
}

/// <summary>A single-use token as stored: only its hash.</summary>
/// <param name="ConsumedAt">When it was used, if it was.</param>
public sealed record SingleUseToken(
    string Hash,
    TokenPurpose Purpose,
    string AccountId,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? ConsumedAt);

/// <summary>A single-use token to store. The lifetime is the caller's policy; the store only enforces <paramref name="ExpiresAt"/>.</summary>
public sealed record NewSingleUseToken(string Hash, TokenPurpose Purpose, string AccountId, DateTimeOffset ExpiresAt);
