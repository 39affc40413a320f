using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using StarSync.Web.Components.Pages.Public.Transits;

namespace StarSync.Web.Tests.Components.Transits;

/// <summary>The transits page against the real engine and gazetteer: the next 90 days' events and the day's panchang.</summary>
[Collection(SharedKundliEngine.Name)]
public sealed class TransitsPageTests : MudComponentTest
{
    public TransitsPageTests(KundliEngineFixture engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Services.AddSingleton(engine.Gazetteer);
        Services.AddSingleton(engine.Ephemeris);
        // 1 March 2024: Mercury turns retrograde on 1 April and the Sun enters Aries on 13 April, both within 90 days.
        Services.AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(2024, 3, 1, 6, 0, 0, TimeSpan.Zero)));
    }

    private IRenderedComponent<TransitsPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        var page = Render<TransitsPage>();
        page.WaitForAssertion(() =>
        {
            Assert.NotEmpty(page.FindAll("[data-testid='transit-event']"));
            Assert.NotEmpty(page.FindAll("[data-testid='day-panchang']"));
        }, TimeSpan.FromSeconds(20));
        return page;
    }

    [Fact]
    public void The_page_shows_the_next_90_days_of_events_and_todays_panchang_for_New_Delhi()
    {
        var page = RenderPage();

        var list = page.Find("[data-testid='transit-list']").TextContent;
        Assert.Contains("Mercury turns retrograde in", list, StringComparison.Ordinal);
        Assert.Contains("Sun enters Aries (from Pisces)", list, StringComparison.Ordinal);
        Assert.Contains("Moon enters", list, StringComparison.Ordinal);

        var panchang = page.Find("[data-testid='day-panchang']").TextContent;
        // 1 March 2024 was a Friday.
        Assert.Contains("Shukravara", panchang, StringComparison.Ordinal);
        Assert.Contains("Asia/Kolkata", panchang, StringComparison.Ordinal);
        Assert.Contains("Tithi", panchang, StringComparison.Ordinal);
        Assert.Contains("Karana", panchang, StringComparison.Ordinal);
    }

    [Fact]
    public void Filter_chips_narrow_the_list_and_an_empty_filter_says_so()
    {
        var page = RenderPage();
        var all = page.FindAll("[data-testid='transit-event']").Count;

        page.Find("[data-testid='kind-nakshatra']").Click();
        // The Moon changes nakshatra about 89 times in 90 days; ingresses and stations remain.
        page.WaitForAssertion(() => Assert.InRange(page.FindAll("[data-testid='transit-event']").Count, 1, all - 75));

        foreach (var kind in new[] { "ingress", "retrograde", "direct" })
        {
            page.Find($"[data-testid='kind-{kind}']").Click();
        }

        page.WaitForAssertion(() =>
        {
            Assert.NotEmpty(page.FindAll("[data-testid='transits-empty']"));
            Assert.Empty(page.FindAll("[data-testid='transit-event']"));
        });
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
