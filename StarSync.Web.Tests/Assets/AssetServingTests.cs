using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using StarSync.Web.Assets;
using StarSync.Web.Tests.Infrastructure;

namespace StarSync.Web.Tests.Assets;

/// <summary>Local pictures served by the running app, and requests that try to reach anything else.</summary>
public sealed class AssetServingTests : IClassFixture<StarSyncAppFactory>
{
    private readonly StarSyncAppFactory _app;
    private readonly HttpClient _client;

    public AssetServingTests(StarSyncAppFactory app)
    {
        _app = app;
        _client = app.CreateClient();
    }

    [Fact]
    public async Task A_stored_picture_is_served_as_webp_cached_for_good_and_never_sniffed()
    {
        var store = _app.Services.GetRequiredService<IAssetStore>();
        var image = new ProfileImageProcessor().Process(TestImages.Encode(200, 200, SKEncodedImageFormat.Jpeg));

        var stored = await store.SaveAsync(AssetFolder.Avatars, image);

        Assert.Matches("^/assets/avatars/[0-9a-f]{32}\\.webp$", stored.Url);
        using var response = await _client.GetAsync(stored.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal(image.Content, await response.Content.ReadAsByteArrayAsync());

        await store.DeleteAsync(stored.Key);
        using var gone = await _client.GetAsync(stored.Url);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("/assets/avatars/..%2F..%2Fkeys%2Fkey.xml")]
    [InlineData("/assets/..%2Fstarsync.db/x")]
    [InlineData("/assets/avatars/%2Fetc%2Fpasswd")]
    [InlineData("/assets/keys/0123456789abcdef0123456789abcdef.webp")]
    [InlineData("/assets/avatars/0123456789abcdef0123456789abcdef.xml")]
    [InlineData("/assets/avatars/0123456789ABCDEF0123456789ABCDEF.webp")]
    [InlineData("/assets/avatars/0123456789abcdef0123456789abcdef.webp")]
    public async Task Anything_but_an_existing_picture_name_is_not_found(string path)
    {
        // The data folder holds the database and the signing keys next to the pictures.
        Directory.CreateDirectory(Path.Combine(_app.DataFolder, "assets", "keys"));
        await File.WriteAllTextAsync(Path.Combine(_app.DataFolder, "assets", "keys", "0123456789abcdef0123456789abcdef.webp"), "not a picture");
        await File.WriteAllTextAsync(Path.Combine(_app.DataFolder, "assets", "0123456789abcdef0123456789abcdef.xml"), "x");

        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
