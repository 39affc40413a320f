using LiteDB;
using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage.Lite;

/// <summary>
/// <see cref="IBirthProfileStore"/> on the embedded LiteDB file. Every read and write matches on the owner's account
/// id; the per-account limit is a unique "{account}/{slot}" key.
/// </summary>
public sealed class LiteBirthProfileStore : IBirthProfileStore
{
    private readonly ILiteCollection<LiteBirthProfileDocument> _profiles;
    private readonly TimeProvider _clock;

    /// <summary>Opens the collection and ensures its indexes (account; unique account slot).</summary>
    public LiteBirthProfileStore(LiteStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _profiles = store.Database.GetCollection<LiteBirthProfileDocument>(LiteCollections.BirthProfiles);
        _profiles.EnsureIndex(x => x.AccountId);
        _profiles.EnsureIndex(x => x.SlotKey, unique: true);
    }

    public Task<BirthProfile?> AddAsync(string accountId, BirthDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentNullException.ThrowIfNull(details);
        details.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var now = StoredTime.From(_clock.GetUtcNow());
        // Take the lowest free slot; a racing add that took it first makes the insert fail, and we look again.
        while (BirthProfileRules.FreeSlot(_profiles.Query().Where(x => x.AccountId == accountId).Select(x => x.Slot).ToList()) is { } slot)
        {
            var document = ToDocument(accountId, details, now);
            document.Id = BirthProfileRules.NewProfileId();
            document.Slot = slot;
            document.SlotKey = $"{accountId}/{slot}";
            document.CreatedAt = now;
            try
            {
                _profiles.Insert(document);
                return Task.FromResult<BirthProfile?>(ToProfile(document));
            }
            catch (LiteException e) when (LiteCollections.IsDuplicateKey(e))
            {
            }
        }

        return Task.FromResult<BirthProfile?>(null);
    }

    public Task<BirthProfile?> FindAsync(string accountId, string profileId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var document = _profiles.FindOne(x => x.Id == profileId && x.AccountId == accountId);
        return Task.FromResult(document is null ? null : ToProfile(document));
    }

    public Task<IReadOnlyList<BirthProfile>> ListAsync(string accountId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var documents = _profiles.Query().Where(x => x.AccountId == accountId).ToList();
        // Version 7 ids are time-ordered; the id breaks ties between profiles saved in the same millisecond.
        IReadOnlyList<BirthProfile> profiles = [.. documents.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id, StringComparer.Ordinal).Select(ToProfile)];
        return Task.FromResult(profiles);
    }

    public Task<bool> UpdateAsync(string accountId, string profileId, BirthDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        details.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var now = StoredTime.From(_clock.GetUtcNow());
        var changed = _profiles.UpdateMany(
            x => new LiteBirthProfileDocument
            {
                Label = details.Label,
                Name = details.Name,
                Date = details.Date,
                Time = details.Time,
                TimeKnown = details.TimeKnown,
                PlaceId = details.PlaceId,
                Latitude = details.Latitude,
                Longitude = details.Longitude,
                TimeZone = details.TimeZone,
                UtcOffset = details.UtcOffset,
                UpdatedAt = now,
            },
            x => x.Id == profileId && x.AccountId == accountId);
        return Task.FromResult(changed == 1);
    }

    public Task<bool> DeleteAsync(string accountId, string profileId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_profiles.DeleteMany(x => x.Id == profileId && x.AccountId == accountId) == 1);
    }

    public Task<int> DeleteAllAsync(string accountId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_profiles.DeleteMany(x => x.AccountId == accountId));
    }

    private static LiteBirthProfileDocument ToDocument(string accountId, BirthDetails details, DateTime now) => new()
    {
        AccountId = accountId,
        Label = details.Label,
        Name = details.Name,
        Date = details.Date,
        Time = details.Time,
        TimeKnown = details.TimeKnown,
        PlaceId = details.PlaceId,
        Latitude = details.Latitude,
        Longitude = details.Longitude,
        TimeZone = details.TimeZone,
        UtcOffset = details.UtcOffset,
        UpdatedAt = now,
    };

    private static BirthProfile ToProfile(LiteBirthProfileDocument d) => new(
        d.Id,
        d.AccountId,
        new BirthDetails
        {
            Label = d.Label,
            Name = d.Name,
            Date = d.Date,
            Time = d.Time,
            TimeKnown = d.TimeKnown,
            PlaceId = d.PlaceId,
            Latitude = d.Latitude,
            Longitude = d.Longitude,
            TimeZone = d.TimeZone,
            UtcOffset = d.UtcOffset,
        },
        StoredTime.Read(d.CreatedAt),
        StoredTime.Read(d.UpdatedAt));
}
