using System.Net;
using System.Text.Json;
using StarSync.Web.Tests.Infrastructure;

namespace StarSync.Web.Tests.Api;

public sealed class HostingTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task Live_and_ready_probes_answer_200_when_the_store_and_ephemeris_work()
    {
        var client = host.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_pages_get_the_apps_not_found_page_and_unknown_API_paths_a_problem()
    {
        var client = host.Factory.CreateClient();
        using var page = new HttpRequestMessage(HttpMethod.Get, new Uri("/no-such-page", UriKind.Relative));
        page.Headers.Accept.ParseAdd("text/html");
        var pageResponse = await client.SendAsync(page);
        Assert.Equal(HttpStatusCode.NotFound, pageResponse.StatusCode);
        Assert.Contains("This page is not in our stars", await pageResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var api = await client.GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void The_store_is_a_LiteDB_file_in_the_configured_data_folder()
    {
        _ = host.Factory.CreateClient();
        Assert.True(File.Exists(Path.Combine(host.Factory.DataFolder, "starsync.db")));
    }

    [Fact]
    public async Task OpenAPI_describes_the_kundli_and_places_endpoints()
    {
        var client = host.Factory.CreateClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var paths = doc.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/kundli", out var kundli));
        Assert.True(kundli.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/v1/places", out _));
    }
}

/// <summary>One in-memory app per test class.</summary>
public sealed class ApiHostFixture : IDisposable
{
    public StarSyncAppFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
