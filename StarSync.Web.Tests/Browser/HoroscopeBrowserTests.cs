using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StarSync.Web.Tests.Browser;

/// <summary>The daily horoscope in a real chromium against the real app, on a phone-sized screen.</summary>
[Collection(SharedBrowser.Name)]
public sealed class HoroscopeBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_visitor_picks_a_sign_switches_to_tomorrow_and_opens_a_statements_why()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoInteractiveAsync("horoscope");
        await Expect(page.Locator("[data-testid^='sign-card-']")).ToHaveCountAsync(12);

        await page.GetByTestId("sign-card-scorpio").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/horoscope/scorpio$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Scorpio");
        await page.Locator("[data-testid='interactive']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        var todayDate = await page.GetByTestId("tab-date").TextContentAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Tomorrow" }).ClickAsync();
        await Expect(page.GetByTestId("tab-date")).Not.ToHaveTextAsync(todayDate!);
        await Expect(page.GetByTestId("reason")).ToHaveCountAsync(10);

        await page.GetByTestId("reason").First.ClickAsync();
        await Expect(page.GetByTestId("reason-because").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("reason-because").First).ToContainTextAsync("from Scorpio");
    }

    [Theory]
    [InlineData(390, "dark")]
    [InlineData(1366, "light")]
    public async Task The_sign_page_has_no_serious_accessibility_violations(int width, string theme)
    {
        var page = await browser.NewPageAsync(width, 900, theme);
        await page.GotoInteractiveAsync("horoscope/taurus");
        await Expect(page.GetByTestId("reason")).ToHaveCountAsync(10);

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
}
