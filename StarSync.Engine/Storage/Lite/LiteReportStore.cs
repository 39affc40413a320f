using LiteDB;
using StarSync.Engine.Reviews;

namespace StarSync.Engine.Storage.Lite;

/// <summary>
/// <see cref="IReportStore"/> on the embedded LiteDB file: one document per report, a unique index on
/// "target|reporter" (one report per reporter per target), and resolution as one conditional <c>UpdateMany</c>.
/// </summary>
public sealed class LiteReportStore : IReportStore
{
    internal const string Collection = "reports";

    private readonly ILiteCollection<LiteReportDocument> _reports;
    private readonly TimeProvider _clock;

    /// <summary>Opens the collection and ensures the indexes (unique target and reporter, status).</summary>
    public LiteReportStore(LiteStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _ = store.Database.Mapper.ToDocument(new LiteReportDocument());
        _reports = store.Database.GetCollection<LiteReportDocument>(Collection);
        _reports.EnsureIndex(x => x.Dedup, unique: true);
        _reports.EnsureIndex(x => x.Status);
    }

    public Task<Report?> CreateAsync(NewReport report, CancellationToken cancellationToken = default)
    {
        var created = ReportDocuments.New(report, _clock);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            _reports.Insert(ToDocument(created));
            return Task.FromResult<Report?>(created);
        }
        catch (LiteException e) when (LiteCollections.IsDuplicateKey(e))
        {
            return Task.FromResult<Report?>(null);
        }
    }

    public Task<Report?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_reports.FindById(id) is { } d ? ToReport(d) : null);
    }

    public Task<Page<Report>> ListAsync(ReportQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Paging.Require(query.Skip, query.Take);
        cancellationToken.ThrowIfCancellationRequested();
        if (query.Status is { } status)
        {
            var (items, total) = Slice(status, query.Skip, query.Take);
            return Task.FromResult(new Page<Report>(items, total, query.Skip, query.Take));
        }

        // Open first, then resolved: the page may straddle the two.
        var (open, openTotal) = Slice(ReportStatus.Open, query.Skip, query.Take);
        var resolvedSkip = (int)Math.Max(0, query.Skip - openTotal);
        var (resolved, resolvedTotal) = open.Count < query.Take
            ? Slice(ReportStatus.Resolved, resolvedSkip, query.Take - open.Count)
            : ([], _reports.LongCount(x => x.Status == ResolvedName));
        return Task.FromResult(new Page<Report>([.. open, .. resolved], openTotal + resolvedTotal, query.Skip, query.Take));
    }

    private static readonly string ResolvedName = StoredName.Of(ReportStatus.Resolved);

    // Ids are version-7 GUIDs, so descending id is newest first.
    private (List<Report> Items, long Total) Slice(ReportStatus status, int skip, int take)
    {
        var stored = StoredName.Of(status);
        var found = _reports.Query().Where(x => x.Status == stored);
        var total = found.LongCount();
        var items = take == 0 ? [] : found.OrderByDescending(x => x.Id).Skip(skip).Limit(take).ToList();
        return (items.ConvertAll(ToReport), total);
    }

    public Task<Report?> ResolveAsync(string id, string adminId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(adminId);
        cancellationToken.ThrowIfCancellationRequested();
        DateTime? now = StoredTime.From(_clock.GetUtcNow());
        var open = StoredName.Of(ReportStatus.Open);
        var resolved = StoredName.Of(ReportStatus.Resolved);
        var changed = _reports.UpdateMany(
            x => new LiteReportDocument { Status = resolved, ResolvedAt = now, ResolvedBy = adminId },
            x => x.Id == id && x.Status == open);
        return Task.FromResult(changed == 1 ? ToReport(_reports.FindById(id)) : null);
    }

    private static LiteReportDocument ToDocument(Report r) => new()
    {
        Id = r.Id,
        Dedup = ReportDocuments.Dedup(r),
        Kind = StoredName.Of(r.Kind),
        ReviewId = r.ReviewId,
        ConsultationId = r.ConsultationId,
        Seq = r.Seq,
        ReporterId = r.ReporterId,
        Reason = r.Reason,
        Status = StoredName.Of(r.Status),
        CreatedAt = StoredTime.From(r.CreatedAt),
        ResolvedAt = StoredTime.From(r.ResolvedAt),
        ResolvedBy = r.ResolvedBy,
    };

    private static Report ToReport(LiteReportDocument d) => new()
    {
        Id = d.Id,
        Kind = StoredName.Parse<ReportKind>(d.Kind),
        ReviewId = d.ReviewId,
        ConsultationId = d.ConsultationId,
        Seq = d.Seq,
        ReporterId = d.ReporterId,
        Reason = d.Reason,
        Status = StoredName.Parse<ReportStatus>(d.Status),
        CreatedAt = StoredTime.Read(d.CreatedAt),
        ResolvedAt = StoredTime.Read(d.ResolvedAt),
        ResolvedBy = d.ResolvedBy,
    };
}

internal sealed class LiteReportDocument
{
    public string Id { get; set; } = "";

    // "<target>|<reporter>": unique, so a reporter reports a target once.
    public string Dedup { get; set; } = "";

    public string Kind { get; set; } = "";

    public string? ReviewId { get; set; }

    public string ConsultationId { get; set; } = "";

    public long? Seq { get; set; }

    public string ReporterId { get; set; } = "";

    public string Reason { get; set; } = "";

    public string Status { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }
}
