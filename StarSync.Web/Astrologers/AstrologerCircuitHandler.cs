using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using StarSync.Engine.Accounts;
using StarSync.Web.Auth;

namespace StarSync.Web.Astrologers;

/// <summary>Tells <see cref="AstrologerPresence"/> when a signed-in astrologer's circuit connects and disconnects.</summary>
public sealed class AstrologerCircuitHandler(AuthenticationStateProvider authentication, AstrologerPresence presence) : CircuitHandler
{
    private string? _astrologerId;
    private bool _connected;

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_astrologerId is null)
        {
            var user = (await authentication.GetAuthenticationStateAsync()).User;
            if (!user.IsInRole(nameof(AccountRole.Astrologer)) || StarSyncClaims.AccountIdOf(user) is not { } id)
            {
                return;
            }

            _astrologerId = id;
        }

        if (!_connected)
        {
            _connected = true;
            presence.CircuitUp(_astrologerId);
        }
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Down();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Down();
        return Task.CompletedTask;
    }

    private void Down()
    {
        if (_connected && _astrologerId is not null)
        {
            _connected = false;
            presence.CircuitDown(_astrologerId);
        }
    }
}
