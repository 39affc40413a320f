using LiteDB;
using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage.Lite;

/// <summary>
/// <see cref="IRefreshTokenStore"/> on the embedded LiteDB file, keyed by token hash. Rotation consumes the presented
/// token with one conditional update, so only one of any concurrent rotations can win it.
/// </summary>
public sealed class LiteRefreshTokenStore : IRefreshTokenStore
{
    private readonly ILiteCollection<LiteRefreshTokenDocument> _tokens;
    private readonly TimeProvider _clock;

    /// <summary>Opens the collection and ensures its indexes (session, account, expiry; the hash is the primary key).</summary>
    public LiteRefreshTokenStore(LiteStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _tokens = store.Database.GetCollection<LiteRefreshTokenDocument>(LiteCollections.RefreshTokens);
        _tokens.EnsureIndex(x => x.SessionId);
        _tokens.EnsureIndex(x => x.AccountId);
        _tokens.EnsureIndex(x => x.ExpiresAt);
    }

    public Task<RefreshToken> IssueAsync(NewRefreshToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        TokenHash.Require(token.Hash, nameof(token));
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Insert(token.Hash, token.AccountId, token.SessionId, StoredTime.From(_clock.GetUtcNow()), token.ExpiresAt));
    }

    public Task<RefreshRotation> RotateAsync(string presentedHash, string successorHash, DateTimeOffset successorExpiresAt, CancellationToken cancellationToken = default)
    {
        TokenHash.Require(presentedHash, nameof(presentedHash));
        TokenHash.Require(successorHash, nameof(successorHash));
        if (presentedHash == successorHash)
        {
            throw new ArgumentException("The successor must be a new token.", nameof(successorHash));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var now = StoredTime.From(_clock.GetUtcNow());
        var won = _tokens.UpdateMany(
            x => new LiteRefreshTokenDocument { ConsumedAt = now, ReplacedBy = successorHash },
            x => x.Id == presentedHash && x.ConsumedAt == null && x.RevokedAt == null && x.ExpiresAt > now) == 1;
        if (_tokens.FindById(presentedHash) is not { } presented)
        {
            return Task.FromResult(RefreshRotation.Unknown);
        }

        var token = ToToken(presented);
        if (won)
        {
            Insert(successorHash, presented.AccountId, presented.SessionId, now, successorExpiresAt);
            return Task.FromResult(RefreshRotation.From(RefreshRotationStatus.Rotated, token));
        }

        return Task.FromResult(RefreshRotation.From(TokenRules.WhyRefused(token, StoredTime.Read(now)), token));
    }

    public Task<RefreshToken?> FindAsync(string hash, CancellationToken cancellationToken = default)
    {
        TokenHash.Require(hash, nameof(hash));
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_tokens.FindById(hash) is { } document ? ToToken(document) : null);
    }

    public Task<int> RevokeSessionAsync(string accountId, string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(sessionId);
        cancellationToken.ThrowIfCancellationRequested();
        var now = StoredTime.From(_clock.GetUtcNow());
        return Task.FromResult(_tokens.UpdateMany(
            x => new LiteRefreshTokenDocument { RevokedAt = now },
            x => x.SessionId == sessionId && x.AccountId == accountId && x.RevokedAt == null));
    }

    public Task<int> RevokeAccountAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        cancellationToken.ThrowIfCancellationRequested();
        var now = StoredTime.From(_clock.GetUtcNow());
        return Task.FromResult(_tokens.UpdateMany(
            x => new LiteRefreshTokenDocument { RevokedAt = now },
            x => x.AccountId == accountId && x.RevokedAt == null));
    }

    public Task<int> PurgeExpiredAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var before = StoredTime.From(cutoff);
        return Task.FromResult(_tokens.DeleteMany(x => x.ExpiresAt < before));
    }

    private RefreshToken Insert(string hash, string accountId, string sessionId, DateTime issuedAt, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        var document = new LiteRefreshTokenDocument
        {
            Id = hash,
            AccountId = accountId,
            SessionId = sessionId,
            IssuedAt = issuedAt,
            ExpiresAt = StoredTime.From(expiresAt),
        };
        try
        {
            _tokens.Insert(document);
        }
        catch (LiteException e) when (LiteCollections.IsDuplicateKey(e))
        {
            throw new InvalidOperationException("A refresh token with this hash is already stored.", e);
        }

        return ToToken(document);
    }

    private static RefreshToken ToToken(LiteRefreshTokenDocument d) => new(
        d.Id, d.AccountId, d.SessionId, StoredTime.Read(d.IssuedAt), StoredTime.Read(d.ExpiresAt),
        StoredTime.Read(d.ConsumedAt), d.ReplacedBy, StoredTime.Read(d.RevokedAt));
}
