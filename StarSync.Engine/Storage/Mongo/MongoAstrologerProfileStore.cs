using System.Text.RegularExpressions;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrologers;

namespace StarSync.Engine.Storage.Mongo;

/// <summary>
/// <see cref="IAstrologerProfileStore"/> on MongoDB: one document per astrologer with the account id as <c>_id</c>;
/// every update is one <c>UpdateOne</c> that skips deleted profiles.
/// </summary>
public sealed class MongoAstrologerProfileStore(MongoStore store, TimeProvider clock) : IAstrologerProfileStore
{
    internal const string CollectionName = "astrologerProfiles";

    private static readonly FilterDefinitionBuilder<MongoAstrologerProfileDocument> Filter = Builders<MongoAstrologerProfileDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<MongoAstrologerProfileDocument> Update = Builders<MongoAstrologerProfileDocument>.Update;
    private static readonly string Deleted = StoredName.Of(AccountStatus.Deleted);

    private readonly IMongoCollection<MongoAstrologerProfileDocument> _profiles = Collection(store ?? throw new ArgumentNullException(nameof(store)));
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    internal static IMongoCollection<MongoAstrologerProfileDocument> Collection(MongoStore store) =>
        store.Database.GetCollection<MongoAstrologerProfileDocument>(CollectionName);

    internal static CreateIndexModel<MongoAstrologerProfileDocument>[] Indexes { get; } =
    [
        new(Builders<MongoAstrologerProfileDocument>.IndexKeys.Ascending(x => x.Status).Ascending(x => x.NameKey), new CreateIndexOptions { Name = "status_name" }),
        new(Builders<MongoAstrologerProfileDocument>.IndexKeys.Ascending(x => x.LanguageKeys), new CreateIndexOptions { Name = "languages" }),
        new(Builders<MongoAstrologerProfileDocument>.IndexKeys.Ascending(x => x.ExpertiseKeys), new CreateIndexOptions { Name = "expertise" }),
    ];

    public async Task<AstrologerProfile?> CreateAsync(string accountId, AstrologerDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentNullException.ThrowIfNull(details);
        var d = details.Normalized();
        var now = StoredTime.From(_clock.GetUtcNow());
        var document = new MongoAstrologerProfileDocument
        {
            Id = accountId,
            DisplayName = d.DisplayName,
            NameKey = d.DisplayName.ToLowerInvariant(),
            Languages = [.. d.Languages],
            LanguageKeys = [.. d.Languages.Select(l => l.ToLowerInvariant())],
            Expertise = [.. d.Expertise],
            ExpertiseKeys = [.. d.Expertise.Select(e => e.ToLowerInvariant())],
            YearsOfExperience = d.YearsOfExperience,
            Bio = d.Bio,
            MinRatePerMinute = d.MinRatePerMinute,
            MaxRatePerMinute = d.MaxRatePerMinute,
            RatePerMinute = d.RatePerMinute,
            Status = StoredName.Of(AccountStatus.Active),
            CreatedAt = now,
            UpdatedAt = now,
        };
        try
        {
            await _profiles.InsertOneAsync(document, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ToProfile(document);
        }
        catch (MongoWriteException e) when (MongoCollections.IsDuplicateKey(e))
        {
            return null;
        }
    }

    public async Task<AstrologerProfile?> FindAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var document = await _profiles.Find(Filter.Eq(x => x.Id, accountId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return document is null ? null : ToProfile(document);
    }

    public async Task<bool> UpdateAsync(string accountId, AstrologerDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        var result = await _profiles.UpdateOneAsync(Live(accountId), DetailsUpdate(details.Normalized(), StoredTime.From(_clock.GetUtcNow())), cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.MatchedCount == 1;
    }

    public async Task<AvatarChange> SetPhotoAsync(string accountId, AccountAvatar? photo, CancellationToken cancellationToken = default)
    {
        // FindOneAndUpdate returns the document as it was, so the replaced photo is the one this write removed.
        var before = await _profiles.FindOneAndUpdateAsync(
            Live(accountId),
            Update.Set(x => x.PhotoUrl, photo?.Url).Set(x => x.PhotoKey, photo?.Key).Set(x => x.UpdatedAt, StoredTime.From(_clock.GetUtcNow())),
            new FindOneAndUpdateOptions<MongoAstrologerProfileDocument> { ReturnDocument = ReturnDocument.Before },
            cancellationToken).ConfigureAwait(false);
        return before is null
            ? new AvatarChange(false, null)
            : new AvatarChange(true, before.PhotoUrl is { } url && before.PhotoKey is { } key ? new AccountAvatar(url, key) : null);
    }

    public async Task<bool> SetStatusAsync(string accountId, AccountStatus status, CancellationToken cancellationToken = default)
    {
        if (status == AccountStatus.Deleted)
        {
            throw new ArgumentException("Use ScrubAsync to delete a profile.", nameof(status));
        }

        var result = await _profiles.UpdateOneAsync(
            Live(accountId),
            Update.Set(x => x.Status, StoredName.Of(status)).Set(x => x.UpdatedAt, StoredTime.From(_clock.GetUtcNow())),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.MatchedCount == 1;
    }

    public async Task<AstrologerProfile?> ScrubAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var before = await _profiles.FindOneAndUpdateAsync(
            Live(accountId),
            ScrubUpdate(accountId, StoredTime.From(_clock.GetUtcNow())),
            new FindOneAndUpdateOptions<MongoAstrologerProfileDocument> { ReturnDocument = ReturnDocument.Before },
            cancellationToken).ConfigureAwait(false);
        return before is null ? null : ToProfile(before);
    }

    public async Task<Page<AstrologerProfile>> ListAsync(AstrologerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Paging.Require(query.Skip, query.Take);
        var filter = QueryFilter(query);
        var total = await _profiles.CountDocumentsAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false);
        var documents = await _profiles.Find(filter)
            .Sort(Builders<MongoAstrologerProfileDocument>.Sort.Ascending(x => x.NameKey).Ascending(x => x.Id))
            .Skip(query.Skip).Limit(query.Take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Page<AstrologerProfile>(documents.ConvertAll(ToProfile), total, query.Skip, query.Take);
    }

    /// <summary>The profile, unless it is deleted.</summary>
    internal static FilterDefinition<MongoAstrologerProfileDocument> Live(string accountId) =>
        Filter.Eq(x => x.Id, accountId) & Filter.Ne(x => x.Status, Deleted);

    internal static FilterDefinition<MongoAstrologerProfileDocument> QueryFilter(AstrologerQuery query)
    {
        var filter = Filter.Empty;
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            filter &= Filter.Regex(x => x.NameKey, new BsonRegularExpression(Regex.Escape(query.Search.Trim().ToLowerInvariant())));
        }

        if (query.Status is { } status)
        {
            filter &= Filter.Eq(x => x.Status, StoredName.Of(status));
        }

        if (!string.IsNullOrWhiteSpace(query.Language))
        {
            filter &= Filter.AnyEq(x => x.LanguageKeys, query.Language.Trim().ToLowerInvariant());
        }

        if (!string.IsNullOrWhiteSpace(query.Expertise))
        {
            filter &= Filter.AnyEq(x => x.ExpertiseKeys, query.Expertise.Trim().ToLowerInvariant());
        }

        return filter;
    }

    internal static UpdateDefinition<MongoAstrologerProfileDocument> DetailsUpdate(AstrologerDetails d, DateTime now) => Update
        .Set(x => x.DisplayName, d.DisplayName)
        .Set(x => x.NameKey, d.DisplayName.ToLowerInvariant())
        .Set(x => x.Languages, [.. d.Languages])
        .Set(x => x.LanguageKeys, [.. d.Languages.Select(l => l.ToLowerInvariant())])
        .Set(x => x.Expertise, [.. d.Expertise])
        .Set(x => x.ExpertiseKeys, [.. d.Expertise.Select(e => e.ToLowerInvariant())])
        .Set(x => x.YearsOfExperience, d.YearsOfExperience)
        .Set(x => x.Bio, d.Bio)
        .Set(x => x.MinRatePerMinute, d.MinRatePerMinute)
        .Set(x => x.MaxRatePerMinute, d.MaxRatePerMinute)
        .Set(x => x.RatePerMinute, d.RatePerMinute)
        .Set(x => x.UpdatedAt, now);

    internal static UpdateDefinition<MongoAstrologerProfileDocument> ScrubUpdate(string accountId, DateTime now)
    {
        var name = AstrologerProfile.AnonymisedName(accountId);
        return Update
            .Set(x => x.DisplayName, name)
            .Set(x => x.NameKey, name.ToLowerInvariant())
            .Set(x => x.Languages, [])
            .Set(x => x.LanguageKeys, [])
            .Set(x => x.Expertise, [])
            .Set(x => x.ExpertiseKeys, [])
            .Set(x => x.YearsOfExperience, 0)
            .Set(x => x.Bio, "")
            .Set(x => x.PhotoUrl, null)
            .Set(x => x.PhotoKey, null)
            .Set(x => x.Status, Deleted)
            .Set(x => x.UpdatedAt, now);
    }

    private static AstrologerProfile ToProfile(MongoAstrologerProfileDocument d) => new()
    {
        AccountId = d.Id,
        Details = new AstrologerDetails
        {
            DisplayName = d.DisplayName,
            Languages = d.Languages,
            Expertise = d.Expertise,
            YearsOfExperience = d.YearsOfExperience,
            Bio = d.Bio,
            MinRatePerMinute = d.MinRatePerMinute,
            MaxRatePerMinute = d.MaxRatePerMinute,
            RatePerMinute = d.RatePerMinute,
        },
        Photo = d.PhotoUrl is { } url && d.PhotoKey is { } key ? new AccountAvatar(url, key) : null,
        Status = StoredName.Parse<AccountStatus>(d.Status),
        CreatedAt = StoredTime.Read(d.CreatedAt),
        UpdatedAt = StoredTime.Read(d.UpdatedAt),
    };
}

[BsonIgnoreExtraElements]
internal sealed class MongoAstrologerProfileDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    [BsonElement("displayName")]
    public string DisplayName { get; set; } = "";

    // Lower-cased copies for case-insensitive search, filters and ordering.
    [BsonElement("nameKey")]
    public string NameKey { get; set; } = "";

    [BsonElement("languages")]
    public List<string> Languages { get; set; } = [];

    [BsonElement("languageKeys")]
    public List<string> LanguageKeys { get; set; } = [];

    [BsonElement("expertise")]
    public List<string> Expertise { get; set; } = [];

    [BsonElement("expertiseKeys")]
    public List<string> ExpertiseKeys { get; set; } = [];

    [BsonElement("yearsOfExperience")]
    public int YearsOfExperience { get; set; }

    [BsonElement("bio")]
    public string Bio { get; set; } = "";

    [BsonElement("minRatePerMinute")]
    public long MinRatePerMinute { get; set; }

    [BsonElement("maxRatePerMinute")]
    public long MaxRatePerMinute { get; set; }

    [BsonElement("ratePerMinute")]
    public long RatePerMinute { get; set; }

    [BsonElement("photoUrl")]
    public string? PhotoUrl { get; set; }

    [BsonElement("photoKey")]
    public string? PhotoKey { get; set; }

    [BsonElement("status")]
    public string Status { get; set; } = "";

    [BsonElement("createdAt")]
    public DateTime CreatedAt { get; set; }

    [BsonElement("updatedAt")]
    public DateTime UpdatedAt { get; set; }
}
