using System.Globalization;
using StarSync.Engine.Reviews;
using StarSync.Web.Auth;
using StarSync.Web.Moderation;

namespace StarSync.Web.Api;

/// <summary>The review reported, as admins see it (hidden ones too).</summary>
public sealed record AdminReviewResponse(
    string Id, string ConsultationId, string AstrologerId, string AstrologerName, string UserId, string AuthorName,
    int Rating, string Text, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, ReviewReplyResponse? Reply, bool Hidden)
{
    public static AdminReviewResponse Of(Review r, string authorName, string astrologerName)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.ConsultationId, r.AstrologerId, astrologerName, r.UserId, authorName, r.Rating, r.Text, r.CreatedAt, r.EditedAt, ReviewReplyResponse.Of(r.Reply), r.Hidden);
    }
}

/// <summary>
/// A report as admins see it: for a review, the review itself; for a message, only where it is (consultation and number):
/// its text is read through the chat-read endpoint, which needs a stated reason.
/// </summary>
public sealed record AdminReportResponse(
    string Id, ReportKind Kind, ReportStatus Status, string Reason, string ReporterId, string ReporterName, DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt, string? ResolvedBy, string ConsultationId, long? Seq, AdminReviewResponse? Review)
{
    public static AdminReportResponse Of(ReportView v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var r = v.Report;
        return new(r.Id, r.Kind, r.Status, r.Reason, r.ReporterId, v.ReporterName, r.CreatedAt, r.ResolvedAt, r.ResolvedBy, r.ConsultationId, r.Seq,
            v.Review is { } review ? AdminReviewResponse.Of(review, v.ReviewAuthorName ?? "", v.AstrologerName ?? "") : null);
    }
}

/// <summary>
/// Reports (any signed-in account reports a review; a consultation's party reports the other party's message) and
/// what admins do with them: list, resolve, hide or show a review, and read a consultation's chat for a stated reason.
/// Everything is audited. Rules: docs/reviews.md.
/// </summary>
public static class ModerationEndpoints
{
    public static IEndpointRouteBuilder MapModerationEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/reviews/{id}/report", ReportReviewAsync).WithTags("Reviews").RequireAuthorization(Policies.User)
            .Accepts<ReportBody>("application/json").Produces<ReportResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .Produces(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Report a review as abusive (once per review); reason 1–1000 characters.");
        routes.MapPost("/api/v1/consultations/{id}/messages/{seq}/report", ReportMessageAsync).WithTags("Consultations").RequireAuthorization(Policies.User)
            .Accepts<ReportBody>("application/json").Produces<ReportResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .Produces(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Report the other party's chat message (either party, once per message); reason 1–1000 characters.");

        var admin = routes.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);
        admin.MapGet("/reports", ListAsync).Produces<ConsultationListResponse<AdminReportResponse>>().ProducesValidationProblem()
            .WithSummary("Reports, open first then newest (status open|resolved, page, pageSize).");
        admin.MapPost("/reports/{id}/resolve", ResolveAsync).Produces<AdminReportResponse>().Produces(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Mark a report resolved; 409 when it already is.");
        admin.MapPost("/reviews/{id}/hide", (string id, HttpContext context, ModerationService service) => SetHiddenAsync(id, true, context, service))
            .Produces<AdminReviewResponse>().Produces(StatusCodes.Status404NotFound)
            .WithSummary("Hide a review from public lists and the astrologer's rating (admins still see it).");
        admin.MapPost("/reviews/{id}/unhide", (string id, HttpContext context, ModerationService service) => SetHiddenAsync(id, false, context, service))
            .Produces<AdminReviewResponse>().Produces(StatusCodes.Status404NotFound)
            .WithSummary("Show a hidden review again.");
        admin.MapGet("/consultations/{id}/messages", ReadChatAsync).Produces<IReadOnlyList<ChatMessageResponse>>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound)
            .WithSummary("Read a consultation's chat, oldest first. `reason` (at least 10 characters) is required and written to the audit log with the admin and the consultation.");
        return routes;
    }

    private static string Me(HttpContext context) => StarSyncClaims.AccountIdOf(context.User)!;

    private static async Task<IResult> ReportReviewAsync(string id, HttpContext context, ModerationService service, Engine.Storage.IReviewStore reviews)
    {
        if (await reviews.GetAsync(id, context.RequestAborted) is not { Hidden: false })
        {
            return Results.NotFound();
        }

        var (reason, problem) = await ReasonAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        return Answer(await service.ReportReviewAsync(Me(context), id, reason!, context.RequestAborted), "This review");
    }

    private static async Task<IResult> ReportMessageAsync(string id, string seq, HttpContext context, ModerationService service, Reviews.ReviewService reviews)
    {
        // Not a party: the consultation does not exist for them, whatever they sent.
        if (!await reviews.IsPartyAsync(Me(context), id, context.RequestAborted)
            || !long.TryParse(seq, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return Results.NotFound();
        }

        var (reason, problem) = await ReasonAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        var result = await service.ReportMessageAsync(Me(context), id, number, reason!, context.RequestAborted);
        return result.Outcome == ReportOutcome.OwnMessage
            ? Problems.Validation("seq", "You can report only the other party's messages.")
            : Answer(result, "This message");
    }

    private static IResult Answer(ReportResult result, string what) => result.Outcome switch
    {
        ReportOutcome.Done => Results.Created($"/api/v1/admin/reports/{result.Report!.Id}", ReportResponse.Of(result.Report)),
        ReportOutcome.AlreadyReported => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already reported",
            detail: $"{what} was already reported by you; admins will look at it."),
        _ => Results.NotFound(),
    };

    private static async Task<IResult> ListAsync(HttpContext context, ModerationService service)
    {
        var errors = new Dictionary<string, string[]>();
        var (skip, take) = ConsultationEndpoints.PageOf(context.Request.Query, errors);
        ReportStatus? status = context.Request.Query["status"].ToString().Trim() switch
        {
            "" => null,
            "open" => ReportStatus.Open,
            "resolved" => ReportStatus.Resolved,
            _ => Invalid(errors),
        };
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var page = await service.ListAsync(status, skip, take, context.RequestAborted);
        return Results.Ok(new ConsultationListResponse<AdminReportResponse>([.. page.Items.Select(AdminReportResponse.Of)], page.Total));

        static ReportStatus? Invalid(Dictionary<string, string[]> errors)
        {
            errors["status"] = ["Use open or resolved."];
            return null;
        }
    }

    private static async Task<IResult> ResolveAsync(string id, HttpContext context, ModerationService service)
    {
        var result = await service.ResolveAsync(Me(context), id, context.RequestAborted);
        if (result.Outcome == ReportOutcome.NotFound)
        {
            return Results.NotFound();
        }

        if (result.Outcome == ReportOutcome.AlreadyResolved)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already resolved", detail: "This report was resolved already.");
        }

        return Results.Ok(AdminReportResponse.Of(await service.ViewAsync(result.Report!, context.RequestAborted)));
    }

    private static async Task<IResult> SetHiddenAsync(string id, bool hidden, HttpContext context, ModerationService service)
    {
        var review = await service.SetHiddenAsync(Me(context), id, hidden, context.RequestAborted);
        if (review is null)
        {
            return Results.NotFound();
        }

        var (author, astrologer) = await service.NamesOfAsync(review, context.RequestAborted);
        return Results.Ok(AdminReviewResponse.Of(review, author, astrologer));
    }

    private static async Task<IResult> ReadChatAsync(string id, HttpContext context, ModerationService service)
    {
        if (ReportRules.NormalizeChatReadReason(context.Request.Query["reason"].ToString()) is not { } reason)
        {
            return Problems.Validation("reason", $"State why you read this chat: at least {ReportRules.MinChatReadReasonLength} and at most {ReportRules.MaxChatReadReasonLength} characters.");
        }

        var chat = await service.ReadChatAsync(Me(context), id, reason, context.RequestAborted);
        return chat is null ? Results.NotFound() : Results.Ok(chat.Select(ChatMessageResponse.Of).ToList());
    }

    private static async Task<(string? Reason, IResult? Problem)> ReasonAsync(HttpContext context)
    {
        var (body, problem) = await JsonBody.ReadAsync<ReportBody>(context.Request);
        if (problem is not null)
        {
            return (null, problem);
        }

        return ReportRules.NormalizeReason(body!.Reason) is { } reason
            ? (reason, null)
            : (null, Problems.Validation("reason", $"Give a reason: 1–{ReportRules.MaxReasonLength} characters."));
    }
}
