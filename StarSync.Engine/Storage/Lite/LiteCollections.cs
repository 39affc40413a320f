using LiteDB;

namespace StarSync.Engine.Storage.Lite;

/// <summary>The LiteDB collection names and the one error code the stores act on.</summary>
internal static class LiteCollections
{
    public const string Accounts = "accounts";
    public const string RefreshTokens = "refreshTokens";
    public const string SingleUseTokens = "singleUseTokens";
    public const string BirthProfiles = "birthProfiles";
    public const string SignInThrottle = "signInThrottle";
    public const string AuditLog = "auditLog";
    public const string LedgerPostings = "ledgerPostings";
    public const string LedgerEntries = "ledgerEntries";
    public const string LedgerBalances = "ledgerBalances";
    public const string Horoscopes = "horoscopes";

    public static bool IsDuplicateKey(LiteException exception) => exception.ErrorCode == LiteException.INDEX_DUPLICATE_KEY;
}
