using StarSync.Engine.Consultations;
using StarSync.Engine.Wallet;

namespace StarSync.Engine.Tests.Consultations;

public sealed class ConsultationRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);

    private static Consultation Requested() => new()
    {
        Id = "c1",
        UserId = "u1",
        AstrologerId = "a1",
        State = ConsultationState.Requested,
        RequestedAt = T0,
        RatePerMinute = 2_000,
    };

    [Theory]
    [InlineData(1_000, 3000, 300, 700)]
    [InlineData(1_235, 3000, 371, 864)] // 370.5 rounds half up
    [InlineData(1_234, 3000, 370, 864)] // 370.2 rounds down
    [InlineData(1, 5000, 1, 0)]         // 0.5 rounds half up
    [InlineData(999, 0, 0, 999)]
    [InlineData(999, 10_000, 999, 0)]
    [InlineData(777, 1234, 96, 681)]    // 95.88 → 96
    public void A_minute_splits_with_the_commission_rounded_half_up_and_the_rest_earned(long rate, int bp, long commission, long earning)
    {
        var split = MinuteSplit.Of(rate, bp);

        Assert.Equal(commission, split.Commission);
        Assert.Equal(earning, split.Earning);
        Assert.Equal(rate, split.Commission + split.Earning);
    }

    [Fact]
    public void Only_the_drawn_transitions_are_allowed()
    {
        var allowed = new HashSet<(ConsultationState, ConsultationState)>
        {
            (ConsultationState.Requested, ConsultationState.Active),
            (ConsultationState.Requested, ConsultationState.Declined),
            (ConsultationState.Requested, ConsultationState.Expired),
            (ConsultationState.Requested, ConsultationState.Cancelled),
            (ConsultationState.Active, ConsultationState.Ended),
        };
        foreach (var from in Enum.GetValues<ConsultationState>())
        {
            foreach (var to in Enum.GetValues<ConsultationState>())
            {
                Assert.Equal(allowed.Contains((from, to)), ConsultationLifecycle.CanMove(from, to));
            }
        }

        var ended = ConsultationLifecycle.Close(Requested(), ConsultationState.Declined, T0, ConsultationParty.Astrologer);
        Assert.Throws<InvalidOperationException>(() => ConsultationLifecycle.Accept(ended, T0, 1_000, 3000, 0));
        Assert.Throws<InvalidOperationException>(() => ConsultationLifecycle.End(Requested(), T0, ConsultationParty.User, ConsultationEndReason.UserEnded));
    }

    [Fact]
    public void Accepting_copies_the_rate_and_commission_and_makes_minute_one_due_at_once()
    {
        var active = ConsultationLifecycle.Accept(Requested(), T0.AddSeconds(20), 3_000, 2500, 2);

        Assert.Equal(ConsultationState.Active, active.State);
        Assert.Equal(3_000, active.RatePerMinute);
        Assert.Equal(2500, active.CommissionBasisPoints);
        Assert.Equal(2, active.PromotionalMinutes);
        Assert.Equal(T0.AddSeconds(20), active.NextMinuteDueAt);
        Assert.True(active.IsPromotional(2));
        Assert.False(active.IsPromotional(3));
    }

    [Fact]
    public void A_pause_moves_the_next_minute_by_the_paused_span()
    {
        var active = ConsultationLifecycle.Billed(ConsultationLifecycle.Accept(Requested(), T0, 1_000, 3000, 0), 1, 1_000, T0, Minute);
        Assert.Equal(T0 + Minute, active.NextMinuteDueAt);

        var paused = ConsultationLifecycle.Pause(active, T0.AddSeconds(40));
        Assert.Same(paused, ConsultationLifecycle.Pause(paused, T0.AddSeconds(50)));
        var resumed = ConsultationLifecycle.Resume(paused, T0.AddSeconds(130));

        Assert.Null(resumed.PausedAt);
        Assert.Equal(T0.AddSeconds(150), resumed.NextMinuteDueAt);
    }

    [Fact]
    public void The_first_minute_is_refunded_without_an_astrologer_message_or_when_the_astrologer_side_ends_it()
    {
        var billed = ConsultationLifecycle.Billed(ConsultationLifecycle.Accept(Requested(), T0, 1_000, 3000, 0), 1, 1_000, T0, Minute);

        Assert.Null(ConsultationLifecycle.FirstMinuteRefundDue(billed, T0.AddSeconds(59)));
        Assert.True(ConsultationLifecycle.FirstMinuteRefundDue(billed, T0 + Minute));
        var written = billed with { AstrologerFirstMessageAt = T0.AddSeconds(30) };
        Assert.False(ConsultationLifecycle.FirstMinuteRefundDue(written, T0 + Minute));
        var late = billed with { AstrologerFirstMessageAt = T0.AddSeconds(61) };
        Assert.True(ConsultationLifecycle.FirstMinuteRefundDue(late, T0.AddSeconds(62)));
        var astrologerLeft = ConsultationLifecycle.End(written, T0.AddSeconds(40), ConsultationParty.Astrologer, ConsultationEndReason.AstrologerEnded);
        Assert.True(ConsultationLifecycle.FirstMinuteRefundDue(astrologerLeft, T0.AddSeconds(40)));
        var userLeft = ConsultationLifecycle.End(written, T0.AddSeconds(40), ConsultationParty.User, ConsultationEndReason.UserEnded);
        Assert.False(ConsultationLifecycle.FirstMinuteRefundDue(userLeft, T0.AddSeconds(40)));
    }

    [Fact]
    public void A_minute_posting_debits_the_wallet_and_a_promotional_one_the_promotions_account()
    {
        var active = ConsultationLifecycle.Accept(Requested(), T0, 1_235, 3000, 1);

        var free = ConsultationPostings.Minute(active, 1);
        var paid = ConsultationPostings.Minute(active, 2);

        Assert.Equal("consult:c1:1", free.IdempotencyKey);
        Assert.Equal(
            [new NewLedgerEntry(LedgerAccounts.PlatformPromotions, -1_235, LedgerEntryKind.Promotion), new NewLedgerEntry("earnings:a1", 864, LedgerEntryKind.Earning), new NewLedgerEntry(LedgerAccounts.PlatformCommission, 371, LedgerEntryKind.Commission)],
            free.Entries);
        Assert.Equal("consult:c1:2", paid.IdempotencyKey);
        Assert.Equal(new NewLedgerEntry("wallet:u1", -1_235, LedgerEntryKind.Consultation), paid.Entries[0]);
        paid.Validate();
        free.Validate();
    }

    [Fact]
    public void A_refund_reverses_every_entry_of_the_minute_under_its_own_key()
    {
        var active = ConsultationLifecycle.Accept(Requested(), T0, 1_000, 3000, 0);
        var minute = ConsultationPostings.Minute(active, 1);
        var written = new Posting("p1", minute.IdempotencyKey, "c1", "system", T0,
            [.. minute.Entries.Select((e, i) => new LedgerEntry("e" + i, "p1", e.AccountId, e.Amount, "INR", e.Kind, "c1", 0, T0, "system"))]);

        var refund = ConsultationPostings.Refund(active, 1, written);

        Assert.Equal("refund:c1:1", refund.IdempotencyKey);
        Assert.Equal(
            [new NewLedgerEntry("wallet:u1", 1_000, LedgerEntryKind.Refund), new NewLedgerEntry("earnings:a1", -700, LedgerEntryKind.Refund), new NewLedgerEntry(LedgerAccounts.PlatformCommission, -300, LedgerEntryKind.Refund)],
            refund.Entries);
        Assert.Equal(1_000, ConsultationPostings.WalletAmount(active, refund));
        Assert.Throws<ArgumentException>(() => ConsultationPostings.Refund(active, 2, written));
    }
}
