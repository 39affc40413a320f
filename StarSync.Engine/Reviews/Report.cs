namespace StarSync.Engine.Reviews;

/// <summary>What a report is about. Stored and sent as kebab-case strings.</summary>
public enum ReportKind
{
    /// <summary>A review, reported as abusive.</summary>
    Review,

    /// <summary>A chat message of a consultation, reported by the other party.</summary>
    Message,
}

/// <summary>Where a report stands. Stored and sent as kebab-case strings.</summary>
public enum ReportStatus
{
    Open,
    Resolved,
}

/// <summary>
/// A report of abuse: a review (by any signed-in account) or a chat message (by the other party of the consultation).
/// One per reporter per target.
/// </summary>
public sealed record Report
{
    public required string Id { get; init; }

    public required ReportKind Kind { get; init; }

    /// <summary>The review reported (kind review).</summary>
    public string? ReviewId { get; init; }

    /// <summary>The consultation of the message reported (kind message), or of the review reported.</summary>
    public required string ConsultationId { get; init; }

    /// <summary>The message's number in its consultation's chat (kind message).</summary>
    public long? Seq { get; init; }

    public required string ReporterId { get; init; }

    /// <summary>Why, in the reporter's words (plain text, 1–<see cref="ReportRules.MaxReasonLength"/> characters).</summary>
    public required string Reason { get; init; }

    public required ReportStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>The admin who resolved it.</summary>
    public string? ResolvedBy { get; init; }

    /// <summary>"review:&lt;id&gt;" or "message:&lt;consultation&gt;:&lt;seq&gt;": what was reported.</summary>
    public string Target => ReportRules.Target(Kind, ReviewId, ConsultationId, Seq);
}

public static class ReportRules
{
    /// <summary>The longest reason, in UTF-16 code units after trimming.</summary>
    public const int MaxReasonLength = 1_000;

    /// <summary>The shortest reason an admin must state to read a consultation's chat (after trimming).</summary>
    public const int MinChatReadReasonLength = 10;

    /// <summary>The longest reason an admin may state to read a consultation's chat.</summary>
    public const int MaxChatReadReasonLength = 1_000;

    /// <summary>The trimmed reason when it is 1–<see cref="MaxReasonLength"/> characters long; otherwise null.</summary>
    public static string? NormalizeReason(string? reason)
    {
        var trimmed = reason?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxReasonLength ? null : trimmed;
    }

    /// <summary>The trimmed reason for reading a chat when it is 10–1,000 characters long; otherwise null.</summary>
    public static string? NormalizeChatReadReason(string? reason)
    {
        var trimmed = reason?.Trim();
        return trimmed is null || trimmed.Length < MinChatReadReasonLength || trimmed.Length > MaxChatReadReasonLength ? null : trimmed;
    }

    public static string Target(ReportKind kind, string? reviewId, string consultationId, long? seq) => kind switch
    {
        ReportKind.Review => "review:" + reviewId,
        _ => "message:" + consultationId + ":" + seq?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
