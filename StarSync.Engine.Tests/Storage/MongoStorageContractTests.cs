using MongoDB.Driver;
using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Mongo;

namespace StarSync.Engine.Tests.Storage;

/// <summary>
/// A fresh database on the MongoDB replica set named by <c>STARSYNC_TEST_MONGODB_URI</c>, dropped after the test
/// class; absent when the variable is unset.
/// </summary>
public sealed class MongoStorageFixture : IAsyncLifetime, IDisposable
{
    public const string UriVariable = "STARSYNC_TEST_MONGODB_URI";

    private MongoClient? _client;
    private string? _databaseName;

    public MongoStore? Store { get; private set; }

    public static string? Uri => Environment.GetEnvironmentVariable(UriVariable) is { Length: > 0 } uri ? uri : null;

    public async Task InitializeAsync()
    {
        if (Uri is not { } uri)
        {
            return;
        }

        _client = new MongoClient(uri);
        _databaseName = "starsync_test_" + Guid.NewGuid().ToString("N")[..12];
        Store = new MongoStore(_client.GetDatabase(_databaseName));
        await Store.EnsureIndexesAsync();
        await MongoTopUpStore.EnsureIndexesAsync(Store);
    }

    public async Task DisposeAsync()
    {
        if (_client is not null && _databaseName is not null)
        {
            await _client.DropDatabaseAsync(_databaseName);
        }
    }

    public void Dispose() => _client?.Dispose();
}

/// <summary>
/// The storage contract on the MongoDB adapter: runs when <c>STARSYNC_TEST_MONGODB_URI</c> names a replica set, and is
/// reported skipped otherwise (no MongoDB server can be installed where this project's CI runs).
/// </summary>
public sealed class MongoStorageContractTests : StorageContractTests, IClassFixture<MongoStorageFixture>
{
    public MongoStorageContractTests(MongoStorageFixture fixture)
    {
        _fixture = fixture;
        Skip.If(fixture.Store is null, $"MongoDB contract run skipped: set {MongoStorageFixture.UriVariable} to a replica set, e.g. mongodb://localhost:27017/?replicaSet=rs0");
        Ports = new StoragePorts
        {
            Accounts = new MongoAccountStore(fixture.Store!, Clock),
            AccountChanges = new MongoAccountChangeFeed(fixture.Store!),
            RefreshTokens = new MongoRefreshTokenStore(fixture.Store!, Clock),
            SingleUseTokens = new MongoSingleUseTokenStore(fixture.Store!, Clock),
            BirthProfiles = new MongoBirthProfileStore(fixture.Store!, Clock),
            SignInThrottle = new MongoSignInThrottle(fixture.Store!, Clock),
            AuditLog = new MongoAuditLog(fixture.Store!, Clock),
            TopUps = new MongoTopUpStore(fixture.Store!, Clock),
            WebhookEvents = new MongoWebhookEventStore(fixture.Store!, Clock),
            Ledger = new MongoLedgerStore(fixture.Store!, Clock),
            Horoscopes = new MongoHoroscopeStore(fixture.Store!, Clock),
            AstrologerProfiles = new MongoAstrologerProfileStore(fixture.Store!, Clock),
            PlatformSettings = new MongoPlatformSettingsStore(fixture.Store!, Clock),
            Consultations = new MongoConsultationStore(fixture.Store!, Clock),
            ConsultationMessages = new MongoConsultationMessageStore(fixture.Store!, Clock),
            Reviews = new MongoReviewStore(fixture.Store!, Clock),
            Reports = new MongoReportStore(fixture.Store!, Clock),
        };
    }

    private readonly MongoStorageFixture _fixture;

    protected override StoragePorts Ports { get; }

    protected override async Task TamperWithStoredBalanceAsync(string accountId, long balance)
    {
        var result = await _fixture.Store!.LedgerBalances.UpdateOneAsync(
            Builders<MongoBalanceDocument>.Filter.Eq(x => x.Id, accountId),
            Builders<MongoBalanceDocument>.Update.Set(x => x.Balance, balance));
        Assert.Equal(1, result.MatchedCount);
    }
}
