using Microsoft.Playwright;
using StarSync.Engine.Accounts;
using static Microsoft.Playwright.Assertions;

namespace StarSync.Web.Tests.Browser;

/// <summary>An admin takes a backup from the admin portal and sees it listed, ready to download.</summary>
[Collection(SharedBrowser.Name)]
public sealed class BackupsBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_admin_backs_up_now_and_the_new_backup_is_listed_with_a_download_link()
    {
        var admin = await TestAccounts.CreateAsync(fixture, AccountRole.Admin, "Anita Admin");
        var page = await fixture.NewPageAsync(390, 844);
        await TestAccounts.SignInAsync(page, admin.Email, "/admin/backups");
        await page.Locator("[data-testid='interactive']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var rows = page.GetByTestId("backup-row");
        var before = await rows.CountAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Back up now" }).ClickAsync();

        await Expect(rows).ToHaveCountAsync(before + 1, new() { Timeout = BrowserFixture.TimeoutMs });
        await Expect(page.GetByText("Backup written")).ToBeVisibleAsync();
        var download = rows.First.GetByRole(AriaRole.Link);
        var href = await download.GetAttributeAsync("href");
        Assert.Matches("^api/v1/admin/backups/starsync-[0-9]{8}T[0-9]{9}Z\\.db$", href);
        // The link works with the admin's browser sign-in.
        var response = await page.APIRequest.GetAsync("/" + href);
        Assert.Equal(200, response.Status);
        Assert.True((await response.BodyAsync()).Length > 8192);
        // Nothing on the page is wider than the phone.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "starsync-admin-backups-phone.png"), FullPage = true });
    }
}
