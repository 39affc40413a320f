using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StarSync.Engine.Accounts;
using StarSync.Engine.Payments;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;

namespace StarSync.Web.Tests.Payments;

/// <summary>The signed Stripe webhook against the real app and ledger, with payloads signed here.</summary>
public sealed class StripeWebhookTests(StripePaymentsFixture host) : IClassFixture<StripePaymentsFixture>
{
    private readonly PaymentsClient _api = new(host.Factory);

    private sealed record Started(Account Account, HttpClient Client, string TopUpId, string SessionId, long Charge);

    private async Task<Started> StartAsync(long amount = 50_000)
    {
        var (account, client) = await _api.SignInAsync();
        var checkout = await PaymentsClient.CheckoutOkAsync(client, amount);
        var topUpId = checkout.GetProperty("topUpId").GetString()!;
        var topUp = await _api.TopUpAsync(topUpId);
        return new Started(account, client, topUpId, topUp.CheckoutSessionId!, topUp.ChargeAmount);
    }

    private Task<HttpResponseMessage> CompleteAsync(Started s, string? eventId = null, long? amount = null, string paymentStatus = "paid") =>
        _api.PostSignedAsync(StripeEvents.Event("checkout.session.completed", StripeEvents.Session(s.SessionId, s.TopUpId, amount ?? s.Charge, paymentStatus, "complete", paymentStatus == "paid" ? "pi_" + s.SessionId : null), eventId));

    [Fact]
    public async Task A_valid_completed_event_credits_the_wallet_and_records_the_event()
    {
        var s = await StartAsync(50_000);
        var eventId = StripeEvents.NewEventId();

        var response = await CompleteAsync(s, eventId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(50_000, await _api.BalanceAsync(s.Account.Id));
        var topUp = await _api.TopUpAsync(s.TopUpId);
        Assert.Equal(TopUpState.Credited, topUp.State);
        Assert.Equal("pi_" + s.SessionId, topUp.PaymentIntentId);
        var posting = await _api.Service<ILedgerStore>().FindPostingAsync("stripe:" + s.SessionId);
        Assert.Equal([(LedgerAccounts.Wallet(s.Account.Id), 50_000L), (LedgerAccounts.PaymentClearing, -50_000L)],
            posting!.Entries.Select(e => (e.AccountId, e.Amount)).OrderByDescending(e => e.Amount));
        var recorded = await _api.Service<IWebhookEventStore>().FindAsync(eventId);
        Assert.Equal("checkout.session.completed", recorded?.Type);
        Assert.Equal(s.SessionId, recorded?.ObjectId);
        Assert.StartsWith("credited " + s.TopUpId, recorded?.Outcome, StringComparison.Ordinal);
        Assert.Contains(await _api.AuditAsync("topup.credited"), a => a.AccountId == s.Account.Id && a.Actor == "stripe" && a.Detail!.Contains(s.TopUpId, StringComparison.Ordinal));
        Assert.Contains(await _api.AuditAsync("payment.webhook.accepted"), a => a.Detail!.StartsWith(eventId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_signature_is_rejected_audited_and_credits_nothing()
    {
        var s = await StartAsync();
        var payload = StripeEvents.Event("checkout.session.completed", StripeEvents.Session(s.SessionId, s.TopUpId, s.Charge));

        var wrongSecret = await _api.PostWebhookAsync(payload, StripeEvents.Sign(payload, DateTimeOffset.UtcNow, "whsec_attacker"));
        var tampered = await _api.PostWebhookAsync(payload.Replace("\"amount_total\":50000", "\"amount_total\":50001", StringComparison.Ordinal), StripeEvents.Sign(payload, DateTimeOffset.UtcNow));
        var unsigned = await _api.PostWebhookAsync(payload, null);

        Assert.Equal(HttpStatusCode.BadRequest, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unsigned.StatusCode);
        Assert.Equal(0, await _api.BalanceAsync(s.Account.Id));
        Assert.Equal(TopUpState.Pending, (await _api.TopUpAsync(s.TopUpId)).State);
        Assert.Contains(await _api.AuditAsync("payment.webhook.rejected"), a => a.Actor == "stripe" && a.Detail!.Contains("signature", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_correctly_signed_but_old_event_is_rejected_as_outside_the_tolerance()
    {
        var s = await StartAsync();
        var payload = StripeEvents.Event("checkout.session.completed", StripeEvents.Session(s.SessionId, s.TopUpId, s.Charge));

        var response = await _api.PostWebhookAsync(payload, StripeEvents.Sign(payload, DateTimeOffset.UtcNow.AddMinutes(-10)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("tolerance", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await _api.BalanceAsync(s.Account.Id));
    }

    [Fact]
    public async Task An_event_of_another_api_version_is_rejected()
    {
        var s = await StartAsync();
        var payload = StripeEvents.Event("checkout.session.completed", StripeEvents.Session(s.SessionId, s.TopUpId, s.Charge), apiVersion: "2020-08-27");

        var response = await _api.PostWebhookAsync(payload, StripeEvents.Sign(payload, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await _api.BalanceAsync(s.Account.Id));
    }

    [Fact]
    public async Task A_replayed_event_is_acknowledged_as_a_duplicate_and_changes_nothing()
    {
        var s = await StartAsync(20_000);
        var payload = StripeEvents.Event("checkout.session.completed", StripeEvents.Session(s.SessionId, s.TopUpId, s.Charge));
        Assert.Equal(HttpStatusCode.OK, (await _api.PostSignedAsync(payload)).StatusCode);

        var replay = await _api.PostSignedAsync(payload);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.True((await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean());
        Assert.Equal(20_000, await _api.BalanceAsync(s.Account.Id));
        Assert.Equal(1, (await _api.Service<ILedgerStore>().QueryEntriesAsync(new LedgerQuery { AccountId = LedgerAccounts.Wallet(s.Account.Id) })).Total);
    }

    [Fact]
    public async Task Fifty_concurrent_copies_of_one_event_credit_once()
    {
        var s = await StartAsync(100_000);
        var payload = StripeEvents.Event("checkout.session.completed", StripeEvents.Session(s.SessionId, s.TopUpId, s.Charge));

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _api.PostSignedAsync(payload)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(100_000, await _api.BalanceAsync(s.Account.Id));
        Assert.Equal(1, (await _api.Service<ILedgerStore>().QueryEntriesAsync(new LedgerQuery { AccountId = LedgerAccounts.Wallet(s.Account.Id) })).Total);
        Assert.Single(await _api.AuditAsync("topup.credited"), a => a.AccountId == s.Account.Id);
    }

    [Fact]
    public async Task The_same_session_under_new_event_ids_credits_once()
    {
        var s = await StartAsync(30_000);

        var first = await CompleteAsync(s);
        var second = await CompleteAsync(s);
        var asyncSucceeded = await _api.PostSignedAsync(StripeEvents.Event("checkout.session.async_payment_succeeded", StripeEvents.Session(s.SessionId, s.TopUpId, s.Charge)));

        Assert.All([first, second, asyncSucceeded], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(30_000, await _api.BalanceAsync(s.Account.Id));
        Assert.Equal(1, (await _api.Service<ILedgerStore>().QueryEntriesAsync(new LedgerQuery { AccountId = LedgerAccounts.Wallet(s.Account.Id) })).Total);
    }

    [Fact]
    public async Task An_amount_that_differs_from_the_charge_flags_the_top_up_for_review_and_credits_nothing()
    {
        var s = await StartAsync(50_000);

        var response = await CompleteAsync(s, amount: 100);
        var laterCorrect = await CompleteAsync(s);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, laterCorrect.StatusCode);
        var topUp = await _api.TopUpAsync(s.TopUpId);
        Assert.Equal(TopUpState.Review, topUp.State);
        Assert.Equal("Paid 100 INR but the top-up charges 50000 INR.", topUp.StateReason);
        Assert.Equal(0, await _api.BalanceAsync(s.Account.Id));
        Assert.Null(await _api.Service<ILedgerStore>().FindPostingAsync("stripe:" + s.SessionId));
        Assert.Contains(await _api.AuditAsync("topup.review"), a => a.AccountId == s.Account.Id);
    }

    [Fact]
    public async Task An_event_for_an_unknown_top_up_is_acknowledged_and_credits_nothing()
    {
        var eventId = StripeEvents.NewEventId();
        var payload = StripeEvents.Event("checkout.session.completed", StripeEvents.Session("cs_test_foreign", "tu_" + Guid.NewGuid().ToString("N"), 50_000), eventId);

        var response = await _api.PostSignedAsync(payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(await _api.Service<ILedgerStore>().FindPostingAsync("stripe:cs_test_foreign"));
        Assert.StartsWith("unknown-top-up", (await _api.Service<IWebhookEventStore>().FindAsync(eventId))?.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unpaid_completed_session_waits_for_async_payment_succeeded()
    {
        var s = await StartAsync(40_000);

        await CompleteAsync(s, paymentStatus: "unpaid");
        var whileUnpaid = await _api.TopUpAsync(s.TopUpId);
        var balanceWhileUnpaid = await _api.BalanceAsync(s.Account.Id);
        var succeeded = await _api.PostSignedAsync(StripeEvents.Event("checkout.session.async_payment_succeeded", StripeEvents.Session(s.SessionId, s.TopUpId, s.Charge)));

        Assert.Equal(TopUpState.Pending, whileUnpaid.State);
        Assert.Equal(0, balanceWhileUnpaid);
        Assert.Equal(HttpStatusCode.OK, succeeded.StatusCode);
        Assert.Equal(TopUpState.Credited, (await _api.TopUpAsync(s.TopUpId)).State);
        Assert.Equal(40_000, await _api.BalanceAsync(s.Account.Id));
    }

    [Fact]
    public async Task A_failed_async_payment_closes_the_top_up()
    {
        var s = await StartAsync();
        await CompleteAsync(s, paymentStatus: "unpaid");

        await _api.PostSignedAsync(StripeEvents.Event("checkout.session.async_payment_failed", StripeEvents.Session(s.SessionId, s.TopUpId, s.Charge, "unpaid", "complete")));

        Assert.Equal(TopUpState.Failed, (await _api.TopUpAsync(s.TopUpId)).State);
        Assert.Equal(0, await _api.BalanceAsync(s.Account.Id));
        Assert.Contains(await _api.AuditAsync("topup.failed"), a => a.AccountId == s.Account.Id);
    }

    [Fact]
    public async Task An_expired_session_closes_the_pending_top_up()
    {
        var s = await StartAsync();

        var response = await _api.PostSignedAsync(StripeEvents.Event("checkout.session.expired", StripeEvents.Session(s.SessionId, s.TopUpId, s.Charge, "unpaid", "expired")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var topUp = await _api.TopUpAsync(s.TopUpId);
        Assert.Equal(TopUpState.Expired, topUp.State);
        Assert.Contains(await _api.AuditAsync("topup.expired"), a => a.AccountId == s.Account.Id && a.Detail!.Contains("pending → expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refund_debits_the_wallet_once_per_refunded_amount()
    {
        var s = await StartAsync(50_000);
        await CompleteAsync(s);
        var pi = "pi_" + s.SessionId;

        var partial = StripeEvents.Event("charge.refunded", StripeEvents.Charge("ch_" + s.SessionId, pi, 50_000, 20_000));
        await _api.PostSignedAsync(partial);
        await _api.PostSignedAsync(StripeEvents.Event("charge.refunded", StripeEvents.Charge("ch_" + s.SessionId, pi, 50_000, 20_000)));
        var afterPartial = await _api.BalanceAsync(s.Account.Id);
        await _api.PostSignedAsync(StripeEvents.Event("charge.refunded", StripeEvents.Charge("ch_" + s.SessionId, pi, 50_000, 50_000)));

        Assert.Equal(30_000, afterPartial);
        Assert.Equal(0, await _api.BalanceAsync(s.Account.Id));
        Assert.Equal(50_000, (await _api.TopUpAsync(s.TopUpId)).RefundedAmount);
        var refunds = await _api.Service<ILedgerStore>().QueryEntriesAsync(new LedgerQuery { AccountId = LedgerAccounts.Wallet(s.Account.Id), Kind = LedgerEntryKind.Refund });
        Assert.Equal([-30_000L, -20_000L], refunds.Items.Select(e => e.Amount));
        Assert.Equal(2, (await _api.AuditAsync("topup.refunded")).Count(a => a.AccountId == s.Account.Id));
    }

    [Fact]
    public async Task A_refund_the_wallet_cannot_cover_becomes_a_chargeback_that_blocks_spending()
    {
        var s = await StartAsync(50_000);
        await CompleteAsync(s);
        var (admin, adminClient) = await _api.SignInAsync(AccountRole.Admin);
        await adminClient.PostAsJsonAsync(new Uri($"/api/v1/admin/users/{s.Account.Id}/wallet/adjustments", UriKind.Relative),
            new { amount = -40_000, reason = "spent on a consultation", idempotencyKey = "spend-" + s.TopUpId });

        await _api.PostSignedAsync(StripeEvents.Event("charge.refunded", StripeEvents.Charge("ch_" + s.SessionId, "pi_" + s.SessionId, 50_000, 50_000)));

        var balance = await _api.Service<ILedgerStore>().GetBalanceAsync(LedgerAccounts.Wallet(s.Account.Id));
        Assert.Equal(-40_000, balance.Balance);
        Assert.True(balance.SpendingBlocked);
        var last = (await _api.Service<ILedgerStore>().QueryEntriesAsync(new LedgerQuery { AccountId = LedgerAccounts.Wallet(s.Account.Id), Take = 1 })).Items.Single();
        Assert.Equal((LedgerEntryKind.Chargeback, -50_000L), (last.Kind, last.Amount));
        Assert.NotNull(admin);
    }

    [Fact]
    public async Task A_dispute_posts_a_chargeback_that_may_go_below_zero_and_blocks_spending()
    {
        var s = await StartAsync(50_000);
        await CompleteAsync(s);
        var (_, adminClient) = await _api.SignInAsync(AccountRole.Admin);
        await adminClient.PostAsJsonAsync(new Uri($"/api/v1/admin/users/{s.Account.Id}/wallet/adjustments", UriKind.Relative),
            new { amount = -45_000, reason = "spent", idempotencyKey = "spend-" + s.TopUpId });
        var dispute = StripeEvents.Dispute("dp_" + s.SessionId, "ch_" + s.SessionId, "pi_" + s.SessionId, 50_000);

        var first = await _api.PostSignedAsync(StripeEvents.Event("charge.dispute.created", dispute.DeepClone().AsObject()));
        var again = await _api.PostSignedAsync(StripeEvents.Event("charge.dispute.created", dispute.DeepClone().AsObject()));
        var spend = await adminClient.PostAsJsonAsync(new Uri($"/api/v1/admin/users/{s.Account.Id}/wallet/adjustments", UriKind.Relative),
            new { amount = -1, reason = "any spending", idempotencyKey = "after-dispute-" + s.TopUpId });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var balance = await _api.Service<ILedgerStore>().GetBalanceAsync(LedgerAccounts.Wallet(s.Account.Id));
        Assert.Equal(-45_000, balance.Balance);
        Assert.True(balance.SpendingBlocked);
        Assert.Equal(HttpStatusCode.Conflict, spend.StatusCode);
        Assert.Equal(50_000, (await _api.TopUpAsync(s.TopUpId)).DisputedAmount);
        Assert.Single(await _api.AuditAsync("topup.disputed"), a => a.AccountId == s.Account.Id);
    }

    [Fact]
    public async Task Racing_copies_of_a_refund_and_of_a_dispute_under_new_event_ids_debit_once_each()
    {
        var refunded = await StartAsync(30_000);
        await CompleteAsync(refunded);
        var disputed = await StartAsync(40_000);
        await CompleteAsync(disputed);

        await Task.WhenAll(Enumerable.Range(0, 10).SelectMany(_ => new[]
        {
            _api.PostSignedAsync(StripeEvents.Event("charge.refunded", StripeEvents.Charge("ch_" + refunded.SessionId, "pi_" + refunded.SessionId, 30_000, 30_000))),
            _api.PostSignedAsync(StripeEvents.Event("charge.dispute.created", StripeEvents.Dispute("dp_" + disputed.SessionId, "ch_" + disputed.SessionId, "pi_" + disputed.SessionId, 40_000))),
        }));

        Assert.Equal(0, await _api.BalanceAsync(refunded.Account.Id));
        Assert.Equal(0, await _api.BalanceAsync(disputed.Account.Id));
        Assert.Equal(30_000, (await _api.TopUpAsync(refunded.TopUpId)).RefundedAmount);
        Assert.Equal(40_000, (await _api.TopUpAsync(disputed.TopUpId)).DisputedAmount);
        Assert.Single(await _api.AuditAsync("topup.refunded"), a => a.AccountId == refunded.Account.Id);
        Assert.Single(await _api.AuditAsync("topup.disputed"), a => a.AccountId == disputed.Account.Id);
    }
}
