using StarSync.Engine.Payments;
using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Lite;
using StarSync.Engine.Storage.Mongo;

namespace StarSync.Engine.Tests.Storage;

/// <summary>What the top-up and webhook-event ports promise, run against each adapter.</summary>
public abstract class PaymentStoreContractTests
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    protected ManualClock Clock { get; } = new(Start);

    protected abstract ITopUpStore TopUps { get; }

    protected abstract IWebhookEventStore Events { get; }

    private static string Unique() => Guid.NewGuid().ToString("N")[..10];

    private Task<TopUp> NewTopUpAsync(string accountId, long credit = 50_000, long tax = 0) =>
        TopUps.CreateAsync(new NewTopUp { AccountId = accountId, Provider = "stripe", CreditAmount = credit, TaxAmount = tax, ChargeAmount = credit + tax });

    [SkippableFact]
    public async Task Create_stores_a_pending_top_up_with_its_amounts()
    {
        var account = "acc-" + Unique();
        var created = await NewTopUpAsync(account, 100_000, 18_000);

        Assert.StartsWith("tu_", created.Id, StringComparison.Ordinal);
        var read = await TopUps.GetAsync(created.Id);
        Assert.Equal(new TopUp(created.Id, account, "stripe", 118_000, 100_000, 18_000, "INR", TopUpState.Pending, null, null, null, null, 0, 0, Start, Start), read);
        Assert.Null(await TopUps.GetAsync("tu_missing"));
    }

    [SkippableFact]
    public async Task Create_refuses_a_charge_that_is_not_credit_plus_tax()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => TopUps.CreateAsync(new NewTopUp { AccountId = "a", Provider = "stripe", CreditAmount = 100, TaxAmount = 18, ChargeAmount = 100 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TopUps.CreateAsync(new NewTopUp { AccountId = "a", Provider = "stripe", CreditAmount = 0, ChargeAmount = 0 }));
    }

    [SkippableFact]
    public async Task A_checkout_session_attaches_once_and_is_found_by_its_id()
    {
        var topUp = await NewTopUpAsync("acc-" + Unique());
        var session = "cs_test_" + Unique();

        var attached = await TopUps.AttachCheckoutAsync(topUp.Id, session, "https://checkout.stripe.com/c/pay/" + session);
        var again = await TopUps.AttachCheckoutAsync(topUp.Id, "cs_other_" + Unique(), "https://example.com/other");

        Assert.Equal(session, attached?.CheckoutSessionId);
        Assert.Equal(session, again?.CheckoutSessionId);
        Assert.Equal("https://checkout.stripe.com/c/pay/" + session, again?.CheckoutUrl);
        Assert.Equal(topUp.Id, (await TopUps.FindByCheckoutSessionAsync(session))?.Id);
        Assert.Null(await TopUps.FindByCheckoutSessionAsync("cs_unknown"));
    }

    [SkippableFact]
    public async Task A_transition_happens_only_from_the_expected_state_and_records_the_payment()
    {
        var topUp = await NewTopUpAsync("acc-" + Unique());
        var paymentIntent = "pi_" + Unique();
        Clock.Advance(TimeSpan.FromMinutes(3));

        var credited = await TopUps.TransitionAsync(topUp.Id, TopUpState.Pending, TopUpState.Credited, new TopUpTransition("paid", paymentIntent));
        var expired = await TopUps.TransitionAsync(topUp.Id, TopUpState.Pending, TopUpState.Expired, new TopUpTransition("expired"));

        Assert.Equal(TopUpState.Credited, credited?.State);
        Assert.Equal("paid", credited?.StateReason);
        Assert.Equal(Start.AddMinutes(3), credited?.UpdatedAt);
        Assert.Null(expired);
        Assert.Equal(TopUpState.Credited, (await TopUps.GetAsync(topUp.Id))?.State);
        Assert.Equal(topUp.Id, (await TopUps.FindByPaymentIntentAsync(paymentIntent))?.Id);
        Assert.Null(await TopUps.TransitionAsync("tu_missing", TopUpState.Pending, TopUpState.Expired, new TopUpTransition()));
    }

    [SkippableFact]
    public async Task Of_racing_transitions_exactly_one_wins()
    {
        var topUp = await NewTopUpAsync("acc-" + Unique());

        var results = Concurrently.Run(16, i => TopUps.TransitionAsync(topUp.Id, TopUpState.Pending, i % 2 == 0 ? TopUpState.Credited : TopUpState.Review, new TopUpTransition("racer " + i)));

        var winner = Assert.Single(results, r => r is not null);
        Assert.Equal(winner!.State, (await TopUps.GetAsync(topUp.Id))?.State);
    }

    [SkippableFact]
    public async Task Reversal_totals_change_only_from_the_expected_value()
    {
        var topUp = await NewTopUpAsync("acc-" + Unique());

        var first = await TopUps.CompareAndSetReversalAsync(topUp.Id, TopUpReversal.Refund, 0, 20_000);
        var stale = await TopUps.CompareAndSetReversalAsync(topUp.Id, TopUpReversal.Refund, 0, 30_000);
        var disputed = await TopUps.CompareAndSetReversalAsync(topUp.Id, TopUpReversal.Dispute, 0, 50_000);

        Assert.Equal(20_000, first?.RefundedAmount);
        Assert.Null(stale);
        Assert.Equal((20_000L, 50_000L), (disputed!.RefundedAmount, disputed.DisputedAmount));
    }

    [SkippableFact]
    public async Task Pending_lists_only_pending_top_ups_created_before_the_cut_oldest_first()
    {
        var account = "acc-" + Unique();
        var old = await NewTopUpAsync(account);
        Clock.Advance(TimeSpan.FromMinutes(10));
        var older = await NewTopUpAsync(account);
        var settled = await NewTopUpAsync(account);
        await TopUps.TransitionAsync(settled.Id, TopUpState.Pending, TopUpState.Expired, new TopUpTransition());
        Clock.Advance(TimeSpan.FromMinutes(60));
        var fresh = await NewTopUpAsync(account);

        var pending = (await TopUps.ListPendingAsync(Start.AddMinutes(11), 200)).Where(t => t.AccountId == account).Select(t => t.Id);

        Assert.Equal([old.Id, older.Id], pending);
        Assert.DoesNotContain(fresh.Id, pending);
    }

    [SkippableFact]
    public async Task An_account_s_top_ups_page_newest_first()
    {
        var account = "acc-" + Unique();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await NewTopUpAsync(account, 10_000 * (i + 1))).Id);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        await NewTopUpAsync("acc-" + Unique());
        var page = await TopUps.ListByAccountAsync(account, 1, 2);

        Assert.Equal(5, page.Total);
        Assert.Equal([ids[3], ids[2]], page.Items.Select(t => t.Id));
    }

    [SkippableFact]
    public async Task A_webhook_event_id_is_recorded_once_even_when_racing()
    {
        var eventId = "evt_" + Unique();

        var results = Concurrently.Run(20, _ => Events.TryRecordAsync(eventId, "checkout.session.completed", "cs_1", "credited"));

        Assert.Equal(1, results.Count(r => r));
        Assert.Equal(new WebhookEventRecord(eventId, "checkout.session.completed", "cs_1", "credited", Start), await Events.FindAsync(eventId));
        Assert.Null(await Events.FindAsync("evt_unknown"));
    }
}

public sealed class LitePaymentStoreContractTests : PaymentStoreContractTests, IClassFixture<LiteStorageFixture>
{
    public LitePaymentStoreContractTests(LiteStorageFixture fixture)
    {
        TopUps = new LiteTopUpStore(fixture.Store, Clock);
        Events = new LiteWebhookEventStore(fixture.Store, Clock);
    }

    protected override ITopUpStore TopUps { get; }

    protected override IWebhookEventStore Events { get; }
}

/// <summary>Runs when <c>STARSYNC_TEST_MONGODB_URI</c> names a replica set; reported skipped otherwise.</summary>
public sealed class MongoPaymentStoreContractTests : PaymentStoreContractTests, IClassFixture<MongoStorageFixture>
{
    public MongoPaymentStoreContractTests(MongoStorageFixture fixture)
    {
        Skip.If(fixture.Store is null, $"MongoDB contract run skipped: set {MongoStorageFixture.UriVariable} to a replica set");
        TopUps = new MongoTopUpStore(fixture.Store!, Clock);
        Events = new MongoWebhookEventStore(fixture.Store!, Clock);
    }

    protected override ITopUpStore TopUps { get; }

    protected override IWebhookEventStore Events { get; }
}
