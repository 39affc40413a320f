using NodaTime;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Kundli;

namespace StarSync.Engine.Astrology.Panchang;

/// <summary>One element of a day's panchang and when it ends.</summary>
/// <param name="Number">1-based: tithi 1–30, nakshatra 1–27, yoga 1–27, karana 1–60.</param>
/// <param name="Name">The element's name.</param>
/// <param name="Paksha">Shukla or Krishna for a tithi; null for the other limbs.</param>
/// <param name="End">End instant, to the second.</param>
/// <param name="EndJulianDayUt">End as an unrounded Julian day (UT1), for callers that need more than a second's precision.</param>
public sealed record DayPanchangElement(int Number, string Name, string? Paksha, Instant End, double EndJulianDayUt);

/// <summary>The panchang of one local date at one place, from that day's sunrise to the next.</summary>
/// <param name="Date">The local (Vedic) date.</param>
/// <param name="Sunrise">Sunrise on that date; null when the Sun does not rise (polar night or day).</param>
/// <param name="Sunset">The sunset after that sunrise; null when there is none within a day.</param>
/// <param name="Vara">Weekday of the Vedic day (the one that begins at that sunrise).</param>
/// <param name="Tithi">Tithis, the first running at sunrise, the last running at the next sunrise.</param>
/// <param name="Nakshatra">Nakshatras, as for tithis.</param>
/// <param name="Yoga">Yogas, as for tithis.</param>
/// <param name="Karana">Karanas, as for tithis.</param>
/// <param name="Note">Why sunrise or sunset is missing and what the lists span instead; null otherwise.</param>
public sealed record DayPanchang(
    LocalDate Date,
    Instant? Sunrise,
    Instant? Sunset,
    Vara Vara,
    IReadOnlyList<DayPanchangElement> Tithi,
    IReadOnlyList<DayPanchangElement> Nakshatra,
    IReadOnlyList<DayPanchangElement> Yoga,
    IReadOnlyList<DayPanchangElement> Karana,
    string? Note);
