using NodaTime;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Dasha;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Panchang;
using StarSync.Engine.Astrology.Time;

namespace StarSync.Engine.Astrology.Kundli;

/// <summary>Casts a full Kundli: lagna, nine grahas, divisional charts, Vimshottari dasha and the panchang at birth.</summary>
public sealed class KundliCalculator(SwissEphemeris ephemeris, CivilTimeResolver timeResolver)
{
    private static readonly SwissEphemeris.Body[] Bodies =
    [
        SwissEphemeris.Body.Sun, SwissEphemeris.Body.Moon, SwissEphemeris.Body.Mars, SwissEphemeris.Body.Mercury,
        SwissEphemeris.Body.Jupiter, SwissEphemeris.Body.Venus, SwissEphemeris.Body.Saturn,
    ];

    /// <summary>Casts the chart.</summary>
    /// <param name="birth">Birth data.</param>
    /// <param name="settings">Conventions (ayanamsa, node, dasha year, sunrise).</param>
    /// <param name="vargas">Divisional charts to include; null for all sixteen.</param>
    /// <exception cref="BirthDataException">The birth data cannot be resolved (unknown zone, skipped time, out of range).</exception>
    public Kundli Calculate(BirthData birth, ChartSettings? settings = null, IReadOnlyCollection<Varga>? vargas = null)
    {
        ArgumentNullException.ThrowIfNull(birth);
        settings ??= ChartSettings.Default;
        var local = birth.Date + (birth.Time ?? new LocalTime(12, 0));
        var time = timeResolver.Resolve(local, birth.Longitude, birth.TimeZone, birth.Offset);
        try
        {
            return ephemeris.Run(context => Cast(context, birth, settings, vargas ?? Vargas.All, time));
        }
        catch (EphemerisCalculationException e)
        {
            throw new BirthDataException("date", $"{e.Message} {SupportedDates.Description}");
        }
    }

    private static Kundli Cast(EphemerisContext context, BirthData birth, ChartSettings settings, IReadOnlyCollection<Varga> vargaList, ResolvedBirthTime time)
    {
        var jd = JulianDay(context, time.Utc);
        var notes = new List<string>(time.Warnings);
        var grahas = Positions(context, jd, settings);
        ZodiacPoint? lagna = null;
        if (birth.TimeKnown)
        {
            lagna = new ZodiacPoint(Angle.Normalize(context.SiderealAscendant(jd, birth.Latitude, birth.Longitude, settings.Ayanamsa)));
        }
        else
        {
            notes.Add("Birth time unknown: the chart is cast for local noon, without lagna, houses or divisional signs that change during the day.");
        }

        var sun = grahas[(int)Graha.Sun];
        var positions = new GrahaPosition[9];
        for (var i = 0; i < 9; i++)
        {
            var (graha, position) = ((Graha)i, grahas[i]);
            var point = new ZodiacPoint(position.Longitude);
            var retrograde = position.Speed < 0;
            int? house = lagna is null ? null : (point.Sign - lagna.Sign + 12) % 12 + 1;
            positions[i] = new GrahaPosition(graha, point, position.Latitude, position.Speed, house,
                Dignity.Of(graha, position.Longitude),
                Combustion.IsCombust(graha, position.Longitude, retrograde, sun.Longitude));
        }

        var vargaCharts = DivisionalCharts(context, birth, settings, vargaList, time, grahas, lagna);
        var moon = grahas[(int)Graha.Moon].Longitude;
        var dasha = VimshottariDasha.Compute(time.Utc, moon, ChartSettings.DaysPerYear(settings.DashaYear));
        if (!birth.TimeKnown)
        {
            notes.Add("Dasha balance uses the Moon at noon: with the birth time unknown, period dates may be off by up to several months.");
        }

        var panchang = BirthPanchangAt(context, jd, time, birth, settings);
        return new Kundli(birth, settings, time, jd, context.Ayanamsa(jd, settings.Ayanamsa), lagna, positions, vargaCharts, dasha, panchang, notes);
    }

    /// <summary>Sidereal positions of the nine grahas in <see cref="Graha"/> order; Ketu is opposite Rahu.</summary>
    internal static EclipticPosition[] Positions(EphemerisContext context, double jd, ChartSettings settings)
    {
        var result = new EclipticPosition[9];
        for (var i = 0; i < Bodies.Length; i++)
        {
            result[i] = context.Sidereal(jd, Bodies[i], settings.Ayanamsa);
        }

        var node = context.Sidereal(jd, settings.Node == NodeKind.Mean ? SwissEphemeris.Body.MeanNode : SwissEphemeris.Body.TrueNode, settings.Ayanamsa);
        result[(int)Graha.Rahu] = node;
        result[(int)Graha.Ketu] = new EclipticPosition(Angle.Normalize(node.Longitude + 180), -node.Latitude, node.Speed);
        return result;
    }

    private static Dictionary<Varga, VargaChart> DivisionalCharts(
        EphemerisContext context, BirthData birth, ChartSettings settings, IReadOnlyCollection<Varga> vargaList,
        ResolvedBirthTime time, EclipticPosition[] grahas, ZodiacPoint? lagna)
    {
        // With the time unknown, a divisional sign is only given when it is the same all day long.
        EclipticPosition[]? dayStart = null, dayEnd = null;
        if (!birth.TimeKnown)
        {
            var midnight = birth.Date.AtMidnight().WithOffset(time.Offset).ToInstant();
            dayStart = Positions(context, JulianDay(context, midnight), settings);
            dayEnd = Positions(context, JulianDay(context, midnight + Duration.FromDays(1) - Duration.FromSeconds(1)), settings);
        }

        var charts = new Dictionary<Varga, VargaChart>(vargaList.Count);
        foreach (var varga in vargaList)
        {
            var signs = new Dictionary<Graha, int?>(9);
            for (var i = 0; i < 9; i++)
            {
                var sign = Vargas.SignOf(varga, grahas[i].Longitude);
                int? shown = sign;
                if (dayStart is not null
                    && (!StaysInSign(varga, dayStart[i].Longitude, grahas[i].Longitude, sign) || !StaysInSign(varga, grahas[i].Longitude, dayEnd![i].Longitude, sign)))
                {
                    shown = null;
                }

                signs[(Graha)i] = shown;
            }

            charts[varga] = new VargaChart(varga, lagna is null ? null : Vargas.SignOf(varga, lagna.Longitude), signs);
        }

        return charts;
    }

    /// <summary>
    /// Whether every part of <paramref name="varga"/> a graha crosses moving from <paramref name="from"/> to
    /// <paramref name="to"/> (the shorter way round) falls in <paramref name="sign"/>. Comparing the two ends alone
    /// is not enough: in a fine varga the Moon passes through all twelve signs in a few degrees and can end the day
    /// in the sign it started in.
    /// </summary>
    private static bool StaysInSign(Varga varga, double from, double to, int sign)
    {
        if (Vargas.SignOf(varga, from) != sign || Vargas.SignOf(varga, to) != sign)
        {
            return false;
        }

        var parts = 12 * (int)varga;
        var width = 360.0 / parts;
        var first = Math.Min(parts - 1, (int)(Angle.Normalize(from) / width));
        var last = Math.Min(parts - 1, (int)(Angle.Normalize(to) / width));
        var step = Angle.Normalize(to - from) <= 180 ? 1 : parts - 1;
        for (var part = first; part != last; part = (part + step) % parts)
        {
            if (Vargas.SignOf(varga, (part + 0.5) * width) != sign)
            {
                return false;
            }
        }

        return true;
    }

    private static BirthPanchang BirthPanchangAt(EphemerisContext context, double jd, ResolvedBirthTime time, BirthData birth, ChartSettings settings)
    {
        var discCentre = settings.Sunrise == SunriseConvention.DiscCentre;
        var civilDate = time.Local.Date;
        string? note = null;

        // The Vedic day runs from sunrise to sunrise: a birth before the day's sunrise belongs to the previous day.
        double? sunrise = SunriseOn(context, civilDate, time.Offset, birth, discCentre);
        var vedicDate = civilDate;
        if (sunrise is { } rise && jd < rise)
        {
            vedicDate = civilDate.PlusDays(-1);
            sunrise = SunriseOn(context, vedicDate, time.Offset, birth, discCentre);
        }

        double? sunset = null;
        if (sunrise is { } r)
        {
            sunset = context.NextSunEvent(r, birth.Latitude, birth.Longitude, rise: false, discCentre);
            if (sunset is null)
            {
                note = "The Sun did not set at this place on that day (polar day).";
            }
        }
        else
        {
            note = "The Sun did not rise at this place on that day (polar night or polar day); the civil date is used as the Vedic day.";
        }

        var vara = (int)vedicDate.DayOfWeek % 7 + 1; // IsoDayOfWeek: Monday = 1 … Sunday = 7
        return new BirthPanchang(
            vedicDate,
            new Vara(vara, PanchangNames.Vara(vara), PanchangNames.VaraInEnglish(vara)),
            Entry(context, PanchangLimb.Tithi, jd, settings, withPaksha: true),
            Entry(context, PanchangLimb.Nakshatra, jd, settings),
            Entry(context, PanchangLimb.Yoga, jd, settings),
            Entry(context, PanchangLimb.Karana, jd, settings),
            sunrise is { } sr ? ToInstant(context, sr) : null,
            sunset is { } ss ? ToInstant(context, ss) : null,
            note);
    }

    private static PanchangEntry Entry(EphemerisContext context, PanchangLimb limb, double jd, ChartSettings settings, bool withPaksha = false)
    {
        var at = PanchangElements.At(context, limb, jd, settings.Ayanamsa);
        return new PanchangEntry(at.Number, PanchangElements.Name(limb, at.Number), ToInstant(context, at.EndJulianDayUt),
            withPaksha ? PanchangNames.Paksha(at.Number) : null);
    }

    private static double? SunriseOn(EphemerisContext context, LocalDate date, Offset offset, BirthData birth, bool discCentre)
    {
        var midnight = date.AtMidnight().WithOffset(offset).ToInstant();
        return context.NextSunEvent(JulianDay(context, midnight), birth.Latitude, birth.Longitude, rise: true, discCentre);
    }

    /// <summary>UTC instant → Julian day (UT1) through <c>swe_utc_to_jd</c>.</summary>
    public static double JulianDay(EphemerisContext context, Instant instant)
    {
        ArgumentNullException.ThrowIfNull(context);
        var utc = instant.InUtc();
        return context.UtcToJulianDayUt(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute,
            utc.Second + utc.NanosecondOfSecond / 1e9);
    }

    /// <summary>Julian day (UT1) → UTC instant, to the second.</summary>
    public static Instant ToInstant(EphemerisContext context, double julianDayUt)
    {
        ArgumentNullException.ThrowIfNull(context);
        var utc = context.JulianDayUtToUtc(julianDayUt);
        var rounded = new DateTime((utc.Ticks + TimeSpan.TicksPerSecond / 2) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        return Instant.FromDateTimeUtc(rounded);
    }
}
