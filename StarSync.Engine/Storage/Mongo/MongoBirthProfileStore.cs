using MongoDB.Driver;
using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage.Mongo;

/// <summary>
/// <see cref="IBirthProfileStore"/> on MongoDB. Every read and write matches on the owner's account id; the
/// per-account limit is the unique (accountId, slot) index.
/// </summary>
public sealed class MongoBirthProfileStore(MongoStore store, TimeProvider clock) : IBirthProfileStore
{
    private static readonly FilterDefinitionBuilder<MongoBirthProfileDocument> Filter = Builders<MongoBirthProfileDocument>.Filter;

    private readonly IMongoCollection<MongoBirthProfileDocument> _profiles = (store ?? throw new ArgumentNullException(nameof(store))).BirthProfiles;
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    public async Task<BirthProfile?> AddAsync(string accountId, BirthDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentNullException.ThrowIfNull(details);
        details.Validate();
        var now = StoredTime.From(_clock.GetUtcNow());
        // Take the lowest free slot; a racing add that took it first makes the insert fail, and we look again.
        while (true)
        {
            var used = await _profiles.Find(Filter.Eq(x => x.AccountId, accountId))
                .Project(x => x.Slot)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (BirthProfileRules.FreeSlot(used) is not { } slot)
            {
                return null;
            }

            var document = new MongoBirthProfileDocument
            {
                Id = BirthProfileRules.NewProfileId(),
                AccountId = accountId,
                Slot = slot,
                CreatedAt = now,
            };
            Fill(document, details, now);
            try
            {
                await _profiles.InsertOneAsync(document, cancellationToken: cancellationToken).ConfigureAwait(false);
                return ToProfile(document);
            }
            catch (MongoWriteException e) when (MongoCollections.IsDuplicateKey(e))
            {
            }
        }
    }

    public async Task<BirthProfile?> FindAsync(string accountId, string profileId, CancellationToken cancellationToken = default)
    {
        var document = await _profiles.Find(Owned(accountId, profileId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return document is null ? null : ToProfile(document);
    }

    public async Task<IReadOnlyList<BirthProfile>> ListAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var documents = await _profiles.Find(Filter.Eq(x => x.AccountId, accountId))
            .Sort(Builders<MongoBirthProfileDocument>.Sort.Ascending(x => x.CreatedAt).Ascending(x => x.Id))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return documents.ConvertAll(ToProfile);
    }

    public async Task<bool> UpdateAsync(string accountId, string profileId, BirthDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        details.Validate();
        var result = await _profiles.UpdateOneAsync(
            Owned(accountId, profileId),
            DetailsUpdate(details, StoredTime.From(_clock.GetUtcNow())),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.MatchedCount == 1;
    }

    public async Task<bool> DeleteAsync(string accountId, string profileId, CancellationToken cancellationToken = default)
    {
        var result = await _profiles.DeleteOneAsync(Owned(accountId, profileId), cancellationToken).ConfigureAwait(false);
        return result.DeletedCount == 1;
    }

    public async Task<int> DeleteAllAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var result = await _profiles.DeleteManyAsync(Filter.Eq(x => x.AccountId, accountId), cancellationToken).ConfigureAwait(false);
        return (int)result.DeletedCount;
    }

    /// <summary>The profile, only if the account owns it.</summary>
    internal static FilterDefinition<MongoBirthProfileDocument> Owned(string accountId, string profileId) =>
        Filter.Eq(x => x.Id, profileId) & Filter.Eq(x => x.AccountId, accountId);

    internal static UpdateDefinition<MongoBirthProfileDocument> DetailsUpdate(BirthDetails details, DateTime now) =>
        Builders<MongoBirthProfileDocument>.Update
            .Set(x => x.Label, details.Label)
            .Set(x => x.Name, details.Name)
            .Set(x => x.Date, details.Date)
            .Set(x => x.Time, details.Time)
            .Set(x => x.TimeKnown, details.TimeKnown)
            .Set(x => x.PlaceId, details.PlaceId)
            .Set(x => x.Latitude, details.Latitude)
            .Set(x => x.Longitude, details.Longitude)
            .Set(x => x.TimeZone, details.TimeZone)
            .Set(x => x.UtcOffset, details.UtcOffset)
            .Set(x => x.UpdatedAt, now);

    private static void Fill(MongoBirthProfileDocument document, BirthDetails details, DateTime now)
    {
        document.Label = details.Label;
        document.Name = details.Name;
        document.Date = details.Date;
        document.Time = details.Time;
        document.TimeKnown = details.TimeKnown;
        document.PlaceId = details.PlaceId;
        document.Latitude = details.Latitude;
        document.Longitude = details.Longitude;
        document.TimeZone = details.TimeZone;
        document.UtcOffset = details.UtcOffset;
        document.UpdatedAt = now;
    }

    private static BirthProfile ToProfile(MongoBirthProfileDocument d) => new(
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
