using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using NodaTime;
using StarSync.Engine.Astrology.Horoscope;

namespace StarSync.Engine.Storage.Mongo;

/// <summary><see cref="IHoroscopeStore"/> on MongoDB; the key "{date}/{sign}" is the _id, so an upsert is one ReplaceOne.</summary>
public sealed class MongoHoroscopeStore(MongoStore store, TimeProvider clock) : IHoroscopeStore
{
    private static readonly FilterDefinitionBuilder<MongoHoroscopeDocument> Filter = Builders<MongoHoroscopeDocument>.Filter;

    private readonly IMongoCollection<MongoHoroscopeDocument> _horoscopes = (store ?? throw new ArgumentNullException(nameof(store))).Horoscopes;
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    public async Task<DailyHoroscope?> FindAsync(int sign, LocalDate day, CancellationToken cancellationToken = default)
    {
        var document = await _horoscopes.Find(ById(sign, day)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return document is null ? null : ToHoroscope(document);
    }

    public async Task UpsertAsync(DailyHoroscope horoscope, CancellationToken cancellationToken = default)
    {
        HoroscopeRecords.Validate(horoscope);
        var document = ToDocument(horoscope, StoredTime.From(_clock.GetUtcNow()));
        await _horoscopes.ReplaceOneAsync(Filter.Eq(x => x.Id, document.Id), document, new ReplaceOptions { IsUpsert = true }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlySet<int>> SignsStoredAsync(LocalDate day, int rulesVersion, CancellationToken cancellationToken = default)
    {
        var signs = await _horoscopes.Find(OfDate(day, rulesVersion)).Project(x => x.Sign).ToListAsync(cancellationToken).ConfigureAwait(false);
        return signs.ToHashSet();
    }

    public async Task<int> PurgeBeforeAsync(LocalDate day, CancellationToken cancellationToken = default)
    {
        var result = await _horoscopes.DeleteManyAsync(Before(day), cancellationToken).ConfigureAwait(false);
        return (int)result.DeletedCount;
    }

    internal static FilterDefinition<MongoHoroscopeDocument> ById(int sign, LocalDate date) => Filter.Eq(x => x.Id, HoroscopeRecords.Key(sign, date));

    internal static FilterDefinition<MongoHoroscopeDocument> OfDate(LocalDate date, int rulesVersion) =>
        Filter.Eq(x => x.Date, HoroscopeRecords.DateText(date)) & Filter.Eq(x => x.RulesVersion, rulesVersion);

    internal static FilterDefinition<MongoHoroscopeDocument> Before(LocalDate date) => Filter.Lt(x => x.Date, HoroscopeRecords.DateText(date));

    private static MongoHoroscopeDocument ToDocument(DailyHoroscope h, DateTime now) => new()
    {
        Id = HoroscopeRecords.Key(h.Sign, h.Date),
        Sign = h.Sign,
        Date = HoroscopeRecords.DateText(h.Date),
        Love = h.Scores.Love,
        Career = h.Scores.Career,
        Money = h.Scores.Money,
        Health = h.Scores.Health,
        Headline = h.Headline,
        Text = h.Text,
        Reasons = [.. h.Reasons.Select(r => new MongoHoroscopeReasonDocument { Area = StoredName.Of(r.Area), Statement = r.Statement, Because = r.Because })],
        TextStatements = h.TextStatements,
        RulesVersion = h.RulesVersion,
        ComputedAt = now,
    };

    private static DailyHoroscope ToHoroscope(MongoHoroscopeDocument d) => new(
        d.Sign,
        HoroscopeRecords.ParseDate(d.Date),
        new HoroscopeScores(d.Love, d.Career, d.Money, d.Health),
        d.Headline,
        d.Text,
        [.. d.Reasons.Select(r => new HoroscopeReason(StoredName.Parse<HoroscopeArea>(r.Area), r.Statement, r.Because))],
        d.TextStatements,
        d.RulesVersion);
}

[BsonIgnoreExtraElements]
internal sealed class MongoHoroscopeDocument
{
    // "{date}/{sign}".
    [BsonId]
    public string Id { get; set; } = "";

    [BsonElement("sign")]
    public int Sign { get; set; }

    // YYYY-MM-DD: sorts as the date does.
    [BsonElement("date")]
    public string Date { get; set; } = "";

    [BsonElement("love")]
    public int Love { get; set; }

    [BsonElement("career")]
    public int Career { get; set; }

    [BsonElement("money")]
    public int Money { get; set; }

    [BsonElement("health")]
    public int Health { get; set; }

    [BsonElement("headline")]
    public string Headline { get; set; } = "";

    [BsonElement("text")]
    public string Text { get; set; } = "";

    [BsonElement("reasons")]
    public List<MongoHoroscopeReasonDocument> Reasons { get; set; } = [];

    [BsonElement("textStatements")]
    public int TextStatements { get; set; }

    [BsonElement("rulesVersion")]
    public int RulesVersion { get; set; }

    [BsonElement("computedAt")]
    public DateTime ComputedAt { get; set; }
}

[BsonIgnoreExtraElements]
internal sealed class MongoHoroscopeReasonDocument
{
    [BsonElement("area")]
    public string Area { get; set; } = "";

    [BsonElement("statement")]
    public string Statement { get; set; } = "";

    [BsonElement("because")]
    public string Because { get; set; } = "";
}
