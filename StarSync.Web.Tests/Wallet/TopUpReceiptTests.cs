using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Web.Tests.Infrastructure;
using StarSync.Web.Tests.Payments;
using StarSync.Web.Wallet;

namespace StarSync.Web.Tests.Wallet;

/// <summary>Sandbox payments with 18% GST and a configured seller, for tax invoices.</summary>
public sealed class SandboxWithGstFixture : IDisposable
{
    public SandboxWithGstFixture()
    {
        Factory.Settings["STARSYNC_PAYMENTS"] = "sandbox";
        Factory.Settings["Payments:GstEnabled"] = "true";
        Factory.Settings["Invoices:SellerName"] = "StarSync Astro Services Pvt Ltd";
        Factory.Settings["Invoices:SellerGstin"] = "29abcde1234f1z5";
        Factory.Settings["Invoices:SellerState"] = "Karnataka";
        _ = Factory.Services;
    }

    public StarSyncAppFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}

/// <summary>Receipts of credited top-ups: the owner's only, a plain receipt without tax.</summary>
public sealed class TopUpReceiptTests(SandboxPaymentsFixture host) : IClassFixture<SandboxPaymentsFixture>
{
    private readonly PaymentsClient _api = new(host.Factory);

    private static Uri Receipt(string topUpId) => new($"/wallet/topups/{topUpId}/receipt", UriKind.Relative);

    [Fact]
    public async Task The_owner_gets_a_printable_receipt_without_tax_lines()
    {
        var (user, client) = await _api.SignInAsync();
        var topUp = await WalletStatementTests.PaidTopUpAsync(host.Factory, user.Id, 50_000);

        var response = await client.GetAsync(Receipt(topUp.Id));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("data-kind=\"receipt\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Payment receipt</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"<p data-testid=\"number\">{TopUpReceipts.NumberOf(topUp)}</p>", html, StringComparison.Ordinal);
        Assert.Equal(16, TopUpReceipts.NumberOf(topUp).Length);
        Assert.Contains($"<p data-testid=\"reference\">{topUp.Id}</p>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"total\">₹500</td>", html, StringComparison.Ordinal);
        Assert.Contains("Test top-up (sandbox): no money moved.", html, StringComparison.Ordinal);
        Assert.Contains("@page { size: A4;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("tax-line", html, StringComparison.Ordinal);
        Assert.DoesNotContain("GSTIN", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_elses_an_unknown_and_a_pending_top_up_have_no_receipt()
    {
        var (owner, ownerClient) = await _api.SignInAsync();
        var (_, stranger) = await _api.SignInAsync();
        var paid = await WalletStatementTests.PaidTopUpAsync(host.Factory, owner.Id, 20_000);
        var pending = await _api.Service<WalletService>().StartCheckoutAsync(owner.Id, 10_000, new CheckoutReturnLinks(new Uri("http://localhost/")));

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(Receipt(paid.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ownerClient.GetAsync(Receipt(pending.TopUp.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ownerClient.GetAsync(Receipt("tu_00000000000000000000000000000000"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.GetAsync(Receipt(paid.Id))).StatusCode);
    }

    [Fact]
    public async Task A_signed_out_visitor_is_sent_to_sign_in()
    {
        var (user, _) = await _api.SignInAsync();
        var paid = await WalletStatementTests.PaidTopUpAsync(host.Factory, user.Id, 10_000);
        using var anonymous = host.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync(Receipt(paid.Id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>With GST on, the receipt is a tax invoice: seller GSTIN, taxable value, CGST + SGST (or IGST), total.</summary>
public sealed class TaxInvoiceTests(SandboxWithGstFixture host) : IClassFixture<SandboxWithGstFixture>
{
    private readonly PaymentsClient _api = new(host.Factory);

    [Fact]
    public async Task A_top_up_with_gst_gets_an_intra_state_tax_invoice()
    {
        var (user, client) = await _api.SignInAsync();
        var topUp = await WalletStatementTests.PaidTopUpAsync(host.Factory, user.Id, 50_000);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/wallet/topups/{topUp.Id}/receipt", UriKind.Relative)));

        Assert.Equal((50_000, 9_000, 59_000), (topUp.CreditAmount, topUp.TaxAmount, topUp.ChargeAmount));
        Assert.Contains("data-kind=\"tax-invoice\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Tax invoice</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Invoice no.</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>StarSync Astro Services Pvt Ltd</strong>", html, StringComparison.Ordinal);
        Assert.Contains("GSTIN <span data-testid=\"gstin\">29ABCDE1234F1Z5</span>", html, StringComparison.Ordinal);
        Assert.Contains("Karnataka (CGST + SGST)", html, StringComparison.Ordinal);
        Assert.Contains("<td>999799</td>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"credit\">₹500</td>", html, StringComparison.Ordinal);
        Assert.Contains("CGST @ 9%</td>", html, StringComparison.Ordinal);
        Assert.Contains("SGST @ 9%</td>", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("<td class=\"num\">₹45</td>").Length - 1);
        Assert.Contains("data-testid=\"total\">₹590</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inter_state_supply_charges_igst_at_the_full_rate()
    {
        var (user, _) = await _api.SignInAsync();
        var topUp = await WalletStatementTests.PaidTopUpAsync(host.Factory, user.Id, 100_000);
        var services = host.Factory.Services;
        var receipts = new TopUpReceipts(services.GetRequiredService<ITopUpStore>(), services.GetRequiredService<ILedgerStore>(),
            services.GetRequiredService<IAccountStore>(), new InvoiceSettings { InterState = true });

        var receipt = await receipts.ForOwnerAsync(user.Id, topUp.Id);

        Assert.NotNull(receipt);
        Assert.True(receipt.IsTaxInvoice);
        var line = Assert.Single(receipt.TaxLines);
        Assert.Equal(("IGST", "18%", 18_000L), (line.Name, line.Rate, line.Amount));
        Assert.Equal("Asia/Kolkata", receipt.IssuedAt.Zone.Id);
        Assert.EndsWith(" IST", receipt.IssuedAtText, StringComparison.Ordinal);
    }
}
