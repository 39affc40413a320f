using System.Net;
using System.Text;
using SkiaSharp;
using StarSync.Web.Assets;

// SHA-1 is the digest Cloudinary's scheme specifies; the tests recompute it independently.
#pragma warning disable CA5350

namespace StarSync.Web.Tests.Assets;

public sealed class CloudinaryAssetStoreTests
{
    private static readonly CloudinaryAccount Account = new("demo-cloud", "123456789012345", "s3cr3t-value");

    [Fact]
    public void The_signature_matches_the_worked_example_in_cloudinarys_documentation()
    {
        // https://cloudinary.com/documentation/authentication_signatures (API secret "abcd").
        var parameters = new Dictionary<string, string>
        {
            ["timestamp"] = "1315060510",
            ["public_id"] = "sample_image",
            ["eager"] = "w_400,h_300,c_pad|w_260,h_200,c_crop",
        };

        Assert.Equal("eager=w_400,h_300,c_pad|w_260,h_200,c_crop&public_id=sample_image&timestamp=1315060510abcd", CloudinarySignature.StringToSign(parameters, "abcd"));
        Assert.Equal("bfd09f95f331f558cbd1320e67aa8d488770583e", CloudinarySignature.Sign(parameters, "abcd"));
    }

    [Fact]
    public void File_cloud_name_resource_type_api_key_and_empty_values_are_not_signed()
    {
        var parameters = new Dictionary<string, string>
        {
            ["timestamp"] = "1", ["file"] = "data", ["cloud_name"] = "c", ["resource_type"] = "image", ["api_key"] = "k", ["folder"] = "",
        };

        Assert.Equal("timestamp=1x", CloudinarySignature.StringToSign(parameters, "x"));
    }

    [Fact]
    public void The_cloudinary_url_is_parsed_and_a_malformed_one_is_refused_without_echoing_the_secret()
    {
        Assert.Equal(new CloudinaryAccount("my-cloud", "key1", "se/cret"), CloudinaryAccount.Parse("cloudinary://key1:se%2Fcret@my-cloud"));
        foreach (var bad in new[] { "https://key:secret@cloud", "cloudinary://key-without-secret@cloud", "cloudinary://:secret@cloud", "not a url secret" })
        {
            var refused = Assert.Throws<InvalidOperationException>(() => CloudinaryAccount.Parse(bad));
            Assert.DoesNotContain("secret", refused.Message.Replace("<api secret>", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_upload_is_a_signed_multipart_post_of_the_processed_picture()
    {
        var handler = new RecordingHandler(_ => Json(HttpStatusCode.OK, """{"secure_url":"https://res.cloudinary.com/demo-cloud/image/upload/v1/starsync/avatars/x.webp","public_id":"starsync/avatars/x"}"""));
        var store = NewStore(handler);
        var image = new ProfileImageProcessor().Process(TestImages.Encode(300, 300, SKEncodedImageFormat.Png));

        var stored = await store.SaveAsync(AssetFolder.Avatars, image);

        Assert.Equal(new StoredAsset("https://res.cloudinary.com/demo-cloud/image/upload/v1/starsync/avatars/x.webp", "starsync/avatars/x"), stored);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.cloudinary.com/v1_1/demo-cloud/image/upload", request.Uri.ToString());
        var form = request.Form;
        Assert.Equal("123456789012345", form["api_key"]);
        Assert.Equal("1764000000", form["timestamp"]);
        Assert.Matches("^starsync/avatars/[0-9a-f]{32}$", form["public_id"]);
        // The signature is recomputed here from the documented scheme, not taken from the code under test.
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(Encoding.UTF8.GetBytes($"public_id={form["public_id"]}&timestamp=1764000000s3cr3t-value")));
        Assert.Equal(expected, form["signature"]);
        Assert.Equal(image.Content, request.FileBytes);
        Assert.DoesNotContain("s3cr3t-value", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_or_an_answer_without_an_https_url_is_an_asset_store_error()
    {
        var image = new ProfileImageProcessor().Process(TestImages.Encode(100, 100, SKEncodedImageFormat.Png));

        await Assert.ThrowsAsync<AssetStoreException>(() => NewStore(new RecordingHandler(_ => Json(HttpStatusCode.Unauthorized, """{"error":{"message":"Invalid Signature"}}"""))).SaveAsync(AssetFolder.Avatars, image));
        await Assert.ThrowsAsync<AssetStoreException>(() => NewStore(new RecordingHandler(_ => Json(HttpStatusCode.OK, """{"secure_url":"http://insecure.example/x.webp"}"""))).SaveAsync(AssetFolder.Avatars, image));
        await Assert.ThrowsAsync<AssetStoreException>(() => NewStore(new RecordingHandler(_ => Json(HttpStatusCode.OK, "{}"))).SaveAsync(AssetFolder.Avatars, image));
    }

    [Fact]
    public async Task A_deletion_is_a_signed_destroy_call_for_the_public_id()
    {
        var handler = new RecordingHandler(_ => Json(HttpStatusCode.OK, """{"result":"ok"}"""));

        await NewStore(handler).DeleteAsync("starsync/avatars/abc");

        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://api.cloudinary.com/v1_1/demo-cloud/image/destroy", request.Uri.ToString());
        var form = System.Web.HttpUtility.ParseQueryString(request.Body);
        Assert.Equal("starsync/avatars/abc", form["public_id"]);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(Encoding.UTF8.GetBytes("invalidate=true&public_id=starsync/avatars/abc&timestamp=1764000000s3cr3t-value")));
        Assert.Equal(expected, form["signature"]);
    }

    private static CloudinaryAssetStore NewStore(RecordingHandler handler) =>
        new(new HttpClient(handler) { BaseAddress = CloudinaryAssetStore.DefaultApiBase }, Account, new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1_764_000_000)));

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed record RecordedRequest(HttpMethod Method, Uri Uri, string Body, Dictionary<string, string> Form, byte[]? FileBytes);

    private sealed class RecordingHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<RecordedRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var form = new Dictionary<string, string>(StringComparer.Ordinal);
            byte[]? file = null;
            var body = "";
            if (request.Content is MultipartFormDataContent multipart)
            {
                foreach (var part in multipart)
                {
                    var name = part.Headers.ContentDisposition?.Name?.Trim('"') ?? "";
                    if (name == "file")
                    {
                        file = await part.ReadAsByteArrayAsync(cancellationToken);
                    }
                    else
                    {
                        form[name] = await part.ReadAsStringAsync(cancellationToken);
                    }
                }

                body = await request.Content.ReadAsStringAsync(cancellationToken);
            }
            else if (request.Content is not null)
            {
                body = await request.Content.ReadAsStringAsync(cancellationToken);
            }

            Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, body, form, file));
            return answer(request);
        }
    }
}
