using Microsoft.AspNetCore.Components.Server.Circuits;
using StarSync.Engine.Consultations;
using StarSync.Engine.Storage;

namespace StarSync.Web.Consultations;

/// <summary>
/// This node's count of live circuits in each consultation room, per party. <see cref="ConsultationPresence"/> hears
/// of a party, not of a circuit: the party connects when their first circuit enters the room and disconnects when their
/// last one leaves or drops. So a user signed in on a phone and a laptop who closes one of them stays present.
/// </summary>
/// <remarks>
/// Each (consultation, party) has a gate: a count change and the presence call it causes run one at a time, so a
/// drop and a reconnect arriving together are reported in the order they happened. Rooms of a consultation that is
/// already over are not reported (there is nothing left to pause or end).
/// </remarks>
public sealed class ConsultationRoomCircuits(ConsultationPresence presence, IConsultationStore store, TimeProvider clock, ILogger<ConsultationRoomCircuits> logger)
{
    private readonly Dictionary<(string Id, ConsultationParty Party), Slot> _slots = [];

    /// <summary>How many circuits of <paramref name="party"/> are in the room on this node.</summary>
    public int Count(string consultationId, ConsultationParty party)
    {
        lock (_slots)
        {
            return _slots.TryGetValue((consultationId, party), out var slot) ? slot.Circuits : 0;
        }
    }

    /// <summary>A circuit of <paramref name="party"/> is in the room now.</summary>
    public Task EnterAsync(string consultationId, ConsultationParty party) => ChangeAsync(consultationId, party, +1);

    /// <summary>A circuit of <paramref name="party"/> left the room or lost its connection.</summary>
    public Task LeaveAsync(string consultationId, ConsultationParty party) => ChangeAsync(consultationId, party, -1);

    private async Task ChangeAsync(string consultationId, ConsultationParty party, int delta)
    {
        Slot slot;
        lock (_slots)
        {
            if (!_slots.TryGetValue((consultationId, party), out slot!))
            {
                slot = new Slot();
                _slots[(consultationId, party)] = slot;
            }

            slot.Users++;
        }

        await slot.Gate.WaitAsync();
        try
        {
            var before = slot.Circuits;
            slot.Circuits = Math.Max(0, before + delta);
            if ((before == 0) == (slot.Circuits == 0))
            {
                return;
            }

            if (await store.GetAsync(consultationId) is not { IsFinal: false })
            {
                return;
            }

            if (slot.Circuits > 0)
            {
                await presence.PartyConnectedAsync(consultationId, party, clock.GetUtcNow());
            }
            else
            {
                await presence.PartyDisconnectedAsync(consultationId, party, clock.GetUtcNow());
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A presence report is best effort: the grace rule treats an unreported party as present.
            logger.LogWarning(e, "Could not report the {Party} of consultation {Id} as {Change}.", party, consultationId, delta > 0 ? "connected" : "disconnected");
        }
        finally
        {
            slot.Gate.Release();
            lock (_slots)
            {
                if (--slot.Users == 0 && slot.Circuits == 0)
                {
                    _slots.Remove((consultationId, party));
                }
            }
        }
    }

    private sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>Circuits in the room (changed only while holding <see cref="Gate"/>).</summary>
        public int Circuits { get; set; }

        /// <summary>Calls holding or waiting for the slot (changed under the dictionary's lock), so it is not dropped under them.</summary>
        public int Users { get; set; }
    }
}

/// <summary>
/// One circuit's place in a consultation room (scoped: one per circuit). The room page enters and leaves;
/// <see cref="ConsultationRoomCircuitHandler"/> reports the circuit's connection going down and up, so a dropped
/// phone counts as away even though its page is still "open", and counts again when it reconnects.
/// </summary>
public sealed class ConsultationRoomConnection(ConsultationRoomCircuits rooms)
{
    private readonly Lock _lock = new();
    private (string Id, ConsultationParty Party)? _room;
    private bool _connectionDown;
    private bool _counted;

    /// <summary>The page shows this consultation to <paramref name="party"/> (replaces any room entered before).</summary>
    public async Task EnterAsync(string consultationId, ConsultationParty party)
    {
        await LeaveAsync();
        lock (_lock)
        {
            _room = (consultationId, party);
        }

        await SyncAsync();
    }

    /// <summary>
    /// The page left the room (navigated away, disposed, or the consultation is over). With
    /// <paramref name="consultationId"/>, only that room is left: a page being disposed after the next page of the same
    /// circuit entered another room does not take the circuit out of the new one.
    /// </summary>
    public Task LeaveAsync(string? consultationId = null)
    {
        lock (_lock)
        {
            if (consultationId is not null && _room is { } r && r.Id != consultationId)
            {
                return Task.CompletedTask;
            }
        }

        return SyncAsync(leaving: true);
    }

    internal Task ConnectionDownAsync()
    {
        lock (_lock)
        {
            _connectionDown = true;
        }

        return SyncAsync();
    }

    internal Task ConnectionUpAsync()
    {
        lock (_lock)
        {
            _connectionDown = false;
        }

        return SyncAsync();
    }

    // Brings the counted state in line with "in a room and connected": one count per circuit at most.
    private async Task SyncAsync(bool leaving = false)
    {
        (string Id, ConsultationParty Party) room;
        bool enter;
        lock (_lock)
        {
            if (_room is not { } r)
            {
                return;
            }

            var wanted = !leaving && !_connectionDown;
            if (wanted == _counted)
            {
                if (leaving)
                {
                    _room = null;
                }

                return;
            }

            _counted = wanted;
            room = r;
            enter = wanted;
            if (leaving)
            {
                _room = null;
            }
        }

        if (enter)
        {
            await rooms.EnterAsync(room.Id, room.Party);
        }
        else
        {
            await rooms.LeaveAsync(room.Id, room.Party);
        }
    }
}

/// <summary>Forwards a circuit's connection going down and up (and its end) to its <see cref="ConsultationRoomConnection"/>.</summary>
public sealed class ConsultationRoomCircuitHandler(ConsultationRoomConnection connection) : CircuitHandler
{
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) => connection.ConnectionDownAsync();

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) => connection.ConnectionUpAsync();

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) => connection.LeaveAsync(null);
}
