using Microsoft.Playwright;

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

    /// <summary>Fills the Kundli form through its labels, as a person would, picking New Delhi from the place suggestions.</summary>
    public static async Task FillKundliFormAsync(this IPage page, string name = "Asha")
    {
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Date of birth").FillAsync("1990-05-14");
        await page.GetByLabel("Date of birth").PressAsync("Tab");
        await page.GetByLabel("Time of birth").FillAsync("10:30");
        await page.GetByLabel("Time of birth").PressAsync("Tab");
        await page.GetByLabel("Place of birth").PressSequentiallyAsync("New Del");
        await Assertions.Expect(page.GetByLabel("Place of birth")).ToHaveValueAsync("New Del");
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = "New Delhi, Delhi, India" }).First.ClickAsync();
        await Assertions.Expect(page.GetByLabel("Place of birth")).ToHaveValueAsync("New Delhi, Delhi, India");
    }
}
