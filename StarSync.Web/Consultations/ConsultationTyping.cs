using System.Collections.Concurrent;
using StarSync.Engine.Consultations;

namespace StarSync.Web.Consultations;

/// <summary>
/// The "is typing…" signal of a live chat: a room reports each keystroke, and at most one
/// <see cref="ConsultationEventKind.Typing"/> event per party is published every <see cref="Throttle"/>. Nothing is
/// stored; the other party's screen shows the signal for <see cref="ShowFor"/> after the last event (or until that
/// party's message arrives), so a typist who stops simply stops being shown.
/// </summary>
public sealed class ConsultationTyping(ConsultationEvents events, TimeProvider clock)
{
    /// <summary>The least time between two published typing events of one party.</summary>
    public static readonly TimeSpan Throttle = TimeSpan.FromSeconds(2);

    /// <summary>How long a screen shows the signal after the last event (longer than <see cref="Throttle"/>, so steady typing shows steadily).</summary>
    public static readonly TimeSpan ShowFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<(string Id, ConsultationParty Party), DateTimeOffset> _last = new();

    /// <summary>
    /// <paramref name="party"/> typed in <paramref name="consultation"/>'s chat; publishes unless the consultation is not
    /// live or the party's last event is younger than <see cref="Throttle"/>.
    /// </summary>
    /// <returns>Whether an event was published.</returns>
    public bool Typed(Consultation consultation, ConsultationParty party)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        if (consultation.State != ConsultationState.Active || party == ConsultationParty.System)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var key = (consultation.Id, party);
        while (true)
        {
            if (_last.TryGetValue(key, out var last))
            {
                if (now - last < Throttle || !_last.TryUpdate(key, now, last))
                {
                    return false;
                }
            }
            else if (!_last.TryAdd(key, now))
            {
                continue;
            }

            break;
        }

        events.Publish(new ConsultationEvent(ConsultationEventKind.Typing, consultation, Party: party));
        return true;
    }

    /// <summary>Drops the throttle state of a consultation that is over.</summary>
    public void Forget(string consultationId)
    {
        _last.TryRemove((consultationId, ConsultationParty.User), out _);
        _last.TryRemove((consultationId, ConsultationParty.Astrologer), out _);
    }
}
