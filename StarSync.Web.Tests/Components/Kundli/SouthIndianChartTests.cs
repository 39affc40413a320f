using System.Globalization;
using Bunit;
using StarSync.Engine.Astrology.Charts;
using StarSync.Web.Components.Pages.Public.Kundli;

namespace StarSync.Web.Tests.Components.Kundli;

public sealed class SouthIndianChartTests : MudComponentTest
{
    [Theory]
    [InlineData(12, 0, 0)]   // Pisces top left
    [InlineData(1, 100, 0)]  // Aries next to it
    [InlineData(3, 300, 0)]  // Gemini top right
    [InlineData(4, 300, 100)] // then clockwise down the right side
    [InlineData(6, 300, 300)]
    [InlineData(7, 200, 300)]
    [InlineData(9, 0, 300)]
    [InlineData(10, 0, 200)]
    [InlineData(11, 0, 100)]
    public void Signs_are_fixed_from_Pisces_at_the_top_left_running_clockwise(int sign, int x, int y)
    {
        var chart = Render<SouthIndianChart>(p => p.Add(c => c.Diagram, KnownDiagram.LagnaLeo()));

        var cell = chart.Find($"g[data-sign='{sign}'] rect");
        Assert.Equal(x.ToString(CultureInfo.InvariantCulture), cell.GetAttribute("x"));
        Assert.Equal(y.ToString(CultureInfo.InvariantCulture), cell.GetAttribute("y"));
        Assert.Equal(Rashi.Abbreviation(sign), chart.Find($"g[data-sign='{sign}'] .sign-name").TextContent.Trim());
    }

    [Fact]
    public void Each_graha_is_drawn_in_its_sign_and_the_cell_knows_its_house()
    {
        var diagram = KnownDiagram.LagnaLeo();
        var chart = Render<SouthIndianChart>(p => p.Add(c => c.Diagram, diagram));

        foreach (var body in diagram.Bodies)
        {
            var mark = chart.Find($"g[data-sign='{body.Sign}'] [data-graha='{body.Graha}'] text");
            Assert.StartsWith(body.Abbreviation, mark.TextContent.Trim(), StringComparison.Ordinal);
            var house = KnownDiagram.HouseFromLeo[body.Graha].ToString(CultureInfo.InvariantCulture);
            Assert.Equal(house, chart.Find($"g[data-sign='{body.Sign}']").GetAttribute("data-house"));
        }
    }

    [Fact]
    public void The_lagna_cell_is_marked()
    {
        var chart = Render<SouthIndianChart>(p => p.Add(c => c.Diagram, KnownDiagram.LagnaLeo()));

        var leo = chart.Find("g[data-sign='5']");
        Assert.Contains("cell-first", leo.ClassList);
        Assert.NotNull(leo.QuerySelector(".lagna-stroke"));
        Assert.Equal("As", leo.QuerySelector("[data-graha='Lagna'] text")!.TextContent.Trim());
        Assert.Single(chart.FindAll(".lagna-stroke"));
        Assert.Contains("Lagna Leo", chart.Find(".chart-centre").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_birth_time_unknown_no_cell_is_marked_and_no_houses_are_numbered()
    {
        var chart = Render<SouthIndianChart>(p => p.Add(c => c.Diagram, KnownDiagram.TimeUnknown()));

        Assert.Empty(chart.FindAll(".lagna-stroke"));
        Assert.Empty(chart.FindAll("[data-graha='Lagna']"));
        Assert.All(chart.FindAll("g[data-sign]"), cell => Assert.Null(cell.GetAttribute("data-house")));
        Assert.Contains("Birth time unknown", chart.Find("[data-testid='chart-frame-flag']").TextContent, StringComparison.Ordinal);
        Assert.NotNull(chart.Find("g[data-sign='4'] [data-graha='Moon']"));
    }
}
