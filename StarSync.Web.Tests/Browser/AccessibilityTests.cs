using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StarSync.Web.Tests.Browser;

/// <summary>axe-core over the public pages: no serious or critical violation (WCAG 2.1 AA rules, contrast included).</summary>
[Collection(SharedBrowser.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    private const string Result = "kundli?name=Asha&date=1990-05-14&time=10:30&place=1261481";

    [Theory]
    [InlineData("", 1366, "light")]
    [InlineData("", 390, "dark")]
    [InlineData("kundli", 1366, "light")]
    [InlineData("kundli", 390, "light")]
    [InlineData(Result, 1366, "light")]
    [InlineData(Result + "&style=south", 390, "light")]
    [InlineData(Result, 1366, "dark")]
    public async Task Page_has_no_serious_or_critical_accessibility_violations(string path, int width, string theme)
    {
        var page = await browser.NewPageAsync(width, 900, theme);
        await page.GotoInteractiveAsync(path);
        if (path.StartsWith("kundli?", StringComparison.Ordinal))
        {
            await Expect(page.GetByTestId("kundli-report")).ToBeVisibleAsync();
        }

        // Let the theme (which follows the device on a first visit) settle before measuring contrast.
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
    public async Task Every_form_control_is_named_by_its_visible_label()
    {
        var page = await browser.NewPageAsync();
        await page.GotoInteractiveAsync("kundli");

        foreach (var (label, role) in new[]
        {
            ("Name", AriaRole.Textbox), ("Date of birth", AriaRole.Textbox), ("Time of birth", AriaRole.Textbox), ("Place of birth", AriaRole.Combobox),
        })
        {
            await Expect(page.GetByRole(role, new() { Name = label, Exact = true })).ToHaveCountAsync(1);
            await Expect(page.GetByLabel(label, new() { Exact = true })).ToHaveCountAsync(1);
        }
    }
}
