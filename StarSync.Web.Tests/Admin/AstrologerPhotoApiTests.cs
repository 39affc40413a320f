using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SkiaSharp;
using StarSync.Engine.Accounts;
using StarSync.Web.Assets;
using StarSync.Web.Tests.Api;
using StarSync.Web.Tests.Assets;
using StarSync.Web.Tests.Auth;

namespace StarSync.Web.Tests.Admin;

/// <summary>Astrologer photos uploaded through the admin API: real pictures stored re-encoded, bad files refused with nothing stored.</summary>
public sealed class AstrologerPhotoApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private readonly AuthApiClient _api = new(host.Factory);

    private string AstrologerPhotos => Path.Combine(host.Factory.DataFolder, "assets", "astrologers");

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg")]
    [InlineData(SKEncodedImageFormat.Png, "image/png")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp")]
    public async Task A_real_photo_is_stored_as_a_512_pixel_webp_and_served(SKEncodedImageFormat format, string contentType)
    {
        var (admin, id) = await OnboardAsync();

        using var response = await PutPhotoAsync(admin, id, TestImages.Encode(900, 1200, format), contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var photoUrl = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("photoUrl").GetString()!;
        Assert.Matches("^/assets/astrologers/[0-9a-f]{32}\\.webp$", photoUrl);
        var served = await _api.Anonymous().GetByteArrayAsync(new Uri(photoUrl, UriKind.Relative));
        Assert.Equal(new ImageHeader(UploadImageFormat.Webp, 512, 512), ImageHeader.Read(served));
    }

    public static TheoryData<string, string, string> BadFiles() => new()
    {
        // An ELF executable renamed to look like a photo, with a photo's content type.
        { "renamed executable", "image/jpeg", "This file is not a JPEG, PNG or WebP picture." },
        { "oversized", "image/png", "The file is larger than 5 MB." },
        { "decompression bomb", "image/png", "50000 × 50000" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_refused_with_400_and_nothing_is_stored(string kind, string contentType, string message)
    {
        var (admin, id) = await OnboardAsync();
        var before = Directory.Exists(AstrologerPhotos) ? Directory.GetFiles(AstrologerPhotos).Length : 0;
        var file = kind switch
        {
            "renamed executable" => [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[4096]],
            "oversized" => [.. TestImages.Encode(200, 200, SKEncodedImageFormat.Png), .. new byte[5 * 1024 * 1024]],
            _ => TestImages.PngHeaderClaiming(50_000, 50_000),
        };

        using var response = await PutPhotoAsync(admin, id, file, contentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(message, errors.GetProperty("photo")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, Directory.Exists(AstrologerPhotos) ? Directory.GetFiles(AstrologerPhotos).Length : 0);
        var astrologer = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/admin/astrologers/{id}", UriKind.Relative));
        Assert.Equal(JsonValueKind.Null, astrologer.GetProperty("photoUrl").ValueKind);
    }

    [Fact]
    public async Task Only_admins_upload_photos()
    {
        var (_, id) = await OnboardAsync();
        var user = await _api.CreateAccountAsync(AccountRole.User);
        var token = (await _api.LoginOkAsync(user.Email)).GetProperty("accessToken").GetString()!;

        using var anonymous = await PutPhotoAsync(_api.Anonymous(), id, TestImages.Encode(100, 100, SKEncodedImageFormat.Png), "image/png");
        using var asUser = await PutPhotoAsync(_api.WithToken(token), id, TestImages.Encode(100, 100, SKEncodedImageFormat.Png), "image/png");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asUser.StatusCode);
    }

    private static async Task<HttpResponseMessage> PutPhotoAsync(HttpClient client, string id, byte[] file, string contentType)
    {
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await client.PutAsync(new Uri($"/api/v1/admin/astrologers/{id}/photo", UriKind.Relative), content);
    }

    private async Task<(HttpClient Admin, string Id)> OnboardAsync()
    {
        var account = await _api.CreateAccountAsync(AccountRole.Admin);
        var admin = _api.WithToken((await _api.LoginOkAsync(account.Email)).GetProperty("accessToken").GetString()!);
        using var response = await admin.PostAsJsonAsync(new Uri("/api/v1/admin/astrologers", UriKind.Relative), AdminApiTests.Onboarding($"astro-{Guid.NewGuid():N}@example.com"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("astrologer").GetProperty("id").GetString()!;
        return (admin, id);
    }
}
