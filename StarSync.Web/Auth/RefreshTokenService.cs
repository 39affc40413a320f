using Microsoft.Extensions.Options;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;

namespace StarSync.Web.Auth;

/// <summary>An access token, a refresh token and what they are for.</summary>
public sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresIn, string SessionId);

/// <summary>Why a refresh was refused.</summary>
public enum RefreshRefusal
{
    None,
    Unknown,
    Expired,
    /// <summary>The token had already been rotated: someone else holds a copy, so the session is revoked.</summary>
    Reused,
    SessionEnded,
}

/// <summary>
/// Issues and rotates API tokens. Refresh tokens are random, stored only as an HMAC with the server's pepper, and
/// single-use: each refresh returns a new pair and kills the old refresh token; presenting a dead one again revokes the
/// whole session (it must have been copied).
/// </summary>
public sealed class RefreshTokenService(
    IAccountStore accounts,
    IRefreshTokenStore refreshTokens,
    IAuditLog audit,
    AccessTokens accessTokens,
    OpaqueTokens opaque,
    SessionValidation sessions,
    SessionEnding ending,
    IOptions<AuthOptions> options,
    TimeProvider clock)
{
    public async Task<TokenPair> IssueAsync(Account account, string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var refresh = OpaqueTokens.NewToken();
        await refreshTokens.IssueAsync(new NewRefreshToken(opaque.Hash(refresh), account.Id, sessionId, clock.GetUtcNow() + options.Value.RefreshTokenLifetime), cancellationToken);
        var (access, expiresIn) = accessTokens.Issue(account, sessionId);
        return new TokenPair(access, refresh, expiresIn, sessionId);
    }

    public async Task<(TokenPair? Pair, RefreshRefusal Refusal)> RotateAsync(string presented, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var successor = OpaqueTokens.NewToken();
        var rotation = await refreshTokens.RotateAsync(opaque.Hash(presented), opaque.Hash(successor), clock.GetUtcNow() + options.Value.RefreshTokenLifetime, cancellationToken);
        switch (rotation.Status)
        {
            case RefreshRotationStatus.Rotated:
                break;
            case RefreshRotationStatus.Reused:
                if (rotation.AccountId is { } victim && rotation.SessionId is { } sid)
                {
                    await ending.EndAsync(victim, sid, SessionEndReason.RefreshTokenReused, cancellationToken);
                    await audit.AppendAsync(new NewAuditEntry("auth.refresh-token-reused", "anonymous", victim, $"session {sid} revoked"), cancellationToken);
                }

                return (null, RefreshRefusal.Reused);
            case RefreshRotationStatus.Expired:
                return (null, RefreshRefusal.Expired);
            case RefreshRotationStatus.Revoked:
                return (null, RefreshRefusal.SessionEnded);
            default:
                return (null, RefreshRefusal.Unknown);
        }

        var account = await accounts.FindByIdAsync(rotation.AccountId!, cancellationToken);
        if (account is null || !await sessions.IsActiveAsync(account.Id, rotation.SessionId, cancellationToken))
        {
            return (null, RefreshRefusal.SessionEnded);
        }

        var (access, expiresIn) = accessTokens.Issue(account, rotation.SessionId!);
        return (new TokenPair(access, successor, expiresIn, rotation.SessionId!), RefreshRefusal.None);
    }
}
