using MongoDB.Driver;
using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage.Mongo;

/// <summary>
/// <see cref="ISignInThrottle"/> on MongoDB: one document per key, changed by compare-and-swap on its version (first
/// failure: an insert guarded by the primary key).
/// </summary>
public sealed class MongoSignInThrottle(MongoStore store, TimeProvider clock) : ISignInThrottle
{
    private static readonly FilterDefinitionBuilder<MongoThrottleDocument> Filter = Builders<MongoThrottleDocument>.Filter;

    private readonly IMongoCollection<MongoThrottleDocument> _runs = (store ?? throw new ArgumentNullException(nameof(store))).SignInThrottle;
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    public async Task<ThrottleStatus> CheckAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var document = await _runs.Find(Filter.Eq(x => x.Id, key)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return ThrottleRun.StatusAt(ToRun(document), StoredTime.Now(_clock));
    }

    public async Task<ThrottleStatus> RecordFailureAsync(string key, ThrottlePolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        while (true)
        {
            var now = StoredTime.Now(_clock);
            var current = await _runs.Find(Filter.Eq(x => x.Id, key)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var next = ThrottleRun.AfterFailure(ToRun(current), policy, now);
            if (current is null)
            {
                try
                {
                    await _runs.InsertOneAsync(
                        new MongoThrottleDocument
                        {
                            Id = key,
                            Version = 1,
                            Failures = next.Failures,
                            WindowEndsAt = StoredTime.From(next.WindowEndsAt),
                            LockedUntil = StoredTime.From(next.LockedUntil),
                            ExpiresAt = StoredTime.From(next.ExpiresAt),
                        },
                        cancellationToken: cancellationToken).ConfigureAwait(false);
                    return ThrottleRun.StatusAt(next, now);
                }
                catch (MongoWriteException e) when (MongoCollections.IsDuplicateKey(e))
                {
                    continue;
                }
            }

            var result = await _runs.UpdateOneAsync(AtVersion(key, current.Version), RunUpdate(next, current.Version + 1), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (result.MatchedCount == 1)
            {
                return ThrottleRun.StatusAt(next, now);
            }
        }
    }

    public Task ResetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _runs.DeleteOneAsync(Filter.Eq(x => x.Id, key), cancellationToken);
    }

    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var result = await _runs.DeleteManyAsync(Filter.Lt(x => x.ExpiresAt, StoredTime.From(cutoff)), cancellationToken).ConfigureAwait(false);
        return (int)result.DeletedCount;
    }

    internal static FilterDefinition<MongoThrottleDocument> AtVersion(string key, long version) =>
        Filter.Eq(x => x.Id, key) & Filter.Eq(x => x.Version, version);

    internal static UpdateDefinition<MongoThrottleDocument> RunUpdate(ThrottleRun run, long nextVersion) =>
        Builders<MongoThrottleDocument>.Update
            .Set(x => x.Version, nextVersion)
            .Set(x => x.Failures, run.Failures)
            .Set(x => x.WindowEndsAt, StoredTime.From(run.WindowEndsAt))
            .Set(x => x.LockedUntil, StoredTime.From(run.LockedUntil))
            .Set(x => x.ExpiresAt, StoredTime.From(run.ExpiresAt));

    private static ThrottleRun? ToRun(MongoThrottleDocument? d) =>
        d is null ? null : new ThrottleRun(d.Failures, StoredTime.Read(d.WindowEndsAt), StoredTime.Read(d.LockedUntil));
}
