using System.Net;
using System.Text.Json;

namespace StarSync.Web.Tests.Api;

/// <summary>GET /api/v1/panchang and GET /api/v1/transits through the real app (in-memory server, real ephemeris and gazetteer).</summary>
public sealed class SkyApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private const string NewDelhi = "1261481";

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string url)
    {
        var client = host.Factory.CreateClient();
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return (response.StatusCode, doc.RootElement.Clone());
    }

    private static void AssertElements(JsonElement list, int count, bool paksha)
    {
        var items = list.EnumerateArray().ToList();
        Assert.NotEmpty(items);
        string? previous = null;
        foreach (var e in items)
        {
            Assert.InRange(e.GetProperty("number").GetInt32(), 1, count);
            Assert.False(string.IsNullOrEmpty(e.GetProperty("name").GetString()));
            Assert.Equal(paksha, e.GetProperty("paksha").ValueKind == JsonValueKind.String);
            var end = e.GetProperty("end").GetString()!;
            Assert.EndsWith("Z", end, StringComparison.Ordinal);
            Assert.True(previous is null || string.CompareOrdinal(previous, end) < 0);
            previous = end;
        }
    }

    [Fact]
    public async Task A_day_by_place_id_has_the_documented_shape()
    {
        var (status, body) = await GetAsync($"/api/v1/panchang?date=2024-03-20&placeId={NewDelhi}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2024-03-20", body.GetProperty("date").GetString());
        // New Delhi sunrise on the equinox is about 06:25 IST (00:55 UTC).
        Assert.StartsWith("2024-03-20T00:5", body.GetProperty("sunrise").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("2024-03-20T1", body.GetProperty("sunset").GetString(), StringComparison.Ordinal);
        Assert.Equal("Budhavara", body.GetProperty("vara").GetProperty("name").GetString());
        Assert.Equal("Wednesday", body.GetProperty("vara").GetProperty("english").GetString());
        AssertElements(body.GetProperty("tithi"), 30, paksha: true);
        AssertElements(body.GetProperty("nakshatra"), 27, paksha: false);
        AssertElements(body.GetProperty("yoga"), 27, paksha: false);
        AssertElements(body.GetProperty("karana"), 60, paksha: false);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("note").ValueKind);
    }

    [Fact]
    public async Task A_day_by_coordinates_and_options_matches_the_place()
    {
        var (status, body) = await GetAsync("/api/v1/panchang?date=2024-03-20&latitude=28.65195&longitude=77.23149&timeZone=Asia/Kolkata&ayanamsa=raman&node=true&sunrise=disc-centre");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Budhavara", body.GetProperty("vara").GetProperty("name").GetString());
        AssertElements(body.GetProperty("nakshatra"), 27, paksha: false);
    }

    [Fact]
    public async Task A_polar_night_gives_null_sunrise_with_a_note()
    {
        var (status, body) = await GetAsync("/api/v1/panchang?date=2024-12-21&latitude=78.22&longitude=15.63&timeZone=Arctic/Longyearbyen");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("sunrise").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("sunset").ValueKind);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("note").GetString()));
    }

    [Theory]
    [InlineData("placeId=1261481", "date")]
    [InlineData("date=2024-02-30&placeId=1261481", "date")]
    [InlineData("date=20-03-2024&placeId=1261481", "date")]
    [InlineData("date=1700-01-01&placeId=1261481", "date")]
    [InlineData("date=2024-03-20&placeId=nowhere", "placeId")]
    [InlineData("date=2024-03-20", "latitude")]
    [InlineData("date=2024-03-20&latitude=91&longitude=77&timeZone=Asia/Kolkata", "latitude")]
    [InlineData("date=2024-03-20&latitude=abc&longitude=77&timeZone=Asia/Kolkata", "latitude")]
    [InlineData("date=2024-03-20&latitude=28&longitude=181&timeZone=Asia/Kolkata", "longitude")]
    [InlineData("date=2024-03-20&latitude=28&longitude=NaN&timeZone=Asia/Kolkata", "longitude")]
    [InlineData("date=2024-03-20&latitude=28&longitude=77", "timeZone")]
    [InlineData("date=2024-03-20&latitude=28&longitude=77&timeZone=Mars/Olympus", "timeZone")]
    [InlineData("date=2024-03-20&placeId=1261481&ayanamsa=fagan", "ayanamsa")]
    [InlineData("date=2024-03-20&placeId=1261481&node=wobbly", "node")]
    [InlineData("date=2024-03-20&placeId=1261481&sunrise=dawn", "sunrise")]
    public async Task Bad_panchang_input_is_a_400_naming_the_parameter(string query, string field)
    {
        var (status, body) = await GetAsync("/api/v1/panchang?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task Transits_in_a_range_have_the_documented_shape()
    {
        var (status, body) = await GetAsync("/api/v1/transits?from=2024-03-01&to=2024-06-01&ayanamsa=lahiri&node=mean");

        Assert.Equal(HttpStatusCode.OK, status);
        var events = body.EnumerateArray().ToList();
        Assert.NotEmpty(events);
        string? previous = null;
        foreach (var e in events)
        {
            Assert.Contains(e.GetProperty("graha").GetString(), new[] { "Sun", "Moon", "Mars", "Mercury", "Jupiter", "Venus", "Saturn", "Rahu", "Ketu" });
            Assert.Contains(e.GetProperty("kind").GetString(), new[] { "ingress", "retrograde", "direct", "nakshatra" });
            var instant = e.GetProperty("instant").GetString()!;
            Assert.InRange(string.CompareOrdinal(instant, "2024-03-01T00:00:00Z"), 0, int.MaxValue);
            Assert.True(string.CompareOrdinal(instant, "2024-06-01T00:00:00Z") < 0);
            Assert.True(previous is null || string.CompareOrdinal(previous, instant) <= 0);
            previous = instant;
            Assert.False(string.IsNullOrEmpty(e.GetProperty("from").GetString()));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("to").GetString()));
        }

        // The Sun entered sidereal Aries on 2024-04-13 (Mesha Sankranti).
        Assert.Contains(events, e => e.GetProperty("graha").GetString() == "Sun" && e.GetProperty("kind").GetString() == "ingress"
            && e.GetProperty("to").GetString() == "Aries" && e.GetProperty("instant").GetString()!.StartsWith("2024-04-13", StringComparison.Ordinal));
        // Mercury turned retrograde on 2024-04-01 and direct on 2024-04-25.
        Assert.Contains(events, e => e.GetProperty("graha").GetString() == "Mercury" && e.GetProperty("kind").GetString() == "retrograde");
        Assert.Contains(events, e => e.GetProperty("graha").GetString() == "Mercury" && e.GetProperty("kind").GetString() == "direct");
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "nakshatra" && e.GetProperty("graha").GetString() == "Moon");
    }

    [Fact]
    public async Task Transits_without_dates_cover_the_next_90_days()
    {
        var (status, body) = await GetAsync("/api/v1/transits");

        Assert.Equal(HttpStatusCode.OK, status);
        var events = body.EnumerateArray().ToList();
        // The Moon alone changes nakshatra about 80 times in 90 days.
        Assert.InRange(events.Count(e => e.GetProperty("kind").GetString() == "nakshatra"), 75, 90);
    }

    [Theory]
    [InlineData("from=2024-13-01&to=2024-12-01", "from")]
    [InlineData("from=2024-01-01&to=soon", "to")]
    [InlineData("from=2024-03-01&to=2024-03-01", "to")]
    [InlineData("from=2024-03-01&to=2024-02-01", "to")]
    [InlineData("from=2024-01-01&to=2025-01-03", "to")]
    [InlineData("from=1799-12-01&to=1800-02-01", "from")]
    [InlineData("from=2399-12-01&to=2400-01-02", "to")]
    [InlineData("from=2024-01-01&to=2024-02-01&ayanamsa=x", "ayanamsa")]
    [InlineData("from=2024-01-01&to=2024-02-01&node=x", "node")]
    public async Task Bad_transit_input_is_a_400_naming_the_parameter(string query, string field)
    {
        var (status, body) = await GetAsync("/api/v1/transits?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }
}
