using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Web.Auth;
using static Microsoft.Playwright.Assertions;

namespace StarSync.Web.Tests.Browser;

/// <summary>The shell around every page: navigation, theme, portals and pages that are not open yet.</summary>
[Collection(SharedBrowser.Name)]
public sealed class ShellBrowserTests(BrowserFixture browser)
{
    private const string Password = "a long portal passphrase";

    [Fact]
    public async Task Home_page_leads_to_the_Kundli_and_every_offer_is_open()
    {
        var page = await browser.NewPageAsync();
        await page.GotoInteractiveAsync("");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your birth chart, read from the real sky");
        await Expect(page.GetByText("Coming soon")).ToHaveCountAsync(0);
        foreach (var (action, href) in new[] { ("Make my Kundli", "kundli"), ("Match two charts", "match"), ("Read today's horoscope", "horoscope"), ("Find an astrologer", "astrologers") })
        {
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = action })).ToHaveAttributeAsync("href", href);
        }

        await Expect(page.GetByRole(AriaRole.Contentinfo)).ToContainTextAsync("GeoNames");
        await Expect(page.GetByRole(AriaRole.Contentinfo)).ToContainTextAsync("Swiss Ephemeris");

        await page.GetByTestId("hero-kundli").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/kundli$"));
        await Expect(page.GetByLabel("Date of birth")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Sign_in_leads_to_the_login_page_and_the_directory_is_open_to_visitors()
    {
        var page = await browser.NewPageAsync();
        await page.GotoInteractiveAsync("");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

        await page.GotoAsync("astrologers");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Talk to an astrologer", new() { Timeout = BrowserFixture.TimeoutMs });
        // The list loads after the first render; on a busy machine that can take a few seconds.
        await Expect(page.GetByTestId("directory-empty").Or(page.GetByTestId("directory-list"))).ToBeVisibleAsync(new() { Timeout = BrowserFixture.TimeoutMs });
    }

    [Fact]
    public async Task The_chosen_theme_is_remembered_across_a_reload()
    {
        var page = await browser.NewPageAsync();
        await page.GotoInteractiveAsync("about");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("document.cookie.includes('starsync-theme=dark')");

        await page.ReloadAsync();
        // Already dark in the prerendered page, before the browser connects.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        var background = await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        Assert.Equal("rgb(16, 14, 36)", background);
    }

    [Fact]
    public async Task Astrologer_and_admin_portals_ask_visitors_to_sign_in_and_show_their_own_navigation_to_their_people()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("astrologer/earnings");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?ReturnUrl=%2Fastrologer%2Fearnings$"));

        var astrologer = await CreateAccountAsync(AccountRole.Astrologer);
        await SignInAsync(page, astrologer.Email, "/astrologer/earnings");
        await page.Locator("[data-testid='interactive']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Earnings");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Astrologer navigation" }).GetByRole(AriaRole.Link, new() { Name = "Reviews" })).ToBeVisibleAsync();
        await Expect(page.Locator(".brand-portal")).ToHaveTextAsync("Astrologer");

        var admin = await browser.NewPageAsync();
        await SignInAsync(admin, (await CreateAccountAsync(AccountRole.Admin)).Email, "/admin");
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Admin");
        await Expect(admin.GetByRole(AriaRole.Navigation, new() { Name = "Admin navigation" }).GetByRole(AriaRole.Link, new() { Name = "System health" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_phone_the_menu_button_opens_the_navigation_drawer()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoInteractiveAsync("");
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Public navigation" });
        await Expect(navigation).Not.ToBeInViewportAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await Expect(navigation).ToBeInViewportAsync();
        await navigation.GetByRole(AriaRole.Link, new() { Name = "About" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("About StarSync");
        await Expect(page.GetByText("CC BY 4.0", new() { Exact = false }).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_reconnect_dialog_says_plainly_what_is_happening_in_each_state()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoInteractiveAsync("");
        var dialog = page.Locator("#components-reconnect-modal");
        await Expect(dialog).ToBeHiddenAsync();

        // Blazor signals a dropped connection by a state class and an event on the dialog; raise them as it does.
        const string Signal = """
            state => {
                const dialog = document.getElementById('components-reconnect-modal');
                dialog.className = 'components-reconnect-' + state;
                dialog.dispatchEvent(new CustomEvent('components-reconnect-state-changed', { detail: { state } }));
            }
            """;
        await page.EvaluateAsync(Signal, "show");
        await Expect(dialog.GetByText("Connection lost — trying to reconnect…")).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        await page.EvaluateAsync(Signal, "failed");
        await Expect(dialog.GetByText("Could not reconnect.")).ToBeVisibleAsync();
        await Expect(dialog.GetByText("Connection lost — trying to reconnect…")).ToBeHiddenAsync();
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Reload" }).First).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Try again" })).ToBeVisibleAsync();
    }

    private async Task<Account> CreateAccountAsync(AccountRole role)
    {
        var hasher = browser.App.Services.GetRequiredService<PasswordHasher>();
        var created = await browser.App.Services.GetRequiredService<IAccountStore>().CreateAsync(new NewAccount
        {
            Email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.com",
            Name = "Portal Tester",
            Role = role,
            PasswordHash = hasher.Hash(Password),
        });
        return created.Account!;
    }

    private static async Task SignInAsync(IPage page, string email, string returnUrl)
    {
        await page.GotoAsync($"login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(returnUrl) + "$"));
    }
}
