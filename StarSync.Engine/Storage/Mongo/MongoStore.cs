using MongoDB.Bson;
using MongoDB.Driver;

namespace StarSync.Engine.Storage.Mongo;

/// <summary>
/// The MongoDB database behind the stores: its collections and the indexes they rely on. Needs a replica set
/// (MongoDB Atlas always is one; a single server can run as a one-member set): the account change feed is a change
/// stream. Register one per process (the driver pools connections).
/// </summary>
public sealed class MongoStore
{
    /// <summary>The database used when the connection string names none.</summary>
    public const string DefaultDatabaseName = "starsync";

    /// <summary>Wraps a database; call <see cref="EnsureIndexesAsync"/> once at start-up.</summary>
    public MongoStore(IMongoDatabase database)
    {
        Database = database ?? throw new ArgumentNullException(nameof(database));
        Accounts = database.GetCollection<MongoAccountDocument>(MongoCollections.Accounts);
        RefreshTokens = database.GetCollection<MongoRefreshTokenDocument>(MongoCollections.RefreshTokens);
        SingleUseTokens = database.GetCollection<MongoSingleUseTokenDocument>(MongoCollections.SingleUseTokens);
        BirthProfiles = database.GetCollection<MongoBirthProfileDocument>(MongoCollections.BirthProfiles);
        SignInThrottle = database.GetCollection<MongoThrottleDocument>(MongoCollections.SignInThrottle);
        AuditLog = database.GetCollection<MongoAuditDocument>(MongoCollections.AuditLog);
        LedgerPostings = database.GetCollection<MongoPostingDocument>(MongoCollections.LedgerPostings);
        LedgerEntries = database.GetCollection<MongoLedgerEntryDocument>(MongoCollections.LedgerEntries);
        LedgerBalances = database.GetCollection<MongoBalanceDocument>(MongoCollections.LedgerBalances);
        Horoscopes = database.GetCollection<MongoHoroscopeDocument>(MongoCollections.Horoscopes);
    }

    /// <summary>
    /// Connects lazily (no round trip yet) to the database named in <paramref name="connectionString"/>, or to
    /// <see cref="DefaultDatabaseName"/> when it names none.
    /// </summary>
    public static MongoStore Connect(string connectionString)
    {
        var url = MongoUrl.Create(connectionString);
        return new MongoStore(new MongoClient(url).GetDatabase(url.DatabaseName ?? DefaultDatabaseName));
    }

    /// <summary>The database.</summary>
    public IMongoDatabase Database { get; }

    internal IMongoCollection<MongoAccountDocument> Accounts { get; }

    internal IMongoCollection<MongoRefreshTokenDocument> RefreshTokens { get; }

    internal IMongoCollection<MongoSingleUseTokenDocument> SingleUseTokens { get; }

    internal IMongoCollection<MongoBirthProfileDocument> BirthProfiles { get; }

    internal IMongoCollection<MongoThrottleDocument> SignInThrottle { get; }

    internal IMongoCollection<MongoAuditDocument> AuditLog { get; }

    internal IMongoCollection<MongoPostingDocument> LedgerPostings { get; }

    internal IMongoCollection<MongoLedgerEntryDocument> LedgerEntries { get; }

    internal IMongoCollection<MongoBalanceDocument> LedgerBalances { get; }
    internal IMongoCollection<MongoHoroscopeDocument> Horoscopes { get; }

    /// <summary>Whether the server answers a ping.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await Database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MongoException)
        {
            return false;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// Creates every index the stores rely on (idempotent: an existing identical index is left alone). The unique ones
    /// are correctness, not speed: email uniqueness and the per-account profile limit hold because of them.
    /// </summary>
    public async Task EnsureIndexesAsync(CancellationToken cancellationToken = default)
    {
        await Accounts.Indexes.CreateManyAsync(MongoIndexes.Accounts, cancellationToken).ConfigureAwait(false);
        await RefreshTokens.Indexes.CreateManyAsync(MongoIndexes.RefreshTokens, cancellationToken).ConfigureAwait(false);
        await SingleUseTokens.Indexes.CreateManyAsync(MongoIndexes.SingleUseTokens, cancellationToken).ConfigureAwait(false);
        await BirthProfiles.Indexes.CreateManyAsync(MongoIndexes.BirthProfiles, cancellationToken).ConfigureAwait(false);
        await SignInThrottle.Indexes.CreateManyAsync(MongoIndexes.SignInThrottle, cancellationToken).ConfigureAwait(false);
        await AuditLog.Indexes.CreateManyAsync(MongoIndexes.AuditLog, cancellationToken).ConfigureAwait(false);
        await LedgerPostings.Indexes.CreateManyAsync(MongoIndexes.LedgerPostings, cancellationToken).ConfigureAwait(false);
        await LedgerEntries.Indexes.CreateManyAsync(MongoIndexes.LedgerEntries, cancellationToken).ConfigureAwait(false);
        await Horoscopes.Indexes.CreateManyAsync(MongoIndexes.Horoscopes, cancellationToken).ConfigureAwait(false);
        await MongoAstrologerProfileStore.Collection(this).Indexes.CreateManyAsync(MongoAstrologerProfileStore.Indexes, cancellationToken).ConfigureAwait(false);
        await MongoConsultationStore.Collection(this).Indexes.CreateManyAsync(MongoConsultationStore.Indexes, cancellationToken).ConfigureAwait(false);
        await MongoConsultationMessageStore.Collection(this).Indexes.CreateManyAsync(MongoConsultationMessageStore.Indexes, cancellationToken).ConfigureAwait(false);
        await MongoReviewStore.Collection(this).Indexes.CreateManyAsync(MongoReviewStore.Indexes, cancellationToken).ConfigureAwait(false);
        await MongoReportStore.Collection(this).Indexes.CreateManyAsync(MongoReportStore.Indexes, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The MongoDB collection names.</summary>
internal static class MongoCollections
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

    public static bool IsDuplicateKey(MongoWriteException exception) => exception.WriteError?.Category == ServerErrorCategory.DuplicateKey;

    // Inside a transaction a write error may surface as a command error rather than a write error.
    public static bool IsDuplicateKey(MongoCommandException exception) => exception.Code == 11000;
}

/// <summary>Every index, by collection. Token hashes and throttle keys are primary keys (_id), hence unique already.</summary>
internal static class MongoIndexes
{
    public static CreateIndexModel<MongoAccountDocument>[] Accounts { get; } =
    [
        new(Builders<MongoAccountDocument>.IndexKeys.Ascending(x => x.Email), new CreateIndexOptions { Unique = true, Name = "email_unique" }),
        new(Builders<MongoAccountDocument>.IndexKeys.Descending(x => x.CreatedAt), new CreateIndexOptions { Name = "createdAt" }),
    ];

    public static CreateIndexModel<MongoRefreshTokenDocument>[] RefreshTokens { get; } =
    [
        new(Builders<MongoRefreshTokenDocument>.IndexKeys.Ascending(x => x.AccountId).Ascending(x => x.SessionId), new CreateIndexOptions { Name = "account_session" }),
        new(Builders<MongoRefreshTokenDocument>.IndexKeys.Ascending(x => x.ExpiresAt), new CreateIndexOptions { Name = "expiresAt" }),
    ];

    public static CreateIndexModel<MongoSingleUseTokenDocument>[] SingleUseTokens { get; } =
    [
        new(Builders<MongoSingleUseTokenDocument>.IndexKeys.Ascending(x => x.AccountId).Ascending(x => x.Purpose), new CreateIndexOptions { Name = "account_purpose" }),
        new(Builders<MongoSingleUseTokenDocument>.IndexKeys.Ascending(x => x.ExpiresAt), new CreateIndexOptions { Name = "expiresAt" }),
    ];

    public static CreateIndexModel<MongoBirthProfileDocument>[] BirthProfiles { get; } =
    [
        new(Builders<MongoBirthProfileDocument>.IndexKeys.Ascending(x => x.AccountId).Ascending(x => x.Slot), new CreateIndexOptions { Unique = true, Name = "account_slot_unique" }),
    ];

    public static CreateIndexModel<MongoThrottleDocument>[] SignInThrottle { get; } =
    [
        new(Builders<MongoThrottleDocument>.IndexKeys.Ascending(x => x.ExpiresAt), new CreateIndexOptions { Name = "expiresAt" }),
    ];

    public static CreateIndexModel<MongoAuditDocument>[] AuditLog { get; } =
    [
        new(Builders<MongoAuditDocument>.IndexKeys.Descending(x => x.At).Descending(x => x.Id), new CreateIndexOptions { Name = "at" }),
        new(Builders<MongoAuditDocument>.IndexKeys.Ascending(x => x.Kind).Descending(x => x.At), new CreateIndexOptions { Name = "kind_at" }),
        new(Builders<MongoAuditDocument>.IndexKeys.Ascending(x => x.Actor).Descending(x => x.At), new CreateIndexOptions { Name = "actor_at" }),
        new(Builders<MongoAuditDocument>.IndexKeys.Ascending(x => x.AccountId).Descending(x => x.At), new CreateIndexOptions { Name = "account_at" }),
    ];

    public static CreateIndexModel<MongoPostingDocument>[] LedgerPostings { get; } =
    [
        new(Builders<MongoPostingDocument>.IndexKeys.Ascending(x => x.IdempotencyKey), new CreateIndexOptions { Unique = true, Name = "idempotencyKey_unique" }),
    ];

    // Balances are found by _id only. Entries: one account's history, newest first.
    public static CreateIndexModel<MongoLedgerEntryDocument>[] LedgerEntries { get; } =
    [
        new(Builders<MongoLedgerEntryDocument>.IndexKeys.Ascending(x => x.AccountId).Descending(x => x.CreatedAt).Descending(x => x.Id), new CreateIndexOptions { Name = "account_createdAt" }),
    ];

    public static CreateIndexModel<MongoHoroscopeDocument>[] Horoscopes { get; } =
    [
        new(Builders<MongoHoroscopeDocument>.IndexKeys.Ascending(x => x.Date), new CreateIndexOptions { Name = "date" }),
    ];
}
