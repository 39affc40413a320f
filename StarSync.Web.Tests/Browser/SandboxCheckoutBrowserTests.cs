using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using StarSync.Web.Wallet;
using static Microsoft.Playwright.Assertions;

namespace StarSync.Web.Tests.Browser;

/// <summary>The sandbox checkout page in a real browser (the browser host runs in Development without Stripe: sandbox).</summary>
[Collection(SharedBrowser.Name)]
public sealed class SandboxCheckoutBrowserTests(BrowserFixture fixture)
{
    private async Task<(IPage Page, string AccountId, string TopUpId)> StartAsync(long amount)
    {
        var account = await TestAccounts.CreateAsync(fixture);
        var wallets = fixture.App.Services.GetRequiredService<WalletService>();
        var started = await wallets.StartCheckoutAsync(account.Id, amount, new CheckoutReturnLinks(fixture.BaseAddress));
        var page = await fixture.NewPageAsync(390, 844);
        await TestAccounts.SignInAsync(page, account.Email);
        await page.GotoInteractiveAsync(new Uri(started.CheckoutUrl).PathAndQuery);
        return (page, account.Id, started.TopUp.Id);
    }

    [Fact]
    public async Task Paying_on_the_test_page_shows_processing_then_credited()
    {
        var (page, accountId, topUpId) = await StartAsync(50_000);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test payment — no money moves" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Sandbox mode: payments are test payments and no money moves.")).ToBeVisibleAsync();

        await page.GetByTestId("sandbox-pay").ClickAsync();

        await page.WaitForPathAsync(new Regex(Regex.Escape($"/wallet/topups/{topUpId}") + "$"), fixture.App);
        await Expect(page.GetByTestId("topup-state")).ToHaveAttributeAsync("data-state", "credited");
        await Expect(page.GetByText("₹500 has been added to your wallet.")).ToBeVisibleAsync();
        var balance = await fixture.App.Services.GetRequiredService<ILedgerStore>().GetBalanceAsync(LedgerAccounts.Wallet(accountId));
        Assert.Equal(50_000, balance.Balance);
    }

    [Fact]
    public async Task Cancelling_on_the_test_page_closes_the_top_up()
    {
        var (page, accountId, topUpId) = await StartAsync(10_000);

        await page.GetByTestId("sandbox-cancel").ClickAsync();

        await page.WaitForPathAsync(new Regex(Regex.Escape($"/wallet/topups/{topUpId}?cancelled=true") + "$"), fixture.App);
        await Expect(page.GetByTestId("topup-state")).ToHaveAttributeAsync("data-state", "cancelled");
        await Expect(page.GetByText("Payment cancelled. Nothing was charged.")).ToBeVisibleAsync();
        var balance = await fixture.App.Services.GetRequiredService<ILedgerStore>().GetBalanceAsync(LedgerAccounts.Wallet(accountId));
        Assert.Equal(0, balance.Balance);
    }
}
