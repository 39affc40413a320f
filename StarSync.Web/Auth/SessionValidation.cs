using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StarSync.Engine.Storage;

namespace StarSync.Web.Auth;

/// <summary>
/// The per-request question "is this sid still the account's active session?". A short per-node cache answers most
/// requests without a store read; a revocation (from the account change feed) evicts the sid at once and marks it
/// dead, so a check already in flight cannot put it back.
/// </summary>
public sealed class SessionValidation(IAccountStore accounts, IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (string AccountId, long ValidUntil)> _active = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _revoked = new(StringComparer.Ordinal);

    public async ValueTask<bool> IsActiveAsync(string? accountId, string? sessionId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(accountId) || string.IsNullOrEmpty(sessionId) || _revoked.ContainsKey(sessionId))
        {
            return false;
        }

        var now = clock.GetTimestamp();
        if (_active.TryGetValue(sessionId, out var cached) && cached.AccountId == accountId && cached.ValidUntil > now)
        {
            return true;
        }

        var active = await accounts.IsActiveSessionAsync(accountId, sessionId, cancellationToken);
        if (active && !_revoked.ContainsKey(sessionId))
        {
            var ttl = (long)(options.Value.SessionCheckCache.TotalSeconds * clock.TimestampFrequency);
            _active[sessionId] = (accountId, now + ttl);
        }
        else
        {
            _active.TryRemove(sessionId, out _);
        }

        return active && !_revoked.ContainsKey(sessionId);
    }

    /// <summary>Forgets a session for good: sids are never reused, so a revoked one stays dead.</summary>
    public void Revoke(string sessionId)
    {
        _revoked[sessionId] = clock.GetTimestamp();
        _active.TryRemove(sessionId, out _);

        // Keep the dead list small: after the cache lifetime no cached entry for a revoked sid can survive anyway,
        // and the store says no by itself.
        if (_revoked.Count > 10_000)
        {
            var cutoff = clock.GetTimestamp() - (long)(options.Value.SessionCheckCache.TotalSeconds * 4 * clock.TimestampFrequency);
            foreach (var (sid, at) in _revoked)
            {
                if (at < cutoff)
                {
                    _revoked.TryRemove(sid, out _);
                }
            }
        }
    }
}
