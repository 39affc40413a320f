using System.Security.Cryptography;
using System.Text;

namespace StarSync.Web.Auth;

/// <summary>
/// The JWT signing key and the refresh-token pepper. From <c>JWT_SECRET_KEY</c> / <c>JWT_REFRESH_SECRET_KEY</c> (the
/// original service's misspelled <c>JWT_SECERET_KEY</c> / <c>JWT_REFRESHTOKEN_SECERET_KEY</c> are accepted too);
/// when unset, generated once and kept in the data folder so restarts keep tokens valid.
/// </summary>
public sealed class SigningKeys
{
    public const int MinimumBytes = 32; // 256 bits: HMAC-SHA256 needs at least its output size.

    private SigningKeys(byte[] accessTokenKey, byte[] refreshPepper, string source)
    {
        AccessTokenKey = accessTokenKey;
        RefreshPepper = refreshPepper;
        Source = source;
    }

    public byte[] AccessTokenKey { get; }

    public byte[] RefreshPepper { get; }

    /// <summary>Where the keys came from, for the start-up log.</summary>
    public string Source { get; }

    /// <exception cref="InvalidOperationException">A configured key is shorter than 256 bits.</exception>
    public static SigningKeys Load(IConfiguration configuration, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var access = configuration["JWT_SECRET_KEY"] is { Length: > 0 } a ? a : configuration["JWT_SECERET_KEY"];
        var refresh = configuration["JWT_REFRESH_SECRET_KEY"] is { Length: > 0 } r ? r : configuration["JWT_REFRESHTOKEN_SECERET_KEY"];
        if (!string.IsNullOrEmpty(access))
        {
            var accessKey = Require(access, "JWT_SECRET_KEY");
            var pepper = string.IsNullOrEmpty(refresh) ? KeptKey(dataFolder, "refresh-pepper.key") : Require(refresh, "JWT_REFRESH_SECRET_KEY");
            return new SigningKeys(accessKey, pepper, "environment");
        }

        var refreshKey = string.IsNullOrEmpty(refresh) ? KeptKey(dataFolder, "refresh-pepper.key") : Require(refresh, "JWT_REFRESH_SECRET_KEY");
        return new SigningKeys(KeptKey(dataFolder, "jwt-signing.key"), refreshKey, $"generated and kept in {Path.Combine(dataFolder, "keys")}");
    }

    private static byte[] Require(string value, string name)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length < MinimumBytes)
        {
            throw new InvalidOperationException(
                $"{name} is {bytes.Length * 8} bits long; it must be at least {MinimumBytes * 8} bits ({MinimumBytes} bytes). " +
                "Generate one with: openssl rand -base64 48");
        }

        return bytes;
    }

    private static byte[] KeptKey(string dataFolder, string fileName)
    {
        var folder = Path.Combine(dataFolder, "keys");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        if (File.Exists(path))
        {
            var existing = Convert.FromBase64String(File.ReadAllText(path).Trim());
            if (existing.Length >= MinimumBytes)
            {
                return existing;
            }
        }

        var key = RandomNumberGenerator.GetBytes(64);
        File.WriteAllText(path, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }
}
