using StarSync.Engine.Astrology.Ephemeris;

namespace StarSync.Engine.Astrology.Charts;

/// <summary>Which lunar node Rahu is: the mean node (smooth, the common Indian default) or the true (osculating) node.</summary>
public enum NodeKind
{
    Mean,
    True,
}

/// <summary>The year length used to turn Vimshottari years into days.</summary>
public enum DashaYear
{
    /// <summary>365.25 days (Julian year; the common default of Indian software).</summary>
    Julian,
    /// <summary>365.2564 days (sidereal year).</summary>
    Sidereal,
    /// <summary>365.2422 days (tropical year).</summary>
    Tropical,
    /// <summary>360 days (savana year).</summary>
    Savana,
}

/// <summary>How sunrise is defined for the Vedic day.</summary>
public enum SunriseConvention
{
    /// <summary>The Sun's upper limb touches the horizon, with atmospheric refraction (as popular Indian almanacs do).</summary>
    UpperLimb,
    /// <summary>The centre of the disc on the geometric horizon, without refraction (some classical computations).</summary>
    DiscCentre,
}

/// <summary>Every convention a chart depends on. The defaults follow common Indian practice.</summary>
public sealed record ChartSettings
{
    public SiderealMode Ayanamsa { get; init; } = SiderealMode.Lahiri;
    public NodeKind Node { get; init; } = NodeKind.Mean;
    public DashaYear DashaYear { get; init; } = DashaYear.Julian;
    public SunriseConvention Sunrise { get; init; } = SunriseConvention.UpperLimb;

    public static readonly ChartSettings Default = new();

    /// <summary>Days in one dasha year under <paramref name="year"/>.</summary>
    public static double DaysPerYear(DashaYear year) => year switch
    {
        DashaYear.Julian => 365.25,
        DashaYear.Sidereal => 365.2564,
        DashaYear.Tropical => 365.2422,
        DashaYear.Savana => 360.0,
        _ => throw new ArgumentOutOfRangeException(nameof(year)),
    };
}
