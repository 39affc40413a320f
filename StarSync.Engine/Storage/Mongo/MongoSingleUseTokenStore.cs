using MongoDB.Driver;
using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage.Mongo;

/// <summary>
/// <see cref="ISingleUseTokenStore"/> on MongoDB, keyed by token hash; consumption is one guarded
/// <c>FindOneAndUpdate</c>.
/// </summary>
public sealed class MongoSingleUseTokenStore(MongoStore store, TimeProvider clock) : ISingleUseTokenStore
{
    private static readonly FilterDefinitionBuilder<MongoSingleUseTokenDocument> Filter = Builders<MongoSingleUseTokenDocument>.Filter;

    private readonly IMongoCollection<MongoSingleUseTokenDocument> _tokens = (store ?? throw new ArgumentNullException(nameof(store))).SingleUseTokens;
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    public async Task<SingleUseToken> IssueAsync(NewSingleUseToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        TokenHash.Require(token.Hash, nameof(token));
        ArgumentException.ThrowIfNullOrEmpty(token.AccountId, nameof(token));
        var document = new MongoSingleUseTokenDocument
        {
            Id = token.Hash,
            Purpose = StoredName.Of(token.Purpose),
            AccountId = token.AccountId,
            IssuedAt = StoredTime.From(_clock.GetUtcNow()),
            ExpiresAt = StoredTime.From(token.ExpiresAt),
        };
        try
        {
            await _tokens.InsertOneAsync(document, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (MongoWriteException e) when (MongoCollections.IsDuplicateKey(e))
        {
            throw new InvalidOperationException("A token with this hash is already stored.", e);
        }

        return ToToken(document);
    }

    public async Task<SingleUseConsumption> ConsumeAsync(string hash, TokenPurpose purpose, CancellationToken cancellationToken = default)
    {
        TokenHash.Require(hash, nameof(hash));
        var now = StoredTime.From(_clock.GetUtcNow());
        var consumed = await _tokens.FindOneAndUpdateAsync(
            ConsumableFilter(hash, purpose, now),
            Builders<MongoSingleUseTokenDocument>.Update.Set(x => x.ConsumedAt, now),
            new FindOneAndUpdateOptions<MongoSingleUseTokenDocument> { ReturnDocument = ReturnDocument.After },
            cancellationToken).ConfigureAwait(false);
        if (consumed is not null)
        {
            return new SingleUseConsumption(SingleUseConsumptionStatus.Consumed, ToToken(consumed));
        }

        var document = await _tokens.Find(Filter.Eq(x => x.Id, hash) & Filter.Eq(x => x.Purpose, StoredName.Of(purpose)))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return new SingleUseConsumption(SingleUseConsumptionStatus.Unknown, null);
        }

        var token = ToToken(document);
        return new SingleUseConsumption(TokenRules.WhyRefused(token, StoredTime.Read(now)), token);
    }

    public async Task<int> RevokeOutstandingAsync(string accountId, TokenPurpose purpose, CancellationToken cancellationToken = default)
    {
        var result = await _tokens.DeleteManyAsync(
            Filter.Eq(x => x.AccountId, accountId) & Filter.Eq(x => x.Purpose, StoredName.Of(purpose)) & Filter.Eq(x => x.ConsumedAt, null),
            cancellationToken).ConfigureAwait(false);
        return (int)result.DeletedCount;
    }

    public async Task<int> PurgeExpiredAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var result = await _tokens.DeleteManyAsync(Filter.Lt(x => x.ExpiresAt, StoredTime.From(cutoff)), cancellationToken).ConfigureAwait(false);
        return (int)result.DeletedCount;
    }

    /// <summary>Of the purpose asked, unused and unexpired: the only state a token can be consumed from.</summary>
    internal static FilterDefinition<MongoSingleUseTokenDocument> ConsumableFilter(string hash, TokenPurpose purpose, DateTime now) =>
        Filter.Eq(x => x.Id, hash) & Filter.Eq(x => x.Purpose, StoredName.Of(purpose)) & Filter.Eq(x => x.ConsumedAt, null) & Filter.Gt(x => x.ExpiresAt, now);

    private static SingleUseToken ToToken(MongoSingleUseTokenDocument d) => new(
        d.Id, StoredName.Parse<TokenPurpose>(d.Purpose), d.AccountId, StoredTime.Read(d.IssuedAt),
        StoredTime.Read(d.ExpiresAt), StoredTime.Read(d.ConsumedAt));
}
