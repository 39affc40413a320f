using LiteDB;
using StarSync.Engine.Consultations;

namespace StarSync.Engine.Storage.Lite;

/// <summary>
/// <see cref="IConsultationMessageStore"/> on the embedded LiteDB file: one document per message, keyed
/// "&lt;consultation&gt;:&lt;seq&gt;". Appends are serialised by a lock in this store (so the next number is read and
/// written as one step); the unique key is the backstop, and a duplicate key retries with the next number.
/// </summary>
public sealed class LiteConsultationMessageStore : IConsultationMessageStore
{
    internal const string Collection = "consultationMessages";

    private readonly ILiteCollection<LiteChatMessageDocument> _messages;
    private readonly TimeProvider _clock;
    private readonly Lock _append = new();

    // The last number appended per consultation through this instance (read and written under _append). Without it
    // every append would read all of its consultation's messages to find the highest number (the index is on the
    // consultation, not on the number). Only a hint: a number another instance took is caught by the unique key.
    private readonly Dictionary<string, long> _lastSeq = new(StringComparer.Ordinal);
    private const int LastSeqEntries = 10_000;

    /// <summary>Opens the collection and ensures the index on the consultation.</summary>
    public LiteConsultationMessageStore(LiteStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        // Map the type once here, on one thread (see LiteDocuments.CreateMapper for why).
        _ = store.Database.Mapper.ToDocument(new LiteChatMessageDocument());
        _messages = store.Database.GetCollection<LiteChatMessageDocument>(Collection);
        _messages.EnsureIndex(x => x.ConsultationId);
    }

    public Task<ChatMessage> AppendAsync(NewChatMessage message, CancellationToken cancellationToken = default)
    {
        var m = ChatMessageDocuments.Checked(message);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_append)
        {
            var seq = (_lastSeq.TryGetValue(m.ConsultationId, out var last) ? last : LastSeq(m.ConsultationId)) + 1;
            while (true)
            {
                var stored = new ChatMessage
                {
                    ConsultationId = m.ConsultationId,
                    Seq = seq,
                    SenderId = m.SenderId,
                    SenderRole = m.SenderRole,
                    Text = m.Text,
                    SentAt = StoredTime.Now(_clock),
                };
                try
                {
                    _messages.Insert(ToDocument(stored));
                    if (_lastSeq.Count >= LastSeqEntries && !_lastSeq.ContainsKey(m.ConsultationId))
                    {
                        // Ended consultations' entries are never used again; the live ones are read back once.
                        _lastSeq.Clear();
                    }

                    _lastSeq[m.ConsultationId] = seq;
                    return Task.FromResult(stored);
                }
                catch (LiteException e) when (LiteCollections.IsDuplicateKey(e))
                {
                    // Another store instance over the same file took this number.
                    seq = LastSeq(m.ConsultationId) + 1;
                }
            }
        }
    }

    public Task<IReadOnlyList<ChatMessage>> ListAfterAsync(string consultationId, long afterSeq, int take, CancellationToken cancellationToken = default)
    {
        ChatMessageDocuments.RequireList(consultationId, afterSeq, take);
        cancellationToken.ThrowIfCancellationRequested();
        var found = _messages.Query()
            .Where(x => x.ConsultationId == consultationId && x.Seq > afterSeq)
            .OrderBy(x => x.Seq)
            .Limit(take)
            .ToList();
        return Task.FromResult<IReadOnlyList<ChatMessage>>(found.ConvertAll(ToMessage));
    }

    public Task<int> MarkReadAsync(string consultationId, ConsultationParty readerRole, long upToSeq, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consultationId);
        var sender = StoredName.Of(ChatMessageDocuments.OtherThan(readerRole));
        cancellationToken.ThrowIfCancellationRequested();
        DateTime? now = StoredTime.From(_clock.GetUtcNow());
        var changed = _messages.UpdateMany(
            x => new LiteChatMessageDocument { ReadAt = now },
            x => x.ConsultationId == consultationId && x.SenderRole == sender && x.Seq <= upToSeq && x.ReadAt == null);
        return Task.FromResult(changed);
    }

    // A query written as a LiteDB expression string, parsed once and cached by LiteDB: the same query as a C# lambda was
    // translated again on every call, which cost more than the insert it was for. (A range over the primary key would
    // read one document, but one consultation's id can begin another's, "c:1" and "c", so the keys do not separate them.)
    private long LastSeq(string consultationId) =>
        _messages.Query()
            .Where("ConsultationId = @0", consultationId)
            .OrderByDescending("Seq")
            .Limit(1)
            .FirstOrDefault()?.Seq ?? 0;

    private static LiteChatMessageDocument ToDocument(ChatMessage m) => new()
    {
        Id = ChatMessageDocuments.Key(m.ConsultationId, m.Seq),
        ConsultationId = m.ConsultationId,
        Seq = m.Seq,
        SenderId = m.SenderId,
        SenderRole = StoredName.Of(m.SenderRole),
        Text = m.Text,
        SentAt = StoredTime.From(m.SentAt),
        ReadAt = StoredTime.From(m.ReadAt),
    };

    private static ChatMessage ToMessage(LiteChatMessageDocument d) => new()
    {
        ConsultationId = d.ConsultationId,
        Seq = d.Seq,
        SenderId = d.SenderId,
        SenderRole = StoredName.Parse<ConsultationParty>(d.SenderRole),
        Text = d.Text,
        SentAt = StoredTime.Read(d.SentAt),
        ReadAt = StoredTime.Read(d.ReadAt),
    };
}

internal sealed class LiteChatMessageDocument
{
    // "<consultationId>:<seq, 12 digits>": unique, so a number is taken once.
    public string Id { get; set; } = "";

    public string ConsultationId { get; set; } = "";

    public long Seq { get; set; }

    public string SenderId { get; set; } = "";

    public string SenderRole { get; set; } = "";

    public string Text { get; set; } = "";

    public DateTime SentAt { get; set; }

    public DateTime? ReadAt { get; set; }
}
