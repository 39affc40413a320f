using System.Net;
using Microsoft.Extensions.Configuration;
using StarSync.Engine.Payments;
using StarSync.Engine.Storage;
using StarSync.Web.Payments;
using StarSync.Web.Tests.Infrastructure;

namespace StarSync.Web.Tests.Payments;

/// <summary>How the payments mode is chosen, and what the app refuses.</summary>
public sealed class PaymentsModeTests
{
    private static PaymentsSettings Settings(string environment, params (string Key, string Value)[] values) =>
        PaymentsSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build(), environment);

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    [InlineData("Staging")]
    public void Sandbox_is_the_default_only_without_a_Stripe_key_outside_Production(string environment)
    {
        Assert.Equal(PaymentsMode.Sandbox, Settings(environment).Mode);
        Assert.Equal(PaymentsMode.Stripe, Settings(environment, ("STRIPE_SECRET_KEY", "sk_test_x"), ("STRIPE_WEBHOOK_SECRET", "whsec_x")).Mode);
    }

    [Fact]
    public void Sandbox_can_be_chosen_explicitly_even_with_a_Stripe_key_outside_Production()
    {
        Assert.Equal(PaymentsMode.Sandbox, Settings("Development", ("STARSYNC_PAYMENTS", "sandbox"), ("STRIPE_SECRET_KEY", "sk_test_x")).Mode);
    }

    [Fact]
    public void Production_refuses_sandbox_and_without_Stripe_keys_takes_no_top_ups()
    {
        var chosen = Assert.Throws<InvalidOperationException>(() => Settings("Production", ("STARSYNC_PAYMENTS", "sandbox")));

        Assert.Contains("refused in Production", chosen.Message, StringComparison.Ordinal);
        Assert.Equal(PaymentsMode.Off, Settings("Production").Mode);
        Assert.Equal(PaymentsMode.Stripe, Settings("Production", ("STRIPE_SECRET_KEY", "sk_live_x"), ("STRIPE_WEBHOOK_SECRET", "whsec_x")).Mode);
    }

    [Fact]
    public void Stripe_mode_needs_both_secrets_and_an_unknown_mode_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => Settings("Development", ("STARSYNC_PAYMENTS", "stripe"), ("STRIPE_SECRET_KEY", "sk_test_x")));
        Assert.Throws<InvalidOperationException>(() => Settings("Development", ("STARSYNC_PAYMENTS", "paypal")));
        Assert.Throws<InvalidOperationException>(() => Settings("Development", ("STRIPE_SECRET_KEY", "sk_test_x"), ("STRIPE_WEBHOOK_SECRET", "whsec_x"), ("STRIPE_API_BASE", "not a url")));
    }

    [Fact]
    public void Limits_and_tax_default_to_50_to_100000_rupees_without_GST()
    {
        var terms = new TopUpTerms(Settings("Development")).Current;

        Assert.Equal((5_000L, 10_000_000L, false), (terms.MinimumCredit, terms.MaximumCredit, terms.TaxEnabled));
        Assert.Equal([10_000L, 20_000L, 50_000L, 100_000L, 200_000L, 500_000L], terms.Presets);
        Assert.Equal(new TopUpQuote(50_000, 0, 50_000, "INR", 0), terms.Quote(50_000));
        Assert.Throws<InvalidOperationException>(() => Settings("Development", ("Payments:MinimumTopUpRupees", "500"), ("Payments:MaximumTopUpRupees", "100")));
    }

    [Fact]
    public void Gst_rounds_half_up_to_the_paisa()
    {
        var terms = new TopUpTerms(Settings("Development", ("Payments:GstEnabled", "true"))).Current;

        Assert.Equal(new TopUpQuote(100_000, 18_000, 118_000, "INR", 1800), terms.Quote(100_000));
        Assert.Equal(new TopUpQuote(5_100, 918, 6_018, "INR", 1800), terms.Quote(5_100));
    }

    [Fact]
    public void The_webhook_endpoint_is_pinned_to_the_API_version_the_README_names()
    {
        // Stripe.net sends this version on every request and EventUtility refuses events of any other.
        Assert.Equal("2026-10-28.endive", Stripe.StripeConfiguration.ApiVersion);
    }

    [Fact]
    public async Task The_app_refuses_to_start_in_Production_with_sandbox_payments()
    {
        var (exitCode, message) = await AppProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["STARSYNC_PAYMENTS"] = "sandbox",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("StarSync cannot start: STARSYNC_PAYMENTS=sandbox is refused in Production", message, StringComparison.Ordinal);
    }
}

/// <summary>With payments off, the wallet answers but top-ups are refused with 503 and nothing is created.</summary>
public sealed class PaymentsOffTests : IDisposable
{
    private readonly Infrastructure.StarSyncAppFactory _factory = new();

    public PaymentsOffTests() => _factory.Settings["STARSYNC_PAYMENTS"] = "off";

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Checkout_answers_503_and_the_balance_still_answers()
    {
        var api = new PaymentsClient(_factory);
        var (account, client) = await api.SignInAsync();

        var checkout = await PaymentsClient.CheckoutAsync(client, 10_000);
        var wallet = await client.GetAsync(new Uri("/api/v1/wallet", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, checkout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wallet.StatusCode);
        Assert.Equal(0, (await api.Service<ITopUpStore>().ListByAccountAsync(account.Id, 0, 10)).Total);
    }
}

/// <summary>Sandbox checkout: an in-app page instead of Stripe, paid through the webhook's fulfilment.</summary>
public sealed class SandboxCheckoutTests(SandboxPaymentsFixture host) : IClassFixture<SandboxPaymentsFixture>
{
    private readonly PaymentsClient _api = new(host.Factory);

    [Fact]
    public async Task The_checkout_url_is_the_in_app_test_page()
    {
        var (_, client) = await _api.SignInAsync();

        var body = await PaymentsClient.CheckoutOkAsync(client, 20_000);

        var topUpId = body.GetProperty("topUpId").GetString()!;
        Assert.Equal($"http://localhost/wallet/sandbox-checkout/{topUpId}", body.GetProperty("checkoutUrl").GetString());
        Assert.Equal("sandbox", (await _api.TopUpAsync(topUpId)).Provider);
    }

    [Fact]
    public async Task Paying_credits_once_through_the_same_fulfilment_as_a_webhook()
    {
        var (account, client) = await _api.SignInAsync();
        var topUpId = (await PaymentsClient.CheckoutOkAsync(client, 20_000)).GetProperty("topUpId").GetString()!;
        var sandbox = _api.Service<SandboxCheckout>();

        var paid = await sandbox.PayAsync(topUpId, account.Id);
        var again = await sandbox.PayAsync(topUpId, account.Id);

        Assert.Equal(FulfilmentOutcome.Credited, paid.Outcome);
        Assert.Equal(FulfilmentOutcome.AlreadyCredited, again.Outcome);
        Assert.Equal(20_000, await _api.BalanceAsync(account.Id));
        var topUp = await _api.TopUpAsync(topUpId);
        Assert.Equal(TopUpState.Credited, topUp.State);
        Assert.NotNull(await _api.Service<ILedgerStore>().FindPostingAsync(TopUpFulfilment.CreditKey("sandbox", topUp.CheckoutSessionId!)));
        Assert.Contains(await _api.AuditAsync("topup.credited"), a => a.Actor == account.Id && a.Detail!.StartsWith(topUpId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_closes_the_top_up_and_a_closed_top_up_cannot_be_paid()
    {
        var (account, client) = await _api.SignInAsync();
        var topUpId = (await PaymentsClient.CheckoutOkAsync(client, 20_000)).GetProperty("topUpId").GetString()!;
        var sandbox = _api.Service<SandboxCheckout>();

        var cancelled = await sandbox.CancelAsync(topUpId, account.Id);
        var paidAfter = await sandbox.PayAsync(topUpId, account.Id);

        Assert.Equal((FulfilmentOutcome.Closed, TopUpState.Cancelled), (cancelled.Outcome, cancelled.TopUp!.State));
        Assert.Equal(FulfilmentOutcome.Review, paidAfter.Outcome);
        Assert.Equal(0, await _api.BalanceAsync(account.Id));
        Assert.Contains(await _api.AuditAsync("topup.cancelled"), a => a.AccountId == account.Id);
    }

    [Fact]
    public async Task Nobody_else_can_pay_or_cancel_someone_s_test_top_up()
    {
        var (owner, client) = await _api.SignInAsync();
        var (stranger, _) = await _api.SignInAsync();
        var topUpId = (await PaymentsClient.CheckoutOkAsync(client, 20_000)).GetProperty("topUpId").GetString()!;
        var sandbox = _api.Service<SandboxCheckout>();

        Assert.Equal(FulfilmentOutcome.UnknownTopUp, (await sandbox.PayAsync(topUpId, stranger.Id)).Outcome);
        Assert.Equal(FulfilmentOutcome.UnknownTopUp, (await sandbox.CancelAsync(topUpId, stranger.Id)).Outcome);
        Assert.Equal(TopUpState.Pending, (await _api.TopUpAsync(topUpId)).State);
        Assert.Equal(0, await _api.BalanceAsync(stranger.Id) + await _api.BalanceAsync(owner.Id));
    }

    [Fact]
    public async Task The_Stripe_webhook_is_closed_in_sandbox_mode()
    {
        var payload = StripeEvents.Event("checkout.session.completed", StripeEvents.Session("cs_x", "tu_x", 100));

        var response = await _api.PostSignedAsync(payload);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
