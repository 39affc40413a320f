using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Web.Auth;

namespace StarSync.Web.Tests.Browser;

/// <summary>Accounts for browser tests: made directly in the app's store, signed in through the real login form.</summary>
internal static class TestAccounts
{
    public const string Password = "correct horse battery";

    public static async Task<Account> CreateAsync(BrowserFixture fixture, AccountRole role = AccountRole.User, string name = "Meera Iyer")
    {
        var accounts = fixture.App.Services.GetRequiredService<IAccountStore>();
        var hasher = fixture.App.Services.GetRequiredService<PasswordHasher>();
        var created = await accounts.CreateAsync(new NewAccount
        {
            Email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.com",
            Name = name,
            Role = role,
            PasswordHash = hasher.Hash(Password),
        });
        return created.Account!;
    }

    /// <summary>Signs in through /login and waits for <paramref name="returnUrl"/>.</summary>
    public static async Task SignInAsync(IPage page, string email, string returnUrl = "/kundli")
    {
        await page.GotoAsync($"/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The page's load event took over 30 s twice on a busy 2-core machine (network idle long before).
        await page.WaitForURLAsync(new Regex(Regex.Escape(returnUrl) + "$"), new() { Timeout = 60_000 });
    }
}
