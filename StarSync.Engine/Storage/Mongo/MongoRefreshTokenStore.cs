using MongoDB.Driver;
using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage.Mongo;

/// <summary>
/// <see cref="IRefreshTokenStore"/> on MongoDB, keyed by token hash. Rotation consumes the presented token with one
/// guarded <c>FindOneAndUpdate</c>, so only one of any concurrent rotations can win it.
/// </summary>
public sealed class MongoRefreshTokenStore(MongoStore store, TimeProvider clock) : IRefreshTokenStore
{
    private static readonly FilterDefinitionBuilder<MongoRefreshTokenDocument> Filter = Builders<MongoRefreshTokenDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<MongoRefreshTokenDocument> Update = Builders<MongoRefreshTokenDocument>.Update;

    private readonly IMongoCollection<MongoRefreshTokenDocument> _tokens = (store ?? throw new ArgumentNullException(nameof(store))).RefreshTokens;
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    public Task<RefreshToken> IssueAsync(NewRefreshToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        TokenHash.Require(token.Hash, nameof(token));
        return InsertAsync(token.Hash, token.AccountId, token.SessionId, StoredTime.From(_clock.GetUtcNow()), token.ExpiresAt, cancellationToken);
    }

    public async Task<RefreshRotation> RotateAsync(string presentedHash, string successorHash, DateTimeOffset successorExpiresAt, CancellationToken cancellationToken = default)
    {
        TokenHash.Require(presentedHash, nameof(presentedHash));
        TokenHash.Require(successorHash, nameof(successorHash));
        if (presentedHash == successorHash)
        {
            throw new ArgumentException("The successor must be a new token.", nameof(successorHash));
        }

        var now = StoredTime.From(_clock.GetUtcNow());
        var consumed = await _tokens.FindOneAndUpdateAsync(
            RotatableFilter(presentedHash, now),
            ConsumeUpdate(successorHash, now),
            new FindOneAndUpdateOptions<MongoRefreshTokenDocument> { ReturnDocument = ReturnDocument.After },
            cancellationToken).ConfigureAwait(false);
        if (consumed is not null)
        {
            await InsertAsync(successorHash, consumed.AccountId, consumed.SessionId, now, successorExpiresAt, cancellationToken).ConfigureAwait(false);
            return RefreshRotation.From(RefreshRotationStatus.Rotated, ToToken(consumed));
        }

        var presented = await FindAsync(presentedHash, cancellationToken).ConfigureAwait(false);
        return presented is null
            ? RefreshRotation.Unknown
            : RefreshRotation.From(TokenRules.WhyRefused(presented, StoredTime.Read(now)), presented);
    }

    public async Task<RefreshToken?> FindAsync(string hash, CancellationToken cancellationToken = default)
    {
        TokenHash.Require(hash, nameof(hash));
        var document = await _tokens.Find(Filter.Eq(x => x.Id, hash)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return document is null ? null : ToToken(document);
    }

    public async Task<int> RevokeSessionAsync(string accountId, string sessionId, CancellationToken cancellationToken = default)
    {
        var result = await _tokens.UpdateManyAsync(
            Filter.Eq(x => x.AccountId, accountId) & Filter.Eq(x => x.SessionId, sessionId) & Filter.Eq(x => x.RevokedAt, null),
            Update.Set(x => x.RevokedAt, StoredTime.From(_clock.GetUtcNow())),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return (int)result.ModifiedCount;
    }

    public async Task<int> RevokeAccountAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var result = await _tokens.UpdateManyAsync(
            Filter.Eq(x => x.AccountId, accountId) & Filter.Eq(x => x.RevokedAt, null),
            Update.Set(x => x.RevokedAt, StoredTime.From(_clock.GetUtcNow())),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return (int)result.ModifiedCount;
    }

    public async Task<int> PurgeExpiredAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var result = await _tokens.DeleteManyAsync(Filter.Lt(x => x.ExpiresAt, StoredTime.From(cutoff)), cancellationToken).ConfigureAwait(false);
        return (int)result.DeletedCount;
    }

    /// <summary>Unconsumed, unrevoked and unexpired: the only state a token can be rotated from.</summary>
    internal static FilterDefinition<MongoRefreshTokenDocument> RotatableFilter(string hash, DateTime now) =>
        Filter.Eq(x => x.Id, hash) & Filter.Eq(x => x.ConsumedAt, null) & Filter.Eq(x => x.RevokedAt, null) & Filter.Gt(x => x.ExpiresAt, now);

    internal static UpdateDefinition<MongoRefreshTokenDocument> ConsumeUpdate(string successorHash, DateTime now) =>
        Update.Set(x => x.ConsumedAt, now).Set(x => x.ReplacedBy, successorHash);

    private async Task<RefreshToken> InsertAsync(string hash, string accountId, string sessionId, DateTime issuedAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        var document = new MongoRefreshTokenDocument
        {
            Id = hash,
            AccountId = accountId,
            SessionId = sessionId,
            IssuedAt = issuedAt,
            ExpiresAt = StoredTime.From(expiresAt),
        };
        try
        {
            await _tokens.InsertOneAsync(document, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (MongoWriteException e) when (MongoCollections.IsDuplicateKey(e))
        {
            throw new InvalidOperationException("A refresh token with this hash is already stored.", e);
        }

        return ToToken(document);
    }

    private static RefreshToken ToToken(MongoRefreshTokenDocument d) => new(
        d.Id, d.AccountId, d.SessionId, StoredTime.Read(d.IssuedAt), StoredTime.Read(d.ExpiresAt),
        StoredTime.Read(d.ConsumedAt), d.ReplacedBy, StoredTime.Read(d.RevokedAt));
}
