using System.Security.Claims;
using StarSync.Engine.Accounts;

namespace StarSync.Web.Auth;

/// <summary>The claims a StarSync principal carries, the same in the cookie and in API tokens.</summary>
public static class StarSyncClaims
{
    public const string AccountId = "sub";
    public const string SessionId = "sid";
    public const string Name = "name";
    public const string Email = "email";
    public const string Role = "role";

    public static ClaimsPrincipal Principal(Account account, string sessionId, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(account);
        var identity = new ClaimsIdentity(
            [
                new Claim(AccountId, account.Id),
                new Claim(SessionId, sessionId),
                new Claim(Name, account.Name),
                new Claim(Email, account.Email),
                new Claim(Role, account.Role.ToString()),
            ],
            authenticationType, Name, Role);
        return new ClaimsPrincipal(identity);
    }

    public static string? AccountIdOf(ClaimsPrincipal? principal) => principal?.FindFirst(AccountId)?.Value;

    public static string? SessionIdOf(ClaimsPrincipal? principal) => principal?.FindFirst(SessionId)?.Value;
}

/// <summary>The authorization policies, one per role.</summary>
public static class Policies
{
    public const string User = "user";
    public const string Astrologer = "astrologer";
    public const string Admin = "admin";
}
