using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StarSync.Web.Tests.Infrastructure;

namespace StarSync.Web.Tests.Browser;

internal static class PageExtensions
{
    /// <summary>
    /// Opens a page and waits until Blazor has made it interactive: clicks on the prerendered markup before that
    /// would be lost. The shell renders the marker only when <c>RendererInfo.IsInteractive</c>.
    /// </summary>
    public static async Task GotoInteractiveAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("[data-testid='interactive']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    /// <summary>
    /// Waits until the page's address matches, as <see cref="IPage.WaitForURLAsync(System.Text.RegularExpressions.Regex, PageWaitForURLOptions?)"/>,
    /// and when it does not, fails with what the page and the server showed instead: the address it stayed on, whether
    /// the page shows Blazor's error bar or the reconnect dialog, and the host's last warnings.
    /// </summary>
    public static async Task WaitForPathAsync(this IPage page, System.Text.RegularExpressions.Regex address, StarSyncAppFactory app)
    {
        try
        {
            await page.WaitForURLAsync(address);
        }
        catch (TimeoutException e)
        {
            var errorBar = await page.Locator("#blazor-error-ui").IsVisibleAsync();
            var reconnecting = await page.Locator("#components-reconnect-modal").IsVisibleAsync();
            var log = app.ServerLog.Entries.TakeLast(15);
            throw new TimeoutException(
                $"The page stayed on {page.Url} instead of {address}; error bar shown: {errorBar}; reconnect dialog shown: {reconnecting}. Server's last warnings:{Environment.NewLine}{string.Join(Environment.NewLine, log)}",
                e);
        }
    }

    /// <summary>Fills the Kundli form through its labels, as a person would, picking New Delhi from the place suggestions.</summary>
    public static async Task FillKundliFormAsync(this IPage page, string name = "Asha")
    {
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Date of birth").FillAsync("1990-05-14");
        await page.GetByLabel("Date of birth").PressAsync("Tab");
        await page.GetByLabel("Time of birth").FillAsync("10:30");
        await page.GetByLabel("Time of birth").PressAsync("Tab");
        await page.ChoosePlaceAsync(page.GetByLabel("Place of birth"), "New Del", "New Delhi, Delhi, India");
    }

    /// <summary>
    /// Types the start of a place into a place field and picks the suggestion, as a person would. On a busy machine a
    /// slower, earlier search (of what the field held before) can answer after the typed one and close the list, so the
    /// typing is tried again, like a person who retypes when no suggestion shows.
    /// </summary>
    public static async Task ChoosePlaceAsync(this IPage page, ILocator field, string typed, string suggestion)
    {
        var option = page.GetByRole(AriaRole.Option).Filter(new() { HasText = suggestion }).First;
        for (var attempt = 1; ; attempt++)
        {
            await field.ClearAsync();
            await field.PressSequentiallyAsync(typed);
            await Assertions.Expect(field).ToHaveValueAsync(typed);
            try
            {
                await option.WaitForAsync(new() { Timeout = attempt < 3 ? 8_000 : 30_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                await field.PressAsync("Escape");
            }
        }

        await option.ClickAsync();
        await Assertions.Expect(field).ToHaveValueAsync(suggestion);
    }

    private static readonly string? ScreenshotFolder = Environment.GetEnvironmentVariable("STARSYNC_SCREENSHOTS");

    /// <summary>
    /// Keeps a picture of the page for a person to look at: always in the temp folder (<c>starsync-NAME</c>), and in
    /// <c>STARSYNC_SCREENSHOTS</c> (docs/screenshots when refreshing the docs) when that is set.
    /// </summary>
    public static async Task SaveScreenshotAsync(this IPage page, string name, bool fullPage = false)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "starsync-" + name), FullPage = fullPage });
        if (ScreenshotFolder is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = fullPage });
        }
    }

    /// <summary>Runs axe-core (WCAG 2.0/2.1 A and AA, best practices) and fails on any serious or critical violation.</summary>
    public static async Task AssertNoSeriousAxeViolationsAsync(this IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }
}
