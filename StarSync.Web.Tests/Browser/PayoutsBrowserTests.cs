using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using static Microsoft.Playwright.Assertions;

namespace StarSync.Web.Tests.Browser;

/// <summary>An admin records a bank transfer to an astrologer on the payouts page and sees the unpaid amount fall.</summary>
[Collection(SharedBrowser.Name)]
public sealed class PayoutsBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_admin_records_a_payout_through_the_dialog_and_the_unpaid_balance_falls()
    {
        var astrologer = await TestAccounts.CreateAsync(fixture, AccountRole.Astrologer, $"Pandit {Guid.NewGuid().ToString("N")[..6]}");
        var ledger = fixture.App.Services.GetRequiredService<ILedgerStore>();
        await ledger.PostAsync(new NewPosting
        {
            IdempotencyKey = $"test-earning:{astrologer.Id}", Reference = "seed", Actor = "system",
            Entries = [new(LedgerAccounts.Earnings(astrologer.Id), 84_000, LedgerEntryKind.Earning), new(LedgerAccounts.PlatformCommission, -84_000, LedgerEntryKind.Commission)],
        });
        var admin = await TestAccounts.CreateAsync(fixture, AccountRole.Admin, "Anita Admin");
        var page = await fixture.NewPageAsync(390, 844);
        await TestAccounts.SignInAsync(page, admin.Email, "/admin/payouts");
        await page.Locator("[data-testid='interactive']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var row = page.Locator("tr.payout-row").Filter(new() { HasText = astrologer.Name });
        await Expect(row.GetByTestId("unpaid")).ToHaveTextAsync("₹840");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Record a payout to {astrologer.Name}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Amount paid (₹)").FillAsync("900");
        await dialog.GetByLabel("Bank reference (UTR)").FillAsync("UTR-77");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Record payout" }).ClickAsync();
        await Expect(dialog.GetByText("That is more than the unpaid ₹840.")).ToBeVisibleAsync();
        await dialog.GetByLabel("Amount paid (₹)").FillAsync("500");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Record payout" }).ClickAsync();

        await Expect(row.GetByTestId("unpaid")).ToHaveTextAsync("₹340", new() { Timeout = BrowserFixture.TimeoutMs });
        await Expect(page.GetByText($"Recorded ₹500 to {astrologer.Name}. Unpaid now ₹340.")).ToBeVisibleAsync();
        Assert.Equal(34_000, (await ledger.GetBalanceAsync(LedgerAccounts.Earnings(astrologer.Id))).Balance);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "starsync-admin-payouts-phone.png"), FullPage = true });
    }
}
