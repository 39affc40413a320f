using Microsoft.Extensions.Options;
using StarSync.Engine.Consultations;
using StarSync.Engine.Storage;

namespace StarSync.Web.Consultations;

/// <summary>
/// The billing loop (a hosted service on <see cref="TimeProvider"/>). Every <see cref="BillingOptions.TickMilliseconds"/>
/// it writes the heartbeat, expires requests older than the accept timeout, ends live consultations whose party stayed
/// away past the grace period, and bills every minute that has started (<see cref="ConsultationMeter.BillDueAsync"/>).
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
    IOptions<BillingOptions> options,
    TimeProvider clock,
    ILogger<ConsultationBilling> logger) : BackgroundService
{
    private BillingOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken);
        using var timer = new PeriodicTimer(Options.Tick, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "A consultation billing tick failed; the next tick retries.");
            }
        }
    }

    /// <summary>Start-up recovery of live consultations after a stop or crash (see the remarks).</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var beat = await store.LastBeatAsync(cancellationToken);
        var count = 0;
        foreach (var c in await AllAsync(ConsultationState.Active, null, cancellationToken))
        {
            var current = await CountPostedMinuteAsync(c, cancellationToken) ?? c;
            var lastKnownAlive = Max(beat, current.LastBilledAt ?? current.AcceptedAt) ?? now;
            var pauseAt = lastKnownAlive > now ? now : lastKnownAlive;
            await store.UpdateAsync(c.Id, cur => cur.State == ConsultationState.Active ? ConsultationLifecycle.Pause(cur, pauseAt) : null, cancellationToken);
            presence.MarkRestarted(c.Id, now);
            count++;
        }

        await store.BeatAsync(now, cancellationToken);
        if (count > 0)
        {
            logger.LogWarning("Recovered {Count} live consultation(s) after a restart: billing paused since {Since}; they end unless both parties return within {Grace} s.", count, beat, Options.GraceSeconds);
        }
    }

    /// <summary>One pass of the loop at the clock's current time.</summary>
    public async Task TickAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await store.BeatAsync(now, cancellationToken);
        foreach (var request in await AllAsync(ConsultationState.Requested, now - Options.AcceptTimeout, cancellationToken))
        {
            await ExpireAsync(request, now, cancellationToken);
        }

        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in await AllAsync(ConsultationState.Active, null, cancellationToken))
        {
            live.Add(c.Id);
            if (presence.Overdue(c.Id, now, Options.Grace) is { } reason)
            {
                await meter.EndAsync(c.Id, now, ConsultationParty.System, reason, cancellationToken);
                continue;
            }

            await meter.BillDueAsync(c.Id, now, cancellationToken);
        }

        foreach (var id in presence.Tracked.Where(id => !live.Contains(id)))
        {
            presence.Forget(id);
        }
    }

    /// <summary>Expires a request that was not answered in time (nothing was charged).</summary>
    internal async Task<Consultation?> ExpireAsync(Consultation request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = await store.ReplaceAsync(request, ConsultationLifecycle.Close(request, ConsultationState.Expired, now, ConsultationParty.System), cancellationToken);
        if (expired is not null)
        {
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

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
