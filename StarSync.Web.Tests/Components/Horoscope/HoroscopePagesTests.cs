using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Lite;
using StarSync.Web.Auth;
using StarSync.Web.Components.Pages.Public.Horoscope;
using StarSync.Web.Horoscope;

namespace StarSync.Web.Tests.Components.Horoscope;

/// <summary>
/// The horoscope pages against the real engine and a LiteDB file, on 20 March 2024 (New Delhi), the day whose Aries
/// reading is worked by hand from swetest positions in the engine tests.
/// </summary>
[Collection(SharedKundliEngine.Name)]
public sealed class HoroscopePagesTests : MudComponentTest, IDisposable
{
    private const string AccountId = "account-meera";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "starsync-tests", Guid.NewGuid().ToString("N"));
    private readonly LiteStore _lite;

    public HoroscopePagesTests(KundliEngineFixture engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _lite = new LiteStore(_folder);
        // 06:00 UTC is 11:30 in New Delhi on Wednesday 20 March 2024.
        var clock = new FixedClock(new DateTimeOffset(2024, 3, 20, 6, 0, 0, TimeSpan.Zero));
        Profiles = new LiteBirthProfileStore(_lite, clock);
        Services.AddSingleton(engine.Ephemeris);
        Services.AddSingleton(engine.Calculator);
        Services.AddSingleton<TimeProvider>(clock);
        Services.AddSingleton<IHoroscopeStore>(new LiteHoroscopeStore(_lite, clock));
        Services.AddSingleton<IBirthProfileStore>(Profiles);
        Services.AddSingleton<DailyHoroscopes>();
    }

    private LiteBirthProfileStore Profiles { get; }

    public new void Dispose()
    {
        _lite.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void The_sign_list_shows_twelve_cards_with_todays_headline_and_scores()
    {
        var page = Render<HoroscopeIndexPage>();

        page.WaitForAssertion(() => Assert.Equal(12, page.FindAll("[data-testid^='sign-card-']").Count), TimeSpan.FromSeconds(20));
        Assert.Contains("Wednesday 20 March 2024", page.Find("[data-testid='horoscope-today']").TextContent, StringComparison.Ordinal);
        var aries = page.Find("[data-testid='sign-card-aries']");
        Assert.Equal("horoscope/aries", aries.GetAttribute("href"));
        Assert.Contains("Mesha", aries.TextContent, StringComparison.Ordinal);
        // Scores worked by hand in the engine tests (GocharaTests): love 2, career 2, money 1, health 3.
        var stars = aries.QuerySelectorAll("[data-score]").Select(e => e.GetAttribute("data-score")).ToList();
        Assert.Equal(["2", "2", "1", "3"], stars);
        Assert.Empty(page.FindAll("[data-testid='personal-reading']"));
        Assert.NotEmpty(page.FindAll("[data-testid='personal-invite']"));
    }

    [Fact]
    public async Task A_sign_page_has_three_days_and_every_statement_shows_its_transit()
    {
        Render<MudPopoverProvider>();
        var page = Render<SignHoroscopePage>(p => p.Add(x => x.Slug, "Aries"));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='reading']")), TimeSpan.FromSeconds(20));
        Assert.Contains("Aries", page.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Yesterday", "Today", "Tomorrow"], page.FindAll(".mud-tab").Select(t => t.TextContent.Trim()));
        Assert.Contains("Wednesday 20 March 2024", page.Find("[data-testid='tab-date']").TextContent, StringComparison.Ordinal);
        Assert.Equal(["2", "2", "1", "3"], page.FindAll("[data-testid='reading'] [data-score]").Select(e => e.GetAttribute("data-score")));
        Assert.Equal(10, page.FindAll("[data-testid='reason']").Count);

        await page.InvokeAsync(() => page.FindAll("[data-testid='reason']")
            .Single(r => r.TextContent.Contains("Venus in the 11th", StringComparison.Ordinal))
            .QuerySelector(".mud-expand-panel-header")!.Click());
        page.WaitForAssertion(() => Assert.Contains(
            "Venus in Aquarius, the 11th from Aries (a favourable house, but vedha from Ketu in the 6th)",
            page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tomorrow_is_another_reading()
    {
        Render<MudPopoverProvider>();
        var page = Render<SignHoroscopePage>(p => p.Add(x => x.Slug, "leo"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='reading']")), TimeSpan.FromSeconds(20));
        var today = page.Find("[data-testid='reading-text']").TextContent;

        // Found and clicked in one dispatch: the page may re-render between a separate find and click.
        await page.InvokeAsync(() => page.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == "Tomorrow").Click());

        page.WaitForAssertion(() => Assert.Contains("Thursday 21 March 2024", page.Find("[data-testid='tab-date']").TextContent, StringComparison.Ordinal));
        Assert.NotEqual(today, page.Find("[data-testid='reading-text']").TextContent);
    }

    [Fact]
    public async Task A_signed_in_reader_with_a_saved_profile_gets_a_personal_reading_with_the_running_dasha()
    {
        await Profiles.AddAsync(AccountId, new BirthDetails
        {
            Label = "Me", Name = "Asha", Date = "1990-05-14", Time = "10:30:00", TimeKnown = true, PlaceId = "1261481",
            Latitude = 28.63576, Longitude = 77.22445, TimeZone = "Asia/Kolkata",
        });
        var authorization = AddAuthorization();
        authorization.SetAuthorized("Meera Iyer");
        authorization.SetClaims(new Claim(StarSyncClaims.AccountId, AccountId));
        Render<MudPopoverProvider>();

        var page = Render<HoroscopeIndexPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='personal-reading'] [data-testid='reading']")), TimeSpan.FromSeconds(20));
        var card = page.Find("[data-testid='personal-reading']");
        Assert.Contains("dasha", page.Find("[data-testid='personal-dasha']").TextContent, StringComparison.Ordinal);
        Assert.Contains("mahadasha runs until", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("from your birth nakshatra", card.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid='personal-invite']"));
    }

    [Fact]
    public void A_signed_in_reader_without_profiles_is_told_how_to_get_a_personal_reading()
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("Ravi");
        authorization.SetClaims(new Claim(StarSyncClaims.AccountId, "account-without-profiles"));

        var page = Render<HoroscopeIndexPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='personal-empty']")), TimeSpan.FromSeconds(20));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
