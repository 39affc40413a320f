using Microsoft.Extensions.Logging.Abstractions;
using StarSync.Engine.Consultations;
using StarSync.Web.Consultations;

namespace StarSync.Web.Tests.Consultations;

/// <summary>
/// The room's presence is per party, not per circuit: a second device of the same party keeps them present, and a
/// dropped connection counts as away until it comes back. Also the typing signal's throttle.
/// </summary>
public sealed class ConsultationRoomPresenceTests : IDisposable
{
    private readonly ConsultationHarness _h = new();

    private ConsultationRoomCircuits NewRooms() =>
        new(_h.Node.Presence, _h.Ports.Consultations, _h.Clock, NullLogger<ConsultationRoomCircuits>.Instance);

    private async Task<Consultation> LiveAsync() => await _h.StartAsync(await _h.UserAsync(10_000), await _h.AstrologerAsync());

    [Fact]
    public async Task Closing_one_of_two_devices_keeps_the_party_present_closing_both_pauses_billing()
    {
        var c = await LiveAsync();
        var rooms = NewRooms();
        var phone = new ConsultationRoomConnection(rooms);
        var laptop = new ConsultationRoomConnection(rooms);
        await phone.EnterAsync(c.Id, ConsultationParty.User);
        await laptop.EnterAsync(c.Id, ConsultationParty.User);
        Assert.Equal(2, rooms.Count(c.Id, ConsultationParty.User));

        await phone.LeaveAsync();
        Assert.Equal(1, rooms.Count(c.Id, ConsultationParty.User));
        Assert.False(_h.Node.Presence.IsAway(c.Id, ConsultationParty.User));
        Assert.Null((await _h.GetAsync(c.Id)).PausedAt);

        _h.Clock.Advance(TimeSpan.FromSeconds(5));
        await laptop.LeaveAsync();
        Assert.Equal(0, rooms.Count(c.Id, ConsultationParty.User));
        Assert.True(_h.Node.Presence.IsAway(c.Id, ConsultationParty.User));
        Assert.Equal(ConsultationHarness.T0.AddSeconds(5), (await _h.GetAsync(c.Id)).PausedAt);
    }

    [Fact]
    public async Task A_dropped_connection_is_away_until_it_comes_back_and_one_circuit_counts_once()
    {
        var c = await LiveAsync();
        var rooms = NewRooms();
        var astrologer = new ConsultationRoomConnection(rooms);
        await astrologer.EnterAsync(c.Id, ConsultationParty.Astrologer);
        // Entering again (a re-render) does not count the circuit twice.
        await astrologer.EnterAsync(c.Id, ConsultationParty.Astrologer);
        Assert.Equal(1, rooms.Count(c.Id, ConsultationParty.Astrologer));
        // A page of another room being disposed late does not take the circuit out of this one.
        await astrologer.LeaveAsync("another-consultation");
        Assert.Equal(1, rooms.Count(c.Id, ConsultationParty.Astrologer));

        var events = new List<ConsultationEvent>();
        using var subscription = _h.Node.Events.Subscribe(c.Id, events.Add);
        await astrologer.ConnectionDownAsync();
        Assert.True(_h.Node.Presence.IsAway(c.Id, ConsultationParty.Astrologer));
        await astrologer.ConnectionUpAsync();
        Assert.False(_h.Node.Presence.IsAway(c.Id, ConsultationParty.Astrologer));
        Assert.Equal([ConsultationEventKind.PartyAway, ConsultationEventKind.PartyBack], events.Select(e => e.Kind));
        Assert.All(events, e => Assert.Equal(ConsultationParty.Astrologer, e.Party));
        Assert.Null((await _h.GetAsync(c.Id)).PausedAt);

        // Leaving a room whose connection is down does not count it down twice.
        await astrologer.ConnectionDownAsync();
        await astrologer.LeaveAsync();
        await astrologer.ConnectionUpAsync();
        Assert.Equal(0, rooms.Count(c.Id, ConsultationParty.Astrologer));
        Assert.True(_h.Node.Presence.IsAway(c.Id, ConsultationParty.Astrologer));
    }

    [Fact]
    public async Task Leaving_the_room_of_a_finished_consultation_reports_nothing()
    {
        var c = await LiveAsync();
        var rooms = NewRooms();
        var user = new ConsultationRoomConnection(rooms);
        await user.EnterAsync(c.Id, ConsultationParty.User);
        Assert.Equal(ConsultationOutcome.Done, (await _h.Service.EndAsync(c.UserId, c.Id)).Outcome);

        var events = new List<ConsultationEvent>();
        using var subscription = _h.Node.Events.Subscribe(c.Id, events.Add);
        await user.LeaveAsync();
        Assert.Empty(events);
        Assert.False(_h.Node.Presence.IsAway(c.Id, ConsultationParty.User));
    }

    [Fact]
    public async Task Typing_is_published_at_most_once_per_throttle_window_per_party_and_only_while_live()
    {
        var c = await LiveAsync();
        var typing = new ConsultationTyping(_h.Node.Events, _h.Clock);
        var events = new List<ConsultationEvent>();
        using var subscription = _h.Node.Events.Subscribe(c.Id, events.Add);

        Assert.True(typing.Typed(c, ConsultationParty.User));
        Assert.False(typing.Typed(c, ConsultationParty.User));
        Assert.True(typing.Typed(c, ConsultationParty.Astrologer));
        _h.Clock.Advance(ConsultationTyping.Throttle - TimeSpan.FromMilliseconds(1));
        Assert.False(typing.Typed(c, ConsultationParty.User));
        _h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(typing.Typed(c, ConsultationParty.User));
        Assert.Equal([ConsultationParty.User, ConsultationParty.Astrologer, ConsultationParty.User], events.Select(e => e.Party!.Value));
        Assert.All(events, e => Assert.Equal(ConsultationEventKind.Typing, e.Kind));

        _h.Clock.Advance(ConsultationTyping.Throttle);
        Assert.False(typing.Typed(c with { State = ConsultationState.Ended }, ConsultationParty.User));
        Assert.False(typing.Typed(c, ConsultationParty.System));
        Assert.Equal(3, events.Count);
        Assert.True(ConsultationTyping.ShowFor > ConsultationTyping.Throttle);
    }

    public void Dispose() => _h.Dispose();
}
