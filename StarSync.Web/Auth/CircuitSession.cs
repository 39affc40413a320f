namespace StarSync.Web.Auth;

/// <summary>
/// One live Blazor circuit's view of its sign-in (scoped: one per circuit). When the session is revoked the circuit
/// stops taking events at once and the browser is sent to the signed-out notice with a full reload.
/// </summary>
public sealed class CircuitSession
{
    private Func<string, Task>? _leave;
    private string? _pendingNotice;

    public string? AccountId { get; private set; }

    public string? SessionId { get; private set; }

    /// <summary>Set once the session is revoked: inbound events are then dropped.</summary>
    public bool Revoked { get; private set; }

    internal void Bind(string accountId, string sessionId) => (AccountId, SessionId) = (accountId, sessionId);

    /// <summary>
    /// Called by the circuit's root component with a way to leave the page on the circuit's own dispatcher; a
    /// revocation that came before the component was ready is carried out now.
    /// </summary>
    public Task AttachAsync(Func<string, Task> leave)
    {
        _leave = leave;
        return _pendingNotice is { } notice ? leave(notice) : Task.CompletedTask;
    }

    /// <summary>Cuts the circuit off: no more events, anonymous, and off to <paramref name="noticeUrl"/>.</summary>
    internal async Task RevokeAsync(string noticeUrl, SessionAuthenticationStateProvider? authentication)
    {
        if (Revoked)
        {
            return;
        }

        Revoked = true;
        authentication?.SignOutCircuit();
        if (_leave is { } leave)
        {
            await leave(noticeUrl);
        }
        else
        {
            _pendingNotice = noticeUrl;
        }
    }
}
