using System.Globalization;
using System.Text.Json;
using StarSync.Engine.Consultations;
using StarSync.Web.Auth;
using StarSync.Web.Consultations;

namespace StarSync.Web.Api;

/// <summary>The body of a chat message.</summary>
public sealed record ChatMessageBody(string? Text);

/// <summary>The body of a read mark: every message of the other party up to this number has been read.</summary>
public sealed record ChatReadBody(long? UpTo);

/// <summary>A chat message. <see cref="Text"/> is plain text as sent (trimmed); clients escape it when rendering.</summary>
/// <param name="ReadAt">When the other party marked it read; null until then.</param>
public sealed record ChatMessageResponse(long Seq, ConsultationParty SenderRole, string Text, DateTimeOffset SentAt, DateTimeOffset? ReadAt)
{
    public static ChatMessageResponse Of(ChatMessage m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.Seq, m.SenderRole, m.Text, m.SentAt, m.ReadAt);
    }
}

/// <summary>How many messages a read mark stamped.</summary>
public sealed record ChatReadResponse(int Marked);

/// <summary>
/// A consultation's chat over HTTP: the two parties send while it is active and read it at any time. Anyone else gets
/// 404, as for the consultation itself. Rules: docs/consultations.md, "Chat".
/// </summary>
public static class ConsultationChatEndpoints
{
    public const int DefaultLimit = 100;

    public static IEndpointRouteBuilder MapConsultationChatEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/consultations/{id}/messages").WithTags("Consultations").RequireAuthorization(Policies.User);
        group.MapPost("/", SendAsync).Accepts<ChatMessageBody>("application/json")
            .Produces<ChatMessageResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .Produces(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Send a chat message (either party, only while the consultation is active). Text: 1–2000 characters after trimming, plain text.");
        group.MapGet("/", ListAsync).Produces<IReadOnlyList<ChatMessageResponse>>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound)
            .WithSummary("The chat's messages after number `after` (default 0), oldest first, at most `limit` (1–500, default 100).");
        group.MapPost("/read", ReadAsync).Accepts<ChatReadBody>("application/json")
            .Produces<ChatReadResponse>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound)
            .WithSummary("Mark the other party's messages up to number `upTo` as read; answers how many were newly marked.");
        return routes;
    }

    private static string Me(HttpContext context) => StarSyncClaims.AccountIdOf(context.User)!;

    private static async Task<IResult> SendAsync(string id, HttpContext context, ConsultationChat chat, ConsultationService consultations)
    {
        // Not a party: the consultation does not exist for them, whatever they sent.
        if (await consultations.GetForPartyAsync(Me(context), id, context.RequestAborted) is null)
        {
            return Results.NotFound();
        }

        var (body, problem) = await JsonBody.ReadAsync<ChatMessageBody>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (ChatText.Normalize(body!.Text) is not { } text)
        {
            return Problems.Validation("text", $"A message has 1–{ChatText.MaxLength} characters (spaces around it do not count).");
        }

        var result = await chat.SendAsync(Me(context), id, text, context.RequestAborted);
        return result.Outcome switch
        {
            ChatOutcome.Done => Results.Created(
                string.Create(CultureInfo.InvariantCulture, $"/api/v1/consultations/{id}/messages?after={result.Value!.Seq - 1}"),
                ChatMessageResponse.Of(result.Value)),
            ChatOutcome.NotActive => NotActive(result.Consultation!),
            _ => Results.NotFound(),
        };
    }

    private static async Task<IResult> ListAsync(string id, HttpContext context, ConsultationChat chat, ConsultationService consultations)
    {
        if (await consultations.GetForPartyAsync(Me(context), id, context.RequestAborted) is null)
        {
            return Results.NotFound();
        }

        var query = context.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var after = Number(query["after"], 0, 0, long.MaxValue, "after", "after must be a whole number from 0.", errors);
        var limit = (int)Number(query["limit"], DefaultLimit, 1, ConsultationChat.MaxTake, "limit", $"limit must be a whole number from 1 to {ConsultationChat.MaxTake}.", errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var result = await chat.ListAsync(Me(context), id, after, limit, context.RequestAborted);
        return result.Outcome == ChatOutcome.Done
            ? Results.Ok(result.Value!.Select(ChatMessageResponse.Of).ToList())
            : Results.NotFound();
    }

    private static async Task<IResult> ReadAsync(string id, HttpContext context, ConsultationChat chat, ConsultationService consultations)
    {
        if (await consultations.GetForPartyAsync(Me(context), id, context.RequestAborted) is null)
        {
            return Results.NotFound();
        }

        var (body, problem) = await JsonBody.ReadAsync<ChatReadBody>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.UpTo is not { } upTo || upTo < 1)
        {
            return Problems.Validation("upTo", "upTo must be a message number from 1.");
        }

        var result = await chat.MarkReadAsync(Me(context), id, upTo, context.RequestAborted);
        return result.Outcome == ChatOutcome.Done ? Results.Ok(new ChatReadResponse(result.Value)) : Results.NotFound();
    }

    private static IResult NotActive(Consultation c)
    {
        var state = JsonNamingPolicy.KebabCaseLower.ConvertName(c.State.ToString());
        return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not allowed in this state",
            detail: $"Messages can be sent only while the consultation is active; it is {state}.",
            extensions: new Dictionary<string, object?> { ["state"] = state });
    }

    private static long Number(string? text, long fallback, long min, long max, string field, string message, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[field] = [message];
        return fallback;
    }
}
