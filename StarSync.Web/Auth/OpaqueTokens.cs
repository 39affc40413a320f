using System.Security.Cryptography;
using StarSync.Engine.Accounts;
using Microsoft.AspNetCore.WebUtilities;

namespace StarSync.Web.Auth;

/// <summary>
/// Random bearer secrets (refresh tokens, reset and invitation links) and their stored form: an HMAC-SHA256 with a
/// server-side pepper, so a copy of the database alone cannot be turned back into usable tokens.
/// </summary>
public sealed class OpaqueTokens(SigningKeys keys)
{
    /// <summary>A new random token, 256 bits, base64url.</summary>
    public static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of <paramref name="token"/> (<see cref="TokenHash.Compute"/> under the pepper).</summary>
    public string Hash(string token) => TokenHash.Compute(keys.RefreshPepper, token);
}
