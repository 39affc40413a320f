using System.Text.Json;
using StarSync.Engine.Reviews;
using StarSync.Web.Auth;
using StarSync.Web.Moderation;
using StarSync.Web.Reviews;

namespace StarSync.Web.Api;

/// <summary>The body of a review: whole stars 1–5 and plain text (0–2000 characters after trimming).</summary>
public sealed record ReviewBody(int? Rating, string? Text);

/// <summary>The body of an astrologer's reply (1–2000 characters after trimming).</summary>
public sealed record ReviewReplyBody(string? Text);

/// <summary>The body of a report: why (1–1000 characters after trimming).</summary>
public sealed record ReportBody(string? Reason);

public sealed record ReviewReplyResponse(string Text, DateTimeOffset CreatedAt)
{
    public static ReviewReplyResponse? Of(ReviewReply? reply) => reply is null ? null : new(reply.Text, reply.CreatedAt);
}

/// <summary>A review as its consultation's parties see it. <see cref="Text"/> is plain text as written: escape it.</summary>
/// <param name="EditableUntil">Until when the author may edit it (seven days from creation).</param>
/// <param name="Hidden">Whether an admin hid it from the public.</param>
public sealed record ReviewResponse(
    string Id,
    string ConsultationId,
    string AstrologerId,
    int Rating,
    string Text,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    DateTimeOffset EditableUntil,
    ReviewReplyResponse? Reply,
    bool Hidden)
{
    public static ReviewResponse Of(Review r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.ConsultationId, r.AstrologerId, r.Rating, r.Text, r.CreatedAt, r.EditedAt, r.EditableUntil, ReviewReplyResponse.Of(r.Reply), r.Hidden);
    }
}

/// <summary>A review in an astrologer's public list: the author by first name and initial only.</summary>
public sealed record PublicReviewResponse(string Id, int Rating, string Text, string AuthorName, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, ReviewReplyResponse? Reply)
{
    public static PublicReviewResponse Of(PublicReview p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var r = p.Review;
        return new(r.Id, r.Rating, r.Text, p.AuthorName, r.CreatedAt, r.EditedAt, ReviewReplyResponse.Of(r.Reply));
    }
}

/// <summary>A report as its reporter sees it.</summary>
public sealed record ReportResponse(string Id, ReportKind Kind, ReportStatus Status, string Reason, string ConsultationId, string? ReviewId, long? Seq, DateTimeOffset CreatedAt)
{
    public static ReportResponse Of(Report r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.Kind, r.Status, r.Reason, r.ConsultationId, r.ReviewId, r.Seq, r.CreatedAt);
    }
}

/// <summary>
/// Reviews over HTTP: the consultation's user writes and edits one, either party reads it, the astrologer replies once,
/// anyone reads an astrologer's visible reviews. For anyone but the parties a consultation does not exist (404).
/// Rules: docs/reviews.md.
/// </summary>
public static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder routes)
    {
        var review = routes.MapGroup("/api/v1/consultations/{id}/review").WithTags("Reviews").RequireAuthorization(Policies.User);
        review.MapPost("/", CreateAsync).Accepts<ReviewBody>("application/json").Produces<ReviewResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .Produces(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Review your ended consultation (at least one paid minute kept): rating 1–5, text 0–2000 characters. 409 when not eligible or already reviewed.");
        review.MapPut("/", EditAsync).Accepts<ReviewBody>("application/json").Produces<ReviewResponse>().ProducesValidationProblem()
            .Produces(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Edit your review within seven days of writing it (409 after that).");
        review.MapGet("/", GetAsync).Produces<ReviewResponse>().Produces(StatusCodes.Status404NotFound)
            .WithSummary("The consultation's review (either party); 404 when there is none.");
        routes.MapPost("/api/v1/reviews/{id}/reply", ReplyAsync).WithTags("Reviews").RequireAuthorization(Policies.Astrologer)
            .Accepts<ReviewReplyBody>("application/json").Produces<ReviewResponse>().ProducesValidationProblem()
            .Produces(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Reply once to a review of one of your consultations (1–2000 characters); 409 when already replied.");
        routes.MapGet("/api/v1/astrologers/{id}/reviews", ListAsync).WithTags("Reviews")
            .Produces<ConsultationListResponse<PublicReviewResponse>>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound)
            .WithSummary("An astrologer's reviews, newest first (page from 1, pageSize 1–100, default 20); hidden reviews are left out.");
        return routes;
    }

    private static string Me(HttpContext context) => StarSyncClaims.AccountIdOf(context.User)!;

    private static async Task<IResult> CreateAsync(string id, HttpContext context, ReviewService service)
    {
        if (!await service.IsUserOfAsync(Me(context), id, context.RequestAborted))
        {
            return Results.NotFound();
        }

        var (input, problem) = await ReadAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        var result = await service.CreateAsync(Me(context), id, input.Rating, input.Text, context.RequestAborted);
        return result.Outcome switch
        {
            ReviewOutcome.Done => Results.Created($"/api/v1/consultations/{id}/review", ReviewResponse.Of(result.Review!)),
            ReviewOutcome.NotEligible => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "This consultation cannot be reviewed",
                detail: result.Ineligibility == ReviewIneligibility.NotEnded
                    ? "A consultation can be reviewed once it has ended."
                    : "Only a consultation with at least one minute paid from your wallet (and not refunded) can be reviewed.",
                extensions: new Dictionary<string, object?> { ["reason"] = Kebab(result.Ineligibility.ToString()) }),
            ReviewOutcome.AlreadyReviewed => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already reviewed",
                detail: "This consultation already has your review; edit it instead (PUT)."),
            _ => Results.NotFound(),
        };
    }

    private static async Task<IResult> EditAsync(string id, HttpContext context, ReviewService service)
    {
        if (!await service.IsUserOfAsync(Me(context), id, context.RequestAborted))
        {
            return Results.NotFound();
        }

        var (input, problem) = await ReadAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        var result = await service.EditAsync(Me(context), id, input.Rating, input.Text, context.RequestAborted);
        return result.Outcome switch
        {
            ReviewOutcome.Done => Results.Ok(ReviewResponse.Of(result.Review!)),
            ReviewOutcome.EditWindowClosed => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The review can no longer be edited",
                detail: "A review can be edited for 7 days after it was written.",
                extensions: new Dictionary<string, object?> { ["editableUntil"] = result.Review!.EditableUntil }),
            _ => Results.NotFound(),
        };
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, ReviewService service)
    {
        var review = await service.GetForPartyAsync(Me(context), id, context.RequestAborted);
        return review is null ? Results.NotFound() : Results.Ok(ReviewResponse.Of(review));
    }

    private static async Task<IResult> ReplyAsync(string id, HttpContext context, ReviewService service, Engine.Storage.IReviewStore reviews)
    {
        // Not this astrologer's review: it does not exist for them, whatever they sent.
        if (await reviews.GetAsync(id, context.RequestAborted) is not { } review || review.AstrologerId != Me(context))
        {
            return Results.NotFound();
        }

        var (body, problem) = await JsonBody.ReadAsync<ReviewReplyBody>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (ReviewRules.NormalizeReply(body!.Text) is not { } text)
        {
            return Problems.Validation("text", $"A reply has 1–{ReviewRules.MaxReplyLength} characters (spaces around it do not count).");
        }

        var result = await service.ReplyAsync(Me(context), id, text, context.RequestAborted);
        return result.Outcome switch
        {
            ReviewOutcome.Done => Results.Ok(ReviewResponse.Of(result.Review!)),
            ReviewOutcome.AlreadyReplied => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already replied",
                detail: "You can reply to a review once."),
            _ => Results.NotFound(),
        };
    }

    private static async Task<IResult> ListAsync(string id, HttpContext context, ReviewService service)
    {
        var errors = new Dictionary<string, string[]>();
        var (skip, take) = ConsultationEndpoints.PageOf(context.Request.Query, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var page = await service.PublicPageAsync(id, skip, take, context.RequestAborted);
        return page is null
            ? Results.NotFound()
            : Results.Ok(new ConsultationListResponse<PublicReviewResponse>([.. page.Items.Select(PublicReviewResponse.Of)], page.Total));
    }

    private static async Task<((int Rating, string Text) Value, IResult? Problem)> ReadAsync(HttpContext context)
    {
        var (body, problem) = await JsonBody.ReadAsync<ReviewBody>(context.Request);
        if (problem is not null)
        {
            return (default, problem);
        }

        var errors = new Dictionary<string, string[]>();
        if (body!.Rating is not { } rating || !ReviewRules.IsRating(rating))
        {
            errors["rating"] = [$"Give {ReviewRules.MinRating} to {ReviewRules.MaxRating} whole stars."];
        }

        var text = ReviewRules.NormalizeText(body.Text);
        if (text is null)
        {
            errors["text"] = [$"A review has at most {ReviewRules.MaxTextLength} characters."];
        }

        return errors.Count > 0 ? (default, Problems.Validation(errors)) : ((body.Rating!.Value, text!), null);
    }

    internal static string Kebab(string name) => JsonNamingPolicy.KebabCaseLower.ConvertName(name);
}
