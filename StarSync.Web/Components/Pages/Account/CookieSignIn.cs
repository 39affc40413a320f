using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using StarSync.Engine.Accounts;
using StarSync.Web.Auth;

namespace StarSync.Web.Components.Pages.Account;

/// <summary>Puts a session into the browser's cookie (only during an HTTP request: a server-rendered form post).</summary>
public static class CookieSignIn
{
    public static Task SignInAsync(HttpContext context, Engine.Accounts.Account account, string sessionId)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            StarSyncClaims.Principal(account, sessionId, CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { IsPersistent = true });
    }
}
