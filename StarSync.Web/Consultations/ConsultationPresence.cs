using System.Collections.Concurrent;
using StarSync.Engine.Consultations;
using StarSync.Engine.Storage;

namespace StarSync.Web.Consultations;

/// <summary>
/// Who of a live consultation's two parties is connected, on this node, and the grace rule: billing pauses while a
/// party is away (the minute clock stops), resumes when both are back, and the billing loop ends the consultation
/// when a party stays away for <see cref="BillingOptions.GraceSeconds"/>. After a restart both parties count as away
/// from the moment of recovery.
/// </summary>
/// <remarks>
/// A party nobody reported on counts as present, so a consultation is never ended for lack of reports. The circuit
/// and chat code call <see cref="PartyConnectedAsync"/> / <see cref="PartyDisconnectedAsync"/>. Presence is kept in
/// this process (like the circuits it describes); the pause it causes is stored on the consultation.
/// </remarks>
public sealed class ConsultationPresence(IConsultationStore store, ConsultationEvents events)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    /// <summary>A party's circuit (re)connected to the consultation at <paramref name="at"/>.</summary>
    public async Task PartyConnectedAsync(string consultationId, ConsultationParty party, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        RequireParty(party);
        var entry = _entries.GetOrAdd(consultationId, _ => new Entry());
        bool everyoneBack;
        lock (entry)
        {
            entry.SetAway(party, null);
            everyoneBack = entry.UserAwaySince is null && entry.AstrologerAwaySince is null;
            if (everyoneBack)
            {
                entry.Restarted = false;
            }
        }

        var c = everyoneBack
            ? await store.UpdateAsync(consultationId, cur => cur.State == ConsultationState.Active && cur.PausedAt is not null ? ConsultationLifecycle.Resume(cur, at) : null, cancellationToken)
            : await store.GetAsync(consultationId, cancellationToken);
        if (c is not null)
        {
            events.Publish(new ConsultationEvent(ConsultationEventKind.PartyBack, c, Party: party));
        }
    }

    /// <summary>A party's circuit dropped at <paramref name="at"/>: billing pauses from then on.</summary>
    public async Task PartyDisconnectedAsync(string consultationId, ConsultationParty party, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        RequireParty(party);
        var entry = _entries.GetOrAdd(consultationId, _ => new Entry());
        lock (entry)
        {
            entry.SetAway(party, entry.AwaySince(party) ?? at);
        }

        var c = await store.UpdateAsync(consultationId, cur => cur.State == ConsultationState.Active ? ConsultationLifecycle.Pause(cur, at) : null, cancellationToken);
        if (c is not null)
        {
            events.Publish(new ConsultationEvent(ConsultationEventKind.PartyAway, c, Party: party));
        }
    }

    /// <summary>Whether <paramref name="party"/> is away from the consultation now (as far as this node knows).</summary>
    public bool IsAway(string consultationId, ConsultationParty party)
    {
        if (!_entries.TryGetValue(consultationId, out var entry))
        {
            return false;
        }

        lock (entry)
        {
            return entry.AwaySince(party) is not null;
        }
    }

    /// <summary>After a restart: both parties count as away from <paramref name="at"/> until they reconnect.</summary>
    internal void MarkRestarted(string consultationId, DateTimeOffset at)
    {
        var entry = _entries.GetOrAdd(consultationId, _ => new Entry());
        lock (entry)
        {
            entry.Restarted = true;
            entry.UserAwaySince ??= at;
            entry.AstrologerAwaySince ??= at;
        }
    }

    /// <summary>Why the consultation must end now under the grace rule, or null when nobody has been away that long.</summary>
    internal ConsultationEndReason? Overdue(string consultationId, DateTimeOffset now, TimeSpan grace)
    {
        if (!_entries.TryGetValue(consultationId, out var entry))
        {
            return null;
        }

        lock (entry)
        {
            var user = entry.UserAwaySince is { } u && now - u >= grace ? u : (DateTimeOffset?)null;
            var astrologer = entry.AstrologerAwaySince is { } a && now - a >= grace ? a : (DateTimeOffset?)null;
            if (user is null && astrologer is null)
            {
                return null;
            }

            if (entry.Restarted)
            {
                return ConsultationEndReason.ServerRestart;
            }

            return astrologer is not null && (user is null || astrologer <= user)
                ? ConsultationEndReason.AstrologerDisconnected
                : ConsultationEndReason.UserDisconnected;
        }
    }

    /// <summary>Drops what is known about consultations no longer live.</summary>
    internal void Forget(string consultationId) => _entries.TryRemove(consultationId, out _);

    internal IReadOnlyCollection<string> Tracked => [.. _entries.Keys];

    private static void RequireParty(ConsultationParty party)
    {
        if (party == ConsultationParty.System)
        {
            throw new ArgumentOutOfRangeException(nameof(party), party, "Only the user or the astrologer connects.");
        }
    }

    private sealed class Entry
    {
        public DateTimeOffset? UserAwaySince { get; set; }

        public DateTimeOffset? AstrologerAwaySince { get; set; }

        public bool Restarted { get; set; }

        public DateTimeOffset? AwaySince(ConsultationParty party) => party == ConsultationParty.User ? UserAwaySince : AstrologerAwaySince;

        public void SetAway(ConsultationParty party, DateTimeOffset? since)
        {
            if (party == ConsultationParty.User)
            {
                UserAwaySince = since;
            }
            else
            {
                AstrologerAwaySince = since;
            }
        }
    }
}
