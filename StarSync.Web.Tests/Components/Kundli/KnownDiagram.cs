using StarSync.Engine.Astrology.Charts;
using StarSync.Web.Components.Pages.Public.Kundli;

namespace StarSync.Web.Tests.Components.Kundli;

/// <summary>A chart built from known values, so the expected cell of every graha can be worked out by hand.</summary>
internal static class KnownDiagram
{
    /// <summary>
    /// Lagna Leo 12°. Sun Aries 10° (house 9), Moon Cancer 5° (12), Mars Scorpio 20° retrograde (4),
    /// Mercury Aries 18° combust (9), Jupiter Leo 2° (1, with the lagna), Venus Pisces 27° (8),
    /// Saturn Libra 20° retrograde (3), Rahu Gemini 15° (11), Ketu Sagittarius 15° (5).
    /// </summary>
    public static ChartDiagram LagnaLeo() => new(
        Varga.D1,
        ChartFrame.Lagna,
        AscendantSign: 5,
        AscendantLongitude: 132,
        Bodies:
        [
            new ChartBody(Graha.Sun, 1, 10, false, false),
            new ChartBody(Graha.Moon, 4, 95, false, false),
            new ChartBody(Graha.Mars, 8, 230, true, false),
            new ChartBody(Graha.Mercury, 1, 18, false, true),
            new ChartBody(Graha.Jupiter, 5, 122, false, false),
            new ChartBody(Graha.Venus, 12, 357, false, false),
            new ChartBody(Graha.Saturn, 7, 200, true, false),
            new ChartBody(Graha.Rahu, 3, 75, true, false),
            new ChartBody(Graha.Ketu, 9, 255, true, false),
        ],
        Unplaced: []);

    /// <summary>Expected house from a Leo lagna for each graha of <see cref="LagnaLeo"/>.</summary>
    public static readonly IReadOnlyDictionary<Graha, int> HouseFromLeo = new Dictionary<Graha, int>
    {
        [Graha.Sun] = 9,
        [Graha.Moon] = 12,
        [Graha.Mars] = 4,
        [Graha.Mercury] = 9,
        [Graha.Jupiter] = 1,
        [Graha.Venus] = 8,
        [Graha.Saturn] = 3,
        [Graha.Rahu] = 11,
        [Graha.Ketu] = 5,
    };

    /// <summary>The same grahas with the birth time unknown: no lagna, houses counted from the Moon (Cancer).</summary>
    public static ChartDiagram TimeUnknown() => LagnaLeo() with { Frame = ChartFrame.Moon, AscendantSign = null, AscendantLongitude = null };
}
