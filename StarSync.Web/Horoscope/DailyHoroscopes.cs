using NodaTime;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Horoscope;
using StarSync.Engine.Astrology.Kundli;
using StarSync.Engine.Astrology.Time;
using StarSync.Engine.Storage;
using StarSync.Web.Api;

namespace StarSync.Web.Horoscope;

/// <summary>
/// Daily horoscopes as pages and the API get them: a store lookup, or, when the date is missing (or was written by
/// older rules), computed from the sky and stored on the way out. Readings of dates far from today are computed but
/// not stored, so requests for arbitrary dates cannot fill the store.
/// </summary>
public sealed class DailyHoroscopes(IHoroscopeStore store, SwissEphemeris ephemeris, KundliCalculator kundli, TimeProvider clock)
{
    /// <summary>Readings within this many days of today (New Delhi) are stored when computed on demand.</summary>
    public const int StoredDays = 366;

    /// <summary>Today's date at New Delhi, the date the horoscopes are computed for.</summary>
    public LocalDate Today => TodayIn(DailySkyCalculator.Zone);

    /// <summary>Today's date in <paramref name="zone"/>: the reader's "today".</summary>
    public LocalDate TodayIn(DateTimeZone zone) => Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(zone).Date;

    /// <summary>The reading of <paramref name="sign"/> (1–12) for <paramref name="date"/>.</summary>
    /// <exception cref="EphemerisCalculationException">The date is outside the ephemeris files.</exception>
    public async Task<DailyHoroscope> GetAsync(int sign, LocalDate date, CancellationToken cancellationToken = default)
    {
        if (await store.FindAsync(sign, date, cancellationToken) is { RulesVersion: HoroscopeRules.Version } stored)
        {
            return stored;
        }

        var sky = await SkyAsync(date);
        var reading = HoroscopeRules.Read(sky, sign);
        if (Storable(date))
        {
            await store.UpsertAsync(reading, cancellationToken);
        }

        return reading;
    }

    /// <summary>The twelve readings of <paramref name="date"/>, Aries first.</summary>
    public async Task<IReadOnlyList<DailyHoroscope>> GetDayAsync(LocalDate date, CancellationToken cancellationToken = default)
    {
        var readings = new DailyHoroscope?[12];
        for (var sign = 1; sign <= 12; sign++)
        {
            if (await store.FindAsync(sign, date, cancellationToken) is { RulesVersion: HoroscopeRules.Version } stored)
            {
                readings[sign - 1] = stored;
            }
        }

        if (readings.Any(r => r is null))
        {
            var sky = await SkyAsync(date);
            for (var sign = 1; sign <= 12; sign++)
            {
                if (readings[sign - 1] is null)
                {
                    var reading = HoroscopeRules.Read(sky, sign);
                    readings[sign - 1] = reading;
                    if (Storable(date))
                    {
                        await store.UpsertAsync(reading, cancellationToken);
                    }
                }
            }
        }

        return [.. readings.Select(r => r!)];
    }

    /// <summary>Computes and stores whichever signs of <paramref name="date"/> are not stored under the current rules; returns how many.</summary>
    public async Task<int> EnsureStoredAsync(LocalDate date, CancellationToken cancellationToken = default)
    {
        var have = await store.SignsStoredAsync(date, HoroscopeRules.Version, cancellationToken);
        if (have.Count == 12)
        {
            return 0;
        }

        var sky = await SkyAsync(date);
        var written = 0;
        for (var sign = 1; sign <= 12; sign++)
        {
            if (!have.Contains(sign))
            {
                await store.UpsertAsync(HoroscopeRules.Read(sky, sign), cancellationToken);
                written++;
            }
        }

        return written;
    }

    /// <summary>Deletes stored readings older than <see cref="StoredDays"/> before today.</summary>
    public Task<int> PurgeOldAsync(CancellationToken cancellationToken = default) =>
        store.PurgeBeforeAsync(Today.PlusDays(-StoredDays), cancellationToken);

    /// <summary>One person's reading for <paramref name="date"/> from a saved birth profile (computed each time, never stored).</summary>
    /// <exception cref="BirthDataException">The profile's birth cannot be resolved.</exception>
    /// <exception cref="EphemerisCalculationException">The date is outside the ephemeris files.</exception>
    public async Task<PersonalHoroscope> PersonalAsync(BirthDetails details, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(details);
        var birth = BirthOf(details);
        // Only the Moon and the dasha are needed: no divisional charts.
        var natal = kundli.Calculate(birth, ChartSettings.Default, []);
        var sky = await SkyAsync(date);
        return PersonalHoroscopeRules.Read(sky, natal[Graha.Moon].Longitude, natal.Dasha);
    }

    private Task<DailySky> SkyAsync(LocalDate date)
    {
        if (!SupportedDates.Contains(date))
        {
            throw new EphemerisCalculationException(SupportedDates.Description);
        }

        return ephemeris.RunAsync(context => DailySkyCalculator.Calculate(context, date));
    }

    private bool Storable(LocalDate date) => Math.Abs(Period.DaysBetween(Today, date)) <= StoredDays;

    /// <summary>The engine's birth data for a saved profile (the stored fields were validated when saved).</summary>
    private static BirthData BirthOf(BirthDetails d)
    {
        var date = BirthInput.ParseDate(d.Date) ?? throw new BirthDataException("date", $"'{d.Date}' is not a date.");
        var time = d.TimeKnown && d.Time is { } t ? BirthInput.ParseTime(t) : null;
        var offset = d.UtcOffset?.Trim() switch
        {
            null or "" => UtcOffsetChoice.FromZone,
            var lmt when string.Equals(lmt, "lmt", StringComparison.OrdinalIgnoreCase) => UtcOffsetChoice.LocalMeanTime,
            var text => CivilTimeResolver.ParseOffset(text) is { } o ? UtcOffsetChoice.Fixed(o) : UtcOffsetChoice.FromZone,
        };
        return new BirthData(date, time, d.Latitude, d.Longitude, d.TimeZone, offset, d.Name);
    }
}
