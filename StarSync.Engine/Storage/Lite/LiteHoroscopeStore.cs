using LiteDB;
using NodaTime;
using StarSync.Engine.Astrology.Horoscope;

namespace StarSync.Engine.Storage.Lite;

/// <summary><see cref="IHoroscopeStore"/> on the embedded LiteDB file; the key "{date}/{sign}" is the document id.</summary>
public sealed class LiteHoroscopeStore : IHoroscopeStore
{
    private readonly ILiteCollection<LiteHoroscopeDocument> _horoscopes;
    private readonly TimeProvider _clock;

    /// <summary>Opens the collection and ensures its index (date).</summary>
    public LiteHoroscopeStore(LiteStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _horoscopes = store.Database.GetCollection<LiteHoroscopeDocument>(LiteCollections.Horoscopes);
        _horoscopes.EnsureIndex(x => x.Date);
    }

    public Task<DailyHoroscope?> FindAsync(int sign, LocalDate day, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var document = _horoscopes.FindById(HoroscopeRecords.Key(sign, day));
        return Task.FromResult(document is null ? null : ToHoroscope(document));
    }

    public Task UpsertAsync(DailyHoroscope horoscope, CancellationToken cancellationToken = default)
    {
        HoroscopeRecords.Validate(horoscope);
        cancellationToken.ThrowIfCancellationRequested();
        _horoscopes.Upsert(ToDocument(horoscope, StoredTime.From(_clock.GetUtcNow())));
        return Task.CompletedTask;
    }

    public Task<IReadOnlySet<int>> SignsStoredAsync(LocalDate day, int rulesVersion, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var text = HoroscopeRecords.DateText(day);
        IReadOnlySet<int> signs = _horoscopes.Query().Where(x => x.Date == text && x.RulesVersion == rulesVersion).Select(x => x.Sign).ToList().ToHashSet();
        return Task.FromResult(signs);
    }

    public Task<int> PurgeBeforeAsync(LocalDate day, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var text = HoroscopeRecords.DateText(day);
        return Task.FromResult(_horoscopes.DeleteMany(Query.LT(nameof(LiteHoroscopeDocument.Date), text)));
    }

    private static LiteHoroscopeDocument ToDocument(DailyHoroscope h, DateTime now) => new()
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
        Reasons = [.. h.Reasons.Select(r => new LiteHoroscopeReasonDocument { Area = StoredName.Of(r.Area), Statement = r.Statement, Because = r.Because })],
        TextStatements = h.TextStatements,
        RulesVersion = h.RulesVersion,
        ComputedAt = now,
    };

    private static DailyHoroscope ToHoroscope(LiteHoroscopeDocument d) => new(
        d.Sign,
        HoroscopeRecords.ParseDate(d.Date),
        new HoroscopeScores(d.Love, d.Career, d.Money, d.Health),
        d.Headline,
        d.Text,
        [.. d.Reasons.Select(r => new HoroscopeReason(StoredName.Parse<HoroscopeArea>(r.Area), r.Statement, r.Because))],
        d.TextStatements,
        d.RulesVersion);
}

internal sealed class LiteHoroscopeDocument
{
    // "{date}/{sign}".
    public string Id { get; set; } = "";

    public int Sign { get; set; }

    // YYYY-MM-DD: sorts as the date does.
    public string Date { get; set; } = "";

    public int Love { get; set; }

    public int Career { get; set; }

    public int Money { get; set; }

    public int Health { get; set; }

    public string Headline { get; set; } = "";

    public string Text { get; set; } = "";

    public List<LiteHoroscopeReasonDocument> Reasons { get; set; } = [];

    public int TextStatements { get; set; }

    public int RulesVersion { get; set; }

    public DateTime ComputedAt { get; set; }
}

internal sealed class LiteHoroscopeReasonDocument
{
    public string Area { get; set; } = "";

    public string Statement { get; set; } = "";

    public string Because { get; set; } = "";
}
