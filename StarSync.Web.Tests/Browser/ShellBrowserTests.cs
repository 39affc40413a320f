using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StarSync.Web.Tests.Browser;

/// <summary>The shell around every page: navigation, theme, portals and pages that are not open yet.</summary>
[Collection(SharedBrowser.Name)]
public sealed class ShellBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Home_page_leads_to_the_Kundli_and_says_what_is_coming_soon()
    {
        var page = await browser.NewPageAsync();
        await page.GotoInteractiveAsync("");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your birth chart, read from the real sky");
        await Expect(page.GetByText("Coming soon")).ToHaveCountAsync(3);
        await Expect(page.GetByRole(AriaRole.Contentinfo)).ToContainTextAsync("GeoNames");
        await Expect(page.GetByRole(AriaRole.Contentinfo)).ToContainTextAsync("Swiss Ephemeris");

        await page.GetByTestId("hero-kundli").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/kundli$"));
        await Expect(page.GetByLabel("Date of birth")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Sign_in_goes_to_a_coming_soon_page_and_pages_not_built_yet_say_so()
    {
        var page = await browser.NewPageAsync();
        await page.GotoInteractiveAsync("");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login$"));
        await Expect(page.GetByTestId("coming-soon")).ToContainTextAsync("Coming soon");

        await page.GotoAsync("matching");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Kundli matching");
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
    public async Task Astrologer_and_admin_portals_have_their_own_navigation_and_say_they_open_with_sign_in()
    {
        var page = await browser.NewPageAsync();
        await page.GotoInteractiveAsync("astrologer/earnings");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Astrologer portal: Earnings");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Astrologer navigation" }).GetByRole(AriaRole.Link, new() { Name = "Reviews" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("portal-placeholder")).ToContainTextAsync("Opens with sign-in");

        await page.GotoInteractiveAsync("admin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Admin portal");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Admin navigation" }).GetByRole(AriaRole.Link, new() { Name = "System health" })).ToBeVisibleAsync();
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
}
