using StarSync.Engine.Astrology.Charts;

namespace StarSync.Web.Components.Pages.Public.Kundli;

/// <summary>One label to draw in a chart cell.</summary>
public sealed record ChartLabel(string Key, string Text, string Detail, bool Retrograde, bool Combust, bool IsLagna);

/// <summary>Where the labels of one cell go: a small grid centred on the cell's anchor point.</summary>
public static class ChartLayout
{
    /// <summary>The labels of the cell holding <paramref name="sign"/>: the lagna first, then the grahas from the Sun to Ketu.</summary>
    public static IReadOnlyList<ChartLabel> LabelsFor(ChartDiagram diagram, int sign)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        var labels = new List<ChartLabel>(4);
        if (diagram.AscendantSign == sign)
        {
            var detail = diagram.Varga == Varga.D1 || diagram.AscendantLongitude is null
                ? $"Lagna (ascendant), {KundliFormat.SignAndDegree(diagram.AscendantLongitude ?? (sign - 1) * 30.0)}"
                : $"Lagna (ascendant), {Rashi.Name(sign)} in {diagram.Varga} (natal {KundliFormat.SignAndDegree(diagram.AscendantLongitude.Value)})";
            labels.Add(new ChartLabel("Lagna", "As", detail, false, false, true));
        }

        foreach (var body in diagram.InSign(sign))
        {
            labels.Add(new ChartLabel(body.Graha.ToString(), body.Abbreviation, body.Detail(diagram.Varga), body.Retrograde, body.Combust, false));
        }

        return labels;
    }

    /// <summary>
    /// Positions for <paramref name="count"/> labels in rows of at most <paramref name="columns"/>, centred on the anchor.
    /// Crowded cells (more than two full rows) get a smaller font so the labels stay inside their cell.
    /// </summary>
    public static (IReadOnlyList<(double X, double Y)> Positions, double FontSize) Arrange(
        int count, double anchorX, double anchorY, int columns, double fontSize = 15)
    {
        if (count == 0)
        {
            return ([], fontSize);
        }

        var scale = count > columns * 2 ? 0.8 : 1.0;
        var size = fontSize * scale;
        var columnGap = size * 2.4;
        var rowGap = size * 1.35;
        var rows = (count + columns - 1) / columns;
        var positions = new List<(double, double)>(count);
        for (var i = 0; i < count; i++)
        {
            var row = i / columns;
            var inRow = row == rows - 1 ? count - row * columns : columns;
            var column = i % columns;
            var x = anchorX + (column - (inRow - 1) / 2.0) * columnGap;
            var y = anchorY + (row - (rows - 1) / 2.0) * rowGap;
            positions.Add((x, y));
        }

        return (positions, size);
    }
}
