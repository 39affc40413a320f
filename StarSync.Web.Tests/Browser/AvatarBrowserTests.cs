using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkiaSharp;
using StarSync.Engine.Storage;
using StarSync.Web.Assets;
using StarSync.Web.Tests.Assets;
using static Microsoft.Playwright.Assertions;

namespace StarSync.Web.Tests.Browser;

/// <summary>A user's photo through the account page: upload, see it, replace it, remove it; bad files explained.</summary>
[Collection(SharedBrowser.Name)]
public sealed class AvatarBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_user_uploads_a_photo_sees_it_replaces_it_and_removes_it()
    {
        var account = await TestAccounts.CreateAsync(fixture, name: "Ravi Shankar");
        var page = await fixture.NewPageAsync(390, 844);
        await TestAccounts.SignInAsync(page, account.Email, "/account");
        // The upload control works once the page is live (the prerendered copy has the same input, unwired).
        await page.Locator(".avatar-row[data-interactive='true']").WaitForAsync();
        await Expect(page.Locator(".account-avatar")).ToHaveTextAsync("RS");

        var photo = TestImages.WithExif(TestImages.Encode(1600, 1200, SKEncodedImageFormat.Jpeg), 1, "GPS home address");
        await page.Locator("input[type=file]:not(.d-none)").SetInputFilesAsync(new FilePayload { Name = "me.jpg", MimeType = "image/jpeg", Buffer = photo });

        var picture = page.GetByRole(AriaRole.Img, new() { Name = "Your picture" });
        await Expect(picture).ToBeVisibleAsync();
        var first = await picture.GetAttributeAsync("src");
        Assert.Matches("^/assets/avatars/[0-9a-f]{32}\\.webp$", first);
        // What is served is the processed square: 512 px WebP without the upload's metadata.
        var served = await (await page.APIRequest.GetAsync(first!)).BodyAsync();
        Assert.Equal(new ImageHeader(UploadImageFormat.Webp, 512, 512), ImageHeader.Read(served));
        Assert.DoesNotContain("GPS home", System.Text.Encoding.ASCII.GetString(served), StringComparison.Ordinal);

        await page.Locator("input[type=file]:not(.d-none)").SetInputFilesAsync(new FilePayload { Name = "new.png", MimeType = "image/png", Buffer = TestImages.Encode(300, 300, SKEncodedImageFormat.Png) });
        await Expect(picture).Not.ToHaveAttributeAsync("src", first!);
        // The replaced picture is deleted, not left behind.
        Assert.Equal(404, (await page.APIRequest.GetAsync(first!)).Status);

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(page.Locator(".account-avatar")).ToHaveTextAsync("RS");
        var stored = await fixture.App.Services.GetRequiredService<IAccountStore>().FindByIdAsync(account.Id);
        Assert.Null(stored?.Avatar);
    }

    [Fact]
    public async Task A_file_that_is_not_a_picture_is_refused_in_words_whatever_its_name()
    {
        var account = await TestAccounts.CreateAsync(fixture);
        var page = await fixture.NewPageAsync();
        await TestAccounts.SignInAsync(page, account.Email, "/account");
        // The upload control works once the page is live (the prerendered copy has the same input, unwired).
        await page.Locator(".avatar-row[data-interactive='true']").WaitForAsync();

        await page.Locator("input[type=file]:not(.d-none)").SetInputFilesAsync(new FilePayload
        {
            Name = "holiday.jpg", MimeType = "image/jpeg", Buffer = "<svg xmlns='http://www.w3.org/2000/svg'/>"u8.ToArray(),
        });

        await Expect(page.GetByTestId("avatar-error")).ToHaveTextAsync("This file is not a JPEG, PNG or WebP picture.", new() { Timeout = BrowserFixture.TimeoutMs });
        Assert.Null((await fixture.App.Services.GetRequiredService<IAccountStore>().FindByIdAsync(account.Id))?.Avatar);
    }
}
