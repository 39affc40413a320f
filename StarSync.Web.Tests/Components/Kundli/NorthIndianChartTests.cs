using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using StarSync.Engine.Astrology.Charts;
using StarSync.Web.Components.Pages.Public.Kundli;

namespace StarSync.Web.Tests.Components.Kundli;

public sealed class NorthIndianChartTests : MudComponentTest
{
    [Fact]
    public void Each_graha_is_drawn_in_its_house_counted_from_the_lagna()
    {
        var chart = Render<NorthIndianChart>(p => p.Add(c => c.Diagram, KnownDiagram.LagnaLeo()));

        foreach (var (graha, house) in KnownDiagram.HouseFromLeo)
        {
            var mark = chart.Find($"g[data-house='{house}'] [data-graha='{graha}'] text");
            Assert.StartsWith(Grahas.Abbreviation(graha), mark.TextContent.Trim(), StringComparison.Ordinal);
        }

        Assert.Equal(9, chart.FindAll("[data-graha]").Count(e => e.GetAttribute("data-graha") != "Lagna"));
    }

    [Fact]
    public void The_lagna_is_in_the_top_diamond_and_each_house_shows_its_sign_number()
    {
        var chart = Render<NorthIndianChart>(p => p.Add(c => c.Diagram, KnownDiagram.LagnaLeo()));

        var first = chart.Find("g[data-house='1']");
        Assert.Equal("200,0 300,100 200,200 100,100", first.QuerySelector("polygon")!.GetAttribute("points"));
        Assert.Equal("As", first.QuerySelector("[data-graha='Lagna'] text")!.TextContent.Trim());
        Assert.Contains("cell-first", first.ClassList);

        // Leo (5) in house 1, then the signs follow the houses: house n holds sign 5 + n − 1.
        for (var house = 1; house <= 12; house++)
        {
            var expectedSign = (5 + house - 2) % 12 + 1;
            var cell = chart.Find($"g[data-house='{house}']");
            Assert.Equal(expectedSign.ToString(CultureInfo.InvariantCulture), cell.GetAttribute("data-sign"));
            Assert.Equal(expectedSign.ToString(CultureInfo.InvariantCulture), cell.QuerySelector(".sign-number")!.TextContent.Trim());
        }
    }

    [Fact]
    public void Houses_run_counter_clockwise_from_the_top()
    {
        var chart = Render<NorthIndianChart>(p => p.Add(c => c.Diagram, KnownDiagram.LagnaLeo()));
        (double X, double Y) Centre(int house)
        {
            var points = chart.Find($"g[data-house='{house}'] polygon").GetAttribute("points")!
                .Split(' ').Select(p => p.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
            return (points.Average(p => p[0]), points.Average(p => p[1]));
        }

        // Top, then left, bottom and right: counter-clockwise on screen (y grows downwards).
        Assert.Equal((200.0, 100.0), Centre(1));
        Assert.True(Centre(2).X < 200 && Centre(2).Y < 50, "House 2 is the top-left triangle.");
        Assert.True(Centre(3).X < 50 && Centre(3).Y < 200, "House 3 is the upper-left triangle.");
        Assert.Equal((100.0, 200.0), Centre(4));
        Assert.Equal((200.0, 300.0), Centre(7));
        Assert.Equal((300.0, 200.0), Centre(10));
        Assert.True(Centre(12).X > 200 && Centre(12).Y < 50, "House 12 is the top-right triangle.");
    }

    [Fact]
    public void Retrograde_and_combust_grahas_carry_their_marks_and_degrees_on_hover()
    {
        var chart = Render<NorthIndianChart>(p => p.Add(c => c.Diagram, KnownDiagram.LagnaLeo()));

        var mars = chart.Find("[data-graha='Mars']");
        Assert.Equal("MaR", mars.QuerySelector("text")!.TextContent.Trim());
        Assert.Equal("Mars, Scorpio 20°00′00″, retrograde", mars.QuerySelector("title")!.TextContent);

        var mercury = chart.Find("[data-graha='Mercury']");
        Assert.Equal("MeC", mercury.QuerySelector("text")!.TextContent.Trim());
        Assert.Contains("combust", mercury.GetAttribute("aria-label"), StringComparison.Ordinal);

        Assert.Equal("Su", chart.Find("[data-graha='Sun'] text").TextContent.Trim());
    }

    [Fact]
    public void Tapping_a_graha_shows_its_degree_under_the_chart()
    {
        var chart = Render<NorthIndianChart>(p => p.Add(c => c.Diagram, KnownDiagram.LagnaLeo()));

        chart.Find("[data-graha='Venus']").Click();

        Assert.Equal("Venus, Pisces 27°00′00″", chart.Find(".chart-detail").TextContent.Trim());
    }

    [Fact]
    public void With_the_birth_time_unknown_there_is_no_lagna_and_houses_count_from_the_Moon_with_a_flag()
    {
        var chart = Render<NorthIndianChart>(p => p.Add(c => c.Diagram, KnownDiagram.TimeUnknown()));

        Assert.Empty(chart.FindAll("[data-graha='Lagna']"));
        Assert.Equal("moon", chart.Find("figure").GetAttribute("data-frame"));
        Assert.Equal("4", chart.Find("g[data-house='1']").GetAttribute("data-sign"));
        Assert.NotNull(chart.Find("g[data-house='1'] [data-graha='Moon']"));
        Assert.Contains("Birth time unknown", chart.Find("[data-testid='chart-frame-flag']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Moon", chart.Find("svg").GetAttribute("aria-label"), StringComparison.Ordinal);
    }
}
