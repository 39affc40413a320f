using StarSync.Engine.Consultations;
using StarSync.Engine.Storage;

namespace StarSync.Engine.Tests.Storage;

/// <summary>The consultation port: creation, compare-and-set transitions, minute counting, queries, heartbeat.</summary>
public abstract partial class StorageContractTests
{
    private IConsultationStore Consultations => Ports.Consultations;

    private Task<Consultation?> RequestAsync(string userId, string astrologerId, long rate = 2_500) =>
        Consultations.CreateAsync(new NewConsultation { UserId = userId, AstrologerId = astrologerId, RatePerMinute = rate, BirthProfileId = "bp-" + userId });

    [SkippableFact]
    public async Task A_request_is_stored_requested_at_version_one_and_a_user_has_one_open_at_a_time()
    {
        var user = "user" + Unique();
        var created = await RequestAsync(user, "astro" + Unique());

        Assert.NotNull(created);
        Assert.Equal(ConsultationState.Requested, created.State);
        Assert.Equal(1, created.Version);
        Assert.Equal(Start, created.RequestedAt);
        Assert.Equal(2_500, created.RatePerMinute);
        Assert.Equal("bp-" + user, created.BirthProfileId);
        Assert.Equal(created, await Consultations.GetAsync(created.Id));
        Assert.Null(await RequestAsync(user, "astro" + Unique()));

        var cancelled = await Consultations.ReplaceAsync(created, ConsultationLifecycle.Close(created, ConsultationState.Cancelled, Start, ConsultationParty.User));
        Assert.NotNull(cancelled);
        Assert.Equal(2, cancelled.Version);
        Assert.NotNull(await RequestAsync(user, "astro" + Unique()));
    }

    [SkippableFact]
    public async Task Of_eight_racing_requests_by_one_user_exactly_one_is_stored()
    {
        var user = "user" + Unique();
        var outcomes = Concurrently.Run(8, i => RequestAsync(user, "astro" + i));

        Assert.Single(outcomes, o => o is not null);
        Assert.Equal(1, (await Consultations.QueryAsync(new ConsultationQuery { UserId = user })).Total);
    }

    [SkippableFact]
    public async Task Of_accept_and_cancel_racing_on_one_request_exactly_one_wins()
    {
        var requested = (await RequestAsync("user" + Unique(), "astro" + Unique()))!;
        var accepted = ConsultationLifecycle.Accept(requested, Start, 3_000, 3000, 0);
        var cancelled = ConsultationLifecycle.Close(requested, ConsultationState.Cancelled, Start, ConsultationParty.User);

        var outcomes = Concurrently.Run(8, i => Consultations.ReplaceAsync(requested, i % 2 == 0 ? accepted : cancelled));

        var winner = Assert.Single(outcomes, o => o is not null)!;
        Assert.Equal(winner, await Consultations.GetAsync(requested.Id));
        Assert.Equal(2, winner.Version);
        // A stale version is refused, and a disallowed move throws.
        Assert.Null(await Consultations.ReplaceAsync(requested, accepted));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Consultations.ReplaceAsync(winner, winner with { State = ConsultationState.Requested }));
    }

    [SkippableFact]
    public async Task A_minute_is_counted_once_and_only_as_the_next_minute_while_active()
    {
        var requested = (await RequestAsync("user" + Unique(), "astro" + Unique()))!;
        var active = (await Consultations.ReplaceAsync(requested, ConsultationLifecycle.Accept(requested, Start, 1_000, 3000, 0)))!;
        var minute = TimeSpan.FromSeconds(60);

        var outcomes = Concurrently.Run(8, _ => Consultations.RecordMinuteAsync(active.Id, 1, 1_000, Start, minute));

        var first = Assert.Single(outcomes, o => o is not null)!;
        Assert.Equal(1, first.BilledMinutes);
        Assert.Equal(1_000, first.Charged);
        Assert.Equal(Start + minute, first.NextMinuteDueAt);
        Assert.Null(await Consultations.RecordMinuteAsync(active.Id, 3, 1_000, Start, minute));
        var second = await Consultations.RecordMinuteAsync(active.Id, 2, 1_000, Start + minute, minute);
        Assert.Equal(2, second?.BilledMinutes);
        Assert.Equal(2_000, second?.Charged);
        Assert.Equal(Start + 2 * minute, second?.NextMinuteDueAt);
        Assert.Equal(Start + minute, second?.LastBilledAt);

        var ended = (await Consultations.ReplaceAsync(second!, ConsultationLifecycle.End(second!, Start + minute, ConsultationParty.User, ConsultationEndReason.UserEnded)))!;
        Assert.Null(await Consultations.RecordMinuteAsync(active.Id, 3, 1_000, Start + 2 * minute, minute));
        var stored = await Consultations.GetAsync(active.Id);
        Assert.Equal(ended, stored);
        Assert.Equal(ConsultationEndReason.UserEnded, stored!.EndReason);
        Assert.Equal(ConsultationParty.User, stored.EndedBy);
        Assert.Null(stored.NextMinuteDueAt);
    }

    [SkippableFact]
    public async Task Minutes_counted_together_are_each_guarded_as_when_counted_alone()
    {
        var minute = TimeSpan.FromSeconds(60);
        async Task<Consultation> ActiveAsync()
        {
            var requested = (await RequestAsync("user" + Unique(), "astro" + Unique()))!;
            return (await Consultations.ReplaceAsync(requested, ConsultationLifecycle.Accept(requested, Start, 1_000, 3000, 0)))!;
        }

        var a = await ActiveAsync();
        var b = await ActiveAsync();
        var ended = await ActiveAsync();
        ended = (await Consultations.ReplaceAsync(ended, ConsultationLifecycle.End(ended, Start, ConsultationParty.User, ConsultationEndReason.UserEnded)))!;
        var counted = (await Consultations.RecordMinuteAsync(b.Id, 1, 1_000, Start, minute))!;

        // a: minute 1 (counted); b: minute 1 again (already counted); ended: not active; a: minute 3 (not next); gone.
        var stored = await Consultations.RecordMinutesAsync(
            [new(a.Id, 1, 1_000), new(b.Id, 1, 1_000), new(ended.Id, 1, 1_000), new(a.Id, 3, 1_000), new("missing" + Unique(), 1, 1_000)],
            Start + TimeSpan.FromSeconds(1), minute);

        Assert.Equal(5, stored.Count);
        Assert.Equal(1, stored[0]?.BilledMinutes);
        Assert.Equal(1_000, stored[0]?.Charged);
        Assert.Equal(a.Version + 1, stored[0]?.Version);
        Assert.Equal(Start + TimeSpan.FromSeconds(1), stored[0]?.LastBilledAt);
        Assert.Equal(stored[0], await Consultations.GetAsync(a.Id));
        Assert.Equal([null, null, null, null], stored.Skip(1));
        Assert.Equal(counted, await Consultations.GetAsync(b.Id));
        Assert.Equal(ended, await Consultations.GetAsync(ended.Id));

        // The next minute of each, together, in the order given.
        var next = await Consultations.RecordMinutesAsync([new(b.Id, 2, 0), new(a.Id, 2, 1_000)], Start + minute, minute);
        Assert.Equal([2, 2], next.Select(c => c!.BilledMinutes));
        Assert.Equal([b.Id, a.Id], next.Select(c => c!.Id));
        Assert.Equal(1_000, next[0]!.Charged);
        Assert.Equal(2_000, next[1]!.Charged);
    }

    [SkippableFact]
    public async Task Queries_filter_by_party_state_age_and_acceptance_newest_first()
    {
        var user = "user" + Unique();
        var astrologer = "astro" + Unique();
        var first = (await RequestAsync(user, astrologer))!;
        var firstEnded = (await Consultations.ReplaceAsync(first, ConsultationLifecycle.Close(first, ConsultationState.Declined, Start, ConsultationParty.Astrologer)))!;
        Clock.Advance(TimeSpan.FromMinutes(1));
        var second = (await RequestAsync(user, astrologer))!;
        var secondActive = (await Consultations.ReplaceAsync(second, ConsultationLifecycle.Accept(second, Start.AddMinutes(1), 2_500, 3000, 0)))!;
        Clock.Advance(TimeSpan.FromMinutes(1));
        var other = (await RequestAsync("user" + Unique(), astrologer))!;

        var byUser = await Consultations.QueryAsync(new ConsultationQuery { UserId = user });
        Assert.Equal([secondActive.Id, firstEnded.Id], byUser.Items.Select(c => c.Id));
        var byAstrologer = await Consultations.QueryAsync(new ConsultationQuery { AstrologerId = astrologer, Take = 2 });
        Assert.Equal(3, byAstrologer.Total);
        Assert.True(byAstrologer.HasMore);
        Assert.Equal([other.Id, secondActive.Id], byAstrologer.Items.Select(c => c.Id));
        var active = await Consultations.QueryAsync(new ConsultationQuery { AstrologerId = astrologer, State = ConsultationState.Active });
        Assert.Equal([secondActive.Id], active.Items.Select(c => c.Id));
        var staleRequests = await Consultations.QueryAsync(new ConsultationQuery { AstrologerId = astrologer, State = ConsultationState.Requested, RequestedBefore = Start.AddMinutes(2) });
        Assert.Empty(staleRequests.Items);
        var olderRequests = await Consultations.QueryAsync(new ConsultationQuery { AstrologerId = astrologer, State = ConsultationState.Requested, RequestedBefore = Start.AddMinutes(2).AddMilliseconds(1) });
        Assert.Equal([other.Id], olderRequests.Items.Select(c => c.Id));
        var everAccepted = await Consultations.QueryAsync(new ConsultationQuery { UserId = user, Accepted = true });
        Assert.Equal([secondActive.Id], everAccepted.Items.Select(c => c.Id));
    }

    [SkippableFact]
    public async Task The_acceptance_range_is_half_open_and_never_matches_a_request_that_was_not_accepted()
    {
        var astrologer = "astro" + Unique();
        async Task<Consultation> AcceptedAtAsync(DateTimeOffset at)
        {
            var requested = (await RequestAsync("user" + Unique(), astrologer))!;
            return (await Consultations.ReplaceAsync(requested, ConsultationLifecycle.Accept(requested, at, 2_500, 3000, 0)))!;
        }

        var early = await AcceptedAtAsync(Start.AddMinutes(1));
        var onTheHour = await AcceptedAtAsync(Start.AddHours(1));
        var late = await AcceptedAtAsync(Start.AddHours(2));
        var waiting = (await RequestAsync("user" + Unique(), astrologer))!;

        var inRange = await Consultations.QueryAsync(new ConsultationQuery { AstrologerId = astrologer, AcceptedFrom = Start.AddHours(1), AcceptedBefore = Start.AddHours(2) });
        Assert.Equal([onTheHour.Id], inRange.Items.Select(c => c.Id));
        var before = await Consultations.QueryAsync(new ConsultationQuery { AstrologerId = astrologer, AcceptedBefore = Start.AddHours(1) });
        Assert.Equal([early.Id], before.Items.Select(c => c.Id));
        var from = await Consultations.QueryAsync(new ConsultationQuery { AstrologerId = astrologer, AcceptedFrom = Start.AddMinutes(1).AddMilliseconds(1) });
        // All four were requested at the same instant, so only the set is fixed here, not the order.
        Assert.Equal(new[] { late.Id, onTheHour.Id }.Order(StringComparer.Ordinal), from.Items.Select(c => c.Id).Order(StringComparer.Ordinal));
        var all = await Consultations.QueryAsync(new ConsultationQuery { AstrologerId = astrologer });
        Assert.Equal(4, all.Total);
        Assert.Contains(waiting.Id, all.Items.Select(c => c.Id));
    }

    [SkippableFact]
    public async Task The_billing_heartbeat_only_moves_forward()
    {
        var before = await Consultations.LastBeatAsync();
        var at = Start.AddYears(5).AddTicks(Random.Shared.Next(1, 1_000_000) * TimeSpan.TicksPerMillisecond);
        await Consultations.BeatAsync(at);
        await Consultations.BeatAsync(at.AddSeconds(-30));

        Assert.Equal(at, await Consultations.LastBeatAsync());
        Assert.True(before is null || before < at);
        await Consultations.BeatAsync(at.AddSeconds(5));
        Assert.Equal(at.AddSeconds(5), await Consultations.LastBeatAsync());
    }
}
