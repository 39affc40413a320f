using NodaTime;

namespace StarSync.Engine.Astrology.Time;

/// <summary>A civil birth time resolved to a UTC instant, with the offset used and why.</summary>
/// <param name="Local">The local date and time as given.</param>
/// <param name="Utc">The instant.</param>
/// <param name="Offset">The offset from UTC that was applied.</param>
/// <param name="Source">Where the offset came from.</param>
/// <param name="Explanation">One sentence saying why this offset was used.</param>
/// <param name="Warnings">Things the user should double-check (for example Indian births before 1955).</param>
public sealed record ResolvedBirthTime(
    LocalDateTime Local,
    Instant Utc,
    Offset Offset,
    OffsetSource Source,
    string Explanation,
    IReadOnlyList<string> Warnings);
