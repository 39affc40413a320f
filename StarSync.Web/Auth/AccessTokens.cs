using System.IdentityModel.Tokens.Jwt;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using StarSync.Engine.Accounts;

namespace StarSync.Web.Auth;

/// <summary>Short-lived JWT access tokens for API clients, carrying the session id.</summary>
public sealed class AccessTokens(SigningKeys keys, IOptions<AuthOptions> options, TimeProvider clock)
{
    public const string Issuer = "starsync";
    public const string Audience = "starsync-api";

    public SymmetricSecurityKey SecurityKey { get; } = new(keys.AccessTokenKey);

    /// <summary>A signed token and its lifetime in seconds.</summary>
    public (string Token, int ExpiresIn) Issue(Account account, string sessionId)
    {
        var lifetime = options.Value.AccessTokenLifetime;
        var now = clock.GetUtcNow().UtcDateTime;
        var principal = StarSyncClaims.Principal(account, sessionId, "Bearer");
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = (System.Security.Claims.ClaimsIdentity)principal.Identity!,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(SecurityKey, SecurityAlgorithms.HmacSha256),
        };
        var handler = new JwtSecurityTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return (handler.WriteToken(handler.CreateToken(descriptor)), (int)lifetime.TotalSeconds);
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = SecurityKey,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = StarSyncClaims.Name,
        RoleClaimType = StarSyncClaims.Role,
        ClockSkew = TimeSpan.FromSeconds(30),
    };
}
