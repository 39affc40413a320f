using NodaTime;

namespace StarSync.Engine.Astrology.Time;

/// <summary>
/// The dates the engine accepts: the span of the Swiss Ephemeris <c>_18</c> files. Outside it the library would
/// silently fall back to a less precise theory, so such dates are refused instead.
/// </summary>
public static class SupportedDates
{
    public static readonly LocalDate First = new(1800, 1, 1);
    public static readonly LocalDate Last = new(2399, 12, 31);

    public static bool Contains(LocalDate date) => date >= First && date <= Last;

    public const string Description = "Dates from 1800-01-01 to 2399-12-31 are supported.";
}
