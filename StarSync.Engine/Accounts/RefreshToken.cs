namespace StarSync.Engine.Accounts;

/// <summary>A refresh token as stored: only its hash, bound to one account and one session.</summary>
/// <param name="Hash">The token's hash (<see cref="TokenHash"/>); the raw token is never stored.</param>
/// <param name="ConsumedAt">When it was rotated (exchanged for its successor), if it was.</param>
/// <param name="ReplacedBy">The hash of the token it was rotated into, if it was.</param>
/// <param name="RevokedAt">When it was revoked with its session or account, if it was.</param>
public sealed record RefreshToken(
    string Hash,
    string AccountId,
    string SessionId,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? ConsumedAt,
    string? ReplacedBy,
    DateTimeOffset? RevokedAt);

/// <summary>A refresh token to store.</summary>
/// <param name="Hash">Its hash (<see cref="TokenHash"/>).</param>
/// <param name="SessionId">The <c>sid</c> it belongs to; revoking that session revokes it.</param>
/// <param name="ExpiresAt">After this instant (UTC) it is refused.</param>
public sealed record NewRefreshToken(string Hash, string AccountId, string SessionId, DateTimeOffset ExpiresAt);
