using System.Net;
using System.Text.Json;

namespace StarSync.Web.Tests.Api;

public sealed class PlacesApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private async Task<(HttpStatusCode, JsonElement)> GetAsync(string query)
    {
        var response = await host.Factory.CreateClient().GetAsync(new Uri("/api/v1/places" + query, UriKind.Relative));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, doc.RootElement.Clone());
    }

    [Fact]
    public async Task New_del_finds_New_Delhi_with_its_zone_and_GeoNames_id()
    {
        var (status, body) = await GetAsync("?q=new%20del&limit=10");
        Assert.Equal(HttpStatusCode.OK, status);
        var delhi = body.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "New Delhi");
        Assert.Equal("1261481", delhi.GetProperty("id").GetString());
        Assert.Equal("Asia/Kolkata", delhi.GetProperty("timeZone").GetString());
        Assert.Equal("India", delhi.GetProperty("country").GetString());
        Assert.Equal("Delhi", delhi.GetProperty("admin1").GetString());
        Assert.Equal(28.6, delhi.GetProperty("latitude").GetDouble(), 1);
        Assert.Equal(77.2, delhi.GetProperty("longitude").GetDouble(), 1);
    }

    [Fact]
    public async Task Results_are_most_populous_first_and_respect_the_limit()
    {
        var (status, body) = await GetAsync("?q=san&limit=5");
        Assert.Equal(HttpStatusCode.OK, status);
        var populations = body.EnumerateArray().Select(p => p.GetProperty("population").GetInt64()).ToList();
        Assert.Equal(5, populations.Count);
        Assert.Equal(populations.OrderByDescending(p => p), populations);
    }

    [Theory]
    [InlineData("", "q")]
    [InlineData("?q=%20%20", "q")]
    [InlineData("?q=del&limit=0", "limit")]
    [InlineData("?q=del&limit=51", "limit")]
    [InlineData("?q=del&limit=ten", "limit")]
    public async Task Bad_queries_answer_400_naming_the_parameter(string query, string field)
    {
        var (status, body) = await GetAsync(query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _));
    }
}
