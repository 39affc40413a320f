using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Web.Auth;
using static Microsoft.Playwright.Assertions;

namespace StarSync.Web.Tests.Browser;

/// <summary>Saved birth profiles on the Kundli page: save a chart, find it on the account page, open it again from both.</summary>
[Collection(SharedBrowser.Name)]
public sealed partial class SavedProfileBrowserTests(BrowserFixture fixture)
{
    /// <summary>When set (a folder), the tests also save screenshots of the select and of the save dialog there.</summary>
    private static readonly string? ScreenshotFolder = Environment.GetEnvironmentVariable("STARSYNC_SCREENSHOTS");

    private IBirthProfileStore Profiles => fixture.App.Services.GetRequiredService<IBirthProfileStore>();

    private Task<Account> CreateUserAsync(string name = "Meera Iyer") => TestAccounts.CreateAsync(fixture, AccountRole.User, name);

    private static async Task SignInAsync(IPage page, string email, string returnUrl = "/kundli")
    {
        await TestAccounts.SignInAsync(page, email, returnUrl);
        await WaitInteractiveAsync(page);
    }

    private static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("[data-testid='interactive']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>The report's "Lagna" fact, e.g. "Cancer 14°12′05″ (Karka)": the same text means the same chart.</summary>
    private static ILocator Lagna(IPage page) =>
        page.GetByTestId("kundli-report").Locator("dt", new() { HasTextRegex = LagnaTerm() }).Locator("xpath=following-sibling::dd");

    private static ILocator SavedProfileSelect(IPage page) => page.GetByRole(AriaRole.Combobox, new() { Name = "Saved profile", Exact = true });

    [GeneratedRegex("^Lagna$")]
    private static partial Regex LagnaTerm();

    [GeneratedRegex("date=1990-05-14.*place=1261481")]
    private static partial Regex AshaChartAddress();

    [Fact]
    public async Task A_saved_chart_is_listed_on_the_account_page_and_opens_again_from_there_and_from_the_select()
    {
        var account = await CreateUserAsync();
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, account.Email);
        await Expect(page.GetByTestId("no-saved-profiles")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("sign-in-hint")).ToHaveCountAsync(0);

        await page.FillKundliFormAsync("Asha");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show my Kundli" }).ClickAsync();
        await Expect(page.GetByTestId("kundli-report").GetByRole(AriaRole.Heading, new() { Name = "Asha", Exact = true })).ToBeVisibleAsync();
        var lagna = await Lagna(page).InnerTextAsync();
        Assert.StartsWith("Cancer", lagna, StringComparison.Ordinal);

        // Save it as "Me": the dialog proposes the chart's name as the label.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save to my profiles" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Save to my profiles" });
        await Expect(dialog.GetByLabel("Label")).ToHaveValueAsync("Asha");
        await Expect(dialog).ToContainTextAsync("14 May 1990, 10:30 · New Delhi, Delhi, India");
        await dialog.GetByLabel("Label").FillAsync("Me");
        await SaveScreenshotAsync(page, "kundli-save-profile-dialog.png");
        await AssertAccessibleAsync(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Saved as “Me”.", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        var saved = Assert.Single(await Profiles.ListAsync(account.Id));
        Assert.Equal(
            new BirthDetails
            {
                Label = "Me", Name = "Asha", Date = "1990-05-14", Time = "10:30:00", TimeKnown = true, PlaceId = "1261481",
                Latitude = saved.Details.Latitude, Longitude = saved.Details.Longitude, TimeZone = "Asia/Kolkata", UtcOffset = null,
            },
            saved.Details);
        Assert.InRange(saved.Details.Latitude, 28.5, 28.7);
        Assert.InRange(saved.Details.Longitude, 77.1, 77.3);

        // The select above the form now lists it, chosen, since it is the chart on screen.
        await Expect(SavedProfileSelect(page)).ToHaveValueAsync("Me · Asha");
        await AssertAccessibleAsync(page);

        // Saving the same chart again is answered, not duplicated.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save to my profiles" }).ClickAsync();
        await Expect(dialog.GetByTestId("already-saved")).ToContainTextAsync("already in your profiles as “Me”");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        Assert.Single(await Profiles.ListAsync(account.Id));

        // The account page lists it, and "Open chart" casts the same chart.
        await page.GotoAsync("/account");
        await WaitInteractiveAsync(page);
        var listed = page.Locator(".saved-profile").Filter(new() { HasText = "Me" });
        await Expect(listed).ToContainTextAsync("Asha");
        await listed.GetByText("Open chart").ClickAsync();
        await Expect(page).ToHaveURLAsync(AshaChartAddress());
        await Expect(page.GetByTestId("kundli-report").GetByRole(AriaRole.Heading, new() { Name = "Asha", Exact = true })).ToBeVisibleAsync();
        await Expect(Lagna(page)).ToHaveTextAsync(lagna);
        await Expect(page.GetByLabel("Place of birth")).ToHaveValueAsync("New Delhi, Delhi, India");

        // Typed or reloaded, the profile's address opens it the same way.
        await page.GotoAsync($"/kundli?profile={saved.Id}");
        await Expect(page).ToHaveURLAsync(AshaChartAddress());
        await Expect(Lagna(page)).ToHaveTextAsync(lagna);

        // From an empty Kundli page, picking it from the select fills the form and casts it.
        await page.GotoAsync("/kundli");
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("kundli-report")).ToHaveCountAsync(0);
        await SavedProfileSelect(page).ClickAsync();
        var option = page.GetByRole(AriaRole.Option, new() { Name = "Me · Asha" });
        await Expect(option).ToBeVisibleAsync();
        await SaveScreenshotAsync(page, "kundli-saved-profile-select.png");
        await option.ClickAsync();
        await Expect(page).ToHaveURLAsync(AshaChartAddress());
        await Expect(Lagna(page)).ToHaveTextAsync(lagna);
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Asha");
        await Expect(page.GetByLabel("Date of birth")).ToHaveValueAsync("1990-05-14");
        await Expect(page.GetByLabel("Time of birth")).ToHaveValueAsync("10:30");
        await Expect(page.GetByLabel("Place of birth")).ToHaveValueAsync("New Delhi, Delhi, India");
    }

    [Fact]
    public async Task Another_accounts_profile_or_a_visitor_gets_a_friendly_message_and_an_empty_form()
    {
        var owner = await CreateUserAsync("Owner");
        var theirs = await Profiles.AddAsync(owner.Id, new BirthDetails
        {
            Label = "Mother", Name = "Lakshmi", Date = "1962-08-02", Time = "06:15:00", TimeKnown = true, PlaceId = "1261481",
            Latitude = 28.63576, Longitude = 77.22445, TimeZone = "Asia/Kolkata",
        });
        Assert.NotNull(theirs);

        var someoneElse = await CreateUserAsync("Someone Else");
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, someoneElse.Email);
        await page.GotoAsync($"/kundli?profile={theirs.Id}");
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("profile-not-found")).ToContainTextAsync("not in your account");
        await Expect(page.GetByLabel("Date of birth")).ToHaveValueAsync("");
        await Expect(page.GetByTestId("kundli-report")).ToHaveCountAsync(0);
        await Expect(page.GetByText("Lakshmi")).ToHaveCountAsync(0);
        await AssertAccessibleAsync(page);

        var visitor = await fixture.NewPageAsync(390, 844);
        await visitor.GotoAsync($"/kundli?profile={theirs.Id}");
        await WaitInteractiveAsync(visitor);
        await Expect(visitor.GetByTestId("profile-sign-in")).ToContainTextAsync("Sign in");
        await Expect(visitor.GetByTestId("sign-in-hint")).ToContainTextAsync("Sign in to save charts for your family.");
        await Expect(visitor.GetByTestId("kundli-report")).ToHaveCountAsync(0);
        await Expect(visitor.GetByText("Lakshmi")).ToHaveCountAsync(0);
        await AssertAccessibleAsync(visitor);

        // The owner, not yet signed in here, signs in from the message and lands on the chart.
        await visitor.GetByTestId("profile-sign-in").GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await visitor.GetByLabel("Email").FillAsync(owner.Email);
        await visitor.GetByLabel("Password").FillAsync(TestAccounts.Password);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(visitor).ToHaveURLAsync(new Regex("date=1962-08-02"));
        await Expect(visitor.GetByTestId("kundli-report").GetByRole(AriaRole.Heading, new() { Name = "Lakshmi", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_profile_saved_with_coordinates_and_an_explicit_offset_opens_with_them()
    {
        var account = await CreateUserAsync();
        var profile = await Profiles.AddAsync(account.Id, new BirthDetails
        {
            Label = "Grandfather", Name = "Raghav", Date = "1931-03-20", Time = "05:40:00", TimeKnown = true,
            Latitude = 18.975, Longitude = 72.8258, TimeZone = "Asia/Kolkata", UtcOffset = "+05:30",
        });
        Assert.NotNull(profile);

        // On a phone, where most people are.
        var page = await fixture.NewPageAsync(390, 844);
        await SignInAsync(page, account.Email);
        await SaveScreenshotAsync(page, "kundli-phone-saved-profile-select.png");
        await SavedProfileSelect(page).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Grandfather · Raghav" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("lat=18.975&lon=72.8258&zone=Asia%2FKolkata"));
        await Expect(page.GetByTestId("kundli-report").GetByRole(AriaRole.Heading, new() { Name = "Raghav", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("offset-used")).ToContainTextAsync("UTC+05:30");
        await Expect(page.GetByLabel("Place of birth")).ToHaveValueAsync("18.9750°N, 72.8258°E");
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "UTC offset", Exact = true })).ToHaveValueAsync("+05:30");
        await Expect(SavedProfileSelect(page)).ToHaveValueAsync("Grandfather · Raghav");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save to my profiles" })).ToBeVisibleAsync();
        await page.EvaluateAsync("() => document.getElementById('report-title').scrollIntoView({ block: 'center' })");
        await SaveScreenshotAsync(page, "kundli-phone-save-button.png");
    }

    /// <summary>axe-core as in the accessibility tests: no serious or critical violation (WCAG 2.1 AA, best practices).</summary>
    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    private static async Task SaveScreenshotAsync(IPage page, string name, ILocator? element = null)
    {
        if (ScreenshotFolder is null)
        {
            return;
        }

        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name);
        if (element is null)
        {
            await page.ScreenshotAsync(new() { Path = path });
        }
        else
        {
            await element.ScreenshotAsync(new() { Path = path });
        }
    }
}
