using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using static Microsoft.Playwright.Assertions;

namespace StarSync.Web.Tests.Browser;

/// <summary>The admin portal in a real browser: onboarding by invitation, and removal cutting the astrologer off.</summary>
[Collection(SharedBrowser.Name)]
public sealed class AdminBrowserTests(BrowserFixture fixture)
{
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "starsync-admin-shots");

    private static async Task PickAsync(IPage page, string selectTestId, params string[] options)
    {
        await page.GetByTestId(selectTestId).ClickAsync();
        foreach (var option in options)
        {
            await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        }

        await page.Keyboard.PressAsync("Escape");
    }

    [Fact]
    public async Task An_admin_onboards_an_astrologer_who_sets_a_password_by_invitation_and_is_cut_off_when_deactivated()
    {
        var admin = await TestAccounts.CreateAsync(fixture, AccountRole.Admin, "Asha Admin");
        var adminPage = await fixture.NewPageAsync();
        await TestAccounts.SignInAsync(adminPage, admin.Email, "/admin/astrologers");
        await adminPage.Locator("[data-testid='interactive']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var name = "Pandit Hari " + Guid.NewGuid().ToString("N")[..6];
        var email = $"hari-{Guid.NewGuid():N}@example.com";

        await adminPage.GetByTestId("onboard-astrologer").ClickAsync();
        var form = adminPage.GetByRole(AriaRole.Dialog);
        await form.GetByTestId("astrologer-name").FillAsync(name);
        await form.GetByTestId("astrologer-email").FillAsync(email);
        await PickAsync(adminPage, "astrologer-languages", "Hindi", "Sanskrit");
        await PickAsync(adminPage, "astrologer-expertise", "Vedic", "Prashna");
        await form.GetByLabel("Years of experience").FillAsync("9");
        await form.GetByLabel("Bio").FillAsync("Prashna and muhurta from Varanasi.");
        await adminPage.ScreenshotAsync(new() { Path = Path.Combine(Shots, "onboard-dialog-desktop.png") });
        await adminPage.GetByTestId("astrologer-save").ClickAsync();

        var link = adminPage.GetByTestId("invitation-link");
        await Expect(link).ToHaveValueAsync(new Regex("/invite/[A-Za-z0-9_-]{43}$"));
        var url = await link.InputValueAsync();
        await adminPage.ScreenshotAsync(new() { Path = Path.Combine(Shots, "invitation-desktop.png") });
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(adminPage.GetByTestId("astrologer-table")).ToContainTextAsync(name);
        await Expect(adminPage.GetByTestId("astrologer-table")).ToContainTextAsync("Invited");

        var astrologerPage = await fixture.NewPageAsync(390, 844);
        await astrologerPage.GotoAsync(new Uri(url).PathAndQuery);
        await Expect(astrologerPage.GetByRole(AriaRole.Heading, new() { Name = "Welcome to StarSync" })).ToBeVisibleAsync();
        await astrologerPage.GetByLabel("Password").FillAsync(TestAccounts.Password);
        await astrologerPage.ScreenshotAsync(new() { Path = Path.Combine(Shots, "invite-phone.png"), FullPage = true });
        await astrologerPage.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await astrologerPage.WaitForURLAsync(new Regex("/login\\?invited=true"));
        await Expect(astrologerPage.GetByText("Your password is set.")).ToBeVisibleAsync();
        await TestAccounts.SignInAsync(astrologerPage, email, "/astrologer");
        await astrologerPage.Locator("[data-testid='interactive']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // The link works once.
        var again = await fixture.NewPageAsync();
        await again.GotoAsync(new Uri(url).PathAndQuery);
        await again.GetByLabel("Password").FillAsync("another long passphrase");
        await again.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Expect(again.GetByTestId("invitation-problem")).ToContainTextAsync("already used");

        // Deactivating through the menu, after confirming, sends the astrologer's open page to the notice by itself.
        await adminPage.GetByRole(AriaRole.Row).Filter(new() { HasText = name }).GetByTestId("astrologer-actions").ClickAsync();
        await adminPage.GetByRole(AriaRole.Menuitem, new() { Name = "Deactivate" }).ClickAsync();
        await adminPage.ScreenshotAsync(new() { Path = Path.Combine(Shots, "deactivate-confirm-desktop.png") });
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();

        await astrologerPage.WaitForURLAsync(new Regex("/signed-out\\?reason=deactivated"), new() { Timeout = 10_000 });
        await Expect(astrologerPage.GetByTestId("signed-out-reason")).ToBeVisibleAsync();
        await Expect(adminPage.GetByTestId("astrologer-table")).ToContainTextAsync("Deactivated");
        await adminPage.ScreenshotAsync(new() { Path = Path.Combine(Shots, "astrologers-listed-desktop.png"), FullPage = true });
        await adminPage.SetViewportSizeAsync(390, 844);
        await adminPage.ScreenshotAsync(new() { Path = Path.Combine(Shots, "astrologers-listed-phone.png"), FullPage = true });
        var account = await fixture.App.Services.GetRequiredService<IAccountStore>().FindByEmailAsync(email);
        Assert.Equal(AccountStatus.Deactivated, account!.Status);
        await astrologerPage.GotoAsync("/astrologer");
        await astrologerPage.WaitForURLAsync(new Regex("/login"));
    }

    [Fact]
    public async Task Blocking_a_user_from_their_page_cuts_their_open_browser_off()
    {
        var admin = await TestAccounts.CreateAsync(fixture, AccountRole.Admin, "Asha Admin");
        var user = await TestAccounts.CreateAsync(fixture, AccountRole.User, "Ravi Kumar");
        var userPage = await fixture.NewPageAsync(390, 844);
        await TestAccounts.SignInAsync(userPage, user.Email, "/account");
        await userPage.Locator("[data-testid='interactive']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        var adminPage = await fixture.NewPageAsync();
        await TestAccounts.SignInAsync(adminPage, admin.Email, "/admin/users");
        await adminPage.Locator("[data-testid='interactive']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await adminPage.GetByTestId("user-search").FillAsync(user.Email);
        await adminPage.GetByRole(AriaRole.Link, new() { Name = "Ravi Kumar" }).ClickAsync();
        await adminPage.GetByTestId("block-user").ClickAsync();
        await adminPage.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Block", Exact = true }).ClickAsync();

        await userPage.WaitForURLAsync(new Regex("/signed-out\\?reason=blocked"), new() { Timeout = 10_000 });
        await Expect(adminPage.GetByTestId("user-status")).ToHaveTextAsync("Blocked");
        await userPage.GotoAsync("/account");
        await userPage.WaitForURLAsync(new Regex("/login"));
    }

    [Fact]
    public async Task Admin_pages_have_no_serious_accessibility_violations()
    {
        var admin = await TestAccounts.CreateAsync(fixture, AccountRole.Admin, "Asha Admin");
        var page = await fixture.NewPageAsync();
        await TestAccounts.SignInAsync(page, admin.Email, "/admin");
        foreach (var path in new[] { "/admin", "/admin/astrologers", "/admin/users", "/admin/settings", "/admin/health", "/admin/audit" })
        {
            await page.GotoInteractiveAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            try
            {
                await page.AssertNoSeriousAxeViolationsAsync();
            }
            catch (Xunit.Sdk.XunitException e)
            {
                throw new Xunit.Sdk.XunitException($"{path}: {e.Message}");
            }
        }
    }

    [Fact]
    public async Task Every_admin_page_renders_on_a_phone_and_a_desktop()
    {
        Directory.CreateDirectory(Shots);
        var admin = await TestAccounts.CreateAsync(fixture, AccountRole.Admin, "Asha Admin");
        var user = await TestAccounts.CreateAsync(fixture, AccountRole.User, "Meera Iyer");
        var pages = new (string Path, string Heading)[]
        {
            ("/admin", "Admin"),
            ("/admin/astrologers", "Astrologers"),
            ("/admin/users", "Users"),
            ($"/admin/users/{user.Id}", "Meera Iyer"),
            ("/admin/payouts", "Payouts"),
            ("/admin/settings", "Platform settings"),
            ("/admin/health", "System health"),
            ("/admin/audit", "Audit log"),
            ("/admin/no-such-section", "There is no “no-such-section” in the admin portal"),
        };
        foreach (var (width, height, label) in new[] { (390, 844, "phone"), (1366, 900, "desktop") })
        {
            var page = await fixture.NewPageAsync(width, height);
            await TestAccounts.SignInAsync(page, admin.Email, "/admin");
            foreach (var (path, heading) in pages)
            {
                await page.GotoInteractiveAsync(path);
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true, Level = 1 })).ToBeVisibleAsync();
                await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"{label}{path.Replace('/', '-')}.png"), FullPage = true });
            }
        }
    }
}
