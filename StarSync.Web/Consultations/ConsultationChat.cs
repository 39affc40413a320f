using StarSync.Engine.Consultations;
using StarSync.Engine.Storage;

namespace StarSync.Web.Consultations;

/// <summary>How a chat action went.</summary>
public enum ChatOutcome
{
    Done,

    /// <summary>No such consultation, or the caller is not one of its two parties.</summary>
    NotFound,

    /// <summary>Messages are sent only while the consultation is active; <see cref="ChatResult{T}.Consultation"/> says its state.</summary>
    NotActive,
}

/// <summary>The outcome of a chat action, the consultation as read, and the value on success.</summary>
public sealed record ChatResult<T>(ChatOutcome Outcome, Consultation? Consultation = null, T? Value = default);

/// <summary>
/// The chat of a consultation: only its two parties write and read it, and they write only while it is active. The
/// astrologer's first message is recorded on the consultation (<see cref="ConsultationService.MessageSentAsync"/>),
/// which keeps the first minute paid. Every message and read mark is published on <see cref="ConsultationEvents"/>.
/// </summary>
public sealed class ConsultationChat(IConsultationStore consultations, IConsultationMessageStore messages, ConsultationService service, ConsultationEvents events)
{
    /// <summary>Longest page <see cref="ListAsync"/> returns.</summary>
    public const int MaxTake = 500;

    /// <summary>Stores <paramref name="text"/> (trimmed) as a message from <paramref name="accountId"/>.</summary>
    /// <exception cref="ArgumentException">The text is empty or longer than <see cref="ChatText.MaxLength"/> after trimming.</exception>
    public async Task<ChatResult<ChatMessage>> SendAsync(string accountId, string consultationId, string text, CancellationToken cancellationToken = default)
    {
        var checkedText = ChatText.Normalize(text) ?? throw new ArgumentException($"A message has 1–{ChatText.MaxLength} characters.", nameof(text));
        var c = await PartyOfAsync(accountId, consultationId, cancellationToken);
        if (c is null)
        {
            return new ChatResult<ChatMessage>(ChatOutcome.NotFound);
        }

        if (c.State != ConsultationState.Active)
        {
            return new ChatResult<ChatMessage>(ChatOutcome.NotActive, c);
        }

        var role = RoleOf(c, accountId);
        var message = await messages.AppendAsync(new NewChatMessage { ConsultationId = c.Id, SenderId = accountId, SenderRole = role, Text = checkedText }, cancellationToken);
        // Records the astrologer's first message; the user's and later ones leave the consultation as read above (the
        // mark is never taken back), so they cost no second read.
        var current = role == ConsultationParty.Astrologer && c.AstrologerFirstMessageAt is null
            ? await service.MessageSentAsync(c.Id, accountId, cancellationToken) ?? c
            : c;
        events.Publish(new ConsultationEvent(ConsultationEventKind.MessageSent, current, Party: role, Message: message));
        return new ChatResult<ChatMessage>(ChatOutcome.Done, current, message);
    }

    /// <summary>Up to <paramref name="take"/> messages after number <paramref name="afterSeq"/>, in order; in any state.</summary>
    public async Task<ChatResult<IReadOnlyList<ChatMessage>>> ListAsync(string accountId, string consultationId, long afterSeq, int take, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSeq);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(take, MaxTake);
        var c = await PartyOfAsync(accountId, consultationId, cancellationToken);
        if (c is null)
        {
            return new ChatResult<IReadOnlyList<ChatMessage>>(ChatOutcome.NotFound);
        }

        return new ChatResult<IReadOnlyList<ChatMessage>>(ChatOutcome.Done, c, await messages.ListAfterAsync(c.Id, afterSeq, take, cancellationToken));
    }

    /// <summary>
    /// The caller has read the other party's messages up to <paramref name="upToSeq"/>; in any state (a chat can be
    /// read after it ended). The value is how many messages got their read time now.
    /// </summary>
    public async Task<ChatResult<int>> MarkReadAsync(string accountId, string consultationId, long upToSeq, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(upToSeq);
        var c = await PartyOfAsync(accountId, consultationId, cancellationToken);
        if (c is null)
        {
            return new ChatResult<int>(ChatOutcome.NotFound);
        }

        var role = RoleOf(c, accountId);
        var marked = await messages.MarkReadAsync(c.Id, role, upToSeq, cancellationToken);
        if (marked > 0)
        {
            events.Publish(new ConsultationEvent(ConsultationEventKind.MessagesRead, c, Party: role, ReadUpTo: upToSeq));
        }

        return new ChatResult<int>(ChatOutcome.Done, c, marked);
    }

    private async Task<Consultation?> PartyOfAsync(string accountId, string consultationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(consultationId);
        var c = await consultations.GetAsync(consultationId, cancellationToken);
        return c is not null && c.IsParty(accountId) ? c : null;
    }

    private static ConsultationParty RoleOf(Consultation c, string accountId) =>
        accountId == c.UserId ? ConsultationParty.User : ConsultationParty.Astrologer;
}
