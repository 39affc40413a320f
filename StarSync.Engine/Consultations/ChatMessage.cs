namespace StarSync.Engine.Consultations;

/// <summary>
/// One chat message of a consultation. <see cref="Seq"/> numbers a consultation's messages 1, 2, 3, … in the order the
/// store accepted them, without gaps. <see cref="Text"/> is plain text exactly as sent (trimmed); whoever renders it
/// escapes it. Instants are UTC with millisecond precision (as stored).
/// </summary>
public sealed record ChatMessage
{
    public required string ConsultationId { get; init; }

    /// <summary>1-based, per consultation, strictly increasing.</summary>
    public required long Seq { get; init; }

    /// <summary>The sender's account id.</summary>
    public required string SenderId { get; init; }

    /// <summary><see cref="ConsultationParty.User"/> or <see cref="ConsultationParty.Astrologer"/>.</summary>
    public required ConsultationParty SenderRole { get; init; }

    public required string Text { get; init; }

    public required DateTimeOffset SentAt { get; init; }

    /// <summary>When the other party marked it read; null until then.</summary>
    public DateTimeOffset? ReadAt { get; init; }
}

/// <summary>What a chat message may say.</summary>
public static class ChatText
{
    /// <summary>The longest text, in UTF-16 code units after trimming.</summary>
    public const int MaxLength = 2_000;

    /// <summary>The trimmed text when it is 1–<see cref="MaxLength"/> characters long; otherwise null.</summary>
    public static string? Normalize(string? text)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength ? null : trimmed;
    }
}
