using LiteDB;
using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage.Lite;

/// <summary>
/// <see cref="ISignInThrottle"/> on the embedded LiteDB file: one document per key, changed by compare-and-swap on its
/// version (first failure: an insert guarded by the primary key).
/// </summary>
public sealed class LiteSignInThrottle : ISignInThrottle
{
    private readonly ILiteCollection<LiteThrottleDocument> _runs;
    private readonly TimeProvider _clock;

    /// <summary>Opens the collection and ensures its expiry index (the key is the primary key).</summary>
    public LiteSignInThrottle(LiteStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _runs = store.Database.GetCollection<LiteThrottleDocument>(LiteCollections.SignInThrottle);
        _runs.EnsureIndex(x => x.ExpiresAt);
    }

    public Task<ThrottleStatus> CheckAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ThrottleRun.StatusAt(ToRun(_runs.FindById(key)), StoredTime.Now(_clock)));
    }

    public Task<ThrottleStatus> RecordFailureAsync(string key, ThrottlePolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        while (true)
        {
            var now = StoredTime.Now(_clock);
            var current = _runs.FindById(key);
            var next = ThrottleRun.AfterFailure(ToRun(current), policy, now);
            var windowEndsAt = StoredTime.From(next.WindowEndsAt);
            var lockedUntil = next.LockedUntil is { } locked ? StoredTime.From(locked) : (DateTime?)null;
            var expiresAt = StoredTime.From(next.ExpiresAt);
            if (current is null)
            {
                try
                {
                    _runs.Insert(new LiteThrottleDocument
                    {
                        Id = key, Version = 1, Failures = next.Failures, WindowEndsAt = windowEndsAt, LockedUntil = lockedUntil, ExpiresAt = expiresAt,
                    });
                    return Task.FromResult(ThrottleRun.StatusAt(next, now));
                }
                catch (LiteException e) when (LiteCollections.IsDuplicateKey(e))
                {
                    continue;
                }
            }

            var version = current.Version;
            var failures = next.Failures;
            if (_runs.UpdateMany(
                    x => new LiteThrottleDocument { Version = version + 1, Failures = failures, WindowEndsAt = windowEndsAt, LockedUntil = lockedUntil, ExpiresAt = expiresAt },
                    x => x.Id == key && x.Version == version) == 1)
            {
                return Task.FromResult(ThrottleRun.StatusAt(next, now));
            }
        }
    }

    public Task ResetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        _runs.Delete(key);
        return Task.CompletedTask;
    }

    public Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var before = StoredTime.From(cutoff);
        return Task.FromResult(_runs.DeleteMany(x => x.ExpiresAt < before));
    }

    private static ThrottleRun? ToRun(LiteThrottleDocument? d) =>
        d is null ? null : new ThrottleRun(d.Failures, StoredTime.Read(d.WindowEndsAt), StoredTime.Read(d.LockedUntil));
}
