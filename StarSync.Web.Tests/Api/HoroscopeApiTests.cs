using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using StarSync.Engine.Astrology.Horoscope;
using StarSync.Engine.Storage;
using StarSync.Web.Horoscope;

namespace StarSync.Web.Tests.Api;

/// <summary>GET /api/v1/horoscope/daily through the real app (in-memory server, real ephemeris, LiteDB store).</summary>
public sealed class HoroscopeApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string url)
    {
        var client = host.Factory.CreateClient();
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return (response.StatusCode, doc.RootElement.Clone());
    }

    [Fact]
    public async Task A_reading_has_the_documented_shape_and_the_hand_worked_scores()
    {
        var (status, body) = await GetAsync("/api/v1/horoscope/daily?sign=aries&date=2024-03-20");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("aries", body.GetProperty("sign").GetString());
        Assert.Equal("Aries", body.GetProperty("signName").GetString());
        Assert.Equal("Mesha", body.GetProperty("signSanskrit").GetString());
        Assert.Equal("2024-03-20", body.GetProperty("date").GetString());
        // Worked by hand from swetest's positions at that sunrise (see GocharaTests in the engine tests).
        var scores = body.GetProperty("scores");
        Assert.Equal((2, 2, 1, 3), (scores.GetProperty("love").GetInt32(), scores.GetProperty("career").GetInt32(), scores.GetProperty("money").GetInt32(), scores.GetProperty("health").GetInt32()));
        var text = body.GetProperty("text").GetString()!;
        Assert.StartsWith(body.GetProperty("headline").GetString()!, text, StringComparison.Ordinal);
        var reasons = body.GetProperty("reasons").EnumerateArray().ToList();
        Assert.Equal(10, reasons.Count);
        Assert.All(reasons, r =>
        {
            Assert.Contains(r.GetProperty("area").GetString(), new[] { "general", "love", "career", "money", "health" });
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("statement").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("because").GetString()));
        });
        Assert.Contains(reasons, r => r.GetProperty("because").GetString() == "Venus in Aquarius, the 11th from Aries (a favourable house, but vedha from Ketu in the 6th)");
        Assert.Equal(4, body.GetProperty("textStatements").GetInt32());
    }

    [Fact]
    public async Task The_same_request_gives_the_same_text_and_signs_differ()
    {
        var first = await GetAsync("/api/v1/horoscope/daily?sign=Leo&date=2030-01-15");
        var again = await GetAsync("/api/v1/horoscope/daily?sign=leo&date=2030-01-15");
        var virgo = await GetAsync("/api/v1/horoscope/daily?sign=virgo&date=2030-01-15");

        Assert.Equal(first.Body.GetProperty("text").GetString(), again.Body.GetProperty("text").GetString());
        Assert.Equal(first.Body.ToString(), again.Body.ToString());
        Assert.NotEqual(first.Body.GetProperty("text").GetString(), virgo.Body.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Without_a_date_the_reading_is_for_today_at_New_Delhi()
    {
        var (status, body) = await GetAsync("/api/v1/horoscope/daily?sign=pisces");

        Assert.Equal(HttpStatusCode.OK, status);
        var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Kolkata"]).Date;
        Assert.Equal(NodaTime.Text.LocalDatePattern.Iso.Format(today), body.GetProperty("date").GetString());
    }

    [Fact]
    public async Task A_view_is_a_store_lookup()
    {
        var store = host.Factory.Services.GetRequiredService<IHoroscopeStore>();
        var date = new LocalDate(2031, 2, 2);
        var computed = await host.Factory.Services.GetRequiredService<DailyHoroscopes>().GetAsync(7, date);
        // Overwrite the stored reading: the API must serve what the store holds, not compute afresh.
        await store.UpsertAsync(computed with { Text = "Stored text." });

        var (_, body) = await GetAsync("/api/v1/horoscope/daily?sign=libra&date=2031-02-02");

        Assert.Equal("Stored text.", body.GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_background_job_stores_yesterday_to_a_week_ahead_at_start_up()
    {
        _ = host.Factory.CreateClient();
        var store = host.Factory.Services.GetRequiredService<IHoroscopeStore>();
        var today = host.Factory.Services.GetRequiredService<DailyHoroscopes>().Today;

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await store.SignsStoredAsync(today.PlusDays(HoroscopePrecompute.DaysAhead), HoroscopeRules.Version)).Count < 12 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        for (var offset = -HoroscopePrecompute.DaysBefore; offset <= HoroscopePrecompute.DaysAhead; offset++)
        {
            Assert.Equal(12, (await store.SignsStoredAsync(today.PlusDays(offset), HoroscopeRules.Version)).Count);
        }
    }

    [Theory]
    [InlineData("date=2024-03-20", "sign")]
    [InlineData("sign=&date=2024-03-20", "sign")]
    [InlineData("sign=ophiuchus&date=2024-03-20", "sign")]
    [InlineData("sign=mesha&date=2024-03-20", "sign")]
    [InlineData("sign=1&date=2024-03-20", "sign")]
    [InlineData("sign=aries&date=2024-02-30", "date")]
    [InlineData("sign=aries&date=20-03-2024", "date")]
    [InlineData("sign=aries&date=2024-3-20", "date")]
    [InlineData("sign=aries&date=today", "date")]
    [InlineData("sign=aries&date=1799-12-31", "date")]
    [InlineData("sign=aries&date=2400-01-01", "date")]
    [InlineData("sign=aries&date=99999-01-01", "date")]
    public async Task Bad_input_is_a_400_naming_the_parameter(string query, string field)
    {
        var (status, body) = await GetAsync("/api/v1/horoscope/daily?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Theory]
    [InlineData("/horoscope", "Daily horoscope")]
    [InlineData("/horoscope/aries", "Aries")]
    [InlineData("/horoscope/PISCES", "Pisces")]
    public async Task The_pages_render_on_the_server(string path, string heading)
    {
        var response = await host.Factory.CreateClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(heading, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/horoscope/ophiuchus")]
    [InlineData("/horoscope/mesha")]
    public async Task An_unknown_sign_address_is_the_apps_not_found_page(string path)
    {
        var response = await host.Factory.CreateClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("data-testid=\"not-found\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1800-01-01")]
    [InlineData("2399-12-31")]
    public async Task The_whole_supported_range_answers(string date)
    {
        var (status, body) = await GetAsync($"/api/v1/horoscope/daily?sign=taurus&date={date}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(date, body.GetProperty("date").GetString());
    }
}

/// <summary>GET /api/v1/me/horoscope: a signed-in person's reading from a saved profile.</summary>
public sealed class PersonalHoroscopeApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private readonly Auth.AuthApiClient _api = new(host.Factory);

    private async Task<HttpClient> SignedInAsync()
    {
        var user = await _api.CreateAccountAsync(Engine.Accounts.AccountRole.User);
        var tokens = await _api.LoginOkAsync(user.Email);
        return _api.WithToken(tokens.GetProperty("accessToken").GetString()!);
    }

    [Fact]
    public async Task A_saved_profile_gets_its_own_moon_nakshatra_and_running_dasha()
    {
        var client = await SignedInAsync();
        var created = await client.PostAsJsonAsync(new Uri("/api/v1/me/birth-profiles", UriKind.Relative), new
        {
            label = "Me", name = "Asha", date = "1990-05-14", time = "10:30:00", timeKnown = true, placeId = "1261481",
            latitude = 28.63576, longitude = 77.22445, timeZone = "Asia/Kolkata",
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var response = await client.GetAsync(new Uri($"/api/v1/me/horoscope?profileId={id}&date=2024-03-20", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, body.GetProperty("profileId").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("janmaNakshatra").GetString()));
        Assert.EndsWith("Z", body.GetProperty("mahadasha").GetProperty("ends").GetString(), StringComparison.Ordinal);
        var reasons = body.GetProperty("reading").GetProperty("reasons").EnumerateArray().ToList();
        Assert.Contains("mahadasha runs until", reasons[^2].GetProperty("because").GetString(), StringComparison.Ordinal);
        Assert.Contains("antardasha runs until", reasons[^1].GetProperty("because").GetString(), StringComparison.Ordinal);
        // Without a profile id the oldest profile is read.
        var fallback = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/me/horoscope?date=2024-03-20", UriKind.Relative));
        Assert.Equal(id, fallback.GetProperty("profileId").GetString());
    }

    [Fact]
    public async Task Without_profiles_or_with_anothers_profile_id_it_is_a_400_and_anonymous_is_401()
    {
        var client = await SignedInAsync();

        var none = await client.GetAsync(new Uri("/api/v1/me/horoscope", UriKind.Relative));
        var foreign = await client.GetAsync(new Uri("/api/v1/me/horoscope?profileId=someone-elses", UriKind.Relative));
        var badDate = await client.GetAsync(new Uri("/api/v1/me/horoscope?date=2024-13-01", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.True((await none.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("profileId", out _));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.True((await badDate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("date", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.Anonymous().GetAsync(new Uri("/api/v1/me/horoscope", UriKind.Relative))).StatusCode);
    }
}
