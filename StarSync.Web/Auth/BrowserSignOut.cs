using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using StarSync.Engine.Accounts;

namespace StarSync.Web.Auth;

/// <summary>
/// POST /account/sign-out from the account menu's form: ends the session in the store (so every tab and token of it is
/// cut off through the kill switch) and clears this browser's cookie.
/// </summary>
public static class BrowserSignOut
{
    public static IEndpointRouteBuilder MapBrowserSignOut(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/account/sign-out", SignOutAsync).ExcludeFromDescription().DisableAntiforgery();
        return routes;
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, SessionEnding sessions)
    {
        // Checked here rather than by the endpoint filter, so that a stale form gets a clean redirect instead of a 400.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.Redirect("/");
        }

        if (StarSyncClaims.AccountIdOf(context.User) is { } accountId && StarSyncClaims.SessionIdOf(context.User) is { } sessionId)
        {
            await sessions.EndAsync(accountId, sessionId, SessionEndReason.SignedOut, context.RequestAborted);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect($"/signed-out?reason={SignedOutReason.SignedOut}");
    }
}
