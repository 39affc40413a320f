using LiteDB;
using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage.Lite;

/// <summary>
/// <see cref="ISingleUseTokenStore"/> on the embedded LiteDB file, keyed by token hash; consumption is one conditional
/// update.
/// </summary>
public sealed class LiteSingleUseTokenStore : ISingleUseTokenStore
{
    private readonly ILiteCollection<LiteSingleUseTokenDocument> _tokens;
    private readonly TimeProvider _clock;

    /// <summary>Opens the collection and ensures its indexes (account, expiry; the hash is the primary key).</summary>
    public LiteSingleUseTokenStore(LiteStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _tokens = store.Database.GetCollection<LiteSingleUseTokenDocument>(LiteCollections.SingleUseTokens);
        _tokens.EnsureIndex(x => x.AccountId);
        _tokens.EnsureIndex(x => x.ExpiresAt);
    }

    public Task<SingleUseToken> IssueAsync(NewSingleUseToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        TokenHash.Require(token.Hash, nameof(token));
        ArgumentException.ThrowIfNullOrEmpty(token.AccountId, nameof(token));
        cancellationToken.ThrowIfCancellationRequested();
        var document = new LiteSingleUseTokenDocument
        {
            Id = token.Hash,
            Purpose = StoredName.Of(token.Purpose),
            AccountId = token.AccountId,
            IssuedAt = StoredTime.From(_clock.GetUtcNow()),
            ExpiresAt = StoredTime.From(token.ExpiresAt),
        };
        try
        {
            _tokens.Insert(document);
        }
        catch (LiteException e) when (LiteCollections.IsDuplicateKey(e))
        {
            throw new InvalidOperationException("A token with this hash is already stored.", e);
        }

        return Task.FromResult(ToToken(document));
    }

    public Task<SingleUseConsumption> ConsumeAsync(string hash, TokenPurpose purpose, CancellationToken cancellationToken = default)
    {
        TokenHash.Require(hash, nameof(hash));
        cancellationToken.ThrowIfCancellationRequested();
        var stored = StoredName.Of(purpose);
        var now = StoredTime.From(_clock.GetUtcNow());
        var won = _tokens.UpdateMany(
            x => new LiteSingleUseTokenDocument { ConsumedAt = now },
            x => x.Id == hash && x.Purpose == stored && x.ConsumedAt == null && x.ExpiresAt > now) == 1;
        if (_tokens.FindById(hash) is not { } document || document.Purpose != stored)
        {
            return Task.FromResult(new SingleUseConsumption(SingleUseConsumptionStatus.Unknown, null));
        }

        var token = ToToken(document);
        return Task.FromResult(new SingleUseConsumption(
            won ? SingleUseConsumptionStatus.Consumed : TokenRules.WhyRefused(token, StoredTime.Read(now)), token));
    }

    public Task<int> RevokeOutstandingAsync(string accountId, TokenPurpose purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        cancellationToken.ThrowIfCancellationRequested();
        var stored = StoredName.Of(purpose);
        return Task.FromResult(_tokens.DeleteMany(x => x.AccountId == accountId && x.Purpose == stored && x.ConsumedAt == null));
    }

    public Task<int> PurgeExpiredAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var before = StoredTime.From(cutoff);
        return Task.FromResult(_tokens.DeleteMany(x => x.ExpiresAt < before));
    }

    private static SingleUseToken ToToken(LiteSingleUseTokenDocument d) => new(
        d.Id, StoredName.Parse<TokenPurpose>(d.Purpose), d.AccountId, StoredTime.Read(d.IssuedAt),
        StoredTime.Read(d.ExpiresAt), StoredTime.Read(d.ConsumedAt));
}
