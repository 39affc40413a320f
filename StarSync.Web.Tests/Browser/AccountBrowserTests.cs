using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StarSync.Engine.Accounts;
using static Microsoft.Playwright.Assertions;

namespace StarSync.Web.Tests.Browser;

/// <summary>Accounts through the real UI, and "one account, one device" between two real browsers.</summary>
[Collection(SharedBrowser.Name)]
public sealed partial class AccountBrowserTests(BrowserFixture fixture)
{
    private Task<Account> CreateUserAsync(AccountRole role = AccountRole.User) => TestAccounts.CreateAsync(fixture, role);

    private static Task SignInAsync(IPage page, string email, string returnUrl = "/kundli") => TestAccounts.SignInAsync(page, email, returnUrl);

    [Fact]
    public async Task A_visitor_registers_through_the_form_and_lands_signed_in_on_the_account_page()
    {
        var page = await fixture.NewPageAsync(390, 844);
        await page.GotoAsync("/register");
        await page.GetByLabel("Name").FillAsync("Kavya Menon");
        await page.GetByLabel("Email").FillAsync($"kavya-{Guid.NewGuid():N}@example.com");
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByText("Use at least 10 characters.")).ToBeVisibleAsync();

        await page.GetByLabel("Password").FillAsync("kavya's long passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await page.WaitForURLAsync(new Regex("/account\\?welcome=true$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My account" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("account-chip")).ToContainTextAsync("Kavya");

        // The sign-in cookie cannot be read by scripts and is not sent on cross-site sub-requests.
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "starsync");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "starsync-account-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task A_wrong_password_says_so_without_saying_whether_the_email_exists()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FillAsync($"nobody-{Guid.NewGuid():N}@example.com");
        await page.GetByLabel("Password").FillAsync("whatever it is");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByText("Wrong email or password.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Signing_in_on_a_second_device_cuts_the_first_one_off_without_a_click()
    {
        var account = await CreateUserAsync();
        var first = await fixture.NewPageAsync();
        await SignInAsync(first, account.Email);
        await first.Locator("[data-testid='interactive']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(first.GetByTestId("account-chip")).ToBeVisibleAsync();

        var second = await fixture.NewPageAsync(390, 844);
        await SignInAsync(second, account.Email);

        // The first browser's open page goes to the notice by itself.
        await first.WaitForURLAsync(new Regex("/signed-out\\?reason=other-device"), new() { Timeout = 10_000 });
        await Expect(first.GetByTestId("signed-out-reason")).ToContainTextAsync("signed in somewhere else");
        await Expect(first.GetByText("Chrome on Linux").Or(first.GetByText("Chrome")).First).ToBeVisibleAsync();
        await first.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "starsync-signed-out.png"), FullPage = true });

        // And its next request is refused: the account page sends it to sign in.
        await first.GotoAsync("/account");
        await first.WaitForURLAsync(new Regex("/login"));
        await Expect(second.GetByTestId("account-chip")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_stale_tab_cannot_act_after_its_session_was_replaced()
    {
        var account = await CreateUserAsync();
        var stale = await fixture.NewPageAsync();
        await SignInAsync(stale, account.Email);
        await stale.Locator("[data-testid='interactive']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await stale.FillKundliFormAsync();

        // Hold the stale page where it is: cancel its trip to the notice (an aborted navigation keeps the page).
        var noticeRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await stale.RouteAsync("**/signed-out**", async route =>
        {
            noticeRequested.TrySetResult();
            await route.AbortAsync("aborted");
        });

        var other = await fixture.NewPageAsync();
        await SignInAsync(other, account.Email);
        await noticeRequested.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The button is still there and clickable in the browser; the server must ignore the click.
        await stale.GetByTestId("submit-kundli").DispatchEventAsync("click");
        await stale.WaitForTimeoutAsync(2_000);
        Assert.True(await stale.EvaluateAsync<bool>("() => document.querySelector(\"[data-testid='kundli-report'], [data-testid='computing']\") === null"));
        Assert.EndsWith("/kundli", new Uri(stale.Url).AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_in_one_tab_signs_out_every_tab()
    {
        var account = await CreateUserAsync();
        var tab1 = await fixture.NewPageAsync();
        await SignInAsync(tab1, account.Email);
        var tab2 = await tab1.Context.NewPageAsync();
        await tab2.GotoInteractiveAsync("/kundli");
        await Expect(tab2.GetByTestId("account-chip")).ToBeVisibleAsync();

        await tab1.Locator("[data-testid='interactive']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await tab1.GetByTestId("account-chip").ClickAsync();
        await tab1.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await tab1.WaitForURLAsync(new Regex("/signed-out\\?reason=signed-out"));

        await tab2.WaitForURLAsync(new Regex("/signed-out"), new() { Timeout = 10_000 });
        await Expect(tab2.GetByRole(AriaRole.Heading, new() { Name = "You are signed out" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Portals_are_closed_to_the_wrong_roles()
    {
        var anonymous = await fixture.NewPageAsync();
        await anonymous.GotoAsync("/admin");
        await anonymous.WaitForURLAsync(new Regex("/login\\?ReturnUrl=%2Fadmin"));

        var user = await CreateUserAsync();
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, user.Email, "/");
        await page.GotoAsync("/admin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();

        var admin = await CreateUserAsync(AccountRole.Admin);
        var adminPage = await fixture.NewPageAsync();
        await SignInAsync(adminPage, admin.Email, "/admin");
        await Expect(adminPage.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToHaveCountAsync(0);
    }
}
