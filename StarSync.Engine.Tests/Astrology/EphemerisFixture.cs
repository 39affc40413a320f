using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Kundli;
using StarSync.Engine.Astrology.Time;

namespace StarSync.Engine.Tests.Astrology;

/// <summary>One Swiss Ephemeris (the real Debian library and data files) shared by the astrology tests.</summary>
public sealed class EphemerisFixture : IDisposable
{
    public SwissEphemeris Ephemeris { get; } = new(new EphemerisOptions
    {
        DataFolder = Environment.GetEnvironmentVariable("SE_EPHE_PATH") ?? EphemerisOptions.DebianDataFolder,
    });

    public CivilTimeResolver Time { get; } = new();

    public KundliCalculator Calculator => new(Ephemeris, Time);

    public void Dispose() => Ephemeris.Dispose();
}

[CollectionDefinition(Name)]
public sealed class EphemerisCollection : ICollectionFixture<EphemerisFixture>
{
    public const string Name = "ephemeris";
}
