using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Kundli;
using StarSync.Engine.Astrology.Time;
using StarSync.Engine.Places;
using KundliChart = StarSync.Engine.Astrology.Kundli.Kundli;

namespace StarSync.Web.Tests.Components;

/// <summary>
/// The real engine for component tests: the Swiss Ephemeris (Debian library and data files) and the gazetteer,
/// loaded once for every test class in the collection.
/// </summary>
public sealed class KundliEngineFixture : IDisposable
{
    private readonly Lazy<Gazetteer> _gazetteer = new(Gazetteer.Load);

    public SwissEphemeris Ephemeris { get; } = new(new EphemerisOptions
    {
        DataFolder = Environment.GetEnvironmentVariable("SE_EPHE_PATH") is { Length: > 0 } folder ? folder : EphemerisOptions.DebianDataFolder,
    });

    public CivilTimeResolver Time { get; } = new();

    public KundliCalculator Calculator => new(Ephemeris, Time);

    public Gazetteer Gazetteer => _gazetteer.Value;

    /// <summary>New Delhi, 14 May 1990, 10:30 IST: lagna in Cancer, Sun in Aries (10th), Saturn in Capricorn (7th).</summary>
    public KundliChart NewDelhi1990(bool timeKnown = true) => Calculator.Calculate(new BirthData(
        new NodaTime.LocalDate(1990, 5, 14),
        timeKnown ? new NodaTime.LocalTime(10, 30) : null,
        28.63576, 77.22445, "Asia/Kolkata", UtcOffsetChoice.FromZone, "Asha", "New Delhi, Delhi, India"),
        ChartSettings.Default);

    public void Dispose() => Ephemeris.Dispose();
}

[CollectionDefinition(Name)]
public sealed class SharedKundliEngine : ICollectionFixture<KundliEngineFixture>
{
    public const string Name = "kundli-engine";
}
