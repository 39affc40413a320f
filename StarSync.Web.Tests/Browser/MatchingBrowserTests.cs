using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StarSync.Web.Tests.Browser;

/// <summary>The matching page in a real chromium against the real app: both people filled by their labels.</summary>
[Collection(SharedBrowser.Name)]
public sealed class MatchingBrowserTests(BrowserFixture browser)
{
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

    private static async Task FillPersonAsync(IPage page, string role, string name, string date, string time)
    {
        await page.GetByLabel($"{role}'s name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel($"{role}'s date of birth", new() { Exact = true }).FillAsync(date);
        await page.GetByLabel($"{role}'s date of birth", new() { Exact = true }).PressAsync("Tab");
        await page.GetByLabel($"{role}'s time of birth", new() { Exact = true }).FillAsync(time);
        await page.GetByLabel($"{role}'s time of birth", new() { Exact = true }).PressAsync("Tab");
        var place = page.GetByLabel($"{role}'s place of birth", new() { Exact = true });
        await place.PressSequentiallyAsync("New Del");
        await Expect(place).ToHaveValueAsync("New Del");
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = "New Delhi, Delhi, India" }).First.ClickAsync();
        await Expect(place).ToHaveValueAsync("New Delhi, Delhi, India");
    }
}
