using System.Net;
using System.Text;
using System.Text.Json;

namespace StarSync.Web.Tests.Api;

/// <summary>POST /api/v1/match through the real app (in-memory server, real ephemeris and gazetteer).</summary>
public sealed class MatchApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private const string Groom = """{"name":"Ravi","date":"1988-11-02","time":"06:45","placeId":"1261481"}""";
    private const string Bride = """{"name":"Asha","date":"1990-05-15","time":"14:30","placeId":"1261481"}""";

    private async Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> PostAsync(string json)
    {
        var client = host.Factory.CreateClient();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await client.PostAsync(new Uri("/api/v1/match", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return (response.StatusCode, doc.RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_real_pair_has_the_documented_shape()
    {
        var (status, body, _) = await PostAsync($$"""{"groom":{{Groom}},"bride":{{Bride}}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(36, body.GetProperty("maximum").GetDouble());
        Assert.Equal("north-common", body.GetProperty("rules").GetString());
        var kootas = body.GetProperty("kootas").EnumerateArray().ToList();
        Assert.Equal(["Varna", "Vashya", "Tara", "Yoni", "Graha Maitri", "Gana", "Bhakoot", "Nadi"], kootas.Select(k => k.GetProperty("name").GetString()));
        Assert.Equal([1.0, 2, 3, 4, 5, 6, 7, 8], kootas.Select(k => k.GetProperty("maximum").GetDouble()));
        foreach (var k in kootas)
        {
            Assert.InRange(k.GetProperty("points").GetDouble(), 0, k.GetProperty("maximum").GetDouble());
            Assert.False(string.IsNullOrWhiteSpace(k.GetProperty("explanation").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(k.GetProperty("groom").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(k.GetProperty("bride").GetString()));
        }

        var total = body.GetProperty("total").GetDouble();
        Assert.Equal(kootas.Sum(k => k.GetProperty("points").GetDouble()), total);
        Assert.Equal(total switch { < 18 => "not-recommended", < 25 => "average", <= 32 => "good", _ => "excellent" },
            body.GetProperty("verdict").GetString());
        Assert.Contains("of 36 gunas", body.GetProperty("summary").GetString(), StringComparison.Ordinal);

        Assert.Equal(["Nadi dosha", "Bhakoot dosha", "Gana dosha"], body.GetProperty("doshas").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        Assert.Equal("Ravi", body.GetProperty("groom").GetProperty("name").GetString());
        // Asha's Moon (1990-05-15 14:30 New Delhi) is a waning crescent nine days before the new Moon: sidereal Capricorn.
        Assert.Equal("Capricorn", body.GetProperty("bride").GetProperty("moonSign").GetString());

        var manglik = body.GetProperty("manglik");
        foreach (var person in new[] { manglik.GetProperty("groom"), manglik.GetProperty("bride") })
        {
            Assert.Equal("Lagna", person.GetProperty("headlineFrom").GetString());
            Assert.Equal("north", person.GetProperty("houses").GetString());
            Assert.Equal(["Lagna", "Moon", "Venus"], person.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("from").GetString()));
        }

        var bothManglik = manglik.GetProperty("groom").GetProperty("manglik").GetBoolean() && manglik.GetProperty("bride").GetProperty("manglik").GetBoolean();
        Assert.Equal(bothManglik, manglik.GetProperty("cancelled").GetBoolean());
    }

    [Fact]
    public async Task Options_change_the_house_set_and_an_unknown_time_counts_from_the_moon()
    {
        var bride = """{"date":"1990-05-15","timeKnown":false,"latitude":19.076,"longitude":72.8777,"timeZone":"Asia/Kolkata"}""";
        var (status, body, _) = await PostAsync($$"""{"groom":{{Groom}},"bride":{{bride}},"rules":"north-common","manglikHouses":"south","ayanamsa":"raman","node":"true"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var manglik = body.GetProperty("manglik");
        Assert.Equal("south", manglik.GetProperty("groom").GetProperty("houses").GetString());
        Assert.Equal("Moon", manglik.GetProperty("bride").GetProperty("headlineFrom").GetString());
        Assert.Contains("unknown", manglik.GetProperty("bride").GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("bride").GetProperty("lagna").ValueKind);
    }

    public static TheoryData<string, string, string> BadPerson => new()
    {
        { """{"date":"1990-02-30","time":"10:00","placeId":"1261481"}""", "date", "not a real date" },
        { """{"time":"10:00","placeId":"1261481"}""", "date", "required" },
        { """{"date":"1799-12-31","time":"10:00","placeId":"1261481"}""", "date", "1800-01-01 to 2399-12-31" },
        { """{"date":"1990-05-15","time":"24:00","placeId":"1261481"}""", "time", "not a time" },
        { """{"date":"1990-05-15","placeId":"1261481"}""", "time", "required" },
        { """{"date":"1990-05-15","time":"12:00","latitude":90.5,"longitude":77,"timeZone":"Asia/Kolkata"}""", "latitude", "between -90 and 90" },
        { """{"date":"1990-05-15","time":"12:00","latitude":28,"longitude":-180.01,"timeZone":"Asia/Kolkata"}""", "longitude", "between -180 and 180" },
        { """{"date":"1990-05-15","time":"12:00","latitude":28,"longitude":77,"timeZone":"Asia/Delhi"}""", "timeZone", "Unknown time zone" },
        { """{"date":"1990-05-15","time":"12:00","placeId":"999999999"}""", "placeId", "No place" },
        { """{"date":"1990-05-15","time":"12:00","placeId":"1261481","utcOffset":"+25:00"}""", "utcOffset", "not an offset" },
        { """{"date":"2021-03-14","time":"02:30","latitude":40.71,"longitude":-74.0,"timeZone":"America/New_York"}""", "time", "did not exist" },
        { """{"date":"1800-01-01","time":"00:30","latitude":0,"longitude":0,"timeZone":"Etc/UTC"}""", "date", "" },
        { """{"date":"1990-05-15","time":"12:00","latitude":"north","longitude":77,"timeZone":"Asia/Kolkata"}""", "latitude", "wrong type" },
        { """{"date":19900515,"time":"12:00","placeId":"1261481"}""", "date", "wrong type" },
    };

    [Theory]
    [MemberData(nameof(BadPerson))]
    public async Task Bad_groom_input_answers_400_naming_the_groom_field(string person, string field, string messagePart)
    {
        await AssertProblemAsync($$"""{"groom":{{person}},"bride":{{Bride}}}""", "groom." + field, messagePart);
    }

    [Theory]
    [MemberData(nameof(BadPerson))]
    public async Task Bad_bride_input_answers_400_naming_the_bride_field(string person, string field, string messagePart)
    {
        await AssertProblemAsync($$"""{"groom":{{Groom}},"bride":{{person}}}""", "bride." + field, messagePart);
    }

    [Theory]
    [InlineData("""{"bride":{"date":"1990-05-15","time":"14:30","placeId":"1261481"}}""", "groom", "required")]
    [InlineData("""{"groom":{"date":"1988-11-02","time":"06:45","placeId":"1261481"}}""", "bride", "required")]
    [InlineData("""{"groom":{"date":"1988-11-02","time":"06:45","placeId":"1261481"},"bride":{"date":"1990-05-15","time":"14:30","placeId":"1261481"},"rules":"south-tamil"}""", "rules", "north-common")]
    [InlineData("""{"groom":{"date":"1988-11-02","time":"06:45","placeId":"1261481"},"bride":{"date":"1990-05-15","time":"14:30","placeId":"1261481"},"manglikHouses":"east"}""", "manglikHouses", "north, south or both")]
    [InlineData("""{"groom":{"date":"1988-11-02","time":"06:45","placeId":"1261481"},"bride":{"date":"1990-05-15","time":"14:30","placeId":"1261481"},"ayanamsa":"fagan"}""", "ayanamsa", "lahiri")]
    [InlineData("""{"groom":"Ravi","bride":{"date":"1990-05-15","time":"14:30","placeId":"1261481"}}""", "groom", "wrong type")]
    [InlineData("""{"groom":{"date":"1988-11-02","time":"06:45","placeId":"1261481"},""", "$", "not valid JSON")]
    [InlineData("""not json at all""", "$", "not valid JSON")]
    [InlineData("""[]""", "$", "wrong type")]
    public async Task Bad_request_shapes_and_options_answer_400_naming_the_field(string json, string field, string messagePart)
    {
        await AssertProblemAsync(json, field, messagePart);
    }

    [Fact]
    public async Task Both_people_s_errors_are_reported_together()
    {
        var (status, body, _) = await PostAsync("""{"groom":{"time":"10:00","placeId":"1261481"},"bride":{"date":"1990-05-15","time":"10:00","placeId":"0"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = body.GetProperty("errors");
        Assert.True(errors.TryGetProperty("groom.date", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("bride.placeId", out _), errors.ToString());
    }

    private async Task AssertProblemAsync(string json, string field, string messagePart)
    {
        var (status, body, contentType) = await PostAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        var errors = body.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"errors should name '{field}': {errors}");
        Assert.Contains(messagePart, messages[0].GetString(), StringComparison.Ordinal);
    }
}
