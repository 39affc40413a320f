using System.Globalization;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrologers;
using StarSync.Engine.Consultations;
using StarSync.Engine.Reviews;
using StarSync.Engine.Storage;
using StarSync.Web.Reviews;

namespace StarSync.Web.Moderation;

public enum ReportOutcome
{
    Done,

    /// <summary>No such target for the caller (or no such report).</summary>
    NotFound,

    /// <summary>Only the other party's messages can be reported.</summary>
    OwnMessage,

    /// <summary>This reporter already reported this target.</summary>
    AlreadyReported,

    /// <summary>The report was resolved already.</summary>
    AlreadyResolved,
}

public sealed record ReportResult(ReportOutcome Outcome, Report? Report = null);

/// <summary>A report as admins see it: who reported, and the review reported (with its author), if it is one.</summary>
public sealed record ReportView(Report Report, string ReporterName, Review? Review, string? ReviewAuthorName, string? AstrologerName);

/// <summary>
/// Reports of abusive reviews and chat messages, what admins do about them (resolve, hide a review), and admins'
/// reading of a consultation's chat, which needs a stated reason. Every one of these is written to the audit log
/// (docs/reviews.md, "Reports" and "Admins reading a chat").
/// </summary>
public sealed class ModerationService(
    IReportStore reports,
    IReviewStore reviews,
    IConsultationStore consultations,
    IConsultationMessageStore messages,
    IAstrologerProfileStore profiles,
    IAccountStore accounts,
    IAuditLog audit,
    ReviewService reviewNames)
{
    /// <summary>The most messages one admin read returns (a consultation's whole chat, in practice).</summary>
    public const int MaxChatRead = 10_000;

    /// <summary>Any signed-in account reports a visible review once.</summary>
    public async Task<ReportResult> ReportReviewAsync(string reporterId, string reviewId, string reason, CancellationToken cancellationToken = default)
    {
        var review = string.IsNullOrWhiteSpace(reviewId) ? null : await reviews.GetAsync(reviewId, cancellationToken);
        if (review is null || review.Hidden)
        {
            return new ReportResult(ReportOutcome.NotFound);
        }

        var report = await reports.CreateAsync(new NewReport
        {
            Kind = ReportKind.Review, ReviewId = review.Id, ConsultationId = review.ConsultationId, ReporterId = reporterId, Reason = reason,
        }, cancellationToken);
        if (report is null)
        {
            return new ReportResult(ReportOutcome.AlreadyReported);
        }

        await audit.AppendAsync(new NewAuditEntry("review.reported", reporterId, review.UserId,
            Invariant($"report {report.Id}: review {review.Id} of astrologer {review.AstrologerId} reported; reason: {report.Reason}")), cancellationToken);
        return new ReportResult(ReportOutcome.Done, report);
    }

    /// <summary>A party of the consultation reports a message of the other party once; for anyone else it does not exist.</summary>
    public async Task<ReportResult> ReportMessageAsync(string reporterId, string consultationId, long seq, string reason, CancellationToken cancellationToken = default)
    {
        var c = string.IsNullOrWhiteSpace(consultationId) ? null : await consultations.GetAsync(consultationId, cancellationToken);
        if (c is null || !c.IsParty(reporterId) || seq < 1)
        {
            return new ReportResult(ReportOutcome.NotFound);
        }

        var message = (await messages.ListAfterAsync(c.Id, seq - 1, 1, cancellationToken)) is [var m] && m.Seq == seq ? m : null;
        if (message is null)
        {
            return new ReportResult(ReportOutcome.NotFound);
        }

        if (message.SenderId == reporterId)
        {
            return new ReportResult(ReportOutcome.OwnMessage);
        }

        var report = await reports.CreateAsync(new NewReport { Kind = ReportKind.Message, ConsultationId = c.Id, Seq = seq, ReporterId = reporterId, Reason = reason }, cancellationToken);
        if (report is null)
        {
            return new ReportResult(ReportOutcome.AlreadyReported);
        }

        await audit.AppendAsync(new NewAuditEntry("message.reported", reporterId, message.SenderId,
            Invariant($"report {report.Id}: message {seq} of consultation {c.Id} reported; reason: {report.Reason}")), cancellationToken);
        return new ReportResult(ReportOutcome.Done, report);
    }

    /// <summary>Reports, open first then newest, with what admins need to judge them.</summary>
    public async Task<Page<ReportView>> ListAsync(ReportStatus? status, int skip, int take, CancellationToken cancellationToken = default)
    {
        var page = await reports.ListAsync(new ReportQuery { Status = status, Skip = skip, Take = take }, cancellationToken);
        var views = new List<ReportView>(page.Items.Count);
        foreach (var r in page.Items)
        {
            views.Add(await ViewAsync(r, cancellationToken));
        }

        return new Page<ReportView>(views, page.Total, page.Skip, page.Take);
    }

    /// <summary>The report with its reporter's name and, for a review report, the review and its names.</summary>
    public async Task<ReportView> ViewAsync(Report r, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        var reporter = await accounts.FindByIdAsync(r.ReporterId, cancellationToken);
        var reporterName = reporter is null || reporter.Status == AccountStatus.Deleted ? "Former account" : reporter.Name;
        if (r.ReviewId is { } reviewId && await reviews.GetAsync(reviewId, cancellationToken) is { } review)
        {
            var (author, astrologer) = await NamesOfAsync(review, cancellationToken);
            return new ReportView(r, reporterName, review, author, astrologer);
        }

        return new ReportView(r, reporterName, null, null, null);
    }

    /// <summary>The review's author as shown publicly and its astrologer's display name.</summary>
    public async Task<(string AuthorName, string AstrologerName)> NamesOfAsync(Review review, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(review);
        var author = await reviewNames.AuthorNameAsync(review.UserId, cancellationToken);
        var astrologer = (await profiles.FindAsync(review.AstrologerId, cancellationToken))?.Details.DisplayName ?? AstrologerProfile.AnonymisedName(review.AstrologerId);
        return (author, astrologer);
    }

    public async Task<ReportResult> ResolveAsync(string adminId, string reportId, CancellationToken cancellationToken = default)
    {
        var existing = string.IsNullOrWhiteSpace(reportId) ? null : await reports.GetAsync(reportId, cancellationToken);
        if (existing is null)
        {
            return new ReportResult(ReportOutcome.NotFound);
        }

        var resolved = await reports.ResolveAsync(existing.Id, adminId, cancellationToken);
        if (resolved is null)
        {
            return new ReportResult(ReportOutcome.AlreadyResolved, await reports.GetAsync(existing.Id, cancellationToken));
        }

        await audit.AppendAsync(new NewAuditEntry("report.resolved", adminId, null, Invariant($"report {resolved.Id} ({resolved.Target}) resolved")), cancellationToken);
        return new ReportResult(ReportOutcome.Done, resolved);
    }

    /// <summary>Hides a review from public lists and the rating, or shows it again; null when there is no such review.</summary>
    public async Task<Review?> SetHiddenAsync(string adminId, string reviewId, bool hidden, CancellationToken cancellationToken = default)
    {
        var review = string.IsNullOrWhiteSpace(reviewId) ? null : await reviews.GetAsync(reviewId, cancellationToken);
        if (review is null)
        {
            return null;
        }

        if (review.Hidden == hidden)
        {
            return review;
        }

        var changed = await reviews.SetHiddenAsync(review.Id, hidden, cancellationToken);
        if (changed is not null)
        {
            await audit.AppendAsync(new NewAuditEntry(hidden ? "review.hidden" : "review.unhidden", adminId, changed.UserId,
                Invariant($"review {changed.Id} of astrologer {changed.AstrologerId} (consultation {changed.ConsultationId}) {(hidden ? "hidden" : "shown again")}")), cancellationToken);
        }

        return changed;
    }

    /// <summary>
    /// An admin reads a consultation's chat for a stated reason. The read is written to the audit log (the admin, the
    /// consultation, the reason) before any text is handed out, so no read goes unrecorded. Null when there is no such
    /// consultation (nothing is audited then).
    /// </summary>
    public async Task<IReadOnlyList<ChatMessage>?> ReadChatAsync(string adminId, string consultationId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var c = string.IsNullOrWhiteSpace(consultationId) ? null : await consultations.GetAsync(consultationId, cancellationToken);
        if (c is null)
        {
            return null;
        }

        await audit.AppendAsync(new NewAuditEntry("consultation.chat-read", adminId, c.UserId,
            Invariant($"{c.Id}: chat read by admin {adminId} (astrologer {c.AstrologerId}); reason: {reason}")), cancellationToken);
        var all = new List<ChatMessage>();
        while (all.Count < MaxChatRead)
        {
            var next = await messages.ListAfterAsync(c.Id, all.Count == 0 ? 0 : all[^1].Seq, 500, cancellationToken);
            all.AddRange(next);
            if (next.Count < 500)
            {
                break;
            }
        }

        return all;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Registers reviews and moderation.</summary>
public static class ModerationSetup
{
    public static IServiceCollection AddReviewsAndModeration(this IServiceCollection services)
    {
        services.AddSingleton<ReviewService>();
        services.AddSingleton<ModerationService>();
        return services;
    }
}
