using System.Globalization;

namespace StarSync.Web.Components.Pages.Public.Kundli;

/// <summary>Numbers for SVG attributes: invariant culture (a comma decimal would break the drawing), two decimals at most.</summary>
internal static class Svg
{
    public static string N(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);
}
