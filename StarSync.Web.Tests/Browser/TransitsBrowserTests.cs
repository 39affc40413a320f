using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Panchang;
using StarSync.Engine.Astrology.Transits;
using StarSync.Engine.Places;
using StarSync.Engine.Storage;
using StarSync.Web.Auth;
using StarSync.Web.Components.Pages.Public.Kundli;
using static Microsoft.Playwright.Assertions;

namespace StarSync.Web.Tests.Browser;

/// <summary>
/// The transits page in a real chromium against the real app. What the page should show is worked out here with the same
/// engine over the same range (the page's clock is the real one, so the expected events are too).
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed partial class TransitsBrowserTests(BrowserFixture fixture)
{
    private const string NewYork = "America/New_York";

    /// <summary>When set (a folder), the tests also save screenshots of the page on a desktop and on a phone there.</summary>
    private static readonly string? ScreenshotFolder = Environment.GetEnvironmentVariable("STARSYNC_SCREENSHOTS");

    private SwissEphemeris Ephemeris => fixture.App.Services.GetRequiredService<SwissEphemeris>();

    private Gazetteer Places => fixture.App.Services.GetRequiredService<Gazetteer>();

    [GeneratedRegex(@"^\d\d:\d\d ")]
    private static partial Regex StartsWithTime();

    /// <summary>The next 90 days from the reader's midnight, as the page finds them.</summary>
    private IReadOnlyList<TransitEvent> Expected(DateTimeZone zone, ChartSettings settings)
    {
        var from = SystemClock.Instance.GetCurrentInstant().InZone(zone).Date.AtStartOfDayInZone(zone).ToInstant();
        return new TransitFinder(Ephemeris).Find(from, from + Duration.FromDays(90), settings);
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await TestAccounts.SignInAsync(page, email, "/transits");
        await page.Locator("[data-testid='interactive']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    [Fact]
    public async Task A_signed_in_reader_sees_the_events_in_their_zone_and_the_chips_filter_them()
    {
        var accounts = fixture.App.Services.GetRequiredService<IAccountStore>();
        var hasher = fixture.App.Services.GetRequiredService<PasswordHasher>();
        var created = await accounts.CreateAsync(new NewAccount
        {
            Email = $"transits-{Guid.NewGuid():N}@example.com",
            Name = "Lena Park",
            Role = AccountRole.User,
            PasswordHash = hasher.Hash(TestAccounts.Password),
            TimeZone = NewYork,
        });
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, created.Account!.Email);

        var zone = DateTimeZoneProviders.Tzdb[NewYork];
        var expected = Expected(zone, ChartSettings.Default);
        var events = page.GetByTestId("transit-event");
        await Expect(page.GetByLabel("Times shown in")).ToHaveValueAsync(NewYork);
        await Expect(events).ToHaveCountAsync(expected.Count);

        // The first day and the first event, in New York's time.
        var first = expected[0];
        await Expect(page.GetByTestId("transit-list").Locator("h3").First).ToHaveTextAsync(KundliFormat.Date(first.Instant, zone));
        await Expect(events.First).ToContainTextAsync(KundliFormat.Time(first.Instant, zone));
        await Expect(events.First).ToHaveTextAsync(StartsWithTime());

        // Only the Moon: switch every other graha off.
        foreach (var graha in Grahas.All.Where(g => g != Graha.Moon))
        {
            await page.GetByTestId($"graha-{graha}").ClickAsync();
        }

        var moon = expected.Where(e => e.Graha == Graha.Moon).ToList();
        await Expect(events).ToHaveCountAsync(moon.Count);
        await Expect(page.GetByTestId("graha-Sun")).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(page.GetByTestId("graha-Moon")).ToHaveAttributeAsync("aria-pressed", "true");

        // And only its sign changes: about two and a quarter days apart, so 39 or 40 in 90 days.
        await page.GetByTestId("kind-nakshatra").ClickAsync();
        var ingresses = moon.Where(e => e.Kind == TransitKind.Ingress).ToList();
        Assert.InRange(ingresses.Count, 39, 40);
        await Expect(events).ToHaveCountAsync(ingresses.Count);
        var last = ingresses[^1];
        await Expect(events.Last).ToHaveTextAsync($"{KundliFormat.Time(last.Instant, zone)} Moon enters {last.ToName} (from {last.FromName})");

        // With no kind left, the page says so.
        foreach (var kind in new[] { "ingress", "retrograde", "direct" })
        {
            await page.GetByTestId($"kind-{kind}").ClickAsync();
        }

        await Expect(page.GetByTestId("transits-empty")).ToBeVisibleAsync();
        await Expect(events).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_panchang_of_a_chosen_day_and_place_follows_the_advanced_options()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoInteractiveAsync("transits");
        await Expect(page.GetByTestId("day-panchang")).ToBeVisibleAsync();

        var place = page.GetByLabel("Place", new() { Exact = true });
        await page.ChoosePlaceAsync(place, "Chenna", "Chennai, Tamil Nadu, India");
        var date = page.GetByLabel("Date", new() { Exact = true });
        await date.FillAsync("2024-03-01");
        await date.PressAsync("Tab");

        var chennai = Places.Search("Chennai", 1)[0];
        var zone = DateTimeZoneProviders.Tzdb[chennai.TimeZone];
        DayPanchang Panchang(ChartSettings settings) =>
            new DayPanchangCalculator(Ephemeris).Calculate(new LocalDate(2024, 3, 1), chennai.Latitude, chennai.Longitude, zone, settings);

        // 1 March 2024 was a Friday; the sunrise is the engine's, read on Chennai's clock.
        var upperLimb = Panchang(ChartSettings.Default);
        var panchang = page.GetByTestId("day-panchang");
        await Expect(panchang).ToContainTextAsync("Shukravara (Friday)");
        await Expect(panchang).ToContainTextAsync($"Sunrise {KundliFormat.Time(upperLimb.Sunrise!.Value, zone)}");
        await Expect(panchang).ToContainTextAsync("(Asia/Kolkata)");
        await Expect(panchang).ToContainTextAsync($"{upperLimb.Nakshatra[0].Name} till {KundliFormat.Time(upperLimb.Nakshatra[0].End, zone)}");

        // The sunrise convention moves the sunrise (the centre of the disc rises a few minutes after its upper limb).
        await page.GetByText("Advanced options").ClickAsync();
        await page.GetByTestId("sunrise-select").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Centre of the disc" }).ClickAsync();
        var discCentre = Panchang(ChartSettings.Default with { Sunrise = SunriseConvention.DiscCentre });
        Assert.InRange((discCentre.Sunrise!.Value - upperLimb.Sunrise.Value).TotalMinutes, 2, 5);
        await Expect(panchang).ToContainTextAsync($"Sunrise {KundliFormat.Time(discCentre.Sunrise.Value, zone)}");

        // The ayanamsa moves the nakshatra's end: Raman's is about 1.45° smaller than Lahiri's, some two and a half hours of the Moon.
        await page.GetByTestId("ayanamsa-select").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Raman" }).ClickAsync();
        var raman = Panchang(ChartSettings.Default with { Ayanamsa = SiderealMode.Raman, Sunrise = SunriseConvention.DiscCentre });
        Assert.NotEqual(KundliFormat.Time(discCentre.Nakshatra[0].End, zone), KundliFormat.Time(raman.Nakshatra[0].End, zone));
        await Expect(panchang).ToContainTextAsync($"{raman.Nakshatra[0].Name} till {KundliFormat.Time(raman.Nakshatra[0].End, zone)}");

        // The events below follow the same ayanamsa.
        var expected = Expected(DateTimeZoneProviders.Tzdb["Asia/Kolkata"], ChartSettings.Default with { Ayanamsa = SiderealMode.Raman, Sunrise = SunriseConvention.DiscCentre });
        await Expect(page.GetByTestId("transit-event")).ToHaveCountAsync(expected.Count);
        await Expect(page.GetByTestId("transit-event").First).ToContainTextAsync(KundliFormat.Time(expected[0].Instant, DateTimeZoneProviders.Tzdb["Asia/Kolkata"]));

        await SaveScreenshotAsync(page, "transits-desktop.png", "[data-testid='transits-advanced']");
        await page.AssertNoSeriousAxeViolationsAsync();
    }

    [Fact]
    public async Task On_a_phone_the_filters_and_the_panchang_fit_the_width()
    {
        var page = await fixture.NewPageAsync(390, 844);
        await page.GotoInteractiveAsync("transits");
        await Expect(page.GetByTestId("day-panchang")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("transit-event").First).ToBeVisibleAsync();

        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.False(overflow, "The page scrolls sideways on a 390 px wide phone.");
        await SaveScreenshotAsync(page, "transits-phone.png", "#transits-heading");
        await page.AssertNoSeriousAxeViolationsAsync();
    }

    /// <summary>What a person sees once scrolled to <paramref name="scrollTo"/>: that part just under the app bar.</summary>
    private static async Task SaveScreenshotAsync(IPage page, string file, string scrollTo)
    {
        if (ScreenshotFolder is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        await page.EvaluateAsync(
            "selector => { const top = document.querySelector(selector).getBoundingClientRect().top + window.scrollY; window.scrollTo(0, top - 76); }",
            scrollTo);
        await page.Mouse.MoveAsync(1, 1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, file), Type = ScreenshotType.Png });
    }
}
