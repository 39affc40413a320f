using NodaTime;
using StarSync.Engine.Astrology.Ephemeris;

namespace StarSync.Engine.Astrology.Horoscope;

/// <summary>Computes daily horoscopes from the real sky: <see cref="DailySkyCalculator"/> then <see cref="HoroscopeRules"/>.</summary>
public sealed class HoroscopeCalculator(SwissEphemeris ephemeris)
{
    /// <summary>The reading of one Moon sign (1–12) for <paramref name="date"/>.</summary>
    /// <exception cref="EphemerisCalculationException">The date is outside the ephemeris files.</exception>
    public DailyHoroscope Calculate(int sign, LocalDate date)
    {
        _ = HoroscopeSigns.Slug(sign);
        return HoroscopeRules.Read(new DailySkyCalculator(ephemeris).Calculate(date), sign);
    }

    /// <summary>The readings of all twelve signs for <paramref name="date"/>, Aries first (one sky for all).</summary>
    public IReadOnlyList<DailyHoroscope> CalculateDay(LocalDate date)
    {
        var sky = new DailySkyCalculator(ephemeris).Calculate(date);
        return [.. Enumerable.Range(1, 12).Select(sign => HoroscopeRules.Read(sky, sign))];
    }

    /// <summary>The sky of <paramref name="date"/> (for personal readings).</summary>
    public DailySky Sky(LocalDate date) => new DailySkyCalculator(ephemeris).Calculate(date);
}
