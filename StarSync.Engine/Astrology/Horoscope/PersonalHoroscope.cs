using NodaTime;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Dasha;

namespace StarSync.Engine.Astrology.Horoscope;

/// <summary>A running Vimshottari period on the day of a reading.</summary>
/// <param name="Lord">The period's lord.</param>
/// <param name="Ends">When it ends (UTC).</param>
public sealed record RunningPeriod(Graha Lord, Instant Ends);

/// <summary>One person's reading for a date: their Moon sign's reading with their own tara, plus their running dasha.</summary>
/// <param name="Reading">The reading; its <see cref="DailyHoroscope.Sign"/> is the natal Moon sign, and its reasons end with the dasha statements.</param>
/// <param name="JanmaNakshatra">The natal Moon's nakshatra (1–27).</param>
/// <param name="Mahadasha">The mahadasha running at the day's sunrise; null outside the computed 120-year cycle.</param>
/// <param name="Antardasha">The antardasha running then; null with the mahadasha.</param>
public sealed record PersonalHoroscope(DailyHoroscope Reading, int JanmaNakshatra, RunningPeriod? Mahadasha, RunningPeriod? Antardasha);

/// <summary>
/// The personal reading: Gochara from the natal Moon sign (not a sign chosen from a list), Tara bala from the natal
/// nakshatra, and the running Vimshottari mahadasha and antardasha, each judged by its lord's transit from the natal
/// Moon that day (a period lord transiting a favourable house supports the period's themes on that day).
/// </summary>
public static class PersonalHoroscopeRules
{
    /// <summary>Reads <paramref name="sky"/> for a person.</summary>
    /// <param name="sky">The day's sky.</param>
    /// <param name="natalMoonLongitude">The natal Moon's sidereal longitude in degrees.</param>
    /// <param name="dasha">The person's Vimshottari schedule.</param>
    public static PersonalHoroscope Read(DailySky sky, double natalMoonLongitude, VimshottariSchedule dasha)
    {
        ArgumentNullException.ThrowIfNull(sky);
        ArgumentNullException.ThrowIfNull(dasha);
        var moonSign = Rashi.FromLongitude(natalMoonLongitude);
        var janma = Nakshatra.FromLongitude(natalMoonLongitude);
        var reading = HoroscopeRules.Read(sky, moonSign, janma, personal: true);

        var running = VimshottariDasha.RunningAt(dasha, sky.Sunrise);
        RunningPeriod? maha = running.Count > 0 ? new(running[0].Lord, running[0].End) : null;
        RunningPeriod? antar = running.Count > 1 ? new(running[1].Lord, running[1].End) : null;
        if (maha is null)
        {
            return new PersonalHoroscope(reading, janma, null, null);
        }

        var gochara = Gochara.Read(moonSign, sky.Signs);
        var reasons = new List<HoroscopeReason>(reading.Reasons)
        {
            PeriodReason("mahadasha", maha, gochara, sky.Signs, moonSign),
        };
        if (antar is not null)
        {
            reasons.Add(PeriodReason("antardasha", antar, gochara, sky.Signs, moonSign));
        }

        return new PersonalHoroscope(reading with { Reasons = reasons }, janma, maha, antar);
    }

    private static HoroscopeReason PeriodReason(string level, RunningPeriod period, IReadOnlyList<GocharaPosition> gochara, IReadOnlyList<int> signs, int moonSign)
    {
        var p = gochara[(int)period.Lord];
        var theme = Theme(period.Lord);
        var statement = p.Effect switch
        {
            GocharaEffect.Favourable => $"Your {period.Lord} {level} is supported today: push ahead with {theme}.",
            GocharaEffect.Obstructed => $"Your {period.Lord} {level} is held back today: {theme} need patience.",
            _ => $"Your {period.Lord} {level} meets a weak transit today: don't force {theme}.",
        };
        var effect = p.Effect switch
        {
            GocharaEffect.Favourable => "favourable",
            GocharaEffect.Obstructed => "a favourable house under vedha",
            _ => "unfavourable",
        };
        var because = $"{period.Lord} {level} runs until {period.Ends.InUtc().Date:yyyy-MM-dd}; {period.Lord} transits {Rashi.Name(signs[(int)period.Lord])}, the {HoroscopeRules.Ordinal(p.House)} from your Moon sign {Rashi.Name(moonSign)} ({effect})";
        return new HoroscopeReason(HoroscopeArea.General, statement, because);
    }

    /// <summary>The themes a period of <paramref name="lord"/> brings forward (its natural significations).</summary>
    public static string Theme(Graha lord) => lord switch
    {
        Graha.Sun => "recognition and dealings with authority",
        Graha.Moon => "home, family and feelings",
        Graha.Mars => "property, energy and competitive matters",
        Graha.Mercury => "learning, trade and writing",
        Graha.Jupiter => "growth, teachers and children's matters",
        Graha.Venus => "relationships, comforts and the arts",
        Graha.Saturn => "duty, hard work and long-term plans",
        Graha.Rahu => "ambition and unfamiliar ventures",
        Graha.Ketu => "detachment and spiritual practice",
        _ => throw new ArgumentOutOfRangeException(nameof(lord)),
    };
}
