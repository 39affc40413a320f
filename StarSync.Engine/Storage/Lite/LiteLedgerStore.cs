using System.Globalization;
using LiteDB;
using StarSync.Engine.Wallet;

namespace StarSync.Engine.Storage.Lite;

/// <summary>
/// <see cref="ILedgerStore"/> on the embedded LiteDB file. A posting is one explicit LiteDB transaction (entries,
/// balances and the posting under its unique key), run synchronously on one thread and serialised in-process, so the
/// balance check and the writes it allows cannot interleave with another posting. The file belongs to this process
/// alone (<see cref="LiteStore"/>), which is what makes an in-process lock enough.
/// </summary>
public sealed class LiteLedgerStore : ILedgerStore
{
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<LitePostingDocument> _postings;
    private readonly ILiteCollection<LiteLedgerEntryDocument> _entries;
    private readonly ILiteCollection<LiteBalanceDocument> _balances;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();

    /// <summary>Opens the three collections and ensures their indexes (unique idempotency key, entries by account).</summary>
    public LiteLedgerStore(LiteStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _database = store.Database;
        _postings = _database.GetCollection<LitePostingDocument>(LiteCollections.LedgerPostings);
        _entries = _database.GetCollection<LiteLedgerEntryDocument>(LiteCollections.LedgerEntries, BsonAutoId.Int64);
        _balances = _database.GetCollection<LiteBalanceDocument>(LiteCollections.LedgerBalances);
        _postings.EnsureIndex(x => x.IdempotencyKey, unique: true);
        _entries.EnsureIndex(x => x.AccountId);
    }

    public Task<PostingResult> PostAsync(NewPosting posting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posting);
        posting.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(Post(posting));
        }
    }

    public Task<Posting?> FindPostingAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(FindPosting(idempotencyKey));
    }

    public Task<LedgerBalance> GetBalanceAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        cancellationToken.ThrowIfCancellationRequested();
        var stored = _balances.FindById(accountId);
        return Task.FromResult(new LedgerBalance(accountId, stored?.Balance ?? 0, stored?.Currency ?? Money.DefaultCurrency));
    }

    public Task<Page<LedgerEntry>> QueryEntriesAsync(LedgerQuery query, CancellationToken cancellationToken = default)
    {
        LedgerRules.Require(query);
        cancellationToken.ThrowIfCancellationRequested();
        var accountId = query.AccountId;
        var found = _entries.Query().Where(x => x.AccountId == accountId);
        if (query.Kind is { } kind)
        {
            var stored = StoredName.Of(kind);
            found = found.Where(x => x.Kind == stored);
        }

        if (query.From is { } from)
        {
            var since = StoredTime.From(from);
            found = found.Where(x => x.CreatedAt >= since);
        }

        if (query.To is { } to)
        {
            var before = StoredTime.From(to);
            found = found.Where(x => x.CreatedAt < before);
        }

        var total = found.LongCount();
        var items = found.OrderByDescending(x => x.Id).Skip(query.Skip).Limit(query.Take).ToList();
        return Task.FromResult(new Page<LedgerEntry>(items.ConvertAll(ToEntry), total, query.Skip, query.Take));
    }

    public Task<IReadOnlyList<BalanceDiscrepancy>> VerifyBalancesAsync(CancellationToken cancellationToken = default)
    {
        // A first pass without the lock, so postings are not held up while every entry is read; it may see a posting
        // half-way between its entries and its balances, so each account it flags is checked again under the lock,
        // where no posting is in flight.
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in _entries.FindAll())
        {
            cancellationToken.ThrowIfCancellationRequested();
            sums[entry.AccountId] = checked(sums.GetValueOrDefault(entry.AccountId) + entry.Amount);
        }

        var suspects = new HashSet<string>(StringComparer.Ordinal);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var balance in _balances.FindAll())
        {
            stored.Add(balance.Id);
            if (balance.Balance != sums.GetValueOrDefault(balance.Id))
            {
                suspects.Add(balance.Id);
            }
        }

        suspects.UnionWith(sums.Keys.Where(id => !stored.Contains(id) && sums[id] != 0));

        var found = new List<BalanceDiscrepancy>();
        foreach (var accountId in suspects.Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                var balance = _balances.FindById(accountId)?.Balance ?? 0;
                var sum = _entries.Find(x => x.AccountId == accountId).Sum(x => x.Amount);
                if (balance != sum)
                {
                    found.Add(new BalanceDiscrepancy(accountId, balance, sum));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<BalanceDiscrepancy>>(found);
    }

    // Runs under _gate, synchronously: a LiteDB transaction belongs to the thread that began it.
    private PostingResult Post(NewPosting posting)
    {
        var key = posting.IdempotencyKey;
        if (_postings.FindOne(x => x.IdempotencyKey == key) is { } first)
        {
            return new PostingResult(PostingOutcome.Repeated, ToPosting(first));
        }

        if (!_database.BeginTrans())
        {
            throw new InvalidOperationException("A LiteDB transaction is already open on this thread.");
        }

        var committed = false;
        try
        {
            var balances = new LiteBalanceDocument[posting.Entries.Count];
            for (var i = 0; i < balances.Length; i++)
            {
                var entry = posting.Entries[i];
                var current = _balances.FindById(entry.AccountId);
                if (current is not null && current.Currency != posting.Currency)
                {
                    throw LedgerRules.CurrencyMismatch(entry.AccountId, current.Currency, posting.Currency);
                }

                var after = checked((current?.Balance ?? 0) + entry.Amount);
                if (after < 0 && LedgerRules.NeedsCover(entry))
                {
                    return new PostingResult(PostingOutcome.InsufficientFunds, null, entry.AccountId);
                }

                balances[i] = new LiteBalanceDocument { Id = entry.AccountId, Balance = after, Currency = posting.Currency };
            }

            var now = StoredTime.From(_clock.GetUtcNow());
            var document = new LitePostingDocument
            {
                Id = LedgerRules.NewPostingId(),
                IdempotencyKey = key,
                Currency = posting.Currency,
                Reference = posting.Reference,
                Actor = posting.Actor,
                CreatedAt = now,
            };
            var entries = new List<LiteLedgerEntryDocument>(balances.Length);
            for (var i = 0; i < balances.Length; i++)
            {
                var entry = new LiteLedgerEntryDocument
                {
                    PostingId = document.Id,
                    AccountId = posting.Entries[i].AccountId,
                    Amount = posting.Entries[i].Amount,
                    Currency = posting.Currency,
                    Kind = StoredName.Of(posting.Entries[i].Kind),
                    Reference = posting.Reference,
                    BalanceAfter = balances[i].Balance,
                    CreatedAt = now,
                    Actor = posting.Actor,
                };
                _entries.Insert(entry);
                _balances.Upsert(balances[i]);
                entries.Add(entry);
                document.EntryIds.Add(entry.Id);
            }

            _postings.Insert(document);
            committed = _database.Commit();
            if (!committed)
            {
                throw new InvalidOperationException("The LiteDB transaction was not committed.");
            }

            return new PostingResult(PostingOutcome.Posted, ToPosting(document, entries));
        }
        catch (LiteException e) when (LiteCollections.IsDuplicateKey(e))
        {
            // Only reachable if the key was written outside this lock; the unique index still keeps it to one posting.
            _database.Rollback();
            committed = true;
            return FindPosting(key) is { } repeated
                ? new PostingResult(PostingOutcome.Repeated, repeated)
                : throw new InvalidOperationException($"Posting '{key}' collided on its key but cannot be read.", e);
        }
        finally
        {
            if (!committed)
            {
                _database.Rollback();
            }
        }
    }

    private Posting? FindPosting(string idempotencyKey) =>
        _postings.FindOne(x => x.IdempotencyKey == idempotencyKey) is { } document ? ToPosting(document) : null;

    private Posting ToPosting(LitePostingDocument document) =>
        ToPosting(document, document.EntryIds.ConvertAll(id => _entries.FindById(id)
            ?? throw new InvalidOperationException($"Ledger entry {id} of posting '{document.IdempotencyKey}' is missing.")));

    private static Posting ToPosting(LitePostingDocument document, List<LiteLedgerEntryDocument> entries) => new(
        document.Id, document.IdempotencyKey, document.Reference, document.Actor, StoredTime.Read(document.CreatedAt), entries.ConvertAll(ToEntry));

    private static LedgerEntry ToEntry(LiteLedgerEntryDocument d) => new(
        d.Id.ToString(CultureInfo.InvariantCulture),
        d.PostingId,
        d.AccountId,
        d.Amount,
        d.Currency,
        StoredName.Parse<LedgerEntryKind>(d.Kind),
        d.Reference,
        d.BalanceAfter,
        StoredTime.Read(d.CreatedAt),
        d.Actor);
}
