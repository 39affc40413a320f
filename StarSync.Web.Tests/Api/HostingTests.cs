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
