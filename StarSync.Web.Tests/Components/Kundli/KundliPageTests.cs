using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using StarSync.Engine.Astrology.Kundli;
using StarSync.Engine.Astrology.Time;
using StarSync.Engine.Places;
using StarSync.Web.Api;
using StarSync.Web.Components.Pages.Public.Kundli;

namespace StarSync.Web.Tests.Components.Kundli;

/// <summary>The Kundli page against the real engine and gazetteer: the same bad input the API rejects gets the same message beside its field.</summary>
[Collection(SharedKundliEngine.Name)]
public sealed class KundliPageTests : MudComponentTest
{
    private const string NewDelhi = "1261481";
    private const string NewYork = "5128581";

    public KundliPageTests(KundliEngineFixture engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Services.AddSingleton(engine.Gazetteer);
        Services.AddSingleton(engine.Time);
        Services.AddSingleton(engine.Calculator);
        Services.AddSingleton<BirthInput>();
        // 1 January 2026: Mars mahadasha for the 1990 New Delhi chart (2019-11 to 2026-11).
        Services.AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    private IRenderedComponent<KundliPage> RenderAt(string query)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("kundli" + query);
        Render<MudPopoverProvider>();
        return Render<KundliPage>();
    }

    [Fact]
    public void Submitting_an_empty_form_shows_a_message_beside_each_required_field_and_casts_nothing()
    {
        var page = RenderAt("");

        page.Find("[data-testid='submit-kundli']").Click();

        Assert.Contains("Date of birth is required (YYYY-MM-DD).", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Time of birth is required", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Place of birth is required", page.Markup, StringComparison.Ordinal);
        Assert.Contains("3 fields need attention.", page.Find("[data-testid='form-errors']").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid='kundli-report']"));
    }

    [Fact]
    public void A_date_outside_the_ephemeris_range_gets_the_APIs_message()
    {
        var page = RenderAt($"?date=1700-01-01&time=10:00&place={NewDelhi}");

        page.WaitForAssertion(() => Assert.Contains(SupportedDates.Description, page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid='kundli-report']"));
    }

    [Fact]
    public void A_local_time_skipped_by_daylight_saving_is_reported_on_the_time_field()
    {
        // New York skipped 02:00–03:00 on 14 March 2021.
        var page = RenderAt($"?date=2021-03-14&time=02:30&place={NewYork}");

        page.WaitForAssertion(() => Assert.Contains("did not exist in America/New_York", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid='kundli-report']"));
    }

    [Fact]
    public void A_malformed_explicit_offset_gets_the_same_message_as_the_API()
    {
        var page = RenderAt($"?date=1990-05-14&time=10:30&place={NewDelhi}&offset=%2B25:00");

        page.WaitForAssertion(() => Assert.Contains("'+25:00' is not an offset like +05:30", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_details_in_the_address_cast_the_chart_with_the_running_dasha_highlighted()
    {
        var page = RenderAt($"?name=Asha&date=1990-05-14&time=10:30&place={NewDelhi}");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='kundli-report']")), TimeSpan.FromSeconds(10));
        Assert.Equal("Asha", page.Find("#report-title").TextContent.Trim());
        Assert.NotNull(page.Find("[data-testid='north-indian-chart'] g[data-house='1'] [data-graha='Lagna']"));
        Assert.NotNull(page.Find("[data-testid='south-indian-chart']"));
        Assert.Equal(10, page.FindAll("[data-testid='planets-table'] tbody tr").Count);
        var running = page.Find("[data-testid='dasha-table'] tr[data-level='mahadasha'][data-running]");
        Assert.Equal("Mars", running.GetAttribute("data-lord"));
        Assert.Contains("UTC+05:30", page.Find("[data-testid='offset-used']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Opening_a_mahadasha_lists_its_antardashas_and_an_antardasha_its_pratyantardashas()
    {
        var page = RenderAt($"?date=1990-05-14&time=10:30&place={NewDelhi}");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='dasha-table']")), TimeSpan.FromSeconds(10));

        // Today's periods are open from the start: the running mahadasha's nine antardashas and its running antardasha's nine.
        Assert.Equal(9, page.FindAll("tr[data-level='antardasha']").Count);
        Assert.Equal(9, page.FindAll("tr[data-level='pratyantardasha']").Count);

        // The rows come from the click's handler, which may finish after Click returns on a busy machine.
        page.Find("tr[data-level='mahadasha'][data-lord='Jupiter'] button").Click();
        page.WaitForAssertion(() => Assert.Equal(18, page.FindAll("tr[data-level='antardasha']").Count), TimeSpan.FromSeconds(10));

        page.FindAll("tr[data-level='antardasha'][data-lord='Saturn'] button")[1].Click();
        page.WaitForAssertion(() => Assert.Equal(18, page.FindAll("tr[data-level='pratyantardasha']").Count), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Birth_time_unknown_casts_a_chart_without_lagna_and_shows_the_engines_notes()
    {
        var page = RenderAt($"?date=1990-05-14&unknown=true&place={NewDelhi}");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='kundli-report']")), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-graha='Lagna']"));
        Assert.Contains("Birth time unknown", page.Find("[data-testid='chart-notes']").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid='chart-frame-flag']"));
    }

    [Fact]
    public void An_Indian_birth_before_1955_carries_the_local_clocks_warning()
    {
        var page = RenderAt($"?date=1950-05-14&time=10:30&place={NewDelhi}");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='chart-notes']")), TimeSpan.FromSeconds(10));
        Assert.Contains("Before 1955", page.Find("[data-testid='chart-notes']").TextContent, StringComparison.Ordinal);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
