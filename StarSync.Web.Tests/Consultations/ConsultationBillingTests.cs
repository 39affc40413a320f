using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StarSync.Engine.Consultations;
using StarSync.Engine.Platform;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using StarSync.Web.Consultations;

namespace StarSync.Web.Tests.Consultations;

/// <summary>
/// Per-minute billing against a real LiteDB ledger with a manual clock: the loop's tick is driven directly, so nothing
/// sleeps. Rate ₹10/min (1 000 paise) at the default 30 % commission unless a test says otherwise: each minute is
/// wallet −1 000, earnings +700, platform:commission +300.
/// </summary>
public sealed class ConsultationBillingTests : IDisposable
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private readonly ConsultationHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static TimeSpan S(int seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public async Task One_minute_is_charged_at_acceptance_and_split_seventy_thirty()
    {
        var astrologer = await _h.AstrologerAsync();
        var user = await _h.UserAsync(10_000);

        var c = await _h.StartAsync(user, astrologer);
        await _h.TickUntilAsync(S(10));
        await _h.Service.MessageSentAsync(c.Id, astrologer);
        await _h.TickUntilAsync(S(59));
        var ended = await _h.Service.EndAsync(user, c.Id);

        Assert.Equal(ConsultationOutcome.Done, ended.Outcome);
        var stored = await _h.GetAsync(c.Id);
        Assert.Equal(ConsultationState.Ended, stored.State);
        Assert.Equal(ConsultationEndReason.UserEnded, stored.EndReason);
        Assert.Equal(ConsultationParty.User, stored.EndedBy);
        Assert.Equal(1, stored.BilledMinutes);
        Assert.Equal(1_000, stored.Charged);
        Assert.Equal(0, stored.Refunded);
        Assert.Equal(FirstMinuteOutcome.Kept, stored.FirstMinute);
        Assert.Equal(1_000, stored.RatePerMinute);
        Assert.Equal(3000, stored.CommissionBasisPoints);
        await _h.AssertMoneyAsync(user, astrologer, wallet: 9_000, earnings: 700, commission: 300);
        var posting = await _h.Ports.Ledger.FindPostingAsync($"consult:{c.Id}:1");
        Assert.Equal(3, posting!.Entries.Count);
    }

    [Fact]
    public async Task Two_minutes_are_charged_when_the_second_one_starts()
    {
        var astrologer = await _h.AstrologerAsync();
        var user = await _h.UserAsync(10_000);
        var c = await _h.StartAsync(user, astrologer);
        await _h.Service.MessageSentAsync(c.Id, astrologer);

        await _h.TickUntilAsync(S(59));
        Assert.Equal(1, (await _h.GetAsync(c.Id)).BilledMinutes);
        await _h.TickUntilAsync(S(60));
        Assert.Equal(2, (await _h.GetAsync(c.Id)).BilledMinutes);
        await _h.TickUntilAsync(S(119));
        await _h.Service.EndAsync(astrologer, c.Id);

        var stored = await _h.GetAsync(c.Id);
        Assert.Equal(2, stored.BilledMinutes);
        Assert.Equal(2_000, stored.Charged);
        Assert.Equal(ConsultationEndReason.AstrologerEnded, stored.EndReason);
        await _h.AssertMoneyAsync(user, astrologer, wallet: 8_000, earnings: 1_400, commission: 600);
    }

    [Fact]
    public async Task N_minutes_at_an_odd_rate_round_the_commission_half_up_every_minute()
    {
        // ₹12.35/min at 30 %: commission 370.5 → 371, earning 864.
        var astrologer = await _h.AstrologerAsync(rate: 1_235);
        var user = await _h.UserAsync(20_000);
        var c = await _h.StartAsync(user, astrologer);
        await _h.Service.MessageSentAsync(c.Id, astrologer);

        await _h.TickUntilAsync(S(6 * 60 + 30), step: S(7));
        await _h.Service.EndAsync(user, c.Id);

        var stored = await _h.GetAsync(c.Id);
        Assert.Equal(7, stored.BilledMinutes);
        Assert.Equal(7 * 1_235, stored.Charged);
        await _h.AssertMoneyAsync(user, astrologer, wallet: 20_000 - 7 * 1_235, earnings: 7 * 864, commission: 7 * 371);
    }

    [Fact]
    public async Task Running_out_of_money_warns_two_minutes_ahead_and_ends_when_the_next_minute_cannot_be_paid()
    {
        var astrologer = await _h.AstrologerAsync();
        var user = await _h.UserAsync(5_500);
        var seen = new List<(ConsultationEventKind Kind, DateTimeOffset At, int? Left)>();
        using var _ = _h.Node.Events.Subscribe(null, e => seen.Add((e.Kind, _h.Clock.GetUtcNow(), e.MinutesLeft)));
        var c = await _h.StartAsync(user, astrologer);
        await _h.Service.MessageSentAsync(c.Id, astrologer);

        await _h.TickUntilAsync(S(299));
        Assert.Equal(ConsultationState.Active, (await _h.GetAsync(c.Id)).State);
        await _h.TickUntilAsync(S(300));

        var stored = await _h.GetAsync(c.Id);
        Assert.Equal(ConsultationState.Ended, stored.State);
        Assert.Equal(ConsultationEndReason.BalanceExhausted, stored.EndReason);
        Assert.Equal(ConsultationParty.System, stored.EndedBy);
        Assert.Equal(ConsultationHarness.T0 + S(300), stored.EndedAt);
        Assert.Equal(5, stored.BilledMinutes);
        Assert.Equal(5_000, stored.Charged);
        await _h.AssertMoneyAsync(user, astrologer, wallet: 500, earnings: 3_500, commission: 1_500);
        // After minute 4 (at 3:00) the wallet covers one more minute: the money runs out at 5:00.
        var warning = Assert.Single(seen, e => e.Kind == ConsultationEventKind.LowBalanceWarning);
        Assert.Equal(ConsultationHarness.T0 + S(180), warning.At);
        Assert.Equal(1, warning.Left);
        Assert.Equal([4, 3, 2, 1, 0], seen.Where(e => e.Kind == ConsultationEventKind.MinuteBilled).Select(e => e.Left!.Value));
        var reading = await _h.Node.Meter.ReadAsync(stored);
        Assert.Equal(new ConsultationMeterReading(5_000, 0, false), reading);
    }

    [Fact]
    public async Task The_first_minute_is_refunded_when_the_astrologer_writes_nothing_in_it()
    {
        var astrologer = await _h.AstrologerAsync();
        var user = await _h.UserAsync(10_000);
        var c = await _h.StartAsync(user, astrologer);

        await _h.TickUntilAsync(S(60));
        await _h.Service.MessageSentAsync(c.Id, astrologer);
        await _h.TickUntilAsync(S(100));
        await _h.Service.EndAsync(user, c.Id);

        var stored = await _h.GetAsync(c.Id);
        Assert.Equal(FirstMinuteOutcome.Refunded, stored.FirstMinute);
        Assert.Equal(2, stored.BilledMinutes);
        Assert.Equal(2_000, stored.Charged);
        Assert.Equal(1_000, stored.Refunded);
        await _h.AssertMoneyAsync(user, astrologer, wallet: 9_000, earnings: 700, commission: 300);
        var refund = await _h.Ports.Ledger.FindPostingAsync($"refund:{c.Id}:1");
        Assert.NotNull(refund);
        Assert.Equal(
            [(LedgerAccounts.Wallet(user), 1_000L), (LedgerAccounts.Earnings(astrologer), -700L), (LedgerAccounts.PlatformCommission, -300L)],
            refund.Entries.Select(e => (e.AccountId, e.Amount)).OrderBy(e => e.AccountId.StartsWith("wallet", StringComparison.Ordinal) ? 0 : e.AccountId.StartsWith("earnings", StringComparison.Ordinal) ? 1 : 2));
        Assert.All(refund.Entries, e => Assert.Equal(LedgerEntryKind.Refund, e.Kind));
    }

    [Fact]
    public async Task The_first_minute_is_refunded_when_the_astrologer_drops_within_it_and_does_not_return()
    {
        var astrologer = await _h.AstrologerAsync();
        var user = await _h.UserAsync(10_000);
        var c = await _h.StartAsync(user, astrologer);
        await _h.Service.MessageSentAsync(c.Id, astrologer);
        await _h.TickUntilAsync(S(20));

        await _h.Node.Presence.PartyDisconnectedAsync(c.Id, ConsultationParty.Astrologer, _h.Clock.GetUtcNow());
        await _h.TickUntilAsync(S(79));
        Assert.Equal(ConsultationState.Active, (await _h.GetAsync(c.Id)).State);
        await _h.TickUntilAsync(S(80));

        var stored = await _h.GetAsync(c.Id);
        Assert.Equal(ConsultationState.Ended, stored.State);
        Assert.Equal(ConsultationEndReason.AstrologerDisconnected, stored.EndReason);
        // Billing paused while the astrologer was away, so minute 2 never started.
        Assert.Equal(1, stored.BilledMinutes);
        Assert.Equal(FirstMinuteOutcome.Refunded, stored.FirstMinute);
        Assert.Equal(1_000, stored.Refunded);
        await _h.AssertMoneyAsync(user, astrologer, wallet: 10_000, earnings: 0, commission: 0);
    }

    [Fact]
    public async Task A_user_away_past_the_grace_period_ends_it_and_a_return_within_it_resumes_billing_later_by_the_gap()
    {
        var astrologer = await _h.AstrologerAsync();
        var user = await _h.UserAsync(10_000);
        var c = await _h.StartAsync(user, astrologer);
        await _h.Service.MessageSentAsync(c.Id, astrologer);

        await _h.TickUntilAsync(S(30));
        await _h.Node.Presence.PartyDisconnectedAsync(c.Id, ConsultationParty.User, _h.Clock.GetUtcNow());
        await _h.TickUntilAsync(S(70));
        await _h.Node.Presence.PartyConnectedAsync(c.Id, ConsultationParty.User, _h.Clock.GetUtcNow());
        // Away 40 s: minute 2 starts at 1:40 instead of 1:00.
        await _h.TickUntilAsync(S(99));
        Assert.Equal(1, (await _h.GetAsync(c.Id)).BilledMinutes);
        await _h.TickUntilAsync(S(100));
        Assert.Equal(2, (await _h.GetAsync(c.Id)).BilledMinutes);

        await _h.Node.Presence.PartyDisconnectedAsync(c.Id, ConsultationParty.User, _h.Clock.GetUtcNow());
        await _h.TickUntilAsync(S(160));

        var stored = await _h.GetAsync(c.Id);
        Assert.Equal(ConsultationEndReason.UserDisconnected, stored.EndReason);
        Assert.Equal(2, stored.BilledMinutes);
        await _h.AssertMoneyAsync(user, astrologer, wallet: 8_000, earnings: 1_400, commission: 600);
    }

    [Fact]
    public async Task Promotional_minutes_are_paid_by_the_platform_and_still_pay_the_astrologer()
    {
        await _h.SaveSettingsAsync(new PlatformSettings { FreeFirstConsultation = true, FreeFirstConsultationMinutes = 2 });
        var astrologer = await _h.AstrologerAsync();
        // Five minimum minutes less two free ones: ₹30 is enough to start.
        var user = await _h.UserAsync(3_000);
        var c = await _h.StartAsync(user, astrologer);
        await _h.Service.MessageSentAsync(c.Id, astrologer);

        await _h.TickUntilAsync(S(150));
        await _h.Service.EndAsync(user, c.Id);

        var stored = await _h.GetAsync(c.Id);
        Assert.Equal(2, stored.PromotionalMinutes);
        Assert.Equal(3, stored.BilledMinutes);
        Assert.Equal(1_000, stored.Charged);
        await _h.AssertMoneyAsync(user, astrologer, wallet: 2_000, earnings: 2_100, commission: 900, promotions: -2_000);
        var free = await _h.Ports.Ledger.FindPostingAsync($"consult:{c.Id}:1");
        Assert.Contains(free!.Entries, e => e.AccountId == LedgerAccounts.PlatformPromotions && e.Amount == -1_000 && e.Kind == LedgerEntryKind.Promotion);

        // Only the first consultation is free: the next one needs the full minimum.
        var second = await _h.Service.RequestAsync(user, astrologer);
        Assert.Equal(ConsultationOutcome.InsufficientBalance, second.Outcome);
        Assert.Equal(5_000, second.RequiredBalance);
        Assert.Equal(3_000, second.AmountToAdd);
    }

    [Fact]
    public async Task A_crash_mid_consultation_bills_no_minute_twice_and_none_for_the_downtime()
    {
        var astrologer = await _h.AstrologerAsync();
        var user = await _h.UserAsync(10_000);
        var c = await _h.StartAsync(user, astrologer);
        await _h.Service.MessageSentAsync(c.Id, astrologer);
        await _h.TickUntilAsync(S(90), step: S(10));
        Assert.Equal(2, (await _h.GetAsync(c.Id)).BilledMinutes);

        // The process dies at 1:30 (last heartbeat) and is back at 5:00.
        _h.Clock.Set(ConsultationHarness.T0 + S(300));
        var node = _h.Restart();
        await node.Billing.RecoverAsync();
        await node.Billing.TickAsync();
        Assert.Equal(2, (await _h.GetAsync(c.Id)).BilledMinutes);
        await _h.TickUntilAsync(S(320));
        await node.Presence.PartyConnectedAsync(c.Id, ConsultationParty.User, _h.Clock.GetUtcNow());
        await node.Presence.PartyConnectedAsync(c.Id, ConsultationParty.Astrologer, _h.Clock.GetUtcNow());

        // 30 s of minute 2 were left at the crash: minute 3 starts at 5:20 + 0:30.
        await _h.TickUntilAsync(S(349));
        Assert.Equal(2, (await _h.GetAsync(c.Id)).BilledMinutes);
        await _h.TickUntilAsync(S(350));
        var resumed = await _h.GetAsync(c.Id);
        Assert.Equal(3, resumed.BilledMinutes);
        Assert.Equal(ConsultationHarness.T0 + S(410), resumed.NextMinuteDueAt);
        await node.Service.EndAsync(user, c.Id);

        await _h.AssertMoneyAsync(user, astrologer, wallet: 7_000, earnings: 2_100, commission: 900);
    }

    [Fact]
    public async Task A_consultation_accepted_while_recovery_runs_is_left_live_and_billed()
    {
        var astrologer = await _h.AstrologerAsync();
        var user = await _h.UserAsync(10_000);
        var before = await _h.StartAsync(user, astrologer);
        await _h.Service.MessageSentAsync(before.Id, astrologer);
        await _h.TickUntilAsync(S(30), step: S(10));

        // Back at 5:00; recovery runs in the background, and another pair's consultation is accepted as it starts.
        _h.Clock.Set(ConsultationHarness.T0 + S(300));
        var node = _h.Restart();
        var newAstrologer = await _h.AstrologerAsync();
        var newUser = await _h.UserAsync(10_000);
        var during = await _h.StartAsync(newUser, newAstrologer);
        await node.Billing.RecoverAsync();

        Assert.NotNull((await _h.GetAsync(before.Id)).PausedAt);
        var live = await _h.GetAsync(during.Id);
        Assert.Null(live.PausedAt);
        Assert.Equal(ConsultationHarness.T0 + S(360), live.NextMinuteDueAt);
        await node.Service.MessageSentAsync(during.Id, newAstrologer);
        await _h.TickUntilAsync(S(360), step: S(10));
        Assert.Equal((ConsultationState.Active, 2), ((await _h.GetAsync(during.Id)).State, (await _h.GetAsync(during.Id)).BilledMinutes));
        // The one live before the crash ends as usual when its parties do not come back; the new one is not touched.
        Assert.Equal(ConsultationEndReason.ServerRestart, (await _h.GetAsync(before.Id)).EndReason);
    }

    [Fact]
    public async Task After_a_restart_a_consultation_ends_with_server_restart_unless_both_parties_return_within_the_grace_period()
    {
        var astrologer = await _h.AstrologerAsync();
        var user = await _h.UserAsync(10_000);
        var c = await _h.StartAsync(user, astrologer);
        await _h.Service.MessageSentAsync(c.Id, astrologer);
        await _h.TickUntilAsync(S(90), step: S(10));

        _h.Clock.Set(ConsultationHarness.T0 + S(300));
        var node = _h.Restart();
        await node.Billing.RecoverAsync();
        await node.Presence.PartyConnectedAsync(c.Id, ConsultationParty.User, _h.Clock.GetUtcNow());
        await _h.TickUntilAsync(S(359));
        Assert.Equal(ConsultationState.Active, (await _h.GetAsync(c.Id)).State);
        await _h.TickUntilAsync(S(360));

        var stored = await _h.GetAsync(c.Id);
        Assert.Equal(ConsultationEndReason.ServerRestart, stored.EndReason);
        Assert.Equal(2, stored.BilledMinutes);
        await _h.AssertMoneyAsync(user, astrologer, wallet: 8_000, earnings: 1_400, commission: 600);
    }

    [Fact]
    public async Task A_minute_paid_just_before_a_crash_but_not_counted_is_counted_on_recovery_without_charging_again()
    {
        var astrologer = await _h.AstrologerAsync();
        var user = await _h.UserAsync(10_000);
        var c = await _h.StartAsync(user, astrologer);
        await _h.Service.MessageSentAsync(c.Id, astrologer);
        await _h.TickUntilAsync(S(60), step: S(10));
        // The crash falls between minute 3's posting and its count.
        _h.Clock.Set(ConsultationHarness.T0 + S(120));
        var active = await _h.GetAsync(c.Id);
        Assert.Equal(PostingOutcome.Posted, (await _h.Ports.Ledger.PostAsync(ConsultationPostings.Minute(active, 3))).Outcome);

        _h.Clock.Set(ConsultationHarness.T0 + S(200));
        var node = _h.Restart();
        await node.Billing.RecoverAsync();
        var recovered = await _h.GetAsync(c.Id);
        Assert.Equal(3, recovered.BilledMinutes);
        Assert.Equal(3_000, recovered.Charged);
        await node.Presence.PartyConnectedAsync(c.Id, ConsultationParty.User, _h.Clock.GetUtcNow());
        await node.Presence.PartyConnectedAsync(c.Id, ConsultationParty.Astrologer, _h.Clock.GetUtcNow());
        await _h.TickUntilAsync(S(210));
        await node.Service.EndAsync(user, c.Id);

        Assert.Equal(3, (await _h.GetAsync(c.Id)).BilledMinutes);
        await _h.AssertMoneyAsync(user, astrologer, wallet: 7_000, earnings: 2_100, commission: 900);
    }

    [Fact]
    public async Task Two_billing_loops_racing_on_one_consultation_bill_each_minute_once()
    {
        var astrologer = await _h.AstrologerAsync();
        var user = await _h.UserAsync(10_000);
        var c = await _h.StartAsync(user, astrologer);
        await _h.Service.MessageSentAsync(c.Id, astrologer);
        var other = _h.NewNode();

        for (var second = 15; second <= 180; second += 15)
        {
            _h.Clock.Set(ConsultationHarness.T0 + S(second));
            using var start = new Barrier(4);
            var loops = new[] { _h.Node, other, _h.Node, other }.Select(node => Task.Run(async () =>
            {
                start.SignalAndWait();
                await node.Billing.TickAsync();
            })).ToArray();
            await Task.WhenAll(loops);
        }

        var stored = await _h.GetAsync(c.Id);
        Assert.Equal(4, stored.BilledMinutes);
        Assert.Equal(4_000, stored.Charged);
        await _h.AssertMoneyAsync(user, astrologer, wallet: 6_000, earnings: 2_800, commission: 1_200);
    }

    [Fact]
    public async Task A_request_needs_the_minimum_minutes_and_says_how_much_to_add()
    {
        var astrologer = await _h.AstrologerAsync(rate: 1_500);
        var user = await _h.UserAsync(4_000);

        var refused = await _h.Service.RequestAsync(user, astrologer);

        Assert.Equal(ConsultationOutcome.InsufficientBalance, refused.Outcome);
        Assert.Equal(7_500, refused.RequiredBalance);
        Assert.Equal(3_500, refused.AmountToAdd);
        Assert.Equal(0, (await _h.Ports.Consultations.QueryAsync(new() { UserId = user })).Total);
    }

    [Fact]
    public async Task An_unanswered_request_expires_after_the_timeout_and_a_cancelled_one_cannot_be_accepted()
    {
        var astrologer = await _h.AstrologerAsync();
        var user = await _h.UserAsync(10_000);
        var first = (await _h.Service.RequestAsync(user, astrologer)).Consultation!;

        await _h.TickUntilAsync(S(60));
        Assert.Equal(ConsultationState.Requested, (await _h.GetAsync(first.Id)).State);
        await _h.TickUntilAsync(S(61));
        Assert.Equal(ConsultationState.Expired, (await _h.GetAsync(first.Id)).State);
        Assert.Equal(ConsultationOutcome.WrongState, (await _h.Service.AcceptAsync(astrologer, first.Id)).Outcome);

        var second = (await _h.Service.RequestAsync(user, astrologer)).Consultation!;
        Assert.Equal(ConsultationOutcome.NotFound, (await _h.Service.CancelAsync(astrologer, second.Id)).Outcome);
        Assert.Equal(ConsultationOutcome.Done, (await _h.Service.CancelAsync(user, second.Id)).Outcome);
        Assert.Equal(ConsultationOutcome.WrongState, (await _h.Service.AcceptAsync(astrologer, second.Id)).Outcome);
        await _h.AssertMoneyAsync(user, astrologer, wallet: 10_000, earnings: 0, commission: 0);
    }

    [Fact]
    public async Task Accepting_copies_the_rate_in_force_then_and_later_rate_changes_do_not_apply()
    {
        var astrologer = await _h.AstrologerAsync(rate: 1_000);
        var user = await _h.UserAsync(20_000);
        var requested = (await _h.Service.RequestAsync(user, astrologer)).Consultation!;
        var profile = (await _h.Ports.AstrologerProfiles.FindAsync(astrologer))!;
        await _h.Ports.AstrologerProfiles.UpdateAsync(astrologer, profile.Details with { RatePerMinute = 2_000 });
        await _h.SaveSettingsAsync(new PlatformSettings { CommissionBasisPoints = 2500 });

        var accepted = (await _h.Service.AcceptAsync(astrologer, requested.Id)).Consultation!;
        await _h.Service.MessageSentAsync(accepted.Id, astrologer);
        await _h.Ports.AstrologerProfiles.UpdateAsync(astrologer, profile.Details with { RatePerMinute = 3_000 });
        await _h.TickUntilAsync(S(60));
        await _h.Service.EndAsync(user, accepted.Id);

        Assert.Equal(2_000, accepted.RatePerMinute);
        Assert.Equal(2500, accepted.CommissionBasisPoints);
        await _h.AssertMoneyAsync(user, astrologer, wallet: 16_000, earnings: 3_000, commission: 1_000);
    }
    [Fact]
    public async Task Ending_just_after_a_minute_started_bills_that_minute_although_the_loop_has_not_reached_it()
    {
        var astrologer = await _h.AstrologerAsync();
        var user = await _h.UserAsync(10_000);
        var c = await _h.StartAsync(user, astrologer);
        await _h.Service.MessageSentAsync(c.Id, astrologer);
        await _h.TickUntilAsync(S(59));

        // Minute 2 started at 1:00; the user ends at 1:00.4, before the next tick.
        _h.Clock.Set(ConsultationHarness.T0 + TimeSpan.FromMilliseconds(60_400));
        var ended = await _h.Service.EndAsync(user, c.Id);

        Assert.Equal(ConsultationOutcome.Done, ended.Outcome);
        var stored = await _h.GetAsync(c.Id);
        Assert.Equal((ConsultationState.Ended, 2, 2_000L), (stored.State, stored.BilledMinutes, stored.Charged));
        await _h.AssertMoneyAsync(user, astrologer, wallet: 8_000, earnings: 1_400, commission: 600);
        await _h.TickUntilAsync(S(180));
        Assert.Equal(2, (await _h.GetAsync(c.Id)).BilledMinutes);
        await _h.AssertMoneyAsync(user, astrologer, wallet: 8_000, earnings: 1_400, commission: 600);
    }

    [Fact]
    public async Task A_minute_posted_while_the_consultation_ends_before_it_started_is_reversed_not_left_charged()
    {
        var astrologer = await _h.AstrologerAsync();
        var user = await _h.UserAsync(10_000);
        var c = await _h.StartAsync(user, astrologer);
        await _h.Service.MessageSentAsync(c.Id, astrologer);
        await _h.TickUntilAsync(S(59));

        // A late tick (its clock read at 1:00) posts minute 2 just as the user's end, stamped 0:59.9, is stored.
        var racingLedger = new LedgerThatEndsAfterPosting(_h.Ports.Ledger, $"consult:{c.Id}:2",
            () => _h.Node.Meter.EndAsync(c.Id, ConsultationHarness.T0 + TimeSpan.FromMilliseconds(59_900), ConsultationParty.User, ConsultationEndReason.UserEnded));
        var lateMeter = new ConsultationMeter(_h.Ports.Consultations, racingLedger, _h.Node.Events, _h.Node.Audit, Options.Create(_h.Options), NullLogger<ConsultationMeter>.Instance);
        _h.Clock.Set(ConsultationHarness.T0 + S(60));
        await lateMeter.BillDueAsync(c.Id, _h.Clock.GetUtcNow());

        var stored = await _h.GetAsync(c.Id);
        Assert.Equal((ConsultationState.Ended, 1, 1_000L), (stored.State, stored.BilledMinutes, stored.Charged));
        Assert.NotNull(await _h.Ports.Ledger.FindPostingAsync($"consult:{c.Id}:2"));
        Assert.NotNull(await _h.Ports.Ledger.FindPostingAsync($"refund:{c.Id}:2"));
        await _h.AssertMoneyAsync(user, astrologer, wallet: 9_000, earnings: 700, commission: 300);
    }

    [Fact]
    public async Task One_tick_bills_many_consultations_side_by_side_each_minute_once()
    {
        var pairs = new List<(string User, string Astrologer, string Id)>();
        for (var i = 0; i < 40; i++)
        {
            var astrologer = await _h.AstrologerAsync(rate: 1_000 + i);
            var user = await _h.UserAsync(100_000);
            var c = await _h.StartAsync(user, astrologer);
            await _h.Service.MessageSentAsync(c.Id, astrologer);
            pairs.Add((user, astrologer, c.Id));
        }

        await _h.TickUntilAsync(S(150), step: S(75));

        foreach (var (user, astrologer, id) in pairs)
        {
            var stored = await _h.GetAsync(id);
            var split = MinuteSplit.Of(stored.RatePerMinute, stored.CommissionBasisPoints);
            Assert.Equal(3, stored.BilledMinutes);
            Assert.Equal(3 * split.Rate, stored.Charged);
            Assert.Equal(100_000 - (3 * split.Rate), await _h.BalanceAsync(LedgerAccounts.Wallet(user)));
            Assert.Equal(3 * split.Earning, await _h.BalanceAsync(LedgerAccounts.Earnings(astrologer)));
            Assert.Null(await _h.Ports.Ledger.FindPostingAsync($"consult:{id}:4"));
        }

        Assert.Equal(pairs.Sum(p => 3 * MinuteSplit.Of(1_000 + pairs.IndexOf(p), 3000).Commission), await _h.BalanceAsync(LedgerAccounts.PlatformCommission));
        Assert.Empty(await _h.Ports.Ledger.VerifyBalancesAsync());
    }

    [Fact]
    public async Task Minutes_due_together_are_billed_together_and_each_exception_takes_its_own_path()
    {
        // Ten plain consultations, one whose wallet runs out at minute 6, one whose astrologer never writes (its first
        // minute is refunded as minute 2 starts), all due at the same instants, ticked exactly on each minute.
        var plain = new List<(string User, string Astrologer, string Id)>();
        for (var i = 0; i < 10; i++)
        {
            var astrologer = await _h.AstrologerAsync();
            var user = await _h.UserAsync(100_000);
            var c = await _h.StartAsync(user, astrologer);
            await _h.Service.MessageSentAsync(c.Id, astrologer);
            plain.Add((user, astrologer, c.Id));
        }

        var shortAstrologer = await _h.AstrologerAsync();
        var shortUser = await _h.UserAsync(5_500);
        var shortOne = await _h.StartAsync(shortUser, shortAstrologer);
        await _h.Service.MessageSentAsync(shortOne.Id, shortAstrologer);
        var silentAstrologer = await _h.AstrologerAsync();
        var silentUser = await _h.UserAsync(100_000);
        var silent = await _h.StartAsync(silentUser, silentAstrologer);
        var billed = new List<string>();
        using var _ = _h.Node.Events.Subscribe(null, e =>
        {
            if (e.Kind == ConsultationEventKind.MinuteBilled)
            {
                lock (billed)
                {
                    billed.Add($"{e.Consultation.Id}:{e.Consultation.BilledMinutes}");
                }
            }
        });

        await _h.TickUntilAsync(S(360), step: S(60));

        foreach (var (user, astrologer, id) in plain)
        {
            var stored = await _h.GetAsync(id);
            Assert.Equal((ConsultationState.Active, 7, 7_000L, FirstMinuteOutcome.Kept), (stored.State, stored.BilledMinutes, stored.Charged, stored.FirstMinute));
            Assert.Equal(ConsultationHarness.T0 + S(420), stored.NextMinuteDueAt);
            Assert.Equal(93_000, await _h.BalanceAsync(LedgerAccounts.Wallet(user)));
            Assert.Equal(7 * 700, await _h.BalanceAsync(LedgerAccounts.Earnings(astrologer)));
        }

        var exhausted = await _h.GetAsync(shortOne.Id);
        Assert.Equal((ConsultationState.Ended, ConsultationEndReason.BalanceExhausted, 5), (exhausted.State, exhausted.EndReason, exhausted.BilledMinutes));
        Assert.Equal(ConsultationHarness.T0 + S(300), exhausted.EndedAt);
        Assert.Equal(500, await _h.BalanceAsync(LedgerAccounts.Wallet(shortUser)));
        var refunded = await _h.GetAsync(silent.Id);
        Assert.Equal((ConsultationState.Active, 7, 7_000L, 1_000L, FirstMinuteOutcome.Refunded), (refunded.State, refunded.BilledMinutes, refunded.Charged, refunded.Refunded, refunded.FirstMinute));
        Assert.Equal(94_000, await _h.BalanceAsync(LedgerAccounts.Wallet(silentUser)));
        // Minutes 2..7 of every live one announced once each (minute 1 was billed at acceptance).
        Assert.Equal(
            plain.Select(p => p.Id).Append(silent.Id).SelectMany(id => Enumerable.Range(2, 6).Select(n => $"{id}:{n}")).Concat(Enumerable.Range(2, 4).Select(n => $"{shortOne.Id}:{n}")).Order(StringComparer.Ordinal),
            billed.Order(StringComparer.Ordinal));
        Assert.Empty(await _h.Ports.Ledger.VerifyBalancesAsync());
    }

    [Fact]
    public async Task The_running_loop_bills_each_minute_when_it_falls_due_not_at_its_next_scan()
    {
        // Scans 30 s apart and 1 s minutes: only billing on the due time (and scheduling the new consultation from
        // the feed) can bill minutes 2 to 4 before the second scan.
        using var h = new ConsultationHarness(new BillingOptions { MinuteSeconds = 1, TickMilliseconds = 30_000 }, realTime: true);
        var astrologer = await h.AstrologerAsync();
        var user = await h.UserAsync(100_000);
        await StartRunningLoopAsync(h);
        try
        {
            var c = await h.StartAsync(user, astrologer);
            await h.Service.MessageSentAsync(c.Id, astrologer);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while ((await h.GetAsync(c.Id)).BilledMinutes < 4 && waited.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(100);
            }

            var stored = await h.GetAsync(c.Id);
            Assert.True(stored.BilledMinutes >= 4, $"{stored.BilledMinutes} minutes billed after {waited.Elapsed}");
            for (var minute = 2; minute <= 4; minute++)
            {
                var posting = await h.Ports.Ledger.FindPostingAsync($"consult:{c.Id}:{minute}");
                var late = posting!.CreatedAt - (stored.AcceptedAt!.Value + TimeSpan.FromSeconds(minute - 1));
                Assert.InRange(late, TimeSpan.Zero, TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            await h.Node.Billing.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Minutes_falling_due_within_the_gathering_window_are_billed_together_at_its_end()
    {
        // A wide window, so two consultations started one after the other fall into it even on a slow machine; one
        // group (parallelism 1), so billed together means one ledger batch: one timestamp.
        using var h = new ConsultationHarness(new BillingOptions { MinuteSeconds = 1, TickMilliseconds = 30_000, GatherMilliseconds = 600, Parallelism = 1 }, realTime: true);
        var astrologers = new[] { await h.AstrologerAsync(), await h.AstrologerAsync() };
        var users = new[] { await h.UserAsync(100_000), await h.UserAsync(100_000) };
        await StartRunningLoopAsync(h);
        try
        {
            var first = await h.StartAsync(users[0], astrologers[0]);
            var second = await h.StartAsync(users[1], astrologers[1]);
            // The astrologers answer, so the first minutes stand; the second minutes settle them one by one, the third ones
            // are plain minutes, billed in groups.
            await h.Service.MessageSentAsync(first.Id, astrologers[0]);
            await h.Service.MessageSentAsync(second.Id, astrologers[1]);
            var gap = second.AcceptedAt!.Value - first.AcceptedAt!.Value;
            Assert.True(gap < TimeSpan.FromMilliseconds(500), $"the two consultations started {gap.TotalMilliseconds} ms apart; the test needs them within the window");
            Posting? firstMinute3 = null, secondMinute3 = null;
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while ((firstMinute3 is null || secondMinute3 is null) && waited.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50);
                firstMinute3 = await h.Ports.Ledger.FindPostingAsync($"consult:{first.Id}:3");
                secondMinute3 = await h.Ports.Ledger.FindPostingAsync($"consult:{second.Id}:3");
            }

            Assert.NotNull(firstMinute3);
            Assert.NotNull(secondMinute3);
            // The first minute waited for the window to close; the second, due within it, was billed in the same batch.
            var firstDue = first.AcceptedAt.Value + TimeSpan.FromSeconds(2);
            Assert.InRange(firstMinute3.CreatedAt - firstDue, TimeSpan.FromMilliseconds(590), TimeSpan.FromSeconds(10));
            Assert.Equal(firstMinute3.CreatedAt, secondMinute3.CreatedAt);
        }
        finally
        {
            await h.Node.Billing.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Consultations_minutes_behind_after_a_stall_catch_up_together_a_minute_per_round()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var astrologer = await _h.AstrologerAsync();
            var c = await _h.StartAsync(await _h.UserAsync(100_000), astrologer);
            await _h.Service.MessageSentAsync(c.Id, astrologer);
            ids.Add(c.Id);
        }

        // Minute 2 settles the first minutes; then nothing runs until 5:01, when minutes 3 to 6 are all due.
        await _h.TickUntilAsync(S(61));
        var ledger = new LedgerCountingCalls(_h.Ports.Ledger);
        var meter = new ConsultationMeter(_h.Ports.Consultations, ledger, _h.Node.Events, _h.Node.Audit, Options.Create(_h.Options), NullLogger<ConsultationMeter>.Instance);
        _h.Clock.Set(ConsultationHarness.T0 + S(301));
        var billed = await meter.BillDueAsync(ids, _h.Clock.GetUtcNow());

        Assert.All(billed, c => Assert.Equal((6, ConsultationHarness.T0 + S(360)), (c!.BilledMinutes, c.NextMinuteDueAt!.Value)));
        // Four rounds of three postings: one ledger call per round, none one by one.
        Assert.Equal([3, 3, 3, 3], ledger.Batches);
        Assert.Equal(0, ledger.Singles);
        foreach (var id in ids)
        {
            for (var minute = 3; minute <= 6; minute++)
            {
                Assert.NotNull(await _h.Ports.Ledger.FindPostingAsync($"consult:{id}:{minute}"));
            }
        }

        Assert.Empty(await _h.Ports.Ledger.VerifyBalancesAsync());
    }

    /// <summary>
    /// Starts the node's billing loop on the real clock and waits for its first heartbeat: restart recovery (its last
    /// step is the heartbeat) would pause a consultation that was live before it.
    /// </summary>
    private static async Task StartRunningLoopAsync(ConsultationHarness h)
    {
        await h.Node.Billing.StartAsync(CancellationToken.None);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await h.Ports.Consultations.LastBeatAsync() is null && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(20);
        }
    }

    /// <summary>The real ledger, counting the calls that post one posting and those that post several.</summary>
    private sealed class LedgerCountingCalls(ILedgerStore inner) : ILedgerStore
    {
        public int Singles { get; private set; }

        public List<int> Batches { get; } = [];

        public Task<PostingResult> PostAsync(NewPosting posting, CancellationToken cancellationToken = default)
        {
            Singles++;
            return inner.PostAsync(posting, cancellationToken);
        }

        public Task<IReadOnlyList<PostingResult>> PostManyAsync(IReadOnlyList<NewPosting> postings, CancellationToken cancellationToken = default)
        {
            Batches.Add(postings.Count);
            return inner.PostManyAsync(postings, cancellationToken);
        }

        public Task<Posting?> FindPostingAsync(string idempotencyKey, CancellationToken cancellationToken = default) => inner.FindPostingAsync(idempotencyKey, cancellationToken);

        public Task<LedgerBalance> GetBalanceAsync(string accountId, CancellationToken cancellationToken = default) => inner.GetBalanceAsync(accountId, cancellationToken);

        public Task<Page<LedgerEntry>> QueryEntriesAsync(LedgerQuery query, CancellationToken cancellationToken = default) => inner.QueryEntriesAsync(query, cancellationToken);

        public Task<IReadOnlyList<BalanceDiscrepancy>> VerifyBalancesAsync(CancellationToken cancellationToken = default) => inner.VerifyBalancesAsync(cancellationToken);
    }

    /// <summary>The real ledger, which runs <paramref name="afterPosting"/> right after writing the posting under <paramref name="key"/>.</summary>
    private sealed class LedgerThatEndsAfterPosting(ILedgerStore inner, string key, Func<Task> afterPosting) : ILedgerStore
    {
        public async Task<PostingResult> PostAsync(NewPosting posting, CancellationToken cancellationToken = default)
        {
            var result = await inner.PostAsync(posting, cancellationToken);
            if (posting.IdempotencyKey == key)
            {
                await afterPosting();
            }

            return result;
        }

        public Task<Posting?> FindPostingAsync(string idempotencyKey, CancellationToken cancellationToken = default) => inner.FindPostingAsync(idempotencyKey, cancellationToken);

        public Task<LedgerBalance> GetBalanceAsync(string accountId, CancellationToken cancellationToken = default) => inner.GetBalanceAsync(accountId, cancellationToken);

        public Task<Page<LedgerEntry>> QueryEntriesAsync(LedgerQuery query, CancellationToken cancellationToken = default) => inner.QueryEntriesAsync(query, cancellationToken);

        public Task<IReadOnlyList<BalanceDiscrepancy>> VerifyBalancesAsync(CancellationToken cancellationToken = default) => inner.VerifyBalancesAsync(cancellationToken);
    }
}
