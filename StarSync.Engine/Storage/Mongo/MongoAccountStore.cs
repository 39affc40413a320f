using System.Text.RegularExpressions;
using MongoDB.Bson;
using MongoDB.Driver;
using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage.Mongo;

/// <summary>
/// <see cref="IAccountStore"/> on MongoDB. Every change is one single-document update; session changes are
/// compare-and-swap loops on <c>version</c> whose update also writes <c>lastRevocation</c>, which the change stream
/// (<see cref="MongoAccountChangeFeed"/>) turns into the revocation event on every node.
/// </summary>
public sealed class MongoAccountStore(MongoStore store, TimeProvider clock) : IAccountStore
{
    private static readonly string ActiveStatus = StoredName.Of(AccountStatus.Active);
    private static readonly string DeletedStatus = StoredName.Of(AccountStatus.Deleted);
    private static readonly FilterDefinitionBuilder<MongoAccountDocument> Filter = Builders<MongoAccountDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<MongoAccountDocument> Update = Builders<MongoAccountDocument>.Update;

    private readonly IMongoCollection<MongoAccountDocument> _accounts = (store ?? throw new ArgumentNullException(nameof(store))).Accounts;
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    public async Task<AccountCreation> CreateAsync(NewAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        AccountRules.RequireName(account.Name);
        AccountRules.RequireTimeZone(account.TimeZone);
        if (account.Status == AccountStatus.Deleted)
        {
            throw new ArgumentException("An account cannot be created deleted.", nameof(account));
        }

        var document = new MongoAccountDocument
        {
            Id = AccountRules.NewAccountId(),
            Version = 1,
            Email = AccountEmail.Normalize(account.Email),
            Name = account.Name.Trim(),
            Role = StoredName.Of(account.Role),
            PasswordHash = account.PasswordHash,
            Status = StoredName.Of(account.Status),
            CreatedAt = StoredTime.From(_clock.GetUtcNow()),
            TimeZone = account.TimeZone,
        };
        try
        {
            await _accounts.InsertOneAsync(document, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (MongoWriteException e) when (MongoCollections.IsDuplicateKey(e))
        {
            return AccountCreation.EmailTaken;
        }

        return new AccountCreation(ToAccount(document));
    }

    public async Task<Account?> FindByIdAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        var document = await _accounts.Find(ById(accountId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return document is null ? null : ToAccount(document);
    }

    public async Task<Account?> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        var document = await _accounts.Find(Filter.Eq(x => x.Email, AccountEmail.Normalize(email))).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return document is null ? null : ToAccount(document);
    }

    public async Task<bool> UpdateNameAsync(string accountId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        AccountRules.RequireName(name);
        var result = await _accounts.UpdateOneAsync(NotDeleted(accountId), Update.Set(x => x.Name, name.Trim()).Inc(x => x.Version, 1), cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.MatchedCount == 1;
    }

    public async Task<bool> UpdateTimeZoneAsync(string accountId, string timeZone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        AccountRules.RequireTimeZone(timeZone);
        var result = await _accounts.UpdateOneAsync(NotDeleted(accountId), Update.Set(x => x.TimeZone, timeZone).Inc(x => x.Version, 1), cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.MatchedCount == 1;
    }

    public async Task<AvatarChange> SetAvatarAsync(string accountId, AccountAvatar? avatar, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        AccountAvatar? replaced = null;
        var changed = await MutateAsync(accountId, current =>
        {
            if (current is null || current.Status == DeletedStatus)
            {
                return new Mutation<bool>(false, null);
            }

            replaced = current is { AvatarUrl: { } oldUrl, AvatarKey: { } oldKey } ? new AccountAvatar(oldUrl, oldKey) : null;
            return new Mutation<bool>(true, AvatarUpdate(avatar));
        }, cancellationToken).ConfigureAwait(false);
        return new AvatarChange(changed, changed ? replaced : null);
    }

    internal static UpdateDefinition<MongoAccountDocument> AvatarUpdate(AccountAvatar? avatar) =>
        Update.Set(x => x.AvatarUrl, avatar?.Url).Set(x => x.AvatarKey, avatar?.Key);

    public Task<bool> SetPasswordHashAsync(string accountId, string passwordHash, string? keepSessionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        var now = StoredTime.From(_clock.GetUtcNow());
        return MutateAsync(accountId, current =>
        {
            if (current is null || current.Status == DeletedStatus)
            {
                return new Mutation<bool>(false, null);
            }

            var set = Update.Set(x => x.PasswordHash, passwordHash).Set(x => x.PasswordChangedAt, now);
            return current.ActiveSessionId is { } sid && sid != keepSessionId
                ? new Mutation<bool>(true, EndSession(set, sid, SessionEndReason.PasswordChanged, now))
                : new Mutation<bool>(true, set);
        }, cancellationToken);
    }

    public Task<SessionStart> StartSessionAsync(string accountId, SessionClient client, string? expectedPasswordHash = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var sessionId = Guid.NewGuid().ToString();
        var now = StoredTime.From(_clock.GetUtcNow());
        return MutateAsync(accountId, current =>
        {
            if (AccountRules.RefuseSession(current?.Status, current?.PasswordHash, expectedPasswordHash) is { } refused)
            {
                return new Mutation<SessionStart>(SessionStart.Refused(refused), null);
            }

            var started = new ActiveSession(sessionId, StoredTime.Read(now), client.Device, client.CoarseIp);
            var replaced = ToSession(current!);
            return new Mutation<SessionStart>(
                new SessionStart(SessionStartStatus.Started, started, replaced),
                StartSessionUpdate(sessionId, now, client, replaced?.Id));
        }, cancellationToken);
    }

    public async Task<bool> EndSessionAsync(string accountId, string sessionId, SessionEndReason reason, CancellationToken cancellationToken = default)
    {
        var now = StoredTime.From(_clock.GetUtcNow());
        // Compare-and-clear in one step: only the session that is still active can be ended.
        var result = await _accounts.UpdateOneAsync(
            ActiveSessionFilter(accountId, sessionId),
            EndSession(Update.Inc(x => x.Version, 1), sessionId, reason, now),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.MatchedCount == 1;
    }

    public Task<bool> IsActiveSessionAsync(string accountId, string sessionId, CancellationToken cancellationToken = default) =>
        _accounts.Find(ActiveSessionFilter(accountId, sessionId) & Filter.Eq(x => x.Status, ActiveStatus))
            .Project(Builders<MongoAccountDocument>.Projection.Include(x => x.Id))
            .Limit(1)
            .AnyAsync(cancellationToken);

    public Task<bool> SetStatusAsync(string accountId, AccountStatus status, CancellationToken cancellationToken = default)
    {
        if (status == AccountStatus.Deleted)
        {
            throw new ArgumentException("Use DeleteAsync to delete an account.", nameof(status));
        }

        var now = StoredTime.From(_clock.GetUtcNow());
        return MutateAsync(accountId, current =>
        {
            if (current is null || current.Status == DeletedStatus)
            {
                return new Mutation<bool>(false, null);
            }

            var set = Update.Set(x => x.Status, StoredName.Of(status));
            return status != AccountStatus.Active && current.ActiveSessionId is { } sid
                ? new Mutation<bool>(true, EndSession(set, sid, AccountRules.EndReasonFor(status), now))
                : new Mutation<bool>(true, set);
        }, cancellationToken);
    }

    public Task<bool> DeleteAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var now = StoredTime.From(_clock.GetUtcNow());
        return MutateAsync(accountId, current =>
            current is null || current.Status == DeletedStatus
                ? new Mutation<bool>(false, null)
                : new Mutation<bool>(true, TombstoneUpdate(accountId, current.ActiveSessionId, now)),
            cancellationToken);
    }

    public async Task<Page<Account>> ListAsync(AccountQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Paging.Require(query.Skip, query.Take);
        var filter = ListFilter(query);
        var total = await _accounts.CountDocumentsAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false);
        var documents = await _accounts.Find(filter)
            .Sort(Builders<MongoAccountDocument>.Sort.Descending(x => x.CreatedAt).Descending(x => x.Id))
            .Skip(query.Skip)
            .Limit(query.Take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Page<Account>(documents.ConvertAll(ToAccount), total, query.Skip, query.Take);
    }

    internal static FilterDefinition<MongoAccountDocument> ById(string accountId) => Filter.Eq(x => x.Id, accountId);

    internal static FilterDefinition<MongoAccountDocument> AtVersion(string accountId, long version) =>
        Filter.Eq(x => x.Id, accountId) & Filter.Eq(x => x.Version, version);

    internal static FilterDefinition<MongoAccountDocument> NotDeleted(string accountId) =>
        Filter.Eq(x => x.Id, accountId) & Filter.Ne(x => x.Status, DeletedStatus);

    internal static FilterDefinition<MongoAccountDocument> ActiveSessionFilter(string accountId, string sessionId) =>
        Filter.Eq(x => x.Id, accountId) & Filter.Eq(x => x.ActiveSessionId, sessionId);

    internal static UpdateDefinition<MongoAccountDocument> StartSessionUpdate(string sessionId, DateTime now, SessionClient client, string? replacedSessionId)
    {
        var set = Update
            .Set(x => x.ActiveSessionId, sessionId)
            .Set(x => x.ActiveSession, new MongoSessionDocument { StartedAt = now, Device = client.Device, CoarseIp = client.CoarseIp });
        return replacedSessionId is null ? set : set.Set(x => x.LastRevocation, Revocation(replacedSessionId, SessionEndReason.OtherDevice, now));
    }

    internal static UpdateDefinition<MongoAccountDocument> TombstoneUpdate(string accountId, string? activeSessionId, DateTime now)
    {
        var set = Update
            .Set(x => x.Name, Account.DeletedName)
            .Set(x => x.Email, AccountEmail.Tombstone(accountId))
            .Set(x => x.PasswordHash, null)
            .Set(x => x.PasswordChangedAt, null)
            .Set(x => x.AvatarUrl, null)
            .Set(x => x.AvatarKey, null)
            .Set(x => x.Status, DeletedStatus)
            .Set(x => x.DeletedAt, now);
        return activeSessionId is null ? set : EndSession(set, activeSessionId, SessionEndReason.Deleted, now);
    }

    internal static FilterDefinition<MongoAccountDocument> ListFilter(AccountQuery query)
    {
        var filter = Filter.Empty;
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // Escaped: the admin's text is matched literally, case-insensitively, anywhere in the email or name.
            var text = new BsonRegularExpression(Regex.Escape(query.Search.Trim()), "i");
            filter &= Filter.Regex(x => x.Email, text) | Filter.Regex(x => x.Name, text);
        }

        if (query.Role is { } role)
        {
            filter &= Filter.Eq(x => x.Role, StoredName.Of(role));
        }

        if (query.Status is { } status)
        {
            filter &= Filter.Eq(x => x.Status, StoredName.Of(status));
        }

        return filter;
    }

    // Clears the session and records which sid died and why, in the same update as the rest of the change.
    private static UpdateDefinition<MongoAccountDocument> EndSession(UpdateDefinition<MongoAccountDocument> update, string sessionId, SessionEndReason reason, DateTime now) =>
        update
            .Set(x => x.ActiveSessionId, null)
            .Set(x => x.ActiveSession, null)
            .Set(x => x.LastRevocation, Revocation(sessionId, reason, now));

    private static MongoRevocationDocument Revocation(string sessionId, SessionEndReason reason, DateTime now) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        SessionId = sessionId,
        Reason = StoredName.Of(reason),
        At = now,
    };

    // Read, decide, write only if the version is still the one read; else read again. Some writer always wins a
    // round, so the loop ends.
    private async Task<TResult> MutateAsync<TResult>(string accountId, Func<MongoAccountDocument?, Mutation<TResult>> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        while (true)
        {
            var current = await _accounts.Find(ById(accountId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var mutation = decide(current);
            if (current is null || mutation.Update is null)
            {
                return mutation.Result;
            }

            var result = await _accounts.UpdateOneAsync(
                AtVersion(accountId, current.Version),
                mutation.Update.Set(x => x.Version, current.Version + 1),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            if (result.MatchedCount == 1)
            {
                return mutation.Result;
            }
        }
    }

    private static ActiveSession? ToSession(MongoAccountDocument document) =>
        document is { ActiveSessionId: { } sid, ActiveSession: { } session }
            ? new ActiveSession(sid, StoredTime.Read(session.StartedAt), session.Device, session.CoarseIp)
            : null;

    private static Account ToAccount(MongoAccountDocument document) => new()
    {
        Id = document.Id,
        Email = document.Email,
        Name = document.Name,
        Role = StoredName.Parse<AccountRole>(document.Role),
        PasswordHash = document.PasswordHash,
        Status = StoredName.Parse<AccountStatus>(document.Status),
        CreatedAt = StoredTime.Read(document.CreatedAt),
        ActiveSession = ToSession(document),
        PasswordChangedAt = StoredTime.Read(document.PasswordChangedAt),
        TimeZone = document.TimeZone,
        Avatar = document is { AvatarUrl: { } url, AvatarKey: { } key } ? new AccountAvatar(url, key) : null,
    };

    private sealed record Mutation<TResult>(TResult Result, UpdateDefinition<MongoAccountDocument>? Update);
}
