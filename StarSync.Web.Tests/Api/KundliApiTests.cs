using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace StarSync.Web.Tests.Api;

/// <summary>POST /api/v1/kundli through the real app (in-memory server, real ephemeris and gazetteer).</summary>
public sealed class KundliApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private const string NewDelhi = "1261481";

    private async Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> PostAsync(string json)
    {
        var client = host.Factory.CreateClient();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await client.PostAsync(new Uri("/api/v1/kundli", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return (response.StatusCode, doc.RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_chart_by_place_id_has_the_documented_shape()
    {
        var (status, body, _) = await PostAsync($$"""{"name":"Asha","date":"1990-05-15","time":"14:30","placeId":"{{NewDelhi}}"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("1990-05-15T09:00:00Z", body.GetProperty("utc").GetString());
        Assert.Equal("+05:30", body.GetProperty("utcOffset").GetString());
        Assert.Equal("time-zone", body.GetProperty("offsetSource").GetString());
        Assert.Equal("lahiri", body.GetProperty("ayanamsa").GetProperty("name").GetString());
        Assert.InRange(body.GetProperty("ayanamsa").GetProperty("degrees").GetDouble(), 23.7, 23.75);

        var lagna = body.GetProperty("lagna");
        Assert.InRange(lagna.GetProperty("signNumber").GetInt32(), 1, 12);
        Assert.Equal(lagna.GetProperty("sign").GetString(), SignName(lagna.GetProperty("signNumber").GetInt32()));

        var grahas = body.GetProperty("grahas").EnumerateArray().ToList();
        Assert.Equal(["Sun", "Moon", "Mars", "Mercury", "Jupiter", "Venus", "Saturn", "Rahu", "Ketu"], grahas.Select(g => g.GetProperty("id").GetString()));
        foreach (var g in grahas)
        {
            var longitude = g.GetProperty("longitude").GetDouble();
            Assert.InRange(longitude, 0, 360);
            Assert.Equal((int)(longitude / 30) + 1, g.GetProperty("signNumber").GetInt32());
            Assert.Equal((int)(longitude / (360.0 / 27)) + 1, g.GetProperty("nakshatraNumber").GetInt32());
            Assert.InRange(g.GetProperty("house").GetInt32(), 1, 12);
            Assert.InRange(g.GetProperty("pada").GetInt32(), 1, 4);
        }

        // The Sun entered sidereal Taurus on 1990-05-15 (0°33′ Taurus at 09:00 UTC).
        Assert.Equal("Taurus", grahas[0].GetProperty("sign").GetString());
        var rahu = grahas[7].GetProperty("longitude").GetDouble();
        var ketu = grahas[8].GetProperty("longitude").GetDouble();
        Assert.Equal(180, Math.Abs(rahu - ketu), 6);

        Assert.Equal(16, body.GetProperty("vargas").EnumerateObject().Count());
        Assert.Equal(lagna.GetProperty("signNumber").GetInt32(), body.GetProperty("vargas").GetProperty("D1").GetProperty("lagna").GetInt32());

        var dasha = body.GetProperty("dasha");
        Assert.Equal("vimshottari", dasha.GetProperty("system").GetString());
        var mahadashas = dasha.GetProperty("mahadashas").EnumerateArray().ToList();
        Assert.Equal(9, mahadashas.Count);
        Assert.True(string.CompareOrdinal(mahadashas[0].GetProperty("start").GetString(), "1990-05-15T09:00:00Z") < 0, "the first mahadasha starts before birth");
        Assert.Equal(dasha.GetProperty("balanceAtBirth").GetProperty("lord").GetString(), mahadashas[0].GetProperty("lord").GetString());
        var antardashas = mahadashas[0].GetProperty("antardashas").EnumerateArray().ToList();
        Assert.Equal(9, antardashas.Count);
        Assert.Equal(9, antardashas[0].GetProperty("pratyantardashas").GetArrayLength());
        Assert.EndsWith("Z", antardashas[0].GetProperty("end").GetString(), StringComparison.Ordinal);

        var panchang = body.GetProperty("panchang");
        Assert.Equal("Tuesday", panchang.GetProperty("vara").GetProperty("english").GetString());
        Assert.InRange(panchang.GetProperty("tithi").GetProperty("number").GetInt32(), 1, 30);
        Assert.NotNull(panchang.GetProperty("sunrise").GetString());
        Assert.NotNull(panchang.GetProperty("sunset").GetString());
    }

    [Fact]
    public async Task Only_the_requested_vargas_are_returned()
    {
        var (status, body, _) = await PostAsync($$"""{"date":"1990-05-15","time":"14:30","placeId":"{{NewDelhi}}","vargas":["D9","d60"]}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["D9", "D60"], body.GetProperty("vargas").EnumerateObject().Select(p => p.Name));
        Assert.Equal("Navamsa", body.GetProperty("vargas").GetProperty("D9").GetProperty("name").GetString());
    }

    [Fact]
    public async Task India_war_time_applies_plus_six_thirty_in_1943()
    {
        var (status, body, _) = await PostAsync("""{"date":"1943-06-01","time":"12:00","latitude":19.076,"longitude":72.8777,"timeZone":"Asia/Kolkata"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("+06:30", body.GetProperty("utcOffset").GetString());
        Assert.Equal("1943-06-01T05:30:00Z", body.GetProperty("utc").GetString());
        Assert.Contains(body.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("Bombay", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Local_mean_time_uses_four_minutes_per_degree_of_longitude()
    {
        var (status, body, _) = await PostAsync("""{"date":"1930-01-01","time":"06:00","latitude":19.076,"longitude":72.8777,"timeZone":"Asia/Kolkata","utcOffset":"lmt"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("lmt", body.GetProperty("offsetSource").GetString());
        // 72.8777° × 240 s = 17,490.6 s → +04:51:31
        Assert.Equal("+04:51:31", body.GetProperty("utcOffset").GetString());
        Assert.Equal("1930-01-01T01:08:29Z", body.GetProperty("utc").GetString());
    }

    [Fact]
    public async Task An_explicit_offset_with_seconds_overrides_the_zone()
    {
        var (status, body, _) = await PostAsync("""{"date":"1900-03-10","time":"08:00:00","latitude":22.5726,"longitude":88.3639,"timeZone":"Asia/Kolkata","utcOffset":"+05:53:20"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("explicit", body.GetProperty("offsetSource").GetString());
        Assert.Equal("+05:53:20", body.GetProperty("utcOffset").GetString());
        Assert.Equal("1900-03-10T02:06:40Z", body.GetProperty("utc").GetString());
    }

    [Fact]
    public async Task Unknown_birth_time_gives_a_noon_chart_without_lagna_or_houses()
    {
        var (status, body, _) = await PostAsync($$"""{"date":"1990-05-15","timeKnown":false,"placeId":"{{NewDelhi}}"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("timeKnown").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("lagna").ValueKind);
        Assert.Equal("1990-05-15T06:30:00Z", body.GetProperty("utc").GetString());
        Assert.All(body.GetProperty("grahas").EnumerateArray(), g => Assert.Equal(JsonValueKind.Null, g.GetProperty("house").ValueKind));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("vargas").GetProperty("D9").GetProperty("lagna").ValueKind);
        // The Moon moves ~12° a day: its navamsa (3°20′ parts) cannot be fixed without the time; Saturn's can.
        Assert.Equal(JsonValueKind.Null, body.GetProperty("vargas").GetProperty("D9").GetProperty("grahas").GetProperty("Moon").ValueKind);
        Assert.Equal(JsonValueKind.Number, body.GetProperty("vargas").GetProperty("D9").GetProperty("grahas").GetProperty("Saturn").ValueKind);
        Assert.Contains(body.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("unknown", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"date":"1990-02-30","time":"10:00","placeId":"1261481"}""", "date", "not a real date")]
    [InlineData("""{"date":"15/05/1990","time":"10:00","placeId":"1261481"}""", "date", "YYYY-MM-DD")]
    [InlineData("""{"time":"10:00","placeId":"1261481"}""", "date", "required")]
    [InlineData("""{"date":"1799-12-31","time":"10:00","placeId":"1261481"}""", "date", "1800-01-01 to 2399-12-31")]
    [InlineData("""{"date":"2400-01-01","time":"10:00","placeId":"1261481"}""", "date", "1800-01-01 to 2399-12-31")]
    [InlineData("""{"date":"1990-05-15","time":"24:00","placeId":"1261481"}""", "time", "not a time")]
    [InlineData("""{"date":"1990-05-15","time":"12:60","placeId":"1261481"}""", "time", "not a time")]
    [InlineData("""{"date":"1990-05-15","time":"12:30:61","placeId":"1261481"}""", "time", "not a time")]
    [InlineData("""{"date":"1990-05-15","placeId":"1261481"}""", "time", "required")]
    [InlineData("""{"date":"1990-05-15","time":"12:00","latitude":90.5,"longitude":77,"timeZone":"Asia/Kolkata"}""", "latitude", "between -90 and 90")]
    [InlineData("""{"date":"1990-05-15","time":"12:00","latitude":28,"longitude":-180.01,"timeZone":"Asia/Kolkata"}""", "longitude", "between -180 and 180")]
    [InlineData("""{"date":"1990-05-15","time":"12:00","latitude":28,"longitude":77,"timeZone":"Asia/Delhi"}""", "timeZone", "Unknown time zone")]
    [InlineData("""{"date":"1990-05-15","time":"12:00","placeId":"999999999"}""", "placeId", "No place")]
    [InlineData("""{"date":"1990-05-15","time":"12:00","latitude":28,"longitude":77}""", "timeZone", "IANA")]
    [InlineData("""{"date":"1990-05-15","time":"12:00","placeId":"1261481","utcOffset":"+25:00"}""", "utcOffset", "not an offset")]
    [InlineData("""{"date":"2021-03-14","time":"02:30","latitude":40.71,"longitude":-74.0,"timeZone":"America/New_York"}""", "time", "did not exist")]
    [InlineData("""{"date":"2021-11-07","time":"01:30","latitude":40.71,"longitude":-74.0,"timeZone":"America/New_York"}""", "time", "happened twice")]
    [InlineData("""{"date":"1990-05-15","time":"12:00","placeId":"1261481","ayanamsa":"fagan"}""", "ayanamsa", "lahiri")]
    [InlineData("""{"date":"1990-05-15","time":"12:00","placeId":"1261481","node":"osculating"}""", "node", "mean or true")]
    [InlineData("""{"date":"1990-05-15","time":"12:00","placeId":"1261481","dashaYear":"365"}""", "dashaYear", "365.25")]
    [InlineData("""{"date":"1990-05-15","time":"12:00","placeId":"1261481","sunrise":"lower-limb"}""", "sunrise", "upper-limb")]
    [InlineData("""{"date":"1990-05-15","time":"12:00","placeId":"1261481","vargas":["D9","D5"]}""", "vargas[1]", "D60")]
    [InlineData("""{"date":"1990-05-15","time":"12:00","latitude":"north","longitude":77,"timeZone":"Asia/Kolkata"}""", "latitude", "wrong type")]
    [InlineData("""{"date":"1990-05-15","time":"12:00","placeId":"1261481","timeKnown":"yes"}""", "timeKnown", "wrong type")]
    [InlineData("""{"date":19900515,"time":"12:00","placeId":"1261481"}""", "date", "wrong type")]
    [InlineData("""{"date":"1990-05-15","time":"12:00","placeId":"1261481",""", "$", "not valid JSON")]
    [InlineData("""not json at all""", "$", "not valid JSON")]
    [InlineData("""[]""", "$", "wrong type")]
    public async Task Bad_input_answers_400_naming_the_field(string json, string field, string messagePart)
    {
        var (status, body, contentType) = await PostAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        var errors = body.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"errors should name '{field}': {errors}");
        Assert.Contains(messagePart, messages[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_body_answers_400()
    {
        var client = host.Factory.CreateClient();
        using var content = new StringContent("", Encoding.UTF8, "application/json");
        var response = await client.PostAsync(new Uri("/api/v1/kundli", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_non_JSON_content_type_answers_415()
    {
        var client = host.Factory.CreateClient();
        using var content = new StringContent("date=1990-05-15", Encoding.UTF8, "application/x-www-form-urlencoded");
        var response = await client.PostAsync(new Uri("/api/v1/kundli", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_earliest_supported_instant_before_the_files_begin_is_a_clear_400_not_a_500()
    {
        // 1800-01-01 00:30 UTC is a supported date, but the ephemeris files start a little later that night.
        var (status, body, _) = await PostAsync("""{"date":"1800-01-01","time":"00:30","latitude":0,"longitude":0,"timeZone":"Etc/UTC"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("date", out _));
    }

    [Fact]
    public async Task Every_option_is_echoed_in_the_settings()
    {
        var (status, body, _) = await PostAsync($$"""{"date":"1990-05-15","time":"14:30","placeId":"{{NewDelhi}}","ayanamsa":"true-chitra","node":"true","dashaYear":"360","sunrise":"disc-centre"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        var settings = body.GetProperty("settings");
        Assert.Equal("true-chitra", settings.GetProperty("ayanamsa").GetString());
        Assert.Equal("true", settings.GetProperty("node").GetString());
        Assert.Equal("360", settings.GetProperty("dashaYear").GetString());
        Assert.Equal("disc-centre", settings.GetProperty("sunrise").GetString());
    }

    [Fact]
    public async Task Json_serialisation_of_the_response_round_trips_through_the_client()
    {
        var client = host.Factory.CreateClient();
        var response = await client.PostAsJsonAsync(new Uri("/api/v1/kundli", UriKind.Relative),
            new { date = "2001-09-11", time = "08:46", latitude = 40.7128, longitude = -74.006, timeZone = "America/New_York" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("-04:00", body.GetProperty("utcOffset").GetString());
        Assert.Equal("2001-09-11T12:46:00Z", body.GetProperty("utc").GetString());
    }

    private static string SignName(int number) =>
        new[] { "Aries", "Taurus", "Gemini", "Cancer", "Leo", "Virgo", "Libra", "Scorpio", "Sagittarius", "Capricorn", "Aquarius", "Pisces" }[number - 1];
}
