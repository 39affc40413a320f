using System.Collections.Concurrent;
using StarSync.Engine.Consultations;

namespace StarSync.Web.Consultations;

/// <summary>What happened to a consultation.</summary>
public enum ConsultationEventKind
{
    /// <summary>Its state changed (requested, accepted, declined, expired, cancelled, ended).</summary>
    StateChanged,

    /// <summary>A minute was paid; <see cref="ConsultationEvent.MinutesLeft"/> says how many more the wallet covers.</summary>
    MinuteBilled,

    /// <summary>The money runs out within <see cref="BillingOptions.WarningMinutes"/>; sent once per consultation.</summary>
    LowBalanceWarning,

    /// <summary>The first minute was refunded.</summary>
    Refunded,

    /// <summary>A party disconnected: billing is paused until they return or the grace period ends it.</summary>
    PartyAway,

    /// <summary>A party came back.</summary>
    PartyBack,

    /// <summary>A chat message was stored; <see cref="ConsultationEvent.Message"/> carries it.</summary>
    MessageSent,

    /// <summary>
    /// A party (<see cref="ConsultationEvent.Party"/>) read the other's messages up to <see cref="ConsultationEvent.ReadUpTo"/>.
    /// </summary>
    MessagesRead,

    /// <summary>
    /// A party (<see cref="ConsultationEvent.Party"/>) is typing. Ephemeral: never stored, throttled by
    /// <see cref="ConsultationTyping"/>; a screen shows it for <see cref="ConsultationTyping.ShowFor"/> after the last one.
    /// </summary>
    Typing,
}

/// <summary>
/// One notification for the parties' screens.
/// </summary>
/// <param name="Consultation">The consultation as stored after the change.</param>
/// <param name="MinutesLeft">For billing events: further whole minutes the wallet (and any free minutes) still cover after the current one.</param>
/// <param name="Party">For presence events: who; for <see cref="ConsultationEventKind.MessagesRead"/>: the reader; for <see cref="ConsultationEventKind.Typing"/>: the typist.</param>
/// <param name="Message">For <see cref="ConsultationEventKind.MessageSent"/>: the stored message.</param>
/// <param name="ReadUpTo">For <see cref="ConsultationEventKind.MessagesRead"/>: the sequence number read up to.</param>
public sealed record ConsultationEvent(
    ConsultationEventKind Kind,
    Consultation Consultation,
    int? MinutesLeft = null,
    ConsultationParty? Party = null,
    ChatMessage? Message = null,
    long? ReadUpTo = null);

/// <summary>
/// The in-process feed of consultation events: the billing loop and the service publish, the UI subscribes (per
/// consultation, or to everything). Handlers run on the publisher's thread and must be quick and not throw; a
/// Blazor component hands the event to its own dispatcher (<c>InvokeAsync</c>).
/// </summary>
public sealed class ConsultationEvents(ILogger<ConsultationEvents> logger)
{
    private readonly ConcurrentDictionary<Guid, (string? ConsultationId, Action<ConsultationEvent> Handler)> _subscribers = new();

    /// <summary>Receives the events of one consultation (or of all when <paramref name="consultationId"/> is null) until disposed.</summary>
    public IDisposable Subscribe(string? consultationId, Action<ConsultationEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var key = Guid.NewGuid();
        _subscribers[key] = (consultationId, handler);
        return new Subscription(() => _subscribers.TryRemove(key, out _));
    }

    public void Publish(ConsultationEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        foreach (var (id, handler) in _subscribers.Values)
        {
            if (id is not null && id != e.Consultation.Id)
            {
                continue;
            }

            try
            {
                handler(e);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A consultation event handler failed ({Kind} for {Id}).", e.Kind, e.Consultation.Id);
            }
        }
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
