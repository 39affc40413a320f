using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;

namespace StarSync.Web.Auth;

/// <summary>
/// Ends a session everywhere it is used: in the store (which tells every node, through the account change feed, to cut
/// its circuits off), in this node's session check at once (the feed may arrive after the caller's next request), and
/// its refresh tokens.
/// </summary>
public sealed class SessionEnding(IAccountStore accounts, IRefreshTokenStore refreshTokens, SessionValidation sessions)
{
    public async Task EndAsync(string accountId, string sessionId, SessionEndReason reason, CancellationToken cancellationToken = default)
    {
        await accounts.EndSessionAsync(accountId, sessionId, reason, cancellationToken);
        sessions.Revoke(sessionId);
        await refreshTokens.RevokeSessionAsync(accountId, sessionId, cancellationToken);
    }
}
