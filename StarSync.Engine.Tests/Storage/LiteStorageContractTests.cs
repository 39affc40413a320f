using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Lite;

namespace StarSync.Engine.Tests.Storage;

/// <summary>A real LiteDB file in a fresh temporary folder, shared by one test class and deleted after it.</summary>
public sealed class LiteStorageFixture : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "starsync-storage-" + Guid.NewGuid().ToString("N"));

    public LiteStorageFixture() => Store = new LiteStore(_folder);

    public LiteStore Store { get; }

    public void Dispose()
    {
        Store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The storage contract on the embedded LiteDB adapter (always runs).</summary>
public sealed class LiteStorageContractTests : StorageContractTests, IClassFixture<LiteStorageFixture>
{
    // In the constructor body, not a field initializer: those run before the base class has made the clock.
    public LiteStorageContractTests(LiteStorageFixture fixture)
    {
        _fixture = fixture;
        Ports = LiteStorage.Open(fixture.Store, Clock);
    }

    private readonly LiteStorageFixture _fixture;

    protected override StoragePorts Ports { get; }

    protected override Task TamperWithStoredBalanceAsync(string accountId, long balance)
    {
        var balances = _fixture.Store.Database.GetCollection(LiteCollections.LedgerBalances);
        var document = balances.FindById(accountId);
        document["Balance"] = balance;
        Assert.True(balances.Update(document));
        return Task.CompletedTask;
    }
}
