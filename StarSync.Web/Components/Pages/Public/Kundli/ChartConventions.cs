using StarSync.Web.Api;

namespace StarSync.Web.Components.Pages.Public.Kundli;

/// <summary>
/// The chart conventions a page offers beside the Kundli's (ayanamsa, node, sunrise), in the API's names, so
/// <see cref="BirthInput.ReadSettings"/> reads them exactly as it reads a request. The dasha year is left to the Kundli.
/// </summary>
public sealed class ChartConventions : IChartOptions
{
    public string Ayanamsa { get; set; } = KundliFormModel.DefaultAyanamsa;

    public string Node { get; set; } = KundliFormModel.DefaultNode;

    public string Sunrise { get; set; } = KundliFormModel.DefaultSunrise;

    /// <summary>Whether every convention is the default (the page then need not say which it used).</summary>
    public bool IsDefault => Ayanamsa == KundliFormModel.DefaultAyanamsa && Node == KundliFormModel.DefaultNode
        && Sunrise == KundliFormModel.DefaultSunrise;

    string? IChartOptions.Ayanamsa => Ayanamsa;

    string? IChartOptions.Node => Node;

    string? IChartOptions.DashaYear => null;

    string? IChartOptions.Sunrise => Sunrise;

    /// <summary>The conventions in words, e.g. "Lahiri ayanamsa · mean node · sunrise by the upper limb".</summary>
    public string Describe() =>
        $"{AyanamsaText(Ayanamsa)} ayanamsa · {(Node == "true" ? "true" : "mean")} node · sunrise by the {(Sunrise == "disc-centre" ? "centre of the disc" : "upper limb")}";

    /// <summary>The display name of an ayanamsa's API name.</summary>
    public static string AyanamsaText(string name) => name switch
    {
        "raman" => "Raman",
        "krishnamurti" => "Krishnamurti (KP)",
        "true-chitra" => "True Chitra",
        _ => "Lahiri",
    };
}
