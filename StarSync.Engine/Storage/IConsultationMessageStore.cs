using StarSync.Engine.Consultations;

namespace StarSync.Engine.Storage;

/// <summary>A message to append to a consultation's chat.</summary>
public sealed record NewChatMessage
{
    public required string ConsultationId { get; init; }

    public required string SenderId { get; init; }

    /// <summary><see cref="ConsultationParty.User"/> or <see cref="ConsultationParty.Astrologer"/>.</summary>
    public required ConsultationParty SenderRole { get; init; }

    /// <summary>Plain text; stored trimmed, 1–<see cref="ChatText.MaxLength"/> characters.</summary>
    public required string Text { get; init; }
}

/// <summary>The chat messages of consultations.</summary>
/// <remarks>
/// Atomicity: <see cref="AppendAsync"/> gives the message the next sequence number of its consultation in one atomic
/// step: the number is part of the document's unique key, so of two parties sending at once one gets n and the other
/// n + 1 (the loser of the race retries with the next number). Numbers have no gaps and no duplicates.
/// <see cref="MarkReadAsync"/> is one conditional multi-document update (only messages not read yet get a read time),
/// so repeating it changes nothing. Who may write, and when, is the caller's rule (the web's chat service).
/// </remarks>
public interface IConsultationMessageStore
{
    /// <summary>Stores the message with the next sequence number and the current time.</summary>
    /// <exception cref="ArgumentException">The text is empty or too long after trimming, or the sender role is not user or astrologer.</exception>
    Task<ChatMessage> AppendAsync(NewChatMessage message, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="take"/> messages with a sequence number above <paramref name="afterSeq"/>, in order.</summary>
    Task<IReadOnlyList<ChatMessage>> ListAfterAsync(string consultationId, long afterSeq, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// The reader (one party) has seen everything up to <paramref name="upToSeq"/>: every message of the other party
    /// with a sequence number up to it and no read time gets now. Returns how many changed.
    /// </summary>
    Task<int> MarkReadAsync(string consultationId, ConsultationParty readerRole, long upToSeq, CancellationToken cancellationToken = default);
}

/// <summary>What both adapters do identically.</summary>
internal static class ChatMessageDocuments
{
    /// <summary>Longest page a list returns.</summary>
    public const int MaxTake = 500;

    /// <summary>The checked message: text trimmed, role a party.</summary>
    public static NewChatMessage Checked(NewChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.ConsultationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.SenderId);
        if (message.SenderRole is not (ConsultationParty.User or ConsultationParty.Astrologer))
        {
            throw new ArgumentException("A chat message is sent by the user or the astrologer.", nameof(message));
        }

        var text = ChatText.Normalize(message.Text)
            ?? throw new ArgumentException($"A chat message has 1–{ChatText.MaxLength} characters after trimming.", nameof(message));
        return message with { Text = text };
    }

    public static void RequireList(string consultationId, long afterSeq, int take)
    {
        ArgumentException.ThrowIfNullOrEmpty(consultationId);
        ArgumentOutOfRangeException.ThrowIfNegative(afterSeq);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(take, MaxTake);
    }

    public static ConsultationParty OtherThan(ConsultationParty readerRole) => readerRole switch
    {
        ConsultationParty.User => ConsultationParty.Astrologer,
        ConsultationParty.Astrologer => ConsultationParty.User,
        _ => throw new ArgumentException("Only a party reads the chat.", nameof(readerRole)),
    };

    /// <summary>The document key: the consultation and the number, zero-padded so key order is message order.</summary>
    public static string Key(string consultationId, long seq) => consultationId + ":" + seq.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
}
