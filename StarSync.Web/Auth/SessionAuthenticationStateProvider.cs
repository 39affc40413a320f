using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace StarSync.Web.Auth;

/// <summary>
/// The circuit's authentication state: re-checks the session every <see cref="AuthOptions.CircuitRevalidation"/> as a
/// backstop to revocation events, and can be switched to anonymous at once when a revocation arrives.
/// </summary>
public sealed class SessionAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    SessionValidation sessions,
    IOptions<AuthOptions> options) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private static readonly AuthenticationState Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));

    protected override TimeSpan RevalidationInterval => options.Value.CircuitRevalidation;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        var user = authenticationState.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        return await sessions.IsActiveAsync(StarSyncClaims.AccountIdOf(user), StarSyncClaims.SessionIdOf(user), cancellationToken);
    }

    /// <summary>Makes the circuit anonymous now.</summary>
    public void SignOutCircuit() => SetAuthenticationState(Task.FromResult(Anonymous));
}
