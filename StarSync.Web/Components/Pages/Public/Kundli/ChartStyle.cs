namespace StarSync.Web.Components.Pages.Public.Kundli;

/// <summary>The two traditional ways of drawing a chart.</summary>
public enum ChartStyle
{
    /// <summary>Diamond chart: houses fixed, signs move (common in North India).</summary>
    North,
    /// <summary>Square chart: signs fixed, lagna marked (common in South India).</summary>
    South,
}
