using StarSync.Engine.Reviews;

namespace StarSync.Engine.Storage;

/// <summary>A report to store. Who may report what is the caller's rule (the web's moderation service).</summary>
public sealed record NewReport
{
    public required ReportKind Kind { get; init; }

    /// <summary>Required for a review report.</summary>
    public string? ReviewId { get; init; }

    public required string ConsultationId { get; init; }

    /// <summary>Required for a message report: the message's number (from 1).</summary>
    public long? Seq { get; init; }

    public required string ReporterId { get; init; }

    /// <summary>Plain text; stored trimmed, 1–<see cref="ReportRules.MaxReasonLength"/> characters.</summary>
    public required string Reason { get; init; }
}

/// <summary>A filter over reports: open ones first, then newest first.</summary>
public sealed record ReportQuery
{
    public ReportStatus? Status { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 50;
}

/// <summary>Reports of abusive reviews and chat messages.</summary>
/// <remarks>
/// Atomicity: <see cref="CreateAsync"/> is an insert on a unique (target, reporter) key, so a reporter reports one
/// target once, also under a race. <see cref="ResolveAsync"/> is one conditional update (only while open), so of two
/// admins resolving at once exactly one does it.
/// </remarks>
public interface IReportStore
{
    /// <summary>Stores the report (open, created now); null when this reporter already reported this target.</summary>
    /// <exception cref="ArgumentException">The reason is empty or too long, or the target is incomplete.</exception>
    Task<Report?> CreateAsync(NewReport report, CancellationToken cancellationToken = default);

    Task<Report?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Reports matching <paramref name="query"/>: open before resolved, then newest first.</summary>
    Task<Page<Report>> ListAsync(ReportQuery query, CancellationToken cancellationToken = default);

    /// <summary>Marks an open report resolved by <paramref name="adminId"/> now; null when there is none or it was already resolved.</summary>
    Task<Report?> ResolveAsync(string id, string adminId, CancellationToken cancellationToken = default);
}

/// <summary>What both adapters do identically.</summary>
internal static class ReportDocuments
{
    public static Report New(NewReport report, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(report.ConsultationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(report.ReporterId);
        switch (report.Kind)
        {
            case ReportKind.Review when string.IsNullOrWhiteSpace(report.ReviewId):
                throw new ArgumentException("A review report names the review.", nameof(report));
            case ReportKind.Message when report.Seq is not >= 1:
                throw new ArgumentException("A message report names the message's number (from 1).", nameof(report));
        }

        var reason = ReportRules.NormalizeReason(report.Reason)
            ?? throw new ArgumentException($"A reason has 1–{ReportRules.MaxReasonLength} characters after trimming.", nameof(report));
        return new Report
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()).ToString("N"),
            Kind = report.Kind,
            ReviewId = report.Kind == ReportKind.Review ? report.ReviewId : null,
            ConsultationId = report.ConsultationId,
            Seq = report.Kind == ReportKind.Message ? report.Seq : null,
            ReporterId = report.ReporterId,
            Reason = reason,
            Status = ReportStatus.Open,
            CreatedAt = StoredTime.Now(clock),
        };
    }

    /// <summary>The unique key: one report per target per reporter.</summary>
    public static string Dedup(Report r) => r.Target + "|" + r.ReporterId;
}
