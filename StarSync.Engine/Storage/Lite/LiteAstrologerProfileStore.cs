using LiteDB;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrologers;

namespace StarSync.Engine.Storage.Lite;

/// <summary>
/// <see cref="IAstrologerProfileStore"/> on the embedded LiteDB file: one document per astrologer, keyed by the
/// account id; updates are conditional <c>UpdateMany</c> calls that skip deleted profiles.
/// </summary>
public sealed class LiteAstrologerProfileStore : IAstrologerProfileStore
{
    internal const string Collection = "astrologerProfiles";

    private static readonly string Deleted = StoredName.Of(AccountStatus.Deleted);

    private readonly ILiteCollection<LiteAstrologerProfileDocument> _profiles;
    private readonly TimeProvider _clock;

    /// <summary>Opens the collection and ensures its indexes (status, folded name).</summary>
    public LiteAstrologerProfileStore(LiteStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        // Map the type once here, on one thread (see LiteDocuments.CreateMapper for why).
        _ = store.Database.Mapper.ToDocument(new LiteAstrologerProfileDocument());
        _profiles = store.Database.GetCollection<LiteAstrologerProfileDocument>(Collection);
        _profiles.EnsureIndex(x => x.Status);
        _profiles.EnsureIndex(x => x.NameKey);
    }

    public Task<AstrologerProfile?> CreateAsync(string accountId, AstrologerDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentNullException.ThrowIfNull(details);
        var clean = details.Normalized();
        cancellationToken.ThrowIfCancellationRequested();
        var now = StoredTime.From(_clock.GetUtcNow());
        var document = new LiteAstrologerProfileDocument { Id = accountId, Status = StoredName.Of(AccountStatus.Active), CreatedAt = now };
        Fill(document, clean, now);
        try
        {
            _profiles.Insert(document);
            return Task.FromResult<AstrologerProfile?>(ToProfile(document));
        }
        catch (LiteException e) when (LiteCollections.IsDuplicateKey(e))
        {
            return Task.FromResult<AstrologerProfile?>(null);
        }
    }

    public Task<AstrologerProfile?> FindAsync(string accountId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var document = _profiles.FindById(accountId);
        return Task.FromResult(document is null ? null : ToProfile(document));
    }

    public Task<bool> UpdateAsync(string accountId, AstrologerDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        var d = details.Normalized();
        cancellationToken.ThrowIfCancellationRequested();
        var now = StoredTime.From(_clock.GetUtcNow());
        var languages = d.Languages.ToList();
        var expertise = d.Expertise.ToList();
        var languageKeys = Keys(languages);
        var expertiseKeys = Keys(expertise);
        var nameKey = d.DisplayName.ToLowerInvariant();
        var changed = _profiles.UpdateMany(
            x => new LiteAstrologerProfileDocument
            {
                DisplayName = d.DisplayName,
                NameKey = nameKey,
                Languages = languages,
                LanguageKeys = languageKeys,
                Expertise = expertise,
                ExpertiseKeys = expertiseKeys,
                YearsOfExperience = d.YearsOfExperience,
                Bio = d.Bio,
                MinRatePerMinute = d.MinRatePerMinute,
                MaxRatePerMinute = d.MaxRatePerMinute,
                RatePerMinute = d.RatePerMinute,
                UpdatedAt = now,
            },
            x => x.Id == accountId && x.Status != Deleted);
        return Task.FromResult(changed == 1);
    }

    public Task<AvatarChange> SetPhotoAsync(string accountId, AccountAvatar? photo, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Read-then-conditional-write on the old key, so the replaced photo reported is the one this write removed.
        while (true)
        {
            var current = _profiles.FindById(accountId);
            if (current is null || current.Status == Deleted)
            {
                return Task.FromResult(new AvatarChange(false, null));
            }

            var oldKey = current.PhotoKey;
            var now = StoredTime.From(_clock.GetUtcNow());
            var newUrl = photo?.Url;
            var newKey = photo?.Key;
            var changed = _profiles.UpdateMany(
                x => new LiteAstrologerProfileDocument { PhotoUrl = newUrl, PhotoKey = newKey, UpdatedAt = now },
                x => x.Id == accountId && x.PhotoKey == oldKey && x.Status != Deleted);
            if (changed == 1)
            {
                var replaced = current.PhotoUrl is { } url && oldKey is { } key ? new AccountAvatar(url, key) : null;
                return Task.FromResult(new AvatarChange(true, replaced));
            }
        }
    }

    public Task<bool> SetStatusAsync(string accountId, AccountStatus status, CancellationToken cancellationToken = default)
    {
        if (status == AccountStatus.Deleted)
        {
            throw new ArgumentException("Use ScrubAsync to delete a profile.", nameof(status));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var stored = StoredName.Of(status);
        var now = StoredTime.From(_clock.GetUtcNow());
        var changed = _profiles.UpdateMany(x => new LiteAstrologerProfileDocument { Status = stored, UpdatedAt = now }, x => x.Id == accountId && x.Status != Deleted);
        return Task.FromResult(changed == 1);
    }

    public Task<AstrologerProfile?> ScrubAsync(string accountId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var before = _profiles.FindById(accountId);
        if (before is null || before.Status == Deleted)
        {
            return Task.FromResult<AstrologerProfile?>(null);
        }

        var name = AstrologerProfile.AnonymisedName(accountId);
        var nameKey = name.ToLowerInvariant();
        var empty = new List<string>();
        string? none = null;
        var now = StoredTime.From(_clock.GetUtcNow());
        var changed = _profiles.UpdateMany(
            x => new LiteAstrologerProfileDocument
            {
                DisplayName = name,
                NameKey = nameKey,
                Languages = empty,
                LanguageKeys = empty,
                Expertise = empty,
                ExpertiseKeys = empty,
                YearsOfExperience = 0,
                Bio = "",
                PhotoUrl = none,
                PhotoKey = none,
                Status = Deleted,
                UpdatedAt = now,
            },
            x => x.Id == accountId && x.Status != Deleted);
        return Task.FromResult(changed == 1 ? ToProfile(before) : null);
    }

    public Task<Page<AstrologerProfile>> ListAsync(AstrologerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Paging.Require(query.Skip, query.Take);
        cancellationToken.ThrowIfCancellationRequested();
        var found = _profiles.Query();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            found = found.Where(BsonExpression.Create("INDEXOF($.NameKey, @0) >= 0", query.Search.Trim().ToLowerInvariant()));
        }

        if (query.Status is { } status)
        {
            var stored = StoredName.Of(status);
            found = found.Where(x => x.Status == stored);
        }

        if (!string.IsNullOrWhiteSpace(query.Language))
        {
            found = found.Where(BsonExpression.Create("$.LanguageKeys[*] ANY = @0", query.Language.Trim().ToLowerInvariant()));
        }

        if (!string.IsNullOrWhiteSpace(query.Expertise))
        {
            found = found.Where(BsonExpression.Create("$.ExpertiseKeys[*] ANY = @0", query.Expertise.Trim().ToLowerInvariant()));
        }

        var total = found.LongCount();
        var items = found.OrderBy(x => x.NameKey).Skip(query.Skip).Limit(query.Take).ToList();
        return Task.FromResult(new Page<AstrologerProfile>(items.ConvertAll(ToProfile), total, query.Skip, query.Take));
    }

    private static List<string> Keys(List<string> values) => values.ConvertAll(v => v.ToLowerInvariant());

    private static void Fill(LiteAstrologerProfileDocument document, AstrologerDetails d, DateTime now)
    {
        document.DisplayName = d.DisplayName;
        document.NameKey = d.DisplayName.ToLowerInvariant();
        document.Languages = [.. d.Languages];
        document.LanguageKeys = Keys(document.Languages);
        document.Expertise = [.. d.Expertise];
        document.ExpertiseKeys = Keys(document.Expertise);
        document.YearsOfExperience = d.YearsOfExperience;
        document.Bio = d.Bio;
        document.MinRatePerMinute = d.MinRatePerMinute;
        document.MaxRatePerMinute = d.MaxRatePerMinute;
        document.RatePerMinute = d.RatePerMinute;
        document.UpdatedAt = now;
    }

    private static AstrologerProfile ToProfile(LiteAstrologerProfileDocument d) => new()
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

internal sealed class LiteAstrologerProfileDocument
{
    // The astrologer's account id.
    public string Id { get; set; } = "";

    public string DisplayName { get; set; } = "";

    // Lower-cased copies for case-insensitive search, filters and ordering.
    public string NameKey { get; set; } = "";

    public List<string> Languages { get; set; } = [];

    public List<string> LanguageKeys { get; set; } = [];

    public List<string> Expertise { get; set; } = [];

    public List<string> ExpertiseKeys { get; set; } = [];

    public int YearsOfExperience { get; set; }

    public string Bio { get; set; } = "";

    public long MinRatePerMinute { get; set; }

    public long MaxRatePerMinute { get; set; }

    public long RatePerMinute { get; set; }

    public string? PhotoUrl { get; set; }

    public string? PhotoKey { get; set; }

    public string Status { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
