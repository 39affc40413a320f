using StarSync.Engine.Consultations;

namespace StarSync.Engine.Storage;

/// <summary>What a user asks for when requesting a consultation.</summary>
public sealed record NewConsultation
{
    public required string UserId { get; init; }

    public required string AstrologerId { get; init; }

    /// <summary>The astrologer's rate quoted at request (paise per minute); accepting copies the rate then in force.</summary>
    public required long RatePerMinute { get; init; }

    public string? BirthProfileId { get; init; }
}

/// <summary>A filter over consultations, newest request first. Every criterion given must match.</summary>
public sealed record ConsultationQuery
{
    public string? UserId { get; init; }

    public string? AstrologerId { get; init; }

    public ConsultationState? State { get; init; }

    /// <summary>Only requests made strictly before this instant (UTC).</summary>
    public DateTimeOffset? RequestedBefore { get; init; }

    /// <summary>true: only consultations that were accepted at some point (went live); false: only ones never accepted.</summary>
    public bool? Accepted { get; init; }

    /// <summary>Only consultations accepted at or after this instant (UTC); never-accepted ones do not match.</summary>
    public DateTimeOffset? AcceptedFrom { get; init; }

    /// <summary>Only consultations accepted strictly before this instant (UTC); never-accepted ones do not match.</summary>
    public DateTimeOffset? AcceptedBefore { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 50;
}

/// <summary>A minute whose posting was written, to be counted on its consultation.</summary>
/// <param name="Minute">1-based from acceptance.</param>
/// <param name="WalletCharge">Paise taken from the user's wallet for it (0 for a promotional minute).</param>
public sealed record BilledMinute(string ConsultationId, int Minute, long WalletCharge);

/// <summary>Consultations and the billing loop's heartbeat.</summary>
/// <remarks>
/// Atomicity: every write changes one document in one atomic step. <see cref="ReplaceAsync"/> is a compare-and-set on
/// the version and state the caller read, so of two racing actors (accept vs. cancel, two billing loops, end vs. a
/// billed minute) exactly one wins and the others re-read. <see cref="CreateAsync"/> is refused while the user has
/// another consultation requested or active (a unique index on the open slot, so also under a race). Money is not
/// here: minutes are ledger postings keyed <c>consult:&lt;id&gt;:&lt;n&gt;</c>, and this store only counts them
/// (<see cref="ConsultationStoreExtensions.RecordMinuteAsync"/>).
/// </remarks>
public interface IConsultationStore
{
    /// <summary>Stores a new request (state requested, version 1, requested now); null when the user already has an open consultation.</summary>
    Task<Consultation?> CreateAsync(NewConsultation request, CancellationToken cancellationToken = default);

    Task<Consultation?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="replacement"/> (its version becomes <paramref name="expected"/>'s + 1) only if the stored
    /// consultation still has <paramref name="expected"/>'s version and state. Returns what was stored, or null when
    /// it changed in between (or is gone).
    /// </summary>
    /// <exception cref="InvalidOperationException">The move from the expected state to <paramref name="replacement"/>'s is not allowed, or the ids or parties differ.</exception>
    Task<Consultation?> ReplaceAsync(Consultation expected, Consultation replacement, CancellationToken cancellationToken = default);

    /// <summary>Consultations matching <paramref name="query"/>, newest request first.</summary>
    Task<Page<Consultation>> QueryAsync(ConsultationQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts several billed minutes, each exactly as <see cref="ConsultationStoreExtensions.RecordMinuteAsync"/> does
    /// (guarded: only while active with <c>minute − 1</c> counted). Each consultation's write is atomic on its own; an
    /// adapter may write them together (the embedded store in one transaction). By default they go one by one.
    /// </summary>
    /// <returns>Per minute, in order: the stored consultation, or null when it is no longer active or the minute was already counted.</returns>
    async Task<IReadOnlyList<Consultation?>> RecordMinutesAsync(IReadOnlyList<BilledMinute> minutes, DateTimeOffset at, TimeSpan minuteLength, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        var stored = new Consultation?[minutes.Count];
        for (var i = 0; i < minutes.Count; i++)
        {
            stored[i] = await this.RecordMinuteAsync(minutes[i].ConsultationId, minutes[i].Minute, minutes[i].WalletCharge, at, minuteLength, cancellationToken).ConfigureAwait(false);
        }

        return stored;
    }

    /// <summary>Records that a billing loop was running at <paramref name="at"/> (one document; last write wins unless older).</summary>
    Task BeatAsync(DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The latest heartbeat written by any billing loop, or null when none ever ran.</summary>
    Task<DateTimeOffset?> LastBeatAsync(CancellationToken cancellationToken = default);
}

/// <summary>Operations built on the port's compare-and-set, identical for every adapter.</summary>
public static class ConsultationStoreExtensions
{
    /// <summary>
    /// Counts minute <paramref name="minute"/> as billed (guarded: only while active with <c>minute − 1</c> minutes
    /// billed), adding <paramref name="walletCharge"/> paise to the charged total and moving the next minute on by
    /// <paramref name="minuteLength"/>. Retries when something else (presence, a message) changed it in between.
    /// </summary>
    /// <returns>The stored consultation; null when it is no longer active or the minute was already counted.</returns>
    public static async Task<Consultation?> RecordMinuteAsync(this IConsultationStore store, string id, int minute, long walletCharge, DateTimeOffset at, TimeSpan minuteLength, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        while (true)
        {
            var current = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (current is null || current.State != ConsultationState.Active || current.BilledMinutes != minute - 1)
            {
                return null;
            }

            var stored = await store.ReplaceAsync(current, ConsultationLifecycle.Billed(current, minute, walletCharge, at, minuteLength), cancellationToken).ConfigureAwait(false);
            if (stored is not null)
            {
                return stored;
            }
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored consultation and writes it with compare-and-set, re-reading and
    /// re-applying when it changed in between. <paramref name="change"/> returns null to leave it as it is.
    /// </summary>
    /// <returns>The stored result, the unchanged consultation when <paramref name="change"/> declined, or null when there is none.</returns>
    public static async Task<Consultation?> UpdateAsync(this IConsultationStore store, string id, Func<Consultation, Consultation?> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var current = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }

            var next = change(current);
            if (next is null || next == current)
            {
                return current;
            }

            var stored = await store.ReplaceAsync(current, next, cancellationToken).ConfigureAwait(false);
            if (stored is not null)
            {
                return stored;
            }
        }
    }

    internal static void RequireReplaceable(Consultation expected, Consultation next)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(next);
        if (next.Id != expected.Id || next.UserId != expected.UserId || next.AstrologerId != expected.AstrologerId)
        {
            throw new InvalidOperationException("A consultation's id and parties never change.");
        }

        if (next.State != expected.State && !ConsultationLifecycle.CanMove(expected.State, next.State))
        {
            throw new InvalidOperationException($"Consultation {expected.Id} cannot move from {expected.State} to {next.State}.");
        }

        if (expected.IsFinal)
        {
            throw new InvalidOperationException($"Consultation {expected.Id} is {expected.State} and changes no more.");
        }
    }

    internal static string OpenSlot(Consultation c) => c.IsFinal ? "closed:" + c.Id : "open:" + c.UserId;
}
