using System.Security.Cryptography;
using System.Text;

namespace StarSync.Engine.Accounts;

/// <summary>
/// How a raw token (refresh token, reset link, invitation) becomes the only form the stores ever see: the lower-case
/// hex HMAC-SHA256 under a server secret. Stores key tokens by this string and refuse anything else, so a raw token
/// can never be stored by mistake.
/// </summary>
public static class TokenHash
{
    /// <summary>The lower-case hex HMAC-SHA256 (64 characters) of <paramref name="rawToken"/> (UTF-8) under <paramref name="key"/>.</summary>
    public static string Compute(ReadOnlySpan<byte> key, string rawToken)
    {
        ArgumentNullException.ThrowIfNull(rawToken);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(rawToken)));
    }

    /// <summary>Whether <paramref name="hash"/> looks like a hash from <see cref="Compute"/> (or any 128–512-bit lower-case hex digest).</summary>
    public static bool IsWellFormed(string? hash) =>
        hash is { Length: >= 32 and <= 128 } && hash.Length % 2 == 0 && hash.All(char.IsAsciiHexDigitLower);

    /// <summary>Throws unless <paramref name="hash"/> is well formed.</summary>
    public static void Require(string? hash, string parameterName)
    {
        if (!IsWellFormed(hash))
        {
            throw new ArgumentException("Expected a lower-case hex token hash (see TokenHash.Compute), never a raw token.", parameterName);
        }
    }
}
