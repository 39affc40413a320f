using NodaTime;
using StarSync.Engine.Astrology.Horoscope;

namespace StarSync.Engine.Storage;

/// <summary>
/// Daily horoscopes computed ahead and kept, keyed by (Moon sign, date), so a page view is one lookup.
/// </summary>
/// <remarks>
/// A reading is derived data: the same sign, date and rules always give the same reading, so writes are idempotent
/// upserts (one single-document atomic step each) and two nodes computing the same key at once store the same thing.
/// </remarks>
public interface IHoroscopeStore
{
    /// <summary>The stored reading of <paramref name="sign"/> (1–12) for <paramref name="day"/>, whatever rules version wrote it; null when none is stored.</summary>
    Task<DailyHoroscope?> FindAsync(int sign, LocalDate day, CancellationToken cancellationToken = default);

    /// <summary>Stores the reading, replacing any stored for the same sign and date.</summary>
    Task UpsertAsync(DailyHoroscope horoscope, CancellationToken cancellationToken = default);

    /// <summary>Which of the twelve signs have a reading for <paramref name="day"/> written by <paramref name="rulesVersion"/>.</summary>
    Task<IReadOnlySet<int>> SignsStoredAsync(LocalDate day, int rulesVersion, CancellationToken cancellationToken = default);

    /// <summary>Deletes readings of dates before <paramref name="day"/>; returns how many.</summary>
    Task<int> PurgeBeforeAsync(LocalDate day, CancellationToken cancellationToken = default);
}
