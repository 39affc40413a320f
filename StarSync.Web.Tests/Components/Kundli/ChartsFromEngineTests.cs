using System.Globalization;
using Bunit;
using StarSync.Engine.Astrology.Charts;
using StarSync.Web.Components.Pages.Public.Kundli;

namespace StarSync.Web.Tests.Components.Kundli;

/// <summary>Charts of a Kundli cast by the real engine (Swiss Ephemeris): every graha lands in the cell its house and sign say.</summary>
[Collection(SharedKundliEngine.Name)]
public sealed class ChartsFromEngineTests(KundliEngineFixture engine) : MudComponentTest
{
    [Fact]
    public void North_Indian_chart_puts_every_graha_in_the_house_the_engine_computed()
    {
        var kundli = engine.NewDelhi1990();
        var chart = Render<NorthIndianChart>(p => p.Add(c => c.Diagram, ChartDiagram.From(kundli, Varga.D1)));

        foreach (var graha in kundli.Grahas)
        {
            var cell = chart.Find($"g[data-house='{graha.House}']");
            Assert.Equal(graha.Point.Sign.ToString(CultureInfo.InvariantCulture), cell.GetAttribute("data-sign"));
            Assert.StartsWith(Grahas.Abbreviation(graha.Graha), cell.QuerySelector($"[data-graha='{graha.Graha}'] text")!.TextContent.Trim(), StringComparison.Ordinal);
        }

        // Known values for this birth: lagna Cancer, Sun in Aries in the 10th, Saturn in Capricorn in the 7th.
        Assert.Equal("4", chart.Find("g[data-house='1']").GetAttribute("data-sign"));
        Assert.NotNull(chart.Find("g[data-house='1'] [data-graha='Lagna']"));
        Assert.NotNull(chart.Find("g[data-house='10'][data-sign='1'] [data-graha='Sun']"));
        Assert.NotNull(chart.Find("g[data-house='7'][data-sign='10'] [data-graha='Saturn']"));
    }

    [Fact]
    public void South_Indian_chart_puts_every_graha_in_its_sign_and_marks_the_lagna_sign()
    {
        var kundli = engine.NewDelhi1990();
        var chart = Render<SouthIndianChart>(p => p.Add(c => c.Diagram, ChartDiagram.From(kundli, Varga.D1)));

        foreach (var graha in kundli.Grahas)
        {
            var cell = chart.Find($"g[data-sign='{graha.Point.Sign}']");
            Assert.Equal(graha.House!.Value.ToString(CultureInfo.InvariantCulture), cell.GetAttribute("data-house"));
            Assert.NotNull(cell.QuerySelector($"[data-graha='{graha.Graha}']"));
        }

        var lagnaCell = chart.Find($"g[data-sign='{kundli.Lagna!.Sign}']");
        Assert.Contains("cell-first", lagnaCell.ClassList);
        Assert.NotNull(lagnaCell.QuerySelector("[data-graha='Lagna']"));
    }

    [Fact]
    public void A_divisional_chart_places_grahas_by_their_varga_sign()
    {
        var kundli = engine.NewDelhi1990();
        var navamsa = kundli.Vargas[Varga.D9];
        var north = Render<NorthIndianChart>(p => p.Add(c => c.Diagram, ChartDiagram.From(kundli, Varga.D9)));
        var south = Render<SouthIndianChart>(p => p.Add(c => c.Diagram, ChartDiagram.From(kundli, Varga.D9)));

        Assert.Equal(navamsa.Lagna!.Value.ToString(CultureInfo.InvariantCulture), north.Find("g[data-house='1']").GetAttribute("data-sign"));
        foreach (var (graha, sign) in navamsa.Grahas)
        {
            Assert.NotNull(north.Find($"g[data-sign='{sign}'] [data-graha='{graha}']"));
            Assert.NotNull(south.Find($"g[data-sign='{sign}'] [data-graha='{graha}']"));
        }

        Assert.Contains("D9 Navamsa", south.Find(".chart-centre").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_birth_time_unknown_the_charts_have_no_lagna_and_say_so()
    {
        var kundli = engine.NewDelhi1990(timeKnown: false);
        var diagram = ChartDiagram.From(kundli, Varga.D1);
        var north = Render<NorthIndianChart>(p => p.Add(c => c.Diagram, diagram));
        var south = Render<SouthIndianChart>(p => p.Add(c => c.Diagram, diagram));

        Assert.Null(kundli.Lagna);
        Assert.NotEqual(ChartFrame.Lagna, diagram.Frame);
        Assert.Empty(north.FindAll("[data-graha='Lagna']"));
        Assert.Empty(south.FindAll("[data-graha='Lagna']"));
        Assert.NotNull(north.Find("[data-testid='chart-frame-flag']"));
        Assert.NotNull(south.Find("[data-testid='chart-frame-flag']"));
    }
}
