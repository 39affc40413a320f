using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace StarSync.Web.Assets;

/// <summary>
/// Pictures on Cloudinary through its signed REST upload API (the picture is already processed, so Cloudinary
/// never receives the upload's metadata). Public ids are <c>starsync/&lt;folder&gt;/&lt;32 hex&gt;</c>.
/// </summary>
public sealed class CloudinaryAssetStore(HttpClient http, CloudinaryAccount account, TimeProvider clock) : IAssetStore
{
    /// <summary>Cloudinary's API; the HttpClient's base address, replaceable for tests.</summary>
    public static readonly Uri DefaultApiBase = new("https://api.cloudinary.com/");

    public string Description => account.ToString();

    public async Task<StoredAsset> SaveAsync(AssetFolder folder, ProfileImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        var publicId = $"starsync/{AssetFolders.Name(folder)}/{AssetFolders.NewStem()}";
        var parameters = Signed(new Dictionary<string, string>(StringComparer.Ordinal) { ["public_id"] = publicId });
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(image.Content);
        file.Headers.ContentType = new(ProfileImage.ContentType);
        form.Add(file, "file", "upload" + ProfileImage.Extension);
        foreach (var (name, value) in parameters)
        {
            form.Add(new StringContent(value), name);
        }

        using var response = await http.PostAsync(new Uri($"v1_1/{Uri.EscapeDataString(account.CloudName)}/image/upload", UriKind.Relative), form, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new AssetStoreException($"Cloudinary refused the upload ({(int)response.StatusCode}).");
        }

        var uploaded = await response.Content.ReadFromJsonAsync<UploadAnswer>(cancellationToken).ConfigureAwait(false);
        if (uploaded?.SecureUrl is not { Length: > 0 } url || !url.StartsWith("https://", StringComparison.Ordinal))
        {
            throw new AssetStoreException("Cloudinary's answer had no https URL.");
        }

        return new StoredAsset(url, uploaded.PublicId ?? publicId);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        using var form = new FormUrlEncodedContent(Signed(new Dictionary<string, string>(StringComparer.Ordinal) { ["public_id"] = key, ["invalidate"] = "true" }));
        using var response = await http.PostAsync(new Uri($"v1_1/{Uri.EscapeDataString(account.CloudName)}/image/destroy", UriKind.Relative), form, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new AssetStoreException($"Cloudinary refused the deletion ({(int)response.StatusCode}).");
        }
    }

    // Adds timestamp, api_key and the signature over the signed parameters.
    private Dictionary<string, string> Signed(Dictionary<string, string> parameters)
    {
        parameters["timestamp"] = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        parameters["signature"] = CloudinarySignature.Sign(parameters, account.ApiSecret);
        parameters["api_key"] = account.ApiKey;
        return parameters;
    }

    private sealed record UploadAnswer(
        [property: JsonPropertyName("secure_url")] string? SecureUrl,
        [property: JsonPropertyName("public_id")] string? PublicId);
}

/// <summary>The asset store could not store or delete a picture (its service refused or answered nonsense).</summary>
public sealed class AssetStoreException(string message) : Exception(message);
