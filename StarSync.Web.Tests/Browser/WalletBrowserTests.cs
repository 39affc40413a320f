using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using static Microsoft.Playwright.Assertions;

namespace StarSync.Web.Tests.Browser;

/// <summary>The wallet page and the app-bar balance in a real browser (the browser host runs payments in the sandbox).</summary>
[Collection(SharedBrowser.Name)]
public sealed class WalletBrowserTests(BrowserFixture fixture)
{
    /// <summary>When set (a folder), the tests also save screenshots of the wallet page there.</summary>
    private static readonly string? ScreenshotFolder = Environment.GetEnvironmentVariable("STARSYNC_SCREENSHOTS");

    private static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("[data-testid='interactive']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    // A value only this window holds: a reload or a full navigation would lose it.
    private static async Task MarkWindowAsync(IPage page) => await page.EvaluateAsync("() => { window.__walletMark = 'same-window'; }");

    private static Task<string?> WindowMarkAsync(IPage page) => page.EvaluateAsync<string?>("() => window.__walletMark ?? null");

    [Fact]
    public async Task Recharging_500_in_the_sandbox_changes_the_app_bar_balance_without_a_reload()
    {
        var account = await TestAccounts.CreateAsync(fixture);
        var page = await fixture.NewPageAsync(390, 844);
        await TestAccounts.SignInAsync(page, account.Email, "/wallet");
        await WaitInteractiveAsync(page);
        // A second tab stays on /wallet the whole time: its balance has to change by itself.
        var watcher = await page.Context.NewPageAsync();
        await watcher.GotoInteractiveAsync("/wallet");
        await Expect(watcher.GetByTestId("transactions-empty")).ToContainTextAsync("No transactions yet.");
        await MarkWindowAsync(page);
        await MarkWindowAsync(watcher);
        await Expect(page.GetByTestId("appbar-balance")).ToHaveTextAsync("₹0");
        await Expect(watcher.GetByTestId("appbar-balance")).ToHaveTextAsync("₹0");

        // A custom amount out of range is refused with the limits; then the ₹500 preset.
        await page.GetByLabel("Other amount").FillAsync("20");
        await Expect(page.GetByText("The amount must be between ₹50 and ₹1,00,000.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("add-money")).ToBeDisabledAsync();
        await page.GetByTestId("preset-500").ClickAsync();
        await Expect(page.GetByTestId("recharge-breakdown")).ToContainTextAsync("Wallet credit₹500");
        await Expect(page.GetByTestId("recharge-breakdown")).ToContainTextAsync("You pay₹500");
        await Expect(page.GetByTestId("add-money")).ToHaveTextAsync("Add ₹500");
        await SaveScreenshotAsync(page, "wallet-phone-recharge.png");

        await page.GetByTestId("add-money").ClickAsync();
        await page.WaitForPathAsync(new Regex("/wallet/sandbox-checkout/tu_[0-9a-f]{32}$"), fixture.App);
        await Expect(page.GetByTestId("appbar-balance")).ToHaveTextAsync("₹0");
        await page.GetByTestId("sandbox-pay").ClickAsync();

        await page.WaitForPathAsync(new Regex("/wallet/topups/tu_[0-9a-f]{32}$"), fixture.App);
        await Expect(page.GetByTestId("topup-state")).ToHaveAttributeAsync("data-state", "credited");
        await Expect(page.GetByTestId("appbar-balance")).ToHaveTextAsync("₹500");
        await Expect(watcher.GetByTestId("appbar-balance")).ToHaveTextAsync("₹500");
        await Expect(watcher.GetByTestId("wallet-balance")).ToHaveTextAsync("₹500");
        Assert.Equal("same-window", await WindowMarkAsync(page));
        Assert.Equal("same-window", await WindowMarkAsync(watcher));

        var topUpId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await Expect(watcher.GetByTestId("reference")).ToHaveTextAsync(topUpId);
        await Expect(watcher.GetByTestId("amount")).ToHaveTextAsync("+₹500");
        await Expect(watcher.GetByTestId("receipt-link")).ToHaveAttributeAsync("href", $"/wallet/topups/{topUpId}/receipt");
        var balance = await fixture.App.Services.GetRequiredService<ILedgerStore>().GetBalanceAsync(LedgerAccounts.Wallet(account.Id));
        Assert.Equal(50_000, balance.Balance);

        // The export and the receipt answer to the browser's own cookie.
        var csv = await page.Context.APIRequest.GetAsync("/api/v1/wallet/transactions.csv?kind=topup");
        Assert.Equal(200, csv.Status);
        Assert.Contains($",topup,500.00,500.00,INR,{topUpId},", await csv.TextAsync(), StringComparison.Ordinal);
        var receipt = await page.Context.APIRequest.GetAsync($"/wallet/topups/{topUpId}/receipt");
        Assert.Equal(200, receipt.Status);
        Assert.Contains("Payment receipt", await receipt.TextAsync(), StringComparison.Ordinal);
        await SaveScreenshotAsync(watcher, "wallet-phone.png");
    }

    [Fact]
    public async Task The_desktop_wallet_lists_transactions_filters_them_and_prints_receipts()
    {
        var account = await TestAccounts.CreateAsync(fixture, AccountRole.User, "Arjun Rao");
        var services = fixture.App.Services;
        await PayAsync(account.Id, 100_000);
        await PayAsync(account.Id, 20_000);
        var ledger = services.GetRequiredService<ILedgerStore>();
        await ledger.PostAsync(new NewPosting
        {
            IdempotencyKey = $"consult:c-{account.Id}:1",
            Reference = "consultation with Pandit Sharma",
            Actor = "system",
            Entries =
            [
                new NewLedgerEntry(LedgerAccounts.Wallet(account.Id), -3_000, LedgerEntryKind.Consultation),
                new NewLedgerEntry(LedgerAccounts.PlatformCommission, 3_000, LedgerEntryKind.Commission),
            ],
        });
        var page = await fixture.NewPageAsync(1366, 900);
        await TestAccounts.SignInAsync(page, account.Email, "/wallet");
        await WaitInteractiveAsync(page);

        await Expect(page.GetByTestId("wallet-balance")).ToHaveTextAsync("₹1,170");
        await Expect(page.GetByTestId("appbar-balance")).ToHaveTextAsync("₹1,170");
        await Expect(page.GetByTestId("amount")).ToHaveTextAsync(["-₹30", "+₹200", "+₹1,000"]);
        await Expect(page.GetByTestId("receipt-link")).ToHaveCountAsync(2);
        await SaveScreenshotAsync(page, "wallet-desktop.png");
        await page.AssertNoSeriousAxeViolationsAsync();

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Type" }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Consultation" }).ClickAsync();
        await Expect(page.GetByTestId("amount")).ToHaveTextAsync(["-₹30"]);
        await Expect(page.GetByTestId("export-csv")).ToHaveAttributeAsync("href", "/api/v1/wallet/transactions.csv?kind=consultation");

        var receiptPage = await page.Context.NewPageAsync();
        await receiptPage.SetViewportSizeAsync(1000, 900);
        var topUps = await services.GetRequiredService<ITopUpStore>().ListByAccountAsync(account.Id, 0, 10);
        await receiptPage.GotoAsync($"/wallet/topups/{topUps.Items[0].Id}/receipt");
        await Expect(receiptPage.GetByRole(AriaRole.Heading, new() { Name = "Payment receipt" })).ToBeVisibleAsync();
        await Expect(receiptPage.GetByTestId("total")).ToHaveTextAsync("₹200");
        await SaveScreenshotAsync(receiptPage, "wallet-receipt.png");
        await receiptPage.AssertNoSeriousAxeViolationsAsync();
    }

    [Fact]
    public async Task A_balance_below_zero_after_a_chargeback_shows_that_spending_is_paused()
    {
        var account = await TestAccounts.CreateAsync(fixture, AccountRole.User, "Kavya Menon");
        var posted = await fixture.App.Services.GetRequiredService<ILedgerStore>().PostAsync(new NewPosting
        {
            IdempotencyKey = $"sandbox:dispute:d-{account.Id}",
            Reference = "tu_disputed",
            Actor = "system",
            Entries =
            [
                new NewLedgerEntry(LedgerAccounts.Wallet(account.Id), -25_000, LedgerEntryKind.Chargeback),
                new NewLedgerEntry(LedgerAccounts.PaymentClearing, 25_000, LedgerEntryKind.Chargeback),
            ],
        });
        Assert.Equal(PostingOutcome.Posted, posted.Outcome);
        var page = await fixture.NewPageAsync(390, 844);

        await TestAccounts.SignInAsync(page, account.Email, "/wallet");
        await WaitInteractiveAsync(page);

        await Expect(page.GetByTestId("wallet-balance")).ToHaveTextAsync("-₹250");
        await Expect(page.GetByTestId("appbar-balance")).ToHaveTextAsync("-₹250");
        await Expect(page.GetByTestId("spending-blocked")).ToContainTextAsync("Spending is paused");
        await Expect(page.GetByTestId("amount")).ToHaveTextAsync(["-₹250"]);
        await SaveScreenshotAsync(page, "wallet-phone-spending-paused.png");
        await page.AssertNoSeriousAxeViolationsAsync();
    }

    private async Task PayAsync(string accountId, long amount)
    {
        var services = fixture.App.Services;
        var started = await services.GetRequiredService<StarSync.Web.Wallet.WalletService>()
            .StartCheckoutAsync(accountId, amount, new StarSync.Web.Wallet.CheckoutReturnLinks(fixture.BaseAddress));
        await services.GetRequiredService<StarSync.Web.Payments.SandboxCheckout>().PayAsync(started.TopUp.Id, accountId);
    }

    private static async Task SaveScreenshotAsync(IPage page, string name)
    {
        if (ScreenshotFolder is null)
        {
            return;
        }

        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name), FullPage = true });
    }
}
