using NodaTime;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Kundli;

namespace StarSync.Engine.Astrology.Panchang;

/// <summary>Computes the panchang of a local date at a place: sunrise, sunset, vara and every element of the day.</summary>
public sealed class DayPanchangCalculator(SwissEphemeris ephemeris)
{
    /// <summary>Computes the day's panchang.</summary>
    /// <param name="date">Local date at the place.</param>
    /// <param name="latitude">Degrees, north positive.</param>
    /// <param name="longitude">Degrees, east positive.</param>
    /// <param name="zone">The place's time zone, which fixes where the local date begins.</param>
    /// <param name="settings">Ayanamsa and sunrise convention; null for the defaults.</param>
    /// <exception cref="EphemerisCalculationException">The date is outside the ephemeris files.</exception>
    public DayPanchang Calculate(LocalDate date, double latitude, double longitude, DateTimeZone zone, ChartSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var s = settings ?? ChartSettings.Default;
        return ephemeris.Run(context => Calculate(context, date, latitude, longitude, zone, s));
    }

    /// <summary>As <see cref="Calculate(LocalDate, double, double, DateTimeZone, ChartSettings)"/>, on an ephemeris thread already held.</summary>
    public static DayPanchang Calculate(EphemerisContext context, LocalDate date, double latitude, double longitude, DateTimeZone zone, ChartSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(settings);
        var discCentre = settings.Sunrise == SunriseConvention.DiscCentre;

        // AtStartOfDay copes with zones whose midnight is skipped by a DST change.
        var dayStart = KundliCalculator.JulianDay(context, date.AtStartOfDayInZone(zone).ToInstant());
        var nextDayStart = KundliCalculator.JulianDay(context, date.PlusDays(1).AtStartOfDayInZone(zone).ToInstant());
        var sunrise = context.NextSunEvent(dayStart, latitude, longitude, rise: true, discCentre);
        if (sunrise is { } r && r >= nextDayStart)
        {
            // The next rise falls on the following local date: this date has none of its own.
            sunrise = null;
        }

        double start, end;
        double? sunset = null;
        string? note = null;
        if (sunrise is { } rise)
        {
            sunset = context.NextSunEvent(rise, latitude, longitude, rise: false, discCentre);
            // Start the search an hour on so the same sunrise is not found again; a day and a half covers any latitude where the Sun still rises daily.
            var nextRise = context.NextSunEvent(rise + 1.0 / 24, latitude, longitude, rise: true, discCentre, withinDays: 1.5);
            start = rise;
            if (nextRise is { } n)
            {
                end = n;
            }
            else
            {
                end = nextDayStart;
                note = "The Sun does not rise again at this place the next day (polar day or night begins); the lists run to the end of the local date.";
            }

            if (sunset is null)
            {
                note ??= "The Sun did not set at this place after that sunrise (polar day).";
            }
        }
        else
        {
            start = dayStart;
            end = nextDayStart;
            note = "The Sun did not rise at this place on that date (polar night or polar day); sunrise and sunset are null and the lists run from local midnight to the next.";
        }

        var vara = (int)date.DayOfWeek % 7 + 1; // IsoDayOfWeek: Monday = 1 … Sunday = 7; vara 1 is Sunday
        return new DayPanchang(
            date,
            sunrise is { } sr ? KundliCalculator.ToInstant(context, sr) : null,
            sunset is { } ss ? KundliCalculator.ToInstant(context, ss) : null,
            new Vara(vara, PanchangNames.Vara(vara), PanchangNames.VaraInEnglish(vara)),
            Elements(context, PanchangLimb.Tithi, start, end, settings.Ayanamsa),
            Elements(context, PanchangLimb.Nakshatra, start, end, settings.Ayanamsa),
            Elements(context, PanchangLimb.Yoga, start, end, settings.Ayanamsa),
            Elements(context, PanchangLimb.Karana, start, end, settings.Ayanamsa),
            note);
    }

    /// <summary>The element running at <paramref name="start"/> and each one after it up to the one running at <paramref name="end"/>.</summary>
    private static List<DayPanchangElement> Elements(EphemerisContext context, PanchangLimb limb, double start, double end, SiderealMode mode)
    {
        var (unit, count) = PanchangElements.Measure(limb);
        var first = PanchangElements.At(context, limb, start, mode);
        var list = new List<DayPanchangElement> { Element(context, limb, first.Number, first.EndJulianDayUt) };
        var number = first.Number;
        var endJd = first.EndJulianDayUt;

        // The next element's number follows by arithmetic rather than by sampling just after the boundary, where the
        // found end may sit a hair before the exact crossing and would report the old element again.
        while (endJd <= end)
        {
            number = number % count + 1;
            var boundary = number * unit % 360.0;
            endJd = PanchangElements.Crossing(context, limb, endJd, boundary, mode);
            list.Add(Element(context, limb, number, endJd));
        }

        return list;
    }

    private static DayPanchangElement Element(EphemerisContext context, PanchangLimb limb, int number, double endJd) =>
        new(number, PanchangElements.Name(limb, number), limb == PanchangLimb.Tithi ? PanchangNames.Paksha(number) : null,
            KundliCalculator.ToInstant(context, endJd), endJd);
}
