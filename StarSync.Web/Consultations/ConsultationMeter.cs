using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StarSync.Engine.Consultations;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;

namespace StarSync.Web.Consultations;

/// <summary>What the user's screen shows about the money: the running cost and how long the wallet lasts.</summary>
/// <param name="Cost">Paise taken from the wallet so far, less refunds.</param>
/// <param name="MinutesLeft">Further whole minutes covered after the current one (free minutes first, then the wallet).</param>
/// <param name="LowBalance">Whether the money runs out within <see cref="BillingOptions.WarningMinutes"/>.</param>
public sealed record ConsultationMeterReading(long Cost, int MinutesLeft, bool LowBalance);

/// <summary>
/// The money side of a live consultation, shared by the billing loop and the service: bills every minute that has
/// started, exactly once (ledger key <c>consult:&lt;id&gt;:&lt;n&gt;</c>, then the store counts it with a guarded
/// update), settles the first minute (refund or keep), and ends a consultation.
/// </summary>
/// <remarks>
/// Order of writes, so a crash anywhere repeats nothing and loses nothing: the ledger posting first (idempotent), then
/// the consultation's counters (compare-and-set). A minute posted but not counted is counted by the next attempt,
/// which finds the key already used and writes no money. The first-minute refund is posted before the consultation
/// records it, and whoever settles later finds the refund posting and records it as refunded.
/// </remarks>
public sealed class ConsultationMeter(
    IConsultationStore store,
    ILedgerStore ledger,
    ConsultationEvents events,
    ConsultationAudit audit,
    IOptions<BillingOptions> options,
    ILogger<ConsultationMeter> logger)
{
    private readonly ConcurrentDictionary<string, byte> _warned = new();

    private BillingOptions Options => options.Value;

    /// <summary>
    /// Bills every minute of consultation <paramref name="id"/> whose start is at or before <paramref name="now"/> and
    /// has not been billed, unless billing is paused; ends it with balance-exhausted when a minute cannot be paid.
    /// </summary>
    /// <returns>The consultation as stored afterwards (null when there is none).</returns>
    public async Task<Consultation?> BillDueAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var c = await store.GetAsync(id, cancellationToken);
        while (c is { State: ConsultationState.Active, PausedAt: null, NextMinuteDueAt: { } due } && due <= now)
        {
            var minute = c.BilledMinutes + 1;
            if (minute == 2 && c.FirstMinute == FirstMinuteOutcome.Pending)
            {
                // Minute 1 closes as minute 2 starts: decide its refund before charging the next one.
                var settled = await SettleFirstMinuteAsync(c, due, cancellationToken);
                if (settled.FirstMinute == FirstMinuteOutcome.Pending && settled.State == ConsultationState.Active)
                {
                    break;
                }

                c = settled;
                continue;
            }

            var posted = await ledger.PostAsync(ConsultationPostings.Minute(c, minute), cancellationToken);
            if (posted.Outcome == PostingOutcome.InsufficientFunds)
            {
                logger.LogInformation("Consultation {Id}: minute {Minute} cannot be paid; ending it.", id, minute);
                return (await EndAsync(id, now, ConsultationParty.System, ConsultationEndReason.BalanceExhausted, cancellationToken)).Consultation;
            }

            var recorded = await store.RecordMinuteAsync(id, minute, c.IsPromotional(minute) ? 0 : c.RatePerMinute, now, Options.Minute, cancellationToken);
            if (recorded is null)
            {
                // Another loop counted it, or it ended meanwhile: look again.
                c = await store.GetAsync(id, cancellationToken);
                if (c is not null && c.State != ConsultationState.Active && c.BilledMinutes < minute && posted.Outcome == PostingOutcome.Posted)
                {
                    await ReverseUncountedMinuteAsync(c, minute, posted.Posting!, cancellationToken);
                }

                continue;
            }

            c = recorded;
            await AnnounceMinuteAsync(c, null, cancellationToken);
        }

        return c;
    }

    /// <summary>
    /// <see cref="BillDueAsync(string, DateTimeOffset, CancellationToken)"/> for several consultations at once: every
    /// plain minute due (one minute, not the second while the first is unsettled) is posted in one ledger call and
    /// counted in one store call, so a busy second costs one commit of each instead of one per consultation. A
    /// consultation several minutes behind (after a stall) catches up the same way, a minute per round, all of them
    /// together: one by one, a stall of a billing minute's length made every consultation slow to bill, which put them
    /// further behind. Anything else — the first minute to settle, a wallet that cannot pay, a minute counted meanwhile
    /// by someone else — then goes through the one-by-one path, which handles every case.
    /// </summary>
    /// <returns>Each consultation as stored afterwards, in the order of <paramref name="ids"/> (null when there is none).</returns>
    public async Task<IReadOnlyList<Consultation?>> BillDueAsync(IReadOnlyList<string> ids, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var results = new Consultation?[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            results[i] = await store.GetAsync(ids[i], cancellationToken);
        }

        var oneByOne = new List<int>();
        // Each round bills one minute of every consultation still behind, from the copy the last round stored.
        for (var behind = Enumerable.Range(0, ids.Count).ToList(); behind.Count > 0;)
        {
            var plain = new List<(int Index, Consultation Consultation, int Minute)>(behind.Count);
            foreach (var i in behind)
            {
                if (results[i] is not { State: ConsultationState.Active, PausedAt: null, NextMinuteDueAt: { } due } c || due > now)
                {
                    continue;
                }

                var minute = c.BilledMinutes + 1;
                if (minute == 2 && c.FirstMinute == FirstMinuteOutcome.Pending)
                {
                    oneByOne.Add(i);
                }
                else
                {
                    plain.Add((i, c, minute));
                }
            }

            behind = [];
            if (plain.Count > 0)
            {
                await BillPlainMinutesAsync(plain, now, results, oneByOne, behind, cancellationToken);
            }
        }

        foreach (var i in oneByOne)
        {
            results[i] = await BillDueAsync(ids[i], now, cancellationToken);
        }

        return results;
    }

    private async Task BillPlainMinutesAsync(List<(int Index, Consultation Consultation, int Minute)> plain, DateTimeOffset now, Consultation?[] results, List<int> oneByOne, List<int> stillBehind, CancellationToken cancellationToken)
    {
        IReadOnlyList<PostingResult> posted;
        try
        {
            posted = await ledger.PostManyAsync(plain.ConvertAll(p => ConsultationPostings.Minute(p.Consultation, p.Minute)), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One posting the ledger rejects outright fails the call; one by one, it fails alone.
            logger.LogWarning(e, "Billing {Count} consultations together failed; billing them one by one.", plain.Count);
            oneByOne.AddRange(plain.Select(p => p.Index));
            return;
        }

        var counted = new List<int>(plain.Count);
        for (var k = 0; k < plain.Count; k++)
        {
            if (posted[k].Succeeded)
            {
                counted.Add(k);
            }
            else
            {
                // A wallet that cannot pay: the one-by-one path finds it so again and ends the consultation.
                oneByOne.Add(plain[k].Index);
            }
        }

        var minutes = counted.ConvertAll(k => new BilledMinute(plain[k].Consultation.Id, plain[k].Minute, plain[k].Consultation.IsPromotional(plain[k].Minute) ? 0 : plain[k].Consultation.RatePerMinute));
        var recorded = await store.RecordMinutesAsync(minutes, now, Options.Minute, cancellationToken);
        for (var j = 0; j < counted.Count; j++)
        {
            var (index, c, minute) = plain[counted[j]];
            var result = posted[counted[j]];
            if (recorded[j] is not { } stored)
            {
                // Counted by another loop, or ended meanwhile: as in the one-by-one path, a minute posted as the
                // consultation ended is reversed, and whatever else is due is looked at again.
                var fresh = await store.GetAsync(c.Id, cancellationToken);
                if (fresh is not null && fresh.State != ConsultationState.Active && fresh.BilledMinutes < minute && result.Outcome == PostingOutcome.Posted)
                {
                    await ReverseUncountedMinuteAsync(fresh, minute, result.Posting!, cancellationToken);
                }

                results[index] = fresh;
                oneByOne.Add(index);
                continue;
            }

            results[index] = stored;
            var wallet = LedgerAccounts.Wallet(c.UserId);
            var balance = result.Outcome == PostingOutcome.Posted ? result.Posting!.Entries.FirstOrDefault(e => e.AccountId == wallet)?.BalanceAfter : null;
            await AnnounceMinuteAsync(stored, balance, cancellationToken);
            if (stored.NextMinuteDueAt is { } next && next <= now)
            {
                stillBehind.Add(index);
            }
        }
    }

    /// <summary>
    /// Ends consultation <paramref name="id"/> if it is still active (settling the first minute in the same write).
    /// </summary>
    /// <returns>The consultation now, and whether this call ended it.</returns>
    public async Task<(Consultation? Consultation, bool Ended)> EndAsync(string id, DateTimeOffset at, ConsultationParty by, ConsultationEndReason reason, CancellationToken cancellationToken = default)
    {
        if (reason != ConsultationEndReason.BalanceExhausted)
        {
            // A minute that started before the end is owed even if the loop has not reached it yet (it comes by once a
            // tick, later under load). Billing it may end the consultation instead, when the wallet cannot pay.
            await BillDueAsync(id, at, cancellationToken);
        }

        while (true)
        {
            var current = await store.GetAsync(id, cancellationToken);
            if (current is not { State: ConsultationState.Active })
            {
                return (current, false);
            }

            // A loop whose clock read came after ours may have counted a minute that started after `at` just before
            // this write: the end is then that minute's start, so a consultation never counts a minute begun after it.
            var endAt = current.NextMinuteDueAt is { } next && next - Options.Minute > at ? next - Options.Minute : at;
            var ended = await ApplyFirstMinuteAsync(ConsultationLifecycle.End(current, endAt, by, reason), endAt, cancellationToken);
            var stored = await store.ReplaceAsync(current, ended, cancellationToken);
            if (stored is null)
            {
                continue;
            }

            _warned.TryRemove(id, out _);
            logger.LogInformation("Consultation {Id} ended ({Reason}) after {Minutes} minute(s), charged {Charged}, refunded {Refunded}.", id, reason, stored.BilledMinutes, stored.Charged, stored.Refunded);
            if (stored.FirstMinute == FirstMinuteOutcome.Refunded && current.FirstMinute != FirstMinuteOutcome.Refunded)
            {
                await audit.RefundedAsync(stored, cancellationToken);
                events.Publish(new ConsultationEvent(ConsultationEventKind.Refunded, stored));
            }

            await audit.StateChangedAsync(stored, ConsultationAudit.ActorOf(stored, by), cancellationToken);
            events.Publish(new ConsultationEvent(ConsultationEventKind.StateChanged, stored));
            return (stored, true);
        }
    }

    /// <summary>
    /// A minute whose posting was written while the consultation ended, too late to be counted: it started after the
    /// end (every minute that started before it is billed by <see cref="EndAsync"/> first), so its money goes back under
    /// <c>refund:&lt;id&gt;:&lt;n&gt;</c>. The ended consultation is not changed: it never counted or charged that minute.
    /// </summary>
    private async Task ReverseUncountedMinuteAsync(Consultation ended, int minute, Posting posting, CancellationToken cancellationToken)
    {
        var result = await ledger.PostAsync(ConsultationPostings.Refund(ended, minute, posting), cancellationToken);
        logger.LogWarning("Consultation {Id}: minute {Minute} was posted as it ended ({Reason}) and not counted; its posting is reversed ({Outcome}).", ended.Id, minute, ended.EndReason, result.Outcome);
    }

    /// <summary>The running cost and the minutes the wallet still covers.</summary>
    public async Task<ConsultationMeterReading> ReadAsync(Consultation c, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        var left = await MinutesLeftAsync(c, cancellationToken);
        return new ConsultationMeterReading(c.Charged - c.Refunded, left, c.State == ConsultationState.Active && left + 1 <= Options.WarningMinutes);
    }

    private async Task<int> MinutesLeftAsync(Consultation c, CancellationToken cancellationToken, long? knownBalance = null)
    {
        var free = Math.Max(0, c.PromotionalMinutes - c.BilledMinutes);
        var balance = knownBalance ?? (await ledger.GetBalanceAsync(LedgerAccounts.Wallet(c.UserId), cancellationToken)).Balance;
        var paid = c.RatePerMinute > 0 && balance > 0 ? balance / c.RatePerMinute : 0;
        return (int)Math.Min(int.MaxValue, free + paid);
    }

    /// <param name="walletBalance">The wallet's balance right after the minute's posting, when the caller has it (spares a read).</param>
    private async Task AnnounceMinuteAsync(Consultation c, long? walletBalance, CancellationToken cancellationToken)
    {
        var left = await MinutesLeftAsync(c, cancellationToken, walletBalance);
        if (walletBalance is not null && left + 1 <= Options.WarningMinutes)
        {
            // Before warning, the stored balance: a top-up written in the same batch after the minute is not in it.
            left = await MinutesLeftAsync(c, cancellationToken);
        }

        events.Publish(new ConsultationEvent(ConsultationEventKind.MinuteBilled, c, left));
        // The current minute plus `left` more: warn once the whole remaining time is within the warning window.
        if (left + 1 <= Options.WarningMinutes && _warned.TryAdd(c.Id, 0))
        {
            events.Publish(new ConsultationEvent(ConsultationEventKind.LowBalanceWarning, c, left));
        }
    }

    private async Task<Consultation> SettleFirstMinuteAsync(Consultation c, DateTimeOffset at, CancellationToken cancellationToken)
    {
        while (true)
        {
            var settled = await ApplyFirstMinuteAsync(c, at, cancellationToken);
            if (settled == c)
            {
                return c;
            }

            var stored = await store.ReplaceAsync(c, settled, cancellationToken);
            if (stored is not null)
            {
                if (stored.FirstMinute == FirstMinuteOutcome.Refunded)
                {
                    logger.LogInformation("Consultation {Id}: first minute refunded ({Amount}).", c.Id, stored.Refunded);
                    await audit.RefundedAsync(stored, cancellationToken);
                    events.Publish(new ConsultationEvent(ConsultationEventKind.Refunded, stored));
                }

                return stored;
            }

            var fresh = await store.GetAsync(c.Id, cancellationToken);
            if (fresh is null || fresh.FirstMinute != FirstMinuteOutcome.Pending || fresh.State != ConsultationState.Active)
            {
                return fresh ?? c;
            }

            c = fresh;
        }
    }

    /// <summary>
    /// <paramref name="candidate"/> with the first minute decided, when it can be: a refund is posted to the ledger
    /// here (idempotently) before the caller stores the outcome. A refund posting found already written means an
    /// earlier attempt refunded it, whatever the rule says now.
    /// </summary>
    private async Task<Consultation> ApplyFirstMinuteAsync(Consultation candidate, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (candidate.FirstMinute != FirstMinuteOutcome.Pending || candidate.BilledMinutes < 1)
        {
            return candidate;
        }

        var refund = await ledger.FindPostingAsync(ConsultationPostings.RefundKey(candidate.Id, 1), cancellationToken);
        var decision = refund is not null ? true : ConsultationLifecycle.FirstMinuteRefundDue(candidate, at);
        if (decision is null)
        {
            return candidate;
        }

        if (decision == false)
        {
            return candidate with { FirstMinute = FirstMinuteOutcome.Kept };
        }

        long back;
        if (refund is null)
        {
            var minute = await ledger.FindPostingAsync(ConsultationPostings.MinuteKey(candidate.Id, 1), cancellationToken)
                ?? throw new InvalidOperationException($"Consultation {candidate.Id} counts a first minute the ledger does not have.");
            var posting = ConsultationPostings.Refund(candidate, 1, minute);
            var result = await ledger.PostAsync(posting, cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"The ledger refused the first-minute refund of consultation {candidate.Id}: {result.Outcome}.");
            }

            back = ConsultationPostings.WalletAmount(candidate, posting);
        }
        else
        {
            var wallet = LedgerAccounts.Wallet(candidate.UserId);
            back = refund.Entries.Where(e => e.AccountId == wallet).Sum(e => e.Amount);
        }

        return candidate with { FirstMinute = FirstMinuteOutcome.Refunded, Refunded = candidate.Refunded + back };
    }
}
