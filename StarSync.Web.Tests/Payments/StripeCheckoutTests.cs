using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Stripe;
using StarSync.Engine.Payments;
using StarSync.Engine.Storage;
using StarSync.Web.Payments;
using StarSync.Web.Wallet;

namespace StarSync.Web.Tests.Payments;

/// <summary>Checkout creation, the return page's refresh and the reconciliation, against the Stripe stand-in.</summary>
public sealed class StripeCheckoutTests(StripePaymentsFixture host) : IClassFixture<StripePaymentsFixture>
{
    private readonly PaymentsClient _api = new(host.Factory);

    private StripeRequest CreateRequestFor(string topUpId) =>
        Assert.Single(host.StandIn.Requests, r => r.Path == "/v1/checkout/sessions" && r.Form.GetValueOrDefault("client_reference_id") == topUpId);

    [Fact]
    public async Task Checkout_sends_the_server_s_amount_currency_reference_and_idempotency_key_to_Stripe()
    {
        var (account, client) = await _api.SignInAsync();

        var body = await PaymentsClient.CheckoutOkAsync(client, 50_000);

        var topUpId = body.GetProperty("topUpId").GetString()!;
        var sent = CreateRequestFor(topUpId);
        Assert.Equal("POST", sent.Method);
        Assert.Equal(topUpId, sent.IdempotencyKey);
        Assert.Equal(StripeConfiguration.ApiVersion, sent.StripeVersion);
        Assert.Equal("Bearer sk_test_standin", sent.Authorization);
        Assert.Equal("payment", sent.Form["mode"]);
        Assert.Equal("50000", sent.Form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("inr", sent.Form["line_items[0][price_data][currency]"]);
        Assert.Equal("1", sent.Form["line_items[0][quantity]"]);
        Assert.False(sent.Form.ContainsKey("line_items[1][price_data][unit_amount]"));
        Assert.Equal(topUpId, sent.Form["metadata[topUpId]"]);
        Assert.Equal(topUpId, sent.Form["payment_intent_data[metadata][topUpId]"]);
        Assert.Equal($"http://localhost/wallet/topups/{topUpId}?session_id={{CHECKOUT_SESSION_ID}}", sent.Form["success_url"]);
        Assert.Equal($"http://localhost/wallet/topups/{topUpId}?cancelled=true", sent.Form["cancel_url"]);

        var topUp = await _api.TopUpAsync(topUpId);
        Assert.Equal("https://checkout.stripe.test/c/pay/" + topUp.CheckoutSessionId, body.GetProperty("checkoutUrl").GetString());
        Assert.Equal(50_000, body.GetProperty("chargeAmount").GetInt64());
        Assert.Equal(50_000, body.GetProperty("creditAmount").GetInt64());
        Assert.Equal((account.Id, TopUpState.Pending, "stripe"), (topUp.AccountId, topUp.State, topUp.Provider));
        Assert.Contains(await _api.AuditAsync("topup.created"), a => a.Actor == account.Id && a.Detail!.StartsWith(topUpId + ": pending", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_Stripe_refuses_the_checkout_answers_502_and_the_top_up_is_closed_as_failed()
    {
        var (account, client) = await _api.SignInAsync();
        host.StandIn.FailCreateWith = 500;
        HttpResponseMessage response;
        try
        {
            response = await PaymentsClient.CheckoutAsync(client, 10_000);
        }
        finally
        {
            host.StandIn.FailCreateWith = null;
        }

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var topUp = Assert.Single((await _api.Service<ITopUpStore>().ListByAccountAsync(account.Id, 0, 10)).Items);
        Assert.Equal(TopUpState.Failed, topUp.State);
        // Retries are off here, so Stripe.net asked exactly once.
        Assert.Single(host.StandIn.Requests, r => r.IdempotencyKey == topUp.Id);
    }

    [Fact]
    public async Task The_return_page_refresh_asks_Stripe_and_credits_through_the_same_fulfilment()
    {
        var (account, client) = await _api.SignInAsync();
        var topUpId = (await PaymentsClient.CheckoutOkAsync(client, 20_000)).GetProperty("topUpId").GetString()!;
        var wallet = _api.Service<WalletService>();

        var stillOpen = await wallet.RefreshTopUpAsync(account.Id, topUpId);
        var sessionId = (await _api.TopUpAsync(topUpId)).CheckoutSessionId!;
        host.StandIn.Sessions[sessionId]["status"] = "complete";
        host.StandIn.Sessions[sessionId]["payment_status"] = "paid";
        host.StandIn.Sessions[sessionId]["payment_intent"] = "pi_" + sessionId;
        var paid = await wallet.RefreshTopUpAsync(account.Id, topUpId);
        var strangerView = await wallet.RefreshTopUpAsync("someone-else", topUpId);

        Assert.Equal(TopUpState.Pending, stillOpen?.State);
        Assert.Equal(TopUpState.Credited, paid?.State);
        Assert.Null(strangerView);
        Assert.Equal(20_000, await _api.BalanceAsync(account.Id));

        // The webhook arriving afterwards changes nothing.
        await _api.PostSignedAsync(StripeEvents.Event("checkout.session.completed", StripeEvents.Session(sessionId, topUpId, 20_000)));
        Assert.Equal(20_000, await _api.BalanceAsync(account.Id));
    }

    [Fact]
    public async Task Cancelling_on_return_expires_the_session_at_Stripe_and_closes_the_top_up()
    {
        var (account, client) = await _api.SignInAsync();
        var topUpId = (await PaymentsClient.CheckoutOkAsync(client, 20_000)).GetProperty("topUpId").GetString()!;

        var cancelled = await _api.Service<WalletService>().CancelTopUpAsync(account.Id, topUpId);

        Assert.Equal(TopUpState.Cancelled, cancelled?.State);
        var sessionId = (await _api.TopUpAsync(topUpId)).CheckoutSessionId!;
        Assert.Equal("expired", host.StandIn.Sessions[sessionId]["status"]!.GetValue<string>());
        Assert.Contains(host.StandIn.Requests, r => r.Path == $"/v1/checkout/sessions/{sessionId}/expire");
    }

    [Fact]
    public async Task Reconciliation_fulfils_paid_and_closes_expired_top_ups_pending_for_over_an_hour()
    {
        var (account, client) = await _api.SignInAsync();
        var paidId = (await PaymentsClient.CheckoutOkAsync(client, 10_000)).GetProperty("topUpId").GetString()!;
        var expiredId = (await PaymentsClient.CheckoutOkAsync(client, 20_000)).GetProperty("topUpId").GetString()!;
        var openId = (await PaymentsClient.CheckoutOkAsync(client, 30_000)).GetProperty("topUpId").GetString()!;
        var paidSession = (await _api.TopUpAsync(paidId)).CheckoutSessionId!;
        host.StandIn.Sessions[paidSession]["status"] = "complete";
        host.StandIn.Sessions[paidSession]["payment_status"] = "paid";
        host.StandIn.Sessions[(await _api.TopUpAsync(expiredId)).CheckoutSessionId!]["status"] = "expired";
        var services = host.Factory.Services;

        var early = Reconciliation(services, TimeSpan.FromMinutes(30));
        var movedEarly = await early.RunOnceAsync();
        var late = Reconciliation(services, TimeSpan.FromMinutes(61));
        await late.RunOnceAsync();

        Assert.Equal(0, movedEarly);
        Assert.Equal(TopUpState.Credited, (await _api.TopUpAsync(paidId)).State);
        Assert.Equal(TopUpState.Expired, (await _api.TopUpAsync(expiredId)).State);
        Assert.Equal(TopUpState.Pending, (await _api.TopUpAsync(openId)).State);
        Assert.Equal(10_000, await _api.BalanceAsync(account.Id));
        Assert.Contains(await _api.AuditAsync("topup.credited"), a => a.Actor == "system:reconciliation" && a.Detail!.StartsWith(paidId, StringComparison.Ordinal));
    }

    private static TopUpReconciliation Reconciliation(IServiceProvider services, TimeSpan later) => new(
        services.GetRequiredService<ITopUpStore>(),
        services.GetRequiredService<ICheckoutGateway>(),
        services.GetRequiredService<TopUpFulfilment>(),
        services.GetRequiredService<PaymentsSettings>(),
        new ShiftedClock(later),
        NullLogger<TopUpReconciliation>.Instance);

    private sealed class ShiftedClock(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + by;
    }
}

/// <summary>With GST on, the tax is a second line and the top-up charges credit + 18%.</summary>
public sealed class StripeCheckoutWithGstTests(StripeWithGstFixture host) : IClassFixture<StripeWithGstFixture>
{
    private readonly PaymentsClient _api = new(host.Factory);

    [Fact]
    public async Task Gst_is_added_on_top_as_its_own_line_and_posted_to_tax_payable()
    {
        var (account, client) = await _api.SignInAsync();

        var body = await PaymentsClient.CheckoutOkAsync(client, 100_000);

        var topUpId = body.GetProperty("topUpId").GetString()!;
        Assert.Equal(118_000, body.GetProperty("chargeAmount").GetInt64());
        Assert.Equal(100_000, body.GetProperty("creditAmount").GetInt64());
        var sent = Assert.Single(host.StandIn.Requests, r => r.Form.GetValueOrDefault("client_reference_id") == topUpId);
        Assert.Equal("100000", sent.Form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("GST", sent.Form["line_items[1][price_data][product_data][name]"]);
        Assert.Equal("18000", sent.Form["line_items[1][price_data][unit_amount]"]);

        var sessionId = (await _api.TopUpAsync(topUpId)).CheckoutSessionId!;
        await _api.PostSignedAsync(StripeEvents.Event("checkout.session.completed", StripeEvents.Session(sessionId, topUpId, 118_000)));
        Assert.Equal(100_000, await _api.BalanceAsync(account.Id));
        var posting = await _api.Service<ILedgerStore>().FindPostingAsync("stripe:" + sessionId);
        Assert.Equal(
            [(StarSync.Engine.Wallet.LedgerAccounts.Wallet(account.Id), 100_000L), (StarSync.Engine.Wallet.LedgerAccounts.TaxPayable, 18_000L), (StarSync.Engine.Wallet.LedgerAccounts.PaymentClearing, -118_000L)],
            posting!.Entries.Select(e => (e.AccountId, e.Amount)).OrderByDescending(e => e.Amount));

        // A half refund of the charge takes back half the credit and half the tax.
        await _api.PostSignedAsync(StripeEvents.Event("charge.refunded", StripeEvents.Charge("ch_" + sessionId, "pi_" + sessionId, 118_000, 59_000)));
        Assert.Equal(50_000, await _api.BalanceAsync(account.Id));
        var terms = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/wallet/terms", UriKind.Relative));
        Assert.True(terms.GetProperty("taxEnabled").GetBoolean());
        Assert.Equal(1800, terms.GetProperty("taxBasisPoints").GetInt32());
    }
}
