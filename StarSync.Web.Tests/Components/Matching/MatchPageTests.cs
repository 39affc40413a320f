using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Lite;
using StarSync.Web.Api;
using StarSync.Web.Auth;
using StarSync.Web.Components.Pages.Public.Matching;

namespace StarSync.Web.Tests.Components.Matching;

/// <summary>
/// The matching page against the real engine, gazetteer and a LiteDB file: saved profiles fill either side, including
/// what only a profile can bring (no birth time, coordinates without a gazetteer place, a local-mean-time clock).
/// </summary>
[Collection(SharedKundliEngine.Name)]
public sealed class MatchPageTests : MudComponentTest
{
    private const string AccountId = "account-meera";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "starsync-tests", Guid.NewGuid().ToString("N"));
    private readonly LiteStore _lite;
    private readonly KundliEngineFixture _engine;
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    public MatchPageTests(KundliEngineFixture engine)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _lite = new LiteStore(_folder);
        Profiles = new LiteBirthProfileStore(_lite, TimeProvider.System);
        Services.AddSingleton(engine.Gazetteer);
        Services.AddSingleton(engine.Time);
        Services.AddSingleton(engine.Calculator);
        Services.AddSingleton<BirthInput>();
        Services.AddSingleton<IBirthProfileStore>(Profiles);
    }

    private LiteBirthProfileStore Profiles { get; }

    /// <summary>Born in Bengaluru at an unknown hour, recorded by coordinates and on local mean time.</summary>
    private static BirthDetails Mohan => new()
    {
        Label = "Father", Name = "Mohan", Date = "1962-08-20", Time = null, TimeKnown = false, PlaceId = null,
        Latitude = 12.9716, Longitude = 77.5946, TimeZone = "Asia/Kolkata", UtcOffset = "lmt",
    };

    private static BirthDetails Asha => new()
    {
        Label = "Me", Name = "Asha", Date = "1990-05-15", Time = "14:30:00", TimeKnown = true, PlaceId = "1261481",
        Latitude = 28.63576, Longitude = 77.22445, TimeZone = "Asia/Kolkata",
    };

    private void SignIn()
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("Meera Iyer");
        authorization.SetClaims(new Claim(StarSyncClaims.AccountId, AccountId));
    }

    private IRenderedComponent<MatchPage> RenderPage()
    {
        _popovers = Render<MudPopoverProvider>();
        return Render<MatchPage>();
    }

    private void Pick(IRenderedComponent<MatchPage> page, string role, string profile)
    {
        page.WaitForElement($"[data-testid='{role}-form'] .mud-select .mud-input-control").MouseDown();
        _popovers.WaitForElements(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == profile).Click();
    }

    [Fact]
    public void A_visitor_gets_the_two_forms_and_a_sign_in_hint_but_no_profile_selects()
    {
        var page = RenderPage();

        Assert.Contains("to match people from your saved profiles", page.Find("[data-testid='sign-in-hint']").TextContent, StringComparison.Ordinal);
        Assert.Equal("login?returnUrl=%2Fmatch", page.Find("[data-testid='sign-in-hint'] a").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid='groom-profile-select']"));
        Assert.Empty(page.FindAll("[data-testid='bride-profile-select']"));
        Assert.NotEmpty(page.FindAll("[data-testid='groom-form']"));
    }

    [Fact]
    public void A_signed_in_reader_without_profiles_is_told_where_they_come_from()
    {
        SignIn();
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("Save to my profiles", page.Find("[data-testid='no-saved-profiles']").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid='sign-in-hint']"));
        Assert.Empty(page.FindAll("[data-testid='groom-profile-select']"));
    }

    [Fact]
    public async Task A_profile_without_a_birth_time_fills_the_groom_and_Manglik_counts_from_the_Moon()
    {
        await Profiles.AddAsync(AccountId, Mohan);
        await Profiles.AddAsync(AccountId, Asha);
        SignIn();
        var page = RenderPage();

        Pick(page, "groom", "Father · Mohan");
        Pick(page, "bride", "Me · Asha");

        var groom = page.Find("[data-testid='groom-form']");
        Assert.Contains("Unknown in the saved profile: Manglik counts from the Moon", groom.TextContent, StringComparison.Ordinal);
        Assert.Contains("read as local mean time", page.Find("[data-testid='groom-offset']").TextContent, StringComparison.Ordinal);
        Assert.Equal("12.9716°N, 77.5946°E", page.Find("[data-testid='groom-form'] .mud-autocomplete input").GetAttribute("value"));

        page.Find("[data-testid='check-compatibility']").Click();

        // The same request through the API's reader and calculator: the groom's Moon without a time is cast for local noon.
        var errors = new Dictionary<string, string[]>();
        var birth = new BirthInput(_engine.Gazetteer, _engine.Time).Read(
            new MatchPerson { Date = "1962-08-20", TimeKnown = false, Latitude = 12.9716, Longitude = 77.5946, TimeZone = "Asia/Kolkata", UtcOffset = "lmt" }, errors);
        Assert.Empty(errors);
        var moon = _engine.Calculator.Calculate(birth!, null, [])[Graha.Moon].Point;

        page.WaitForAssertion(() =>
        {
            var report = page.Find("[data-testid='match-report']").TextContent;
            Assert.Contains($"Groom: Moon in {Rashi.Name(moon.Sign)}, {Nakshatra.Name(moon.Nakshatra)}.", report, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(10));
        var manglik = page.Find("[data-testid='manglik']").TextContent;
        Assert.Contains("(from the Moon)", manglik, StringComparison.Ordinal);
        Assert.Contains("The birth time is unknown, so there is no lagna: the headline counts Mars from the Moon.", manglik, StringComparison.Ordinal);
        Assert.DoesNotContain("From the lagna", manglik.Split("Bride:")[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_filled_side_holds_its_profile_until_a_field_is_edited()
    {
        var model = new MatchPersonModel();
        var profile = new BirthProfile("p1", AccountId, Mohan, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        model.Fill(profile, _engine.Gazetteer);

        IBirthFields fields = model;
        Assert.Equal(("1962-08-20", null, false, null), (fields.Date, fields.Time, fields.TimeKnown, fields.PlaceId));
        Assert.Equal((12.9716, 77.5946, "Asia/Kolkata", "lmt"), (fields.Latitude, fields.Longitude, fields.TimeZone, fields.UtcOffset));
        Assert.Equal("p1", model.ProfileId);
        Assert.True(model.Holds(Mohan));

        model.TimeOfBirth = new TimeSpan(7, 0, 0);
        model.TimeUnknown = false;
        Assert.False(model.Holds(Mohan));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        _lite.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
