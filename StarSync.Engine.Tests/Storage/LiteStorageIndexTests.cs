using StarSync.Engine.Storage.Lite;

namespace StarSync.Engine.Tests.Storage;

public sealed class LiteStorageIndexTests(LiteStorageFixture fixture) : IClassFixture<LiteStorageFixture>
{
    [Fact]
    public void Opening_the_stores_creates_the_unique_indexes_the_guarantees_rest_on()
    {
        LiteStorage.Open(fixture.Store, TimeProvider.System);

        var indexes = fixture.Store.Database.GetCollection("$indexes").FindAll()
            .ToDictionary(i => $"{i["collection"].AsString}.{i["name"].AsString}", i => i["unique"].AsBoolean);

        Assert.True(indexes["accounts.Email"]);
        Assert.True(indexes["birthProfiles.SlotKey"]);
        Assert.True(indexes["ledgerPostings.KeyHash"]);
        // A ledger account's entries are a chain from its balance document, not an index (see LiteLedgerStore).
        Assert.False(indexes.ContainsKey("ledgerEntries.AccountId"));
        Assert.False(indexes["accounts.CreatedAt"]);
        Assert.False(indexes["refreshTokens.SessionId"]);
        Assert.False(indexes["auditLog.At"]);
        // Token hashes and throttle keys are the primary key, unique by construction.
        Assert.True(indexes["refreshTokens._id"]);
        Assert.True(indexes["singleUseTokens._id"]);
        Assert.True(indexes["signInThrottle._id"]);
    }

    [Fact]
    public void Opening_the_stores_creates_every_collection_before_anything_writes()
    {
        // A collection LiteDB creates on its first write can be read by another thread before its page is one.
        var folder = Path.Combine(Path.GetTempPath(), "starsync-storage-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var store = new LiteStore(folder))
            {
                LiteStorage.Open(store, TimeProvider.System);

                var names = store.Database.GetCollectionNames().ToHashSet(StringComparer.Ordinal);
                string[] expected =
                [
                    "accounts", "refreshTokens", "singleUseTokens", "birthProfiles", "signInThrottle", "auditLog", "topUps",
                    "webhookEvents", "ledgerPostings", "ledgerEntries", "ledgerBalances", "horoscopes", "astrologerProfiles",
                    "platformSettings", "consultations", "consultationHeartbeat", "consultationMessages", "reviews",
                    "reviewSummaries", "reports",
                ];
                Assert.Subset(names, expected.ToHashSet(StringComparer.Ordinal));
                // Created empty: the placeholder that created them is gone.
                Assert.All(expected, n => Assert.Equal(0, store.Database.GetCollection(n).Count()));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Opening_the_stores_twice_over_one_database_is_harmless()
    {
        LiteStorage.Open(fixture.Store, TimeProvider.System);
        LiteStorage.Open(fixture.Store, TimeProvider.System);

        var emailIndexes = fixture.Store.Database.GetCollection("$indexes").FindAll()
            .Count(i => i["collection"].AsString == "accounts" && i["name"].AsString == "Email");
        Assert.Equal(1, emailIndexes);
        Assert.True(fixture.Store.Ping());
    }
}
