using System.Linq.Expressions;
using LiteDB;
using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage.Lite;

/// <summary>
/// <see cref="IAccountStore"/> on the embedded LiteDB file. Every change is one LiteDB conditional update
/// (<c>UpdateMany(x =&gt; new T { … }, predicate)</c>, atomic within the process that owns the file); session changes
/// are compare-and-swap loops on <c>Version</c>. Revocations are published on the in-process feed after they commit.
/// </summary>
public sealed class LiteAccountStore : IAccountStore
{
    private static readonly string ActiveStatus = StoredName.Of(AccountStatus.Active);
    private static readonly string DeletedStatus = StoredName.Of(AccountStatus.Deleted);

    private readonly ILiteCollection<LiteAccountDocument> _accounts;
    private readonly InProcessAccountChangeFeed _feed;
    private readonly TimeProvider _clock;

    /// <summary>Opens the accounts collection and ensures its indexes (unique email, creation time).</summary>
    public LiteAccountStore(LiteStore store, InProcessAccountChangeFeed feed, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        _feed = feed ?? throw new ArgumentNullException(nameof(feed));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _accounts = store.Database.GetCollection<LiteAccountDocument>(LiteCollections.Accounts);
        _accounts.EnsureIndex(x => x.Email, unique: true);
        _accounts.EnsureIndex(x => x.CreatedAt);
    }

    public Task<AccountCreation> CreateAsync(NewAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        cancellationToken.ThrowIfCancellationRequested();
        AccountRules.RequireName(account.Name);
        AccountRules.RequireTimeZone(account.TimeZone);
        if (account.Status == AccountStatus.Deleted)
        {
            throw new ArgumentException("An account cannot be created deleted.", nameof(account));
        }

        var document = new LiteAccountDocument
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
            _accounts.Insert(document);
        }
        catch (LiteException e) when (LiteCollections.IsDuplicateKey(e))
        {
            return Task.FromResult(AccountCreation.EmailTaken);
        }

        return Task.FromResult(new AccountCreation(ToAccount(document)));
    }

    public Task<Account?> FindByIdAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_accounts.FindById(accountId) is { } document ? ToAccount(document) : null);
    }

    public Task<Account?> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var normal = AccountEmail.Normalize(email);
        return Task.FromResult(_accounts.FindOne(x => x.Email == normal) is { } document ? ToAccount(document) : null);
    }

    public Task<bool> UpdateNameAsync(string accountId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        AccountRules.RequireName(name);
        cancellationToken.ThrowIfCancellationRequested();
        var trimmed = name.Trim();
        var changed = _accounts.UpdateMany(
            x => new LiteAccountDocument { Name = trimmed, Version = x.Version + 1 },
            x => x.Id == accountId && x.Status != DeletedStatus);
        return Task.FromResult(changed == 1);
    }

    public Task<bool> UpdateTimeZoneAsync(string accountId, string timeZone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        AccountRules.RequireTimeZone(timeZone);
        cancellationToken.ThrowIfCancellationRequested();
        var changed = _accounts.UpdateMany(
            x => new LiteAccountDocument { TimeZone = timeZone, Version = x.Version + 1 },
            x => x.Id == accountId && x.Status != DeletedStatus);
        return Task.FromResult(changed == 1);
    }

    public Task<AvatarChange> SetAvatarAsync(string accountId, AccountAvatar? avatar, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        cancellationToken.ThrowIfCancellationRequested();
        var url = avatar?.Url;
        var key = avatar?.Key;
        AccountAvatar? replaced = null;
        var changed = Mutate(accountId, current =>
        {
            if (current is null || current.Status == DeletedStatus)
            {
                return Mutation.None(false);
            }

            replaced = current is { AvatarUrl: { } oldUrl, AvatarKey: { } oldKey } ? new AccountAvatar(oldUrl, oldKey) : null;
            var version = current.Version + 1;
            return new Mutation<bool>(true, x => new LiteAccountDocument { AvatarUrl = url, AvatarKey = key, Version = version });
        });
        return Task.FromResult(new AvatarChange(changed, changed ? replaced : null));
    }

    public Task<bool> SetPasswordHashAsync(string accountId, string passwordHash, string? keepSessionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        cancellationToken.ThrowIfCancellationRequested();
        var now = StoredTime.From(_clock.GetUtcNow());
        return Task.FromResult(Mutate(accountId, current =>
        {
            if (current is null || current.Status == DeletedStatus)
            {
                return Mutation.None(false);
            }

            var version = current.Version + 1;
            if (current.ActiveSessionId is null || current.ActiveSessionId == keepSessionId)
            {
                return new Mutation<bool>(true, x => new LiteAccountDocument { PasswordHash = passwordHash, PasswordChangedAt = now, Version = version });
            }

            return new Mutation<bool>(
                true,
                x => new LiteAccountDocument { PasswordHash = passwordHash, PasswordChangedAt = now, ActiveSessionId = null, ActiveSession = null, Version = version },
                new SessionRevoked(accountId, current.ActiveSessionId, SessionEndReason.PasswordChanged, StoredTime.Read(now)));
        }));
    }

    public Task<SessionStart> StartSessionAsync(string accountId, SessionClient client, string? expectedPasswordHash = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        cancellationToken.ThrowIfCancellationRequested();
        var sessionId = Guid.NewGuid().ToString();
        var now = StoredTime.From(_clock.GetUtcNow());
        var session = new LiteSessionDocument { StartedAt = now, Device = client.Device, CoarseIp = client.CoarseIp };
        return Task.FromResult(Mutate(accountId, current =>
        {
            if (AccountRules.RefuseSession(current?.Status, current?.PasswordHash, expectedPasswordHash) is { } refused)
            {
                return Mutation.None(SessionStart.Refused(refused));
            }

            var started = new ActiveSession(sessionId, StoredTime.Read(now), client.Device, client.CoarseIp);
            var replaced = ToSession(current!);
            var version = current!.Version + 1;
            return new Mutation<SessionStart>(
                new SessionStart(SessionStartStatus.Started, started, replaced),
                x => new LiteAccountDocument { ActiveSessionId = sessionId, ActiveSession = session, Version = version },
                replaced is null ? null : new SessionRevoked(accountId, replaced.Id, SessionEndReason.OtherDevice, started.StartedAt));
        }));
    }

    public Task<bool> EndSessionAsync(string accountId, string sessionId, SessionEndReason reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(sessionId);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _clock.GetUtcNow();
        // Compare-and-clear in one step: only the session that is still active can be ended.
        var ended = _accounts.UpdateMany(
            x => new LiteAccountDocument { ActiveSessionId = null, ActiveSession = null, Version = x.Version + 1 },
            x => x.Id == accountId && x.ActiveSessionId == sessionId) == 1;
        if (ended)
        {
            _feed.Publish(new SessionRevoked(accountId, sessionId, reason, StoredTime.Read(StoredTime.From(now))));
        }

        return Task.FromResult(ended);
    }

    public Task<bool> IsActiveSessionAsync(string accountId, string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(sessionId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_accounts.Exists(x => x.Id == accountId && x.ActiveSessionId == sessionId && x.Status == ActiveStatus));
    }

    public Task<bool> SetStatusAsync(string accountId, AccountStatus status, CancellationToken cancellationToken = default)
    {
        if (status == AccountStatus.Deleted)
        {
            throw new ArgumentException("Use DeleteAsync to delete an account.", nameof(status));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var stored = StoredName.Of(status);
        var now = StoredTime.From(_clock.GetUtcNow());
        return Task.FromResult(Mutate(accountId, current =>
        {
            if (current is null || current.Status == DeletedStatus)
            {
                return Mutation.None(false);
            }

            var version = current.Version + 1;
            if (status == AccountStatus.Active || current.ActiveSessionId is null)
            {
                return new Mutation<bool>(true, x => new LiteAccountDocument { Status = stored, Version = version });
            }

            return new Mutation<bool>(
                true,
                x => new LiteAccountDocument { Status = stored, ActiveSessionId = null, ActiveSession = null, Version = version },
                new SessionRevoked(accountId, current.ActiveSessionId, AccountRules.EndReasonFor(status), StoredTime.Read(now)));
        }));
    }

    public Task<bool> DeleteAsync(string accountId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = StoredTime.From(_clock.GetUtcNow());
        var tombstone = AccountEmail.Tombstone(accountId);
        return Task.FromResult(Mutate(accountId, current =>
        {
            if (current is null || current.Status == DeletedStatus)
            {
                return Mutation.None(false);
            }

            var version = current.Version + 1;
            return new Mutation<bool>(
                true,
                x => new LiteAccountDocument
                {
                    Name = Account.DeletedName,
                    Email = tombstone,
                    PasswordHash = null,
                    PasswordChangedAt = null,
                    Status = DeletedStatus,
                    ActiveSessionId = null,
                    ActiveSession = null,
                    AvatarUrl = null,
                    AvatarKey = null,
                    DeletedAt = now,
                    Version = version,
                },
                current.ActiveSessionId is { } sid ? new SessionRevoked(accountId, sid, SessionEndReason.Deleted, StoredTime.Read(now)) : null);
        }));
    }

    public Task<Page<Account>> ListAsync(AccountQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Paging.Require(query.Skip, query.Take);
        cancellationToken.ThrowIfCancellationRequested();
        var found = _accounts.Query();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // INDEXOF on lower-cased text: a plain substring match (LIKE would treat % and _ as wildcards).
            found = found.Where(BsonExpression.Create(
                "INDEXOF(LOWER($.Email), @0) >= 0 OR INDEXOF(LOWER($.Name), @0) >= 0", AccountEmail.Fold(query.Search)));
        }

        if (query.Role is { } role)
        {
            var stored = StoredName.Of(role);
            found = found.Where(x => x.Role == stored);
        }

        if (query.Status is { } status)
        {
            var stored = StoredName.Of(status);
            found = found.Where(x => x.Status == stored);
        }

        var total = found.LongCount();
        var items = found.OrderByDescending(x => x.CreatedAt).Skip(query.Skip).Limit(query.Take).ToList();
        return Task.FromResult(new Page<Account>(items.ConvertAll(ToAccount), total, query.Skip, query.Take));
    }

    // Read, decide, write only if the version is still the one read; else read again. Some writer always wins a
    // round, so the loop ends; the revocation is published only after the winning write.
    private TResult Mutate<TResult>(string accountId, Func<LiteAccountDocument?, Mutation<TResult>> decide)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        while (true)
        {
            var current = _accounts.FindById(accountId);
            var mutation = decide(current);
            if (current is null || mutation.Set is null)
            {
                return mutation.Result;
            }

            var version = current.Version;
            if (_accounts.UpdateMany(mutation.Set, x => x.Id == accountId && x.Version == version) == 1)
            {
                if (mutation.Revoked is { } revoked)
                {
                    _feed.Publish(revoked);
                }

                return mutation.Result;
            }
        }
    }

    private static ActiveSession? ToSession(LiteAccountDocument document) =>
        document is { ActiveSessionId: { } sid, ActiveSession: { } session }
            ? new ActiveSession(sid, StoredTime.Read(session.StartedAt), session.Device, session.CoarseIp)
            : null;

    private static Account ToAccount(LiteAccountDocument document) => new()
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

    private sealed record Mutation<TResult>(
        TResult Result,
        Expression<Func<LiteAccountDocument, LiteAccountDocument>>? Set = null,
        SessionRevoked? Revoked = null);

    private static class Mutation
    {
        public static Mutation<TResult> None<TResult>(TResult result) => new(result);
    }
}
