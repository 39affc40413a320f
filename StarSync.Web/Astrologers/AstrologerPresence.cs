using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StarSync.Engine.Consultations;
using StarSync.Web.Consultations;

namespace StarSync.Web.Astrologers;

/// <summary>What the directory shows about an astrologer right now.</summary>
public enum PresenceStatus
{
    Offline,
    Online,

    /// <summary>In a live consultation.</summary>
    Busy,
}

/// <summary>An astrologer's derived status changed.</summary>
public sealed record PresenceChange(string AstrologerId, PresenceStatus Status);

/// <summary>
/// Astrologer presence, derived on the server from four facts: the astrologer's own switch (online/offline), their live
/// circuits on this node, the last API heartbeat, and the consultations they are in.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>busy</b> while any consultation of theirs is active;</item>
/// <item>otherwise <b>online</b> when the switch is on and they are connected: a live circuit, a circuit that dropped
/// less than <see cref="PresenceOptions.GraceSeconds"/> ago, or an API heartbeat within
/// <see cref="PresenceOptions.HeartbeatSeconds"/>;</item>
/// <item>otherwise <b>offline</b>. When the switch is on but every connection has lapsed, the switch is turned off, so
/// an astrologer who comes back later is not shown online until they choose to be.</item>
/// </list>
/// The switch lives in memory, like the circuits it depends on: after a restart no circuit and no heartbeat exists,
/// so every astrologer would have lapsed to offline anyway. Like <see cref="ConsultationPresence"/>, this describes
/// this node. Changes are published on <see cref="Subscribe"/>; handlers must be quick and not throw (a component
/// hands the change to its dispatcher with <c>InvokeAsync</c>).
/// </remarks>
public sealed class AstrologerPresence : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, Action<PresenceChange>> _subscribers = new();
    private readonly TimeProvider _clock;
    private readonly IOptions<PresenceOptions> _options;
    private readonly ILogger<AstrologerPresence> _logger;
    private readonly IDisposable _consultations;

    public AstrologerPresence(ConsultationEvents consultations, TimeProvider clock, IOptions<PresenceOptions> options, ILogger<AstrologerPresence> logger)
    {
        ArgumentNullException.ThrowIfNull(consultations);
        _clock = clock;
        _options = options;
        _logger = logger;
        _consultations = consultations.Subscribe(null, OnConsultation);
    }

    private PresenceOptions Options => _options.Value;

    /// <summary>The status now.</summary>
    public PresenceStatus StatusOf(string astrologerId) =>
        _entries.TryGetValue(astrologerId, out var entry) ? Derive(entry, _clock.GetUtcNow()) : PresenceStatus.Offline;

    /// <summary>Whether the astrologer's own switch is on.</summary>
    public bool IsSwitchedOn(string astrologerId) => _entries.TryGetValue(astrologerId, out var e) && e.SwitchedOn;

    /// <summary>The astrologer turns themselves online or offline; takes effect at once.</summary>
    public PresenceStatus Switch(string astrologerId, bool online) => Change(astrologerId, e => e.SwitchedOn = online);

    /// <summary>An API client of the astrologer says it is still there.</summary>
    public PresenceStatus Heartbeat(string astrologerId)
    {
        var now = _clock.GetUtcNow();
        return Change(astrologerId, e => e.LastHeartbeat = now);
    }

    /// <summary>One of the astrologer's circuits connected (or reconnected).</summary>
    public void CircuitUp(string astrologerId) => Change(astrologerId, e =>
    {
        e.Circuits++;
        e.LastCircuitDown = null;
    });

    /// <summary>One of the astrologer's circuits lost its connection or closed; the grace starts when the last one goes.</summary>
    public void CircuitDown(string astrologerId)
    {
        var now = _clock.GetUtcNow();
        Change(astrologerId, e =>
        {
            e.Circuits = Math.Max(0, e.Circuits - 1);
            if (e.Circuits == 0)
            {
                e.LastCircuitDown = now;
            }
        });
    }

    /// <summary>Marks the consultation as live for its astrologer (from recovery at start-up, or an event).</summary>
    public void ConsultationActive(string astrologerId, string consultationId) => Change(astrologerId, e => e.ActiveConsultations.Add(consultationId));

    public void ConsultationOver(string astrologerId, string consultationId) => Change(astrologerId, e => e.ActiveConsultations.Remove(consultationId));

    /// <summary>How many astrologers are available (online) or in a consultation (busy) right now, on this node.</summary>
    public (int Online, int Busy) Counts()
    {
        var now = _clock.GetUtcNow();
        int online = 0, busy = 0;
        foreach (var entry in _entries.Values)
        {
            switch (Derive(entry, now))
            {
                case PresenceStatus.Online:
                    online++;
                    break;
                case PresenceStatus.Busy:
                    busy++;
                    break;
            }
        }

        return (online, busy);
    }

    /// <summary>Re-evaluates the time windows (the timer calls this): lapsed connections turn the switch off.</summary>
    public void Evaluate()
    {
        foreach (var id in _entries.Keys)
        {
            Change(id, _ => { });
        }
    }

    /// <summary>Receives every status change until disposed.</summary>
    public IDisposable Subscribe(Action<PresenceChange> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var key = Guid.NewGuid();
        _subscribers[key] = handler;
        return new Subscription(() => _subscribers.TryRemove(key, out _));
    }

    public void Dispose() => _consultations.Dispose();

    private PresenceStatus Change(string astrologerId, Action<Entry> change)
    {
        ArgumentException.ThrowIfNullOrEmpty(astrologerId);
        var entry = _entries.GetOrAdd(astrologerId, _ => new Entry());
        PresenceStatus before, after;
        lock (entry)
        {
            var now = _clock.GetUtcNow();
            before = entry.Published;
            change(entry);
            if (entry.SwitchedOn && !Connected(entry, now))
            {
                entry.SwitchedOn = false;
                _logger.LogInformation("Astrologer {Id} lost every connection: switched offline.", astrologerId);
            }

            after = Derive(entry, now);
            entry.Published = after;
        }

        if (before != after)
        {
            Publish(new PresenceChange(astrologerId, after));
        }

        return after;
    }

    private bool Connected(Entry e, DateTimeOffset now) =>
        e.Circuits > 0
        || (e.LastCircuitDown is { } down && now - down < Options.Grace)
        || (e.LastHeartbeat is { } beat && now - beat < Options.HeartbeatWindow);

    private PresenceStatus Derive(Entry e, DateTimeOffset now)
    {
        lock (e)
        {
            if (e.ActiveConsultations.Count > 0)
            {
                return PresenceStatus.Busy;
            }

            return e.SwitchedOn && Connected(e, now) ? PresenceStatus.Online : PresenceStatus.Offline;
        }
    }

    private void OnConsultation(ConsultationEvent e)
    {
        if (e.Kind != ConsultationEventKind.StateChanged)
        {
            return;
        }

        var c = e.Consultation;
        if (c.State == ConsultationState.Active)
        {
            ConsultationActive(c.AstrologerId, c.Id);
        }
        else
        {
            ConsultationOver(c.AstrologerId, c.Id);
        }
    }

    private void Publish(PresenceChange change)
    {
        foreach (var handler in _subscribers.Values)
        {
            try
            {
                handler(change);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "A presence handler failed for {Id}.", change.AstrologerId);
            }
        }
    }

    private sealed class Entry
    {
        public bool SwitchedOn { get; set; }

        public int Circuits { get; set; }

        public DateTimeOffset? LastCircuitDown { get; set; }

        public DateTimeOffset? LastHeartbeat { get; set; }

        public HashSet<string> ActiveConsultations { get; } = new(StringComparer.Ordinal);

        public PresenceStatus Published { get; set; }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
