using StarSync.Engine.Astrology.Charts;
using KundliChart = StarSync.Engine.Astrology.Kundli.Kundli;

namespace StarSync.Web.Components.Pages.Public.Kundli;

/// <summary>What house 1 of a diagram is counted from.</summary>
public enum ChartFrame
{
    /// <summary>The lagna (ascendant): the birth time is known.</summary>
    Lagna,
    /// <summary>The Moon's sign (Chandra lagna), used when the birth time is unknown.</summary>
    Moon,
    /// <summary>Neither is known in this divisional chart: signs only, no houses.</summary>
    SignsOnly,
}

/// <summary>One graha as drawn on a diagram.</summary>
/// <param name="Sign">Sign (1–12) in the diagram's divisional chart.</param>
/// <param name="Longitude">The natal (D1) sidereal longitude in degrees, which the hover text shows.</param>
public sealed record ChartBody(Graha Graha, int Sign, double Longitude, bool Retrograde, bool Combust)
{
    public string Abbreviation => Grahas.Abbreviation(Graha);

    /// <summary>The text shown on hover and on tap, e.g. "Mars, Scorpio 12°03′45″, retrograde".</summary>
    public string Detail(Varga varga)
    {
        var text = varga == Varga.D1
            ? $"{Graha}, {KundliFormat.SignAndDegree(Longitude)}"
            : $"{Graha}, {Rashi.Name(Sign)} in {varga} (natal {KundliFormat.SignAndDegree(Longitude)})";
        if (Retrograde)
        {
            text += ", retrograde";
        }

        if (Combust)
        {
            text += ", combust";
        }

        return text;
    }
}

/// <summary>
/// Everything a North or South Indian diagram needs for one divisional chart: which sign each graha is in, where
/// the lagna is, and what house 1 is counted from. Built from a computed Kundli, or directly from known values.
/// </summary>
/// <param name="AscendantSign">The lagna's sign in this varga, or null when the birth time is unknown.</param>
/// <param name="AscendantLongitude">The natal lagna longitude in degrees, for the hover text.</param>
/// <param name="Unplaced">Grahas whose sign in this varga changes during the birth day (birth time unknown).</param>
public sealed record ChartDiagram(
    Varga Varga,
    ChartFrame Frame,
    int? AscendantSign,
    double? AscendantLongitude,
    IReadOnlyList<ChartBody> Bodies,
    IReadOnlyList<Graha> Unplaced)
{
    /// <summary>The sign in house 1: the lagna's, else the Moon's, else null (signs only).</summary>
    public int? FirstHouseSign => Frame switch
    {
        ChartFrame.Lagna => AscendantSign,
        ChartFrame.Moon => Bodies.FirstOrDefault(b => b.Graha == Graha.Moon)?.Sign,
        _ => null,
    };

    /// <summary>"D9 Navamsa".</summary>
    public string Title => $"{Varga} {Vargas.Name(Varga)}";

    /// <summary>The sign in a house (1–12); with no reference point the North Indian diagram puts Aries at the top.</summary>
    public int SignOfHouse(int house) => Rashi.CountFrom(FirstHouseSign ?? 1, house);

    /// <summary>The house (1–12) a sign falls in, or null when the diagram has no houses.</summary>
    public int? HouseOfSign(int sign) => FirstHouseSign is { } first ? (sign - first + 12) % 12 + 1 : null;

    /// <summary>Grahas in a sign, in the traditional order (Sun to Ketu).</summary>
    public IEnumerable<ChartBody> InSign(int sign) => Bodies.Where(b => b.Sign == sign);

    /// <summary>The diagram of one divisional chart of a computed Kundli.</summary>
    public static ChartDiagram From(KundliChart kundli, Varga varga)
    {
        ArgumentNullException.ThrowIfNull(kundli);
        // The engine's own varga table is used even for D1: with the birth time unknown it leaves out a sign that
        // changes during the day (the Moon's, often), rather than guessing the noon one.
        var chart = kundli.Vargas.TryGetValue(varga, out var v) ? v
            : varga == Varga.D1 ? null
            : throw new ArgumentException($"The Kundli was cast without its {varga} chart.", nameof(varga));
        var bodies = new List<ChartBody>(9);
        var unplaced = new List<Graha>();
        foreach (var position in kundli.Grahas)
        {
            int? sign = chart is null ? position.Point.Sign : chart.Grahas.GetValueOrDefault(position.Graha);
            if (sign is { } s)
            {
                bodies.Add(new ChartBody(position.Graha, s, position.Longitude, position.Retrograde, position.Combust));
            }
            else
            {
                unplaced.Add(position.Graha);
            }
        }

        int? ascendant = kundli.Lagna is null ? null : chart?.Lagna ?? kundli.Lagna.Sign;
        var frame = ascendant is not null ? ChartFrame.Lagna
            : bodies.Any(b => b.Graha == Graha.Moon) ? ChartFrame.Moon
            : ChartFrame.SignsOnly;
        return new ChartDiagram(varga, frame, ascendant, kundli.Lagna?.Longitude, bodies, unplaced);
    }
}
