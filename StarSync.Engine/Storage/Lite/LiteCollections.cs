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

    /// <summary>
    /// Creates the collection now if the file has none of that name. LiteDB creates a collection with its first write,
    /// and a read in another thread while that write is in flight can find the new collection's page before it is one
    /// ("page type must be collection page"); a collection with an index exists from its store's opening, and so is
    /// every other one, through this.
    /// </summary>
    public static void EnsureCreated(ILiteDatabase database, string name)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.CollectionExists(name))
        {
            return;
        }

        const string Placeholder = "$created";
        var collection = database.GetCollection(name);
        collection.Upsert(new BsonDocument { ["_id"] = Placeholder });
        collection.Delete(Placeholder);
    }
}
