using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LiteDB;
using StarSync.Engine.Wallet;

namespace StarSync.Engine.Storage.Lite;

/// <summary>
/// <see cref="ILedgerStore"/> on the embedded LiteDB file. A posting is one explicit LiteDB transaction (the posting
/// under its unique key, its entries, the balances it moves), run synchronously on one thread and serialised by one
/// lock per database, so the balance check and the writes it allows cannot interleave with another posting. The file
/// belongs to this process alone (<see cref="LiteStore"/>), which is what makes an in-process lock enough.
/// </summary>
/// <remarks>
/// Since every posting goes through that lock, the lock also keeps the committed balances in memory and assigns entry
/// ids, which spares each posting a read per account; the stored balance documents are still written in the same
/// transaction, and the consistency check reads them, never the memory.
/// </remarks>
public sealed class LiteLedgerStore : ILedgerStore
{
    private readonly LiteDatabase _database;
    private readonly LiteLedgerState _state;
    private readonly ILiteCollection<LitePostingDocument> _postings;
    private readonly ILiteCollection<LiteLedgerEntryDocument> _entries;
    private readonly ILiteCollection<LiteBalanceDocument> _balances;
    private readonly TimeProvider _clock;

    /// <summary>Opens the three collections and ensures their indexes (unique idempotency key, entries by account).</summary>
    public LiteLedgerStore(LiteStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _database = store.Database;
        _state = store.LedgerState;
        _postings = _database.GetCollection<LitePostingDocument>(LiteCollections.LedgerPostings);
        _entries = _database.GetCollection<LiteLedgerEntryDocument>(LiteCollections.LedgerEntries);
        _balances = _database.GetCollection<LiteBalanceDocument>(LiteCollections.LedgerBalances);
        _postings.EnsureIndex(x => x.KeyHash, unique: true);
        _entries.EnsureIndex(x => x.AccountId);
    }

    public Task<PostingResult> PostAsync(NewPosting posting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posting);
        posting.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        if (posting.Entries.Select(e => e.AccountId).Distinct(_state.AccountIds).Count() != posting.Entries.Count)
        {
            // Distinct as written, but one document here: the database's collation ignores case.
            throw new ArgumentException("Each account appears once in a posting (account ids differing only in case are one account).", nameof(posting));
        }

        var keyHash = KeyHash(posting.IdempotencyKey);
        lock (_state.Gate)
        {
            return Task.FromResult(Post(posting, keyHash));
        }
    }

    public Task<Posting?> FindPostingAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(FindPosting(KeyHash(idempotencyKey)));
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
        // where no posting is in flight. Account ids compare as the database does (its collation ignores case).
        var sums = new Dictionary<string, long>(_state.AccountIds);
        foreach (var entry in _entries.FindAll())
        {
            cancellationToken.ThrowIfCancellationRequested();
            sums[entry.AccountId] = checked(sums.GetValueOrDefault(entry.AccountId) + entry.Amount);
        }

        var suspects = new HashSet<string>(_state.AccountIds);
        var stored = new HashSet<string>(_state.AccountIds);
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
            lock (_state.Gate)
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

    // Runs under the gate, synchronously: a LiteDB transaction belongs to the thread that began it.
    private PostingResult Post(NewPosting posting, string keyHash)
    {
        var count = posting.Entries.Count;
        var now = StoredTime.From(_clock.GetUtcNow());
        var nextEntryId = _state.NextEntryId ??= (_entries.Query().OrderByDescending(x => x.Id).Limit(1).FirstOrDefault()?.Id ?? 0) + 1;
        var document = new LitePostingDocument
        {
            Id = LedgerRules.NewPostingId(),
            IdempotencyKey = posting.IdempotencyKey,
            KeyHash = keyHash,
            Currency = posting.Currency,
            Reference = posting.Reference,
            Actor = posting.Actor,
            CreatedAt = now,
            EntryIds = Enumerable.Range(0, count).Select(i => nextEntryId + i).ToList(),
        };

        if (!_database.BeginTrans())
        {
            throw new InvalidOperationException("A LiteDB transaction is already open on this thread.");
        }

        var open = true;
        try
        {
            // The key first: a repeated key is answered as such even if the wallet could not pay for it now.
            try
            {
                _postings.Insert(document);
            }
            catch (LiteException e) when (LiteCollections.IsDuplicateKey(e))
            {
                _database.Rollback();
                open = false;
                return FindPosting(keyHash) is { } first
                    ? new PostingResult(PostingOutcome.Repeated, first)
                    : throw new InvalidOperationException($"Posting '{posting.IdempotencyKey}' collided on its key but cannot be read.", e);
            }

            var balances = new LiteBalanceDocument[count];
            var entries = new List<LiteLedgerEntryDocument>(count);
            for (var i = 0; i < count; i++)
            {
                var entry = posting.Entries[i];
                var current = CommittedBalance(entry.AccountId);
                if (current is not null && current.Currency != posting.Currency)
                {
                    throw LedgerRules.CurrencyMismatch(entry.AccountId, current.Currency, posting.Currency);
                }

                var after = checked((current?.Balance ?? 0) + entry.Amount);
                if (after < 0 && LedgerRules.NeedsCover(entry))
                {
                    return new PostingResult(PostingOutcome.InsufficientFunds, null, entry.AccountId);
                }

                balances[i] = new LiteBalanceDocument { Id = current?.Id ?? entry.AccountId, Balance = after, Currency = posting.Currency };
                entries.Add(new LiteLedgerEntryDocument
                {
                    Id = document.EntryIds[i],
                    PostingId = document.Id,
                    AccountId = entry.AccountId,
                    Amount = entry.Amount,
                    Currency = posting.Currency,
                    Kind = StoredName.Of(entry.Kind),
                    Reference = posting.Reference,
                    BalanceAfter = after,
                    CreatedAt = now,
                    Actor = posting.Actor,
                });
            }

            _entries.Insert(entries);
            foreach (var balance in balances)
            {
                _balances.Upsert(balance);
            }

            open = !_database.Commit();
            if (open)
            {
                throw new InvalidOperationException("The LiteDB transaction was not committed.");
            }

            // Only now, with the transaction durable in the log, does memory move on.
            _state.NextEntryId = nextEntryId + count;
            foreach (var balance in balances)
            {
                _state.Remember(balance);
            }

            return new PostingResult(PostingOutcome.Posted, ToPosting(document, entries));
        }
        catch
        {
            // Whatever failed, memory may no longer match the file: read it again on the next posting.
            _state.Forget();
            throw;
        }
        finally
        {
            if (open)
            {
                _database.Rollback();
            }
        }
    }

    // The balance as last committed (null for an account with no entries), from memory or else from the file.
    private LiteBalanceDocument? CommittedBalance(string accountId)
    {
        if (_state.Balances.TryGetValue(accountId, out var known))
        {
            return known;
        }

        var stored = _balances.FindById(accountId);
        if (stored is not null)
        {
            _state.Remember(stored);
        }

        return stored;
    }

    private Posting? FindPosting(string keyHash) =>
        _postings.FindOne(x => x.KeyHash == keyHash) is { } document ? ToPosting(document) : null;

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

    private static string KeyHash(string idempotencyKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));
}

/// <summary>
/// The ledger's in-process state for one LiteDB database, shared by every <see cref="LiteLedgerStore"/> over it: the
/// lock each posting holds, the balances as committed, and the next entry id. Touched only under <see cref="Gate"/>.
/// </summary>
internal sealed class LiteLedgerState(Collation collation)
{
    // Plenty for the embedded deployments LiteDB serves; past it memory starts again from the file.
    private const int MaxRemembered = 100_000;

    public Lock Gate { get; } = new();

    /// <summary>Account ids compared as the database compares them (its collation: culture rules, usually ignoring case).</summary>
    public StringComparer AccountIds { get; } = StringComparer.Create(collation.Culture, collation.SortOptions);

    public Dictionary<string, LiteBalanceDocument> Balances => _balances ??= new Dictionary<string, LiteBalanceDocument>(AccountIds);

    public long? NextEntryId { get; set; }

    private Dictionary<string, LiteBalanceDocument>? _balances;

    public void Remember(LiteBalanceDocument balance)
    {
        if (Balances.Count >= MaxRemembered)
        {
            Balances.Clear();
        }

        Balances[balance.Id] = balance;
    }

    public void Forget()
    {
        _balances = null;
        NextEntryId = null;
    }
}
