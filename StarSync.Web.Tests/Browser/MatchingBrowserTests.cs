using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StarSync.Engine.Accounts;
using StarSync.Engine.Places;
using StarSync.Engine.Storage;
using static Microsoft.Playwright.Assertions;

namespace StarSync.Web.Tests.Browser;

/// <summary>The matching page in a real chromium against the real app: both people filled by their labels.</summary>
[Collection(SharedBrowser.Name)]
public sealed class MatchingBrowserTests(BrowserFixture browser)
{
    /// <summary>When set (a folder), the tests also save screenshots of the page there.</summary>
    private static readonly string? ScreenshotFolder = Environment.GetEnvironmentVariable("STARSYNC_SCREENSHOTS");

    [Fact]
    public async Task Visitor_fills_both_people_and_sees_the_total_and_the_eight_kootas()
    {
        var page = await browser.NewPageAsync(1366, 900);
        // The navigation's address: the page answers it as well as "/match".
        await page.GotoInteractiveAsync("matching");

        await FillPersonAsync(page, "Groom", "Ravi", "1988-11-02", "06:45");
        await FillPersonAsync(page, "Bride", "Asha", "1990-05-15", "14:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check compatibility" }).ClickAsync();

        var report = page.GetByTestId("match-report");
        await Expect(report.GetByTestId("match-total")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+(\.5)? / 36$"));
        var rows = page.GetByTestId("koota-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(8);
        foreach (var koota in new[] { "Varna", "Vashya", "Tara", "Yoni", "Graha Maitri", "Gana", "Bhakoot", "Nadi" })
        {
            await Expect(page.Locator($"tr[data-koota='{koota}']")).ToBeVisibleAsync();
        }

        await Expect(report.GetByTestId("match-summary")).ToContainTextAsync("of 36 gunas");
        await Expect(report.GetByTestId("manglik")).ToContainTextAsync("Groom:");
        await Expect(report.GetByTestId("manglik")).ToContainTextAsync("Bride:");
    }

    [Fact]
    public async Task Checking_an_empty_form_shows_messages_beside_each_person_s_fields()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoInteractiveAsync("match");

        await page.GetByRole(AriaRole.Button, new() { Name = "Check compatibility" }).ClickAsync();

        await Expect(page.GetByTestId("groom-form").GetByText("Date of birth is required", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("bride-form").GetByText("Place of birth is required", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("match-report")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData(1366, "light")]
    [InlineData(390, "dark")]
    public async Task The_filled_page_and_its_result_have_no_serious_accessibility_violations(int width, string theme)
    {
        var page = await browser.NewPageAsync(width, 900, theme);
        await page.GotoInteractiveAsync("match");
        await FillPersonAsync(page, "Groom", "Ravi", "1988-11-02", "06:45");
        await FillPersonAsync(page, "Bride", "Asha", "1990-05-15", "14:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check compatibility" }).ClickAsync();
        await Expect(page.GetByTestId("koota-table").Locator("tbody tr")).ToHaveCountAsync(8);

        // Let the theme settle before contrast is measured (as the site-wide accessibility tests do).
        await page.WaitForFunctionAsync(theme == "dark"
            ? "getComputedStyle(document.body).backgroundColor === 'rgb(16, 14, 36)'"
            : "getComputedStyle(document.body).backgroundColor === 'rgb(250, 247, 242)'");
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    [Fact]
    public async Task A_signed_in_person_matches_two_saved_profiles_and_the_advanced_options_change_the_result()
    {
        var account = await TestAccounts.CreateAsync(browser);
        var profiles = browser.App.Services.GetRequiredService<IBirthProfileStore>();
        var delhi = browser.App.Services.GetRequiredService<Gazetteer>().Find("1261481")!;
        BirthDetails Birth(string label, string name, string date, string time) => new()
        {
            Label = label, Name = name, Date = date, Time = time, TimeKnown = true, PlaceId = delhi.Id,
            Latitude = delhi.Latitude, Longitude = delhi.Longitude, TimeZone = delhi.TimeZone,
        };

        // Ravi: Pisces rising with Mars in it, Manglik by the northern houses (1st) but not the southern (2nd in its place).
        // Asha: the Moon at 269.1°, under 1° before Capricorn by Lahiri; by Raman (about 1.45° less) it is past 270°.
        await profiles.AddAsync(account.Id, Birth("Brother", "Ravi", "1988-11-02", "15:45:00"));
        await profiles.AddAsync(account.Id, Birth("Me", "Asha", "1990-05-15", "09:00:00"));

        var page = await browser.NewPageAsync(1366, 900);
        await TestAccounts.SignInAsync(page, account.Email, "/match");
        await page.Locator("[data-testid='interactive']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.GetByTestId("sign-in-hint")).ToHaveCountAsync(0);

        await PickProfileAsync(page, "Groom", "Brother · Ravi");
        await PickProfileAsync(page, "Bride", "Me · Asha");
        await Expect(page.GetByLabel("Groom's name", new() { Exact = true })).ToHaveValueAsync("Ravi");
        await Expect(page.GetByLabel("Groom's date of birth", new() { Exact = true })).ToHaveValueAsync("1988-11-02");
        await Expect(page.GetByLabel("Groom's time of birth", new() { Exact = true })).ToHaveValueAsync("15:45");
        await Expect(page.GetByLabel("Bride's place of birth", new() { Exact = true })).ToHaveValueAsync("New Delhi, Delhi, India");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check compatibility" }).ClickAsync();

        var report = page.GetByTestId("match-report");
        var manglik = report.GetByTestId("manglik");
        await Expect(report.GetByTestId("match-total")).ToHaveTextAsync("9.5 / 36");
        await Expect(report).ToContainTextAsync("Bride: Moon in Sagittarius, Uttara Ashadha.");
        await Expect(manglik).ToContainTextAsync("Groom: Manglik (from the lagna)");
        await Expect(manglik).ToContainTextAsync("From the lagna: Mars in house 1, a Manglik house.");
        await Expect(manglik).ToContainTextAsync("From the Moon: Mars in house 9, not a Manglik house.");
        await Expect(manglik).ToContainTextAsync("From Venus: Mars in house 7, a Manglik house.");
        await Expect(report.GetByTestId("match-conventions"))
            .ToHaveTextAsync("north-common tables · Manglik houses north (1, 4, 7, 8, 12) · Lahiri ayanamsa · mean node · sunrise by the upper limb");

        // The rules are the tradition in use, shown but not open to change while they are the only table set.
        await page.GetByText("Advanced options").ClickAsync();
        await Expect(page.GetByTestId("rules-select")).ToHaveValueAsync("north-common");
        await Expect(page.GetByTestId("rules-select")).ToHaveAttributeAsync("readonly", "");

        // The southern house set counts the 2nd instead of the 1st: Ravi is no longer Manglik.
        await page.GetByTestId("houses-select").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "south (2, 4, 7, 8, 12)" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Check compatibility" }).ClickAsync();
        await Expect(manglik).ToContainTextAsync("Groom: not Manglik (from the lagna)");
        await Expect(manglik).ToContainTextAsync("From the lagna: Mars in house 1, not a Manglik house.");
        await Expect(report.GetByTestId("match-total")).ToHaveTextAsync("9.5 / 36");

        // Raman's ayanamsa carries Asha's Moon into Capricorn, and the score with it.
        await page.GetByTestId("ayanamsa-select").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Raman" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Check compatibility" }).ClickAsync();
        await Expect(report.GetByTestId("match-total")).ToHaveTextAsync("13 / 36");
        await Expect(report).ToContainTextAsync("Bride: Moon in Capricorn, Uttara Ashadha.");
        await Expect(report.GetByTestId("match-conventions")).ToContainTextAsync("Manglik houses south (2, 4, 7, 8, 12) · Raman ayanamsa");
        await SaveScreenshotAsync(page, "match-desktop-form.png", "[data-testid='groom-form']");
        await SaveScreenshotAsync(page, "match-desktop.png", "[data-testid='match-report']");
        // The profile selects and the open options panel pass the same accessibility check as the visitor's form.
        await page.AssertNoSeriousAxeViolationsAsync();

        // Editing a field by hand lets go of the profile it came from.
        await page.GetByLabel("Groom's time of birth", new() { Exact = true }).FillAsync("15:50");
        await page.GetByLabel("Groom's time of birth", new() { Exact = true }).PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Groom's saved profile", Exact = true })).ToHaveValueAsync("");
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Bride's saved profile", Exact = true })).ToHaveValueAsync("Me · Asha");
    }

    [Fact]
    public async Task On_a_phone_the_profiles_and_the_result_fit_the_width()
    {
        var account = await TestAccounts.CreateAsync(browser);
        var profiles = browser.App.Services.GetRequiredService<IBirthProfileStore>();
        var delhi = browser.App.Services.GetRequiredService<Gazetteer>().Find("1261481")!;
        foreach (var (label, date, time) in new[] { ("Ravi", "1988-11-02", "06:45:00"), ("Asha", "1990-05-15", "14:30:00") })
        {
            await profiles.AddAsync(account.Id, new BirthDetails
            {
                Label = label, Name = label, Date = date, Time = time, TimeKnown = true, PlaceId = delhi.Id,
                Latitude = delhi.Latitude, Longitude = delhi.Longitude, TimeZone = delhi.TimeZone,
            });
        }

        var page = await browser.NewPageAsync(390, 844);
        await TestAccounts.SignInAsync(page, account.Email, "/match");
        await page.Locator("[data-testid='interactive']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await PickProfileAsync(page, "Groom", "Ravi");
        await PickProfileAsync(page, "Bride", "Asha");
        await SaveScreenshotAsync(page, "match-phone-form.png", "[data-testid='bride-form']");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check compatibility" }).ClickAsync();
        await Expect(page.GetByTestId("koota-table").Locator("tbody tr")).ToHaveCountAsync(8);
        // The same pair as the visitor's test above and the API's: Asha's Moon is in Capricorn.
        await Expect(page.GetByTestId("match-report")).ToContainTextAsync("Bride: Moon in Capricorn");

        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.False(overflow, "The page scrolls sideways on a 390 px wide phone.");
        await SaveScreenshotAsync(page, "match-phone-result.png", "[data-testid='match-report']");
    }

    /// <summary>What a person sees once scrolled to <paramref name="scrollTo"/>: that part just under the app bar.</summary>
    private static async Task SaveScreenshotAsync(IPage page, string file, string scrollTo)
    {
        if (ScreenshotFolder is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        await page.EvaluateAsync(
            "selector => { const top = document.querySelector(selector).getBoundingClientRect().top + window.scrollY; window.scrollTo(0, top - 76); }",
            scrollTo);
        await page.Mouse.MoveAsync(1, 1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, file), Type = ScreenshotType.Png });
    }

    private static async Task PickProfileAsync(IPage page, string role, string profile)
    {
        await page.GetByRole(AriaRole.Combobox, new() { Name = $"{role}'s saved profile", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = profile, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = $"{role}'s saved profile", Exact = true })).ToHaveValueAsync(profile);
    }

    private static async Task FillPersonAsync(IPage page, string role, string name, string date, string time)
    {
        await page.GetByLabel($"{role}'s name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel($"{role}'s date of birth", new() { Exact = true }).FillAsync(date);
        await page.GetByLabel($"{role}'s date of birth", new() { Exact = true }).PressAsync("Tab");
        await page.GetByLabel($"{role}'s time of birth", new() { Exact = true }).FillAsync(time);
        await page.GetByLabel($"{role}'s time of birth", new() { Exact = true }).PressAsync("Tab");
        var place = page.GetByLabel($"{role}'s place of birth", new() { Exact = true });
        await page.ChoosePlaceAsync(place, "New Del", "New Delhi, Delhi, India");
    }
}
