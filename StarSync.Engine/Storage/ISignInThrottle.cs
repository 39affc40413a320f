using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage;

/// <summary>
/// Counts failed sign-ins per key (<see cref="ThrottleKey"/>: an email, known or not, or a client address) within a
/// window, and locks a key out after too many.
/// </summary>
/// <remarks>
/// Atomicity: <see cref="RecordFailureAsync"/> is an optimistic compare-and-swap on the key's one document (insert
/// when absent, guarded by the unique key), so concurrent failures are each counted exactly once.
/// </remarks>
public interface ISignInThrottle
{
    /// <summary>Where <paramref name="key"/> stands now: check this before verifying a password.</summary>
    Task<ThrottleStatus> CheckAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts one failure. A run of failures starts at the first one and lasts <see cref="ThrottlePolicy.Window"/>;
    /// reaching <see cref="ThrottlePolicy.MaxFailures"/> within it locks the key for <see cref="ThrottlePolicy.Lockout"/>.
    /// </summary>
    Task<ThrottleStatus> RecordFailureAsync(string key, ThrottlePolicy policy, CancellationToken cancellationToken = default);

    /// <summary>Forgets the key's failures (after a successful sign-in).</summary>
    Task ResetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes keys whose last failure is before <paramref name="cutoff"/> and which are not locked out then (housekeeping).</summary>
    Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}
