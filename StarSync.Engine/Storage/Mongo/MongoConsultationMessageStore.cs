using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using StarSync.Engine.Consultations;

namespace StarSync.Engine.Storage.Mongo;

/// <summary>
/// <see cref="IConsultationMessageStore"/> on MongoDB: one document per message whose <c>_id</c> is
/// "&lt;consultation&gt;:&lt;seq&gt;". Append reads the last number and inserts the next; the <c>_id</c> is unique, so when
/// two senders race one insert fails with a duplicate key and retries with the number after the winner's. No counter
/// document, hence no gap when a process dies between steps.
/// </summary>
public sealed class MongoConsultationMessageStore(MongoStore store, TimeProvider clock) : IConsultationMessageStore
{
    internal const string CollectionName = "consultationMessages";

    private static readonly FilterDefinitionBuilder<MongoChatMessageDocument> Filter = Builders<MongoChatMessageDocument>.Filter;

    private readonly IMongoCollection<MongoChatMessageDocument> _messages = Collection(store ?? throw new ArgumentNullException(nameof(store)));
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    internal static IMongoCollection<MongoChatMessageDocument> Collection(MongoStore store) =>
        store.Database.GetCollection<MongoChatMessageDocument>(CollectionName);

    internal static CreateIndexModel<MongoChatMessageDocument>[] Indexes { get; } =
    [
        new(Builders<MongoChatMessageDocument>.IndexKeys.Ascending(x => x.ConsultationId).Ascending(x => x.Seq), new CreateIndexOptions { Name = "consultation_seq_unique", Unique = true }),
    ];

    public async Task<ChatMessage> AppendAsync(NewChatMessage message, CancellationToken cancellationToken = default)
    {
        var m = ChatMessageDocuments.Checked(message);
        while (true)
        {
            var last = await _messages.Find(Filter.Eq(x => x.ConsultationId, m.ConsultationId))
                .Sort(Builders<MongoChatMessageDocument>.Sort.Descending(x => x.Seq)).Limit(1)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var stored = new ChatMessage
            {
                ConsultationId = m.ConsultationId,
                Seq = (last?.Seq ?? 0) + 1,
                SenderId = m.SenderId,
                SenderRole = m.SenderRole,
                Text = m.Text,
                SentAt = StoredTime.Now(_clock),
            };
            try
            {
                await _messages.InsertOneAsync(ToDocument(stored), cancellationToken: cancellationToken).ConfigureAwait(false);
                return stored;
            }
            catch (MongoWriteException e) when (MongoCollections.IsDuplicateKey(e))
            {
                // Someone else took this number: read the last one again.
            }
        }
    }

    public async Task<IReadOnlyList<ChatMessage>> ListAfterAsync(string consultationId, long afterSeq, int take, CancellationToken cancellationToken = default)
    {
        ChatMessageDocuments.RequireList(consultationId, afterSeq, take);
        var documents = await _messages.Find(ListFilter(consultationId, afterSeq))
            .Sort(Builders<MongoChatMessageDocument>.Sort.Ascending(x => x.Seq)).Limit(take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return documents.ConvertAll(ToMessage);
    }

    public async Task<int> MarkReadAsync(string consultationId, ConsultationParty readerRole, long upToSeq, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consultationId);
        var result = await _messages.UpdateManyAsync(
            MarkReadFilter(consultationId, readerRole, upToSeq),
            Builders<MongoChatMessageDocument>.Update.Set(x => x.ReadAt, StoredTime.From(_clock.GetUtcNow())),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return (int)result.ModifiedCount;
    }

    internal static FilterDefinition<MongoChatMessageDocument> ListFilter(string consultationId, long afterSeq) =>
        Filter.Eq(x => x.ConsultationId, consultationId) & Filter.Gt(x => x.Seq, afterSeq);

    /// <summary>The other party's messages up to <paramref name="upToSeq"/> that are not read yet.</summary>
    internal static FilterDefinition<MongoChatMessageDocument> MarkReadFilter(string consultationId, ConsultationParty readerRole, long upToSeq) =>
        Filter.Eq(x => x.ConsultationId, consultationId)
        & Filter.Eq(x => x.SenderRole, StoredName.Of(ChatMessageDocuments.OtherThan(readerRole)))
        & Filter.Lte(x => x.Seq, upToSeq)
        & Filter.Eq(x => x.ReadAt, null);

    private static MongoChatMessageDocument ToDocument(ChatMessage m) => new()
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

    private static ChatMessage ToMessage(MongoChatMessageDocument d) => new()
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

[BsonIgnoreExtraElements]
internal sealed class MongoChatMessageDocument
{
    // "<consultationId>:<seq, 12 digits>": unique, so a number is taken once.
    [BsonId]
    public string Id { get; set; } = "";

    [BsonElement("consultationId")]
    public string ConsultationId { get; set; } = "";

    [BsonElement("seq")]
    public long Seq { get; set; }

    [BsonElement("senderId")]
    public string SenderId { get; set; } = "";

    [BsonElement("senderRole")]
    public string SenderRole { get; set; } = "";

    [BsonElement("text")]
    public string Text { get; set; } = "";

    [BsonElement("sentAt")]
    public DateTime SentAt { get; set; }

    [BsonElement("readAt")]
    public DateTime? ReadAt { get; set; }
}
