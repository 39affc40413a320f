using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using StarSync.Engine.Storage;

namespace StarSync.Web.Auth;

/// <summary>
/// Registers each signed-in circuit with the <see cref="SessionCircuitRegistry"/>, re-checks its session whenever
/// the connection comes (back) up, and drops inbound events of a circuit whose session was revoked — so a stale tab's
/// click does nothing even before the browser has left the page.
/// </summary>
public sealed class SessionCircuitHandler(
    CircuitSession session,
    AuthenticationStateProvider authentication,
    SessionCircuitRegistry registry,
    SessionValidation validation,
    IAccountStore accounts) : CircuitHandler
{
    private SessionCircuitRegistry.CircuitEntry? _entry;

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var accountId = StarSyncClaims.AccountIdOf(state.User);
        var sessionId = StarSyncClaims.SessionIdOf(state.User);
        if (accountId is null || sessionId is null)
        {
            return;
        }

        session.Bind(accountId, sessionId);
        _entry ??= new SessionCircuitRegistry.CircuitEntry(session, authentication as SessionAuthenticationStateProvider);
        registry.Register(sessionId, _entry);

        if (!await validation.IsActiveAsync(accountId, sessionId, cancellationToken))
        {
            var notice = await registry.NoticeUrlAsync(accounts, accountId, sessionId, cancellationToken);
            registry.Unregister(sessionId, _entry);
            await session.RevokeAsync(notice, _entry.Authentication);
        }
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_entry is not null && session.SessionId is { } sid)
        {
            registry.Unregister(sid, _entry);
        }

        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context => session.Revoked ? Task.CompletedTask : next(context);
}
