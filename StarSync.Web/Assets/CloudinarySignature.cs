using System.Security.Cryptography;
using System.Text;

namespace StarSync.Web.Assets;

/// <summary>
/// Cloudinary's request signature for its REST upload API: every signed parameter (all but <c>file</c>,
/// <c>cloud_name</c>, <c>resource_type</c> and <c>api_key</c>) sorted by name, joined as <c>name=value</c> with
/// <c>&amp;</c>, the API secret appended, and the SHA-1 digest written as lower-case hex
/// (https://cloudinary.com/documentation/authentication_signatures).
/// </summary>
public static class CloudinarySignature
{
    private static readonly HashSet<string> Unsigned = new(StringComparer.Ordinal) { "file", "cloud_name", "resource_type", "api_key" };

    /// <summary>The string that is hashed (exposed for tests and diagnostics; it ends with the secret, so never log it).</summary>
    public static string StringToSign(IEnumerable<KeyValuePair<string, string>> parameters, string apiSecret)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentException.ThrowIfNullOrEmpty(apiSecret);
        var signed = parameters
            .Where(p => !Unsigned.Contains(p.Key) && !string.IsNullOrEmpty(p.Value))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}");
        return string.Join('&', signed) + apiSecret;
    }

    /// <summary>The hex SHA-1 signature of <paramref name="parameters"/>.</summary>
    public static string Sign(IEnumerable<KeyValuePair<string, string>> parameters, string apiSecret)
    {
        // SHA-1 is what Cloudinary verifies by default; it authenticates a request here, it does not protect a secret at rest.
#pragma warning disable CA5350
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(StringToSign(parameters, apiSecret))));
#pragma warning restore CA5350
    }
}

/// <summary>The account in a <c>cloudinary://&lt;api key&gt;:&lt;api secret&gt;@&lt;cloud name&gt;</c> URL (CLOUDINARY_URL).</summary>
public sealed record CloudinaryAccount(string CloudName, string ApiKey, string ApiSecret)
{
    /// <summary>Parses CLOUDINARY_URL; throws with a message that never repeats the secret.</summary>
    public static CloudinaryAccount Parse(string url)
    {
        const string Shape = "CLOUDINARY_URL must look like cloudinary://<api key>:<api secret>@<cloud name>.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "cloudinary")
        {
            throw new InvalidOperationException(Shape);
        }

        var credentials = uri.UserInfo.Split(':', 2);
        if (credentials.Length != 2 || credentials[0].Length == 0 || credentials[1].Length == 0 || uri.Host.Length == 0)
        {
            throw new InvalidOperationException(Shape);
        }

        return new CloudinaryAccount(uri.Host, Uri.UnescapeDataString(credentials[0]), Uri.UnescapeDataString(credentials[1]));
    }

    public override string ToString() => $"Cloudinary cloud {CloudName}";
}
