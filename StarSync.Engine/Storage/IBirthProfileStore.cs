using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage;

/// <summary>Saved birth profiles (self, family), each owned by one account and reachable only through it.</summary>
/// <remarks>
/// Every method takes the owner's account id and matches on it, so one account can never read, change or delete
/// another's profiles. Each write is one single-document atomic step. The per-account limit holds under races: each
/// profile takes one of <see cref="MaxPerAccount"/> numbered slots under a unique (account, slot) index.
/// </remarks>
public interface IBirthProfileStore
{
    /// <summary>The most profiles one account may keep.</summary>
    const int MaxPerAccount = 50;

    /// <summary>Saves a new profile, or returns <see langword="null"/> when the account already has <see cref="MaxPerAccount"/>.</summary>
    /// <exception cref="ArgumentException">A field of <paramref name="details"/> is malformed (see <see cref="BirthDetails.Validate"/>).</exception>
    Task<BirthProfile?> AddAsync(string accountId, BirthDetails details, CancellationToken cancellationToken = default);

    /// <summary>The profile, if it exists and belongs to <paramref name="accountId"/>.</summary>
    Task<BirthProfile?> FindAsync(string accountId, string profileId, CancellationToken cancellationToken = default);

    /// <summary>The account's profiles, oldest first.</summary>
    Task<IReadOnlyList<BirthProfile>> ListAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the details; false when the profile does not exist or belongs to another account.</summary>
    Task<bool> UpdateAsync(string accountId, string profileId, BirthDetails details, CancellationToken cancellationToken = default);

    /// <summary>Deletes the profile; false when it does not exist or belongs to another account.</summary>
    Task<bool> DeleteAsync(string accountId, string profileId, CancellationToken cancellationToken = default);

    /// <summary>Deletes every profile of the account (account deletion); returns how many.</summary>
    Task<int> DeleteAllAsync(string accountId, CancellationToken cancellationToken = default);
}
