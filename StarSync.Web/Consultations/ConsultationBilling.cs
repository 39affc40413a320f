using System.Threading.Channels;
using Microsoft.Extensions.Options;
using StarSync.Engine.Consultations;
using StarSync.Engine.Storage;

namespace StarSync.Web.Consultations;

/// <summary>
/// The billing loop (a hosted service on <see cref="TimeProvider"/>). Every <see cref="BillingOptions.TickMilliseconds"/>
/// it writes the heartbeat, expires requests older than the accept timeout, ends live consultations whose party stayed
/// away past the grace period, and bills every minute that has started, the minutes due at once together (one ledger
/// batch and one counting write per group, <see cref="BillingOptions.Parallelism"/> groups side by side). Between two passes it wakes when the next
/// minute of a live consultation falls due and bills it then, so a minute is billed on time, not up to a tick late.
/// </summary>
/// <remarks>
/// <para>Restart recovery (<see cref="RecoverAsync"/>, once before the first tick): the heartbeat is the last instant a
/// billing loop is known to have run; everything between it and start-up is downtime. Each live consultation is paused
/// at that instant (or at its last billed minute, if later), so the downtime is never billed: when both parties are back
/// the next minute is due the paused span later (<see cref="ConsultationLifecycle.Resume"/>). A minute whose posting
/// was written just before the crash but not yet counted is counted now, from the ledger, without charging again. Both
/// parties count as away from start-up; unless both reconnect within the grace period the consultation ends with
/// server-restart.</para>
/// <para>Several loops (two nodes, or a late tick overlapping the next) may run over one consultation: a minute is
/// still paid once (ledger key <c>consult:&lt;id&gt;:&lt;n&gt;</c>) and counted once (guarded update).</para>
/// </remarks>
public sealed class ConsultationBilling(
    IConsultationStore store,
    ILedgerStore ledger,
    ConsultationMeter meter,
    ConsultationPresence presence,
    ConsultationEvents events,
    ConsultationAudit audit,
    IOptions<BillingOptions> options,
    TimeProvider clock,
    ILogger<ConsultationBilling> logger) : BackgroundService
{
    // Consultations that became live (or changed) since the last scan, so their minutes are billed on time before it.
    private readonly Channel<(string Id, DateTimeOffset Due)> _changed = Channel.CreateUnbounded<(string, DateTimeOffset)>(new UnboundedChannelOptions { SingleReader = true });

    private BillingOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Subscribed first, so nothing that becomes live while recovery runs is missed.
        using var changes = events.Subscribe(null, e =>
        {
            if (e is { Kind: ConsultationEventKind.StateChanged, Consultation: { State: ConsultationState.Active, PausedAt: null, NextMinuteDueAt: { } due } c })
            {
                _changed.Writer.TryWrite((c.Id, due));
            }
        });
        await RecoverAsync(stoppingToken);
        // Minutes are billed on time by their own loop, so a scan (it reads every live consultation) never delays one.
        var onTime = BillOnTimeAsync(stoppingToken);
        var nextScan = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (nextScan - clock.GetUtcNow() is { Ticks: > 0 } wait)
            {
                try
                {
                    await Task.Delay(wait, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            nextScan = Later(nextScan + Options.Tick, clock.GetUtcNow());
            try
            {
                await ScanAsync(billHere: false, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "A consultation billing scan failed; the next tick retries.");
            }
        }

        await onTime;
    }

    /// <summary>Start-up recovery of live consultations after a stop or crash (see the remarks).</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var beat = await store.LastBeatAsync(cancellationToken);
        var count = 0;
        foreach (var c in await AllAsync(ConsultationState.Active, null, cancellationToken))
        {
            if (c.AcceptedAt >= now)
            {
                // Accepted by this process while recovery runs (it runs beside the app): live since, nothing to recover.
                continue;
            }

            var current = await CountPostedMinuteAsync(c, cancellationToken) ?? c;
            var lastKnownAlive = Max(beat, current.LastBilledAt ?? current.AcceptedAt) ?? now;
            var pauseAt = lastKnownAlive > now ? now : lastKnownAlive;
            await store.UpdateAsync(c.Id, cur => cur is { State: ConsultationState.Active } && cur.AcceptedAt < now ? ConsultationLifecycle.Pause(cur, pauseAt) : null, cancellationToken);
            presence.MarkRestarted(c.Id, now);
            count++;
        }

        await store.BeatAsync(now, cancellationToken);
        if (count > 0)
        {
            logger.LogWarning("Recovered {Count} live consultation(s) after a restart: billing paused since {Since}; they end unless both parties return within {Grace} s.", count, beat, Options.GraceSeconds);
        }
    }

    /// <summary>One pass of the loop at the clock's current time, billing the minutes due itself (tests drive this).</summary>
    public async Task TickAsync(CancellationToken cancellationToken = default) => await ScanAsync(billHere: true, cancellationToken);

    /// <summary>
    /// One pass at the clock's current time: the heartbeat, expiries, grace-period ends, and every minute due now —
    /// billed here (<paramref name="billHere"/>), or handed with every live consultation's next due minute to the
    /// on-time loop (<see cref="BillOnTimeAsync"/>), which bills it when it falls due.
    /// </summary>
    private async Task ScanAsync(bool billHere, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await store.BeatAsync(now, cancellationToken);
        foreach (var request in await AllAsync(ConsultationState.Requested, now - Options.AcceptTimeout, cancellationToken))
        {
            await ExpireAsync(request, now, cancellationToken);
        }

        var live = new HashSet<string>(StringComparer.Ordinal);
        var due = new List<string>();
        foreach (var c in await AllAsync(ConsultationState.Active, null, cancellationToken))
        {
            live.Add(c.Id);
            if (presence.Overdue(c.Id, now, Options.Grace) is { } reason)
            {
                await meter.EndAsync(c.Id, now, ConsultationParty.System, reason, cancellationToken);
                continue;
            }

            // The same test the meter starts with, on the copy just read: a consultation with no minute due costs no
            // further read or write now, only a place in the schedule.
            if (c is { PausedAt: null, NextMinuteDueAt: { } next })
            {
                if (billHere && next <= now)
                {
                    due.Add(c.Id);
                }
                else if (!billHere)
                {
                    _changed.Writer.TryWrite((c.Id, next));
                }
            }
        }

        await BillAsync(due, now, cancellationToken);
        foreach (var id in presence.Tracked.Where(id => !live.Contains(id)))
        {
            presence.Forget(id);
        }
    }

    /// <summary>
    /// Bills each minute when it falls due rather than at the next scan: a tick of a second would otherwise make every
    /// minute up to a second late. Its schedule is fed by the scans (every live consultation's next due minute) and by
    /// the consultation feed (one accepted or resumed since is scheduled at once); a consultation that ended or paused
    /// meanwhile is found so by the meter (it reads each one again) and dropped. Runs beside the scans, so a scan never
    /// holds a minute up.
    /// </summary>
    private async Task BillOnTimeAsync(CancellationToken cancellationToken)
    {
        var upcoming = new PriorityQueue<string, DateTimeOffset>();
        // The due instant each consultation is scheduled for; a queue entry that no longer matches it is stale.
        var scheduled = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        void Schedule(string id, DateTimeOffset due)
        {
            if (!scheduled.TryGetValue(id, out var at) || at != due)
            {
                scheduled[id] = due;
                upcoming.Enqueue(id, due);
            }
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                while (_changed.Reader.TryRead(out var changed))
                {
                    Schedule(changed.Id, changed.Due);
                }

                // Minutes falling due within the gathering window of the first are billed with it, in one commit.
                var wait = upcoming.TryPeek(out _, out var first) ? first + Options.Gather - clock.GetUtcNow() : Timeout.InfiniteTimeSpan;
                if (wait == Timeout.InfiniteTimeSpan || wait.Ticks > 0)
                {
                    // Until the first minute falls due or something new is scheduled, whichever is first.
                    using var woken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var delay = Task.Delay(wait, clock, woken.Token);
                    await Task.WhenAny(delay, _changed.Reader.WaitToReadAsync(woken.Token).AsTask());
                    await woken.CancelAsync();
                    continue;
                }

                var now = clock.GetUtcNow();
                var due = new List<string>();
                while (upcoming.TryPeek(out var id, out var at) && at <= now)
                {
                    upcoming.Dequeue();
                    if (scheduled.TryGetValue(id, out var current) && current == at)
                    {
                        scheduled.Remove(id);
                        due.Add(id);
                    }
                }

                foreach (var c in await BillAsync(due, now, cancellationToken))
                {
                    // Only later minutes: one the meter left due (it could not settle it now) comes back with the next
                    // scan, not in a spin.
                    if (c is { State: ConsultationState.Active, PausedAt: null, NextMinuteDueAt: { } next } && next > now)
                    {
                        Schedule(c.Id, next);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Billing minutes on time failed; the next scan schedules them again.");
            }
        }
    }

    /// <summary>
    /// Bills the minutes due at <paramref name="now"/> of these consultations; returns each as stored afterwards.
    /// </summary>
    /// <remarks>
    /// Together (<see cref="ConsultationMeter.BillDueAsync(IReadOnlyList{string}, DateTimeOffset, CancellationToken)"/>):
    /// each minute is a posting and a counted update, and one commit of each for the whole group is what keeps a busy
    /// second's minutes on time. A group is at most <see cref="GroupSize"/>; up to
    /// <see cref="BillingOptions.Parallelism"/> groups run side by side, so one group's reads overlap another's writes.
    /// </remarks>
    private async Task<IEnumerable<Consultation?>> BillAsync(List<string> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var size = Math.Clamp((ids.Count + Options.Parallelism - 1) / Options.Parallelism, 1, GroupSize);
        var groups = ids.Chunk(size).ToList();
        var billed = new IReadOnlyList<Consultation?>[groups.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, groups.Count), new ParallelOptions { MaxDegreeOfParallelism = Options.Parallelism, CancellationToken = cancellationToken }, async (g, token) =>
        {
            try
            {
                billed[g] = await meter.BillDueAsync(groups[g], now, token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                billed[g] = [];
                logger.LogError(e, "Billing {Count} consultations failed; the next tick retries.", groups[g].Length);
            }
        });

        return billed.SelectMany(group => group);
    }

    /// <summary>Consultations billed together at most; bounds how long one group holds the ledger's and the store's locks.</summary>
    private const int GroupSize = 128;

    /// <summary>Expires a request that was not answered in time (nothing was charged).</summary>
    internal async Task<Consultation?> ExpireAsync(Consultation request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = await store.ReplaceAsync(request, ConsultationLifecycle.Close(request, ConsultationState.Expired, now, ConsultationParty.System), cancellationToken);
        if (expired is not null)
        {
            await audit.StateChangedAsync(expired, ConsultationAudit.SystemActor, cancellationToken);
            events.Publish(new ConsultationEvent(ConsultationEventKind.StateChanged, expired));
        }

        return expired;
    }

    private async Task<Consultation?> CountPostedMinuteAsync(Consultation c, CancellationToken cancellationToken)
    {
        var minute = c.BilledMinutes + 1;
        var posting = await ledger.FindPostingAsync(ConsultationPostings.MinuteKey(c.Id, minute), cancellationToken);
        if (posting is null)
        {
            return null;
        }

        logger.LogInformation("Consultation {Id}: minute {Minute} was paid before the restart; counting it.", c.Id, minute);
        return await store.RecordMinuteAsync(c.Id, minute, c.IsPromotional(minute) ? 0 : c.RatePerMinute, posting.CreatedAt, Options.Minute, cancellationToken);
    }

    private async Task<List<Consultation>> AllAsync(ConsultationState state, DateTimeOffset? requestedBefore, CancellationToken cancellationToken)
    {
        var all = new List<Consultation>();
        for (var skip = 0; ; skip += Paging.MaxTake)
        {
            var page = await store.QueryAsync(new ConsultationQuery { State = state, RequestedBefore = requestedBefore, Skip = skip, Take = Paging.MaxTake }, cancellationToken);
            all.AddRange(page.Items);
            if (!page.HasMore)
            {
                return all;
            }
        }
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
