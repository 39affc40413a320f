using System.Collections.Concurrent;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;

namespace StarSync.Web.Auth;

/// <summary>
/// This node's live circuits by session id, so that a revocation reaches every circuit of the dead session (several
/// tabs of one browser share a session) within the time it takes to deliver the event.
/// </summary>
public sealed class SessionCircuitRegistry
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<CircuitEntry, byte>> _bySession = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SessionEndReason> _recentReasons = new(StringComparer.Ordinal);

    internal sealed record CircuitEntry(CircuitSession Session, SessionAuthenticationStateProvider? Authentication);

    /// <summary>Live circuits on this node (for the health page).</summary>
    public int CircuitCount => _bySession.Values.Sum(s => s.Count);

    /// <summary>Signed-in people with a live circuit on this node.</summary>
    public int SessionCount => _bySession.Count(s => !s.Value.IsEmpty);

    /// <summary>The accounts with a live circuit on this node, each once (for the health page's counts by role).</summary>
    public IReadOnlyList<string> AccountIds =>
        [.. _bySession.Values.SelectMany(s => s.Keys).Select(e => e.Session.AccountId).OfType<string>().Distinct(StringComparer.Ordinal)];

    internal void Register(string sessionId, CircuitEntry entry) =>
        _bySession.GetOrAdd(sessionId, _ => new()).TryAdd(entry, 0);

    internal void Unregister(string sessionId, CircuitEntry entry)
    {
        if (_bySession.TryGetValue(sessionId, out var set))
        {
            set.TryRemove(entry, out _);
            if (set.IsEmpty)
            {
                _bySession.TryRemove(new KeyValuePair<string, ConcurrentDictionary<CircuitEntry, byte>>(sessionId, set));
            }
        }
    }

    /// <summary>Why a session ended, if this node heard the event.</summary>
    public SessionEndReason? ReasonFor(string sessionId) =>
        _recentReasons.TryGetValue(sessionId, out var reason) ? reason : null;

    /// <summary>
    /// The signed-out notice for a dead session: the reason this node heard with the revocation, or else the one the
    /// account as it is now implies (another node, a restart); for another device, when and on what.
    /// </summary>
    public async Task<string> NoticeUrlAsync(IAccountStore accounts, string accountId, string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var account = await accounts.FindByIdAsync(accountId, cancellationToken);
        var reason = ReasonFor(sessionId) is { } heard ? SignedOutReason.From(heard) : SignedOutReason.Derive(account, sessionId);
        return SignedOutReason.NoticeUrl(reason, account?.ActiveSession);
    }

    /// <summary>Cuts off every circuit of <paramref name="revoked"/>'s session on this node.</summary>
    public async Task RevokeAsync(SessionRevoked revoked, string noticeUrl)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        _recentReasons[revoked.SessionId] = revoked.Reason;
        if (_recentReasons.Count > 10_000)
        {
            _recentReasons.Clear(); // only a courtesy for the notice text: the store can always derive the reason
        }

        if (!_bySession.TryRemove(revoked.SessionId, out var circuits))
        {
            return;
        }

        await Task.WhenAll(circuits.Keys.Select(c => c.Session.RevokeAsync(noticeUrl, c.Authentication)));
    }
}
