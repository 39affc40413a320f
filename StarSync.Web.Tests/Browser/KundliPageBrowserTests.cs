using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StarSync.Web.Tests.Browser;

/// <summary>The Kundli page in a real chromium against the real app: filled by its labels, as a visitor would.</summary>
[Collection(SharedBrowser.Name)]
public sealed class KundliPageBrowserTests(BrowserFixture browser)
{
    /// <summary>When set (a folder), the tests also save screenshots of the result there (docs/screenshots is made this way).</summary>
    private static readonly string? ScreenshotFolder = Environment.GetEnvironmentVariable("STARSYNC_SCREENSHOTS");

    [Fact]
    public async Task Desktop_visitor_fills_the_form_picks_New_Delhi_and_sees_both_chart_styles_and_the_dasha()
    {
        var page = await browser.NewPageAsync(1366, 900);
        await page.GotoInteractiveAsync("kundli");

        await page.FillKundliFormAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show my Kundli" }).ClickAsync();

        var report = page.GetByTestId("kundli-report");
        await Expect(report.GetByRole(AriaRole.Heading, new() { Name = "Asha", Exact = true })).ToBeVisibleAsync();
        var north = page.GetByTestId("north-indian-chart");
        await Expect(north).ToBeVisibleAsync();
        await Expect(north.Locator("g[data-house='1'] [data-graha='Lagna'] text")).ToHaveTextAsync("As");
        await Expect(north.Locator("g[data-house='10'] [data-graha='Sun'] text")).ToHaveTextAsync("Su");
        await Expect(page.GetByTestId("dasha-table").Locator("tr[data-level='mahadasha']")).ToHaveCountAsync(9);
        await Expect(page.GetByTestId("dasha-table").Locator("tr[data-level='mahadasha'][data-running]")).ToHaveCountAsync(1);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("date=1990-05-14.*place=1261481"));
        await SaveScreenshotAsync(page, "kundli-desktop-north.png");

        await page.GetByTestId("kundli-report").GetByRole(AriaRole.Checkbox, new() { Name = "South Indian" }).ClickAsync();
        var south = page.GetByTestId("south-indian-chart");
        await Expect(south).ToBeVisibleAsync();
        await Expect(north).ToBeHiddenAsync();
        await Expect(south.Locator("g[data-sign='4'] [data-graha='Lagna'] text")).ToHaveTextAsync("As");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("style=south"));
        await SaveScreenshotAsync(page, "kundli-desktop-south.png");
    }

    [Fact]
    public async Task Phone_visitor_gets_the_form_the_chart_and_the_dasha_in_one_column()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoInteractiveAsync("kundli");

        // The navigation drawer is folded away on a phone and opens from the menu button.
        await Expect(page.Locator("#portal-navigation")).Not.ToBeInViewportAsync();
        await page.FillKundliFormAsync("Ravi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show my Kundli" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ravi", Exact = true })).ToBeVisibleAsync();
        var chart = page.GetByTestId("north-indian-chart");
        await Expect(chart).ToBeVisibleAsync();
        var box = await chart.Locator("svg").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.Width, 300, 390);
        await Expect(page.GetByTestId("dasha-table")).ToBeVisibleAsync();
        await SaveScreenshotAsync(page, "kundli-phone-north.png", ".card-chart");

        await page.GetByTestId("kundli-report").GetByRole(AriaRole.Checkbox, new() { Name = "South Indian" }).ClickAsync();
        await Expect(page.GetByTestId("south-indian-chart")).ToBeVisibleAsync();
        await SaveScreenshotAsync(page, "kundli-phone-south.png", ".card-chart");
    }

    [Fact]
    public async Task Submitting_without_details_shows_the_field_messages_and_no_error_page()
    {
        var page = await browser.NewPageAsync();
        await page.GotoInteractiveAsync("kundli");

        await page.GetByLabel("Date of birth").FillAsync("1700-01-01");
        await page.GetByLabel("Date of birth").PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show my Kundli" }).ClickAsync();

        await Expect(page.GetByText("Dates from 1800-01-01 to 2399-12-31 are supported.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Time of birth is required", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.GetByText("Place of birth is required", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("kundli-report")).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Date of birth")).ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task Choosing_a_divisional_chart_and_opening_a_period_work_from_the_keyboard_and_mouse()
    {
        var page = await browser.NewPageAsync();
        await page.GotoInteractiveAsync("kundli?date=1990-05-14&time=10:30&place=1261481");
        await Expect(page.GetByTestId("kundli-report")).ToBeVisibleAsync();

        await page.GetByTestId("varga-select").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "D9 Navamsa" }).ClickAsync();
        await Expect(page.GetByTestId("north-indian-chart").Locator("svg")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("D9 Navamsa"));
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("varga=D9"));

        var jupiter = page.GetByTestId("dasha-table").Locator("tr[data-level='mahadasha'][data-lord='Jupiter'] button");
        await jupiter.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(jupiter).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(page.GetByTestId("dasha-table").Locator("tr[data-level='antardasha']")).ToHaveCountAsync(18);
    }

    [Fact]
    public async Task The_print_view_hides_the_app_and_lays_both_charts_side_by_side()
    {
        var page = await browser.NewPageAsync();
        await page.GotoInteractiveAsync("kundli?name=Asha&date=1990-05-14&time=10:30&place=1261481");
        await Expect(page.GetByTestId("kundli-report")).ToBeVisibleAsync();

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        await Expect(page.Locator(".mud-appbar")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("kundli-form")).ToBeHiddenAsync();
        var north = await page.GetByTestId("north-indian-chart").BoundingBoxAsync();
        var south = await page.GetByTestId("south-indian-chart").BoundingBoxAsync();
        Assert.NotNull(north);
        Assert.NotNull(south);
        Assert.Equal(north.Y, south.Y, 1.0);
        Assert.True(south.X > north.X + north.Width - 1, "The South Indian chart sits to the right of the North Indian one.");
        Assert.NotEmpty(await page.PdfAsync(new PagePdfOptions { Format = "A4" }));
    }

    private static async Task SaveScreenshotAsync(IPage page, string name, string scrollTo = ".report-grid")
    {
        if (ScreenshotFolder is null)
        {
            return;
        }

        Directory.CreateDirectory(ScreenshotFolder);
        // What a person sees once scrolled to the result: the given part of the report just under the app bar.
        await page.EvaluateAsync(
            "selector => { const top = document.querySelector(selector).getBoundingClientRect().top + window.scrollY; window.scrollTo(0, top - 76); }",
            scrollTo);
        await page.Mouse.MoveAsync(1, 1);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ScreenshotFolder, name),
            Type = ScreenshotType.Png,
        });
    }
}
