using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using LiteDB;
using StarSync.Engine.Wallet;

namespace StarSync.Engine.Storage.Lite;

/// <summary>
/// <see cref="ILedgerStore"/> on the embedded LiteDB file. Postings are written under one lock per database, so the
/// balance check and the writes it allows cannot interleave with another posting; the file belongs to this process
/// alone (<see cref="LiteStore"/>), which is what makes an in-process lock enough.
/// </summary>
/// <remarks>
/// <para>
/// Group commit: a writer queues its posting and takes the lock; whoever holds it writes every posting queued so far in
/// one LiteDB transaction (the postings under their unique keys, their entries, the final balance of each account moved)
/// and then tells each writer its outcome. Each posting is checked in memory, in queue order, against the committed
/// balances plus the batch's earlier postings, so a refused posting is left out alone and the others go on; the
/// transaction makes the batch, and so each posting in it, all or nothing. A committed transaction costs LiteDB about
/// a dozen pages written to its log whatever its size, so under concurrent writers this is what keeps the rate up.
/// </para>
/// <para>
/// Since every posting goes through that lock, the lock also keeps the committed balances in memory and assigns entry
/// ids, which spares each posting a read per account; the stored balance documents are still written in the same
/// transaction, and the consistency check reads them, never the memory.
/// </para>
/// </remarks>
public sealed class LiteLedgerStore : ILedgerStore
{
    private readonly LiteDatabase _database;
    private readonly LiteLedgerState _state;
    private readonly ILiteCollection<LitePostingDocument> _postings;
    private readonly ILiteCollection<LiteLedgerEntryDocument> _entries;
    private readonly ILiteCollection<LiteBalanceDocument> _balances;
    private readonly TimeProvider _clock;

    // Postings per transaction at most; bounds the time one transaction holds the gate.
    private const int MaxBatch = 256;

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
        Require(posting);
        cancellationToken.ThrowIfCancellationRequested();
        var queued = new QueuedPosting(posting, KeyHash(posting.IdempotencyKey));
        _state.Enqueue(queued);
        lock (_state.Gate)
        {
            // Whoever holds the gate writes everything queued so far; by the time this writer gets it, an earlier holder
            // may already have written (or refused) this posting along with its own.
            while (!queued.IsDone)
            {
                WriteQueued();
            }
        }

        return Task.FromResult(queued.Result);
    }

    /// <summary>
    /// Queues every posting at once, so they go into the same transaction (up to the batch limit) with whatever other
    /// writers queued meanwhile: a caller with many postings at hand (the billing loop's due minutes) pays for one
    /// commit, not one each. All are checked before any is queued, so an invalid one throws and writes nothing.
    /// </summary>
    public Task<IReadOnlyList<PostingResult>> PostManyAsync(IReadOnlyList<NewPosting> postings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(postings);
        foreach (var posting in postings)
        {
            Require(posting);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var queued = postings.Select(p => new QueuedPosting(p, KeyHash(p.IdempotencyKey))).ToList();
        foreach (var q in queued)
        {
            _state.Enqueue(q);
        }

        lock (_state.Gate)
        {
            while (queued.Exists(q => !q.IsDone))
            {
                WriteQueued();
            }
        }

        // Each posting's own outcome; one that failed on its own (a currency mismatch) throws here, as PostAsync would.
        return Task.FromResult<IReadOnlyList<PostingResult>>(queued.ConvertAll(q => q.Result));
    }

    private void Require(NewPosting posting)
    {
        ArgumentNullException.ThrowIfNull(posting);
        posting.Validate();
        if (posting.Entries.Select(e => e.AccountId).Distinct(_state.AccountIds).Count() != posting.Entries.Count)
        {
            // Distinct as written, but one document here: the database's collation ignores case.
            throw new ArgumentException("Each account appears once in a posting (account ids differing only in case are one account).", nameof(posting));
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

    // Runs under the gate, synchronously: a LiteDB transaction belongs to the thread that began it. Takes every
    // posting waiting in the queue (this one among them, unless an earlier holder of the gate already wrote it) and
    // writes the accepted ones in one transaction: group commit. Each posting is still all or nothing, because the
    // transaction is; the checks run in memory against the committed balances plus the batch's own earlier postings.
    private void WriteQueued()
    {
        var batch = _state.TakeQueued(MaxBatch);
        try
        {
            WriteBatch(batch);
        }
        catch (Exception e)
        {
            // Nobody taken from the queue is left waiting, whatever went wrong.
            _state.Forget();
            foreach (var queued in batch.Where(q => !q.IsDone))
            {
                queued.Fail(e);
            }
        }
    }

    private void WriteBatch(List<QueuedPosting> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        // Repeated keys are rare (a webhook delivered twice, a retry after a restart), and looking every key up costs a
        // query per posting, so the batch is first decided without looking: the unique index on the key catches a
        // repeat at insert, LiteDB rolls the whole transaction back, and the batch is decided again, every key looked up.
        if (!TryWriteBatch(batch, lookUpKeys: false))
        {
            TryWriteBatch(batch, lookUpKeys: true);
        }
    }

    // Decides every posting of the batch in queue order, writes the accepted ones in one transaction, and only then
    // tells each writer its outcome. Answers false, having told nobody anything, when a key turned out to be stored
    // already and the keys were not looked up.
    private bool TryWriteBatch(List<QueuedPosting> batch, bool lookUpKeys)
    {
        var now = StoredTime.From(_clock.GetUtcNow());
        var nextEntryId = _state.NextEntryId ??= (_entries.Query().OrderByDescending(x => x.Id).Limit(1).FirstOrDefault()?.Id ?? 0) + 1;
        var pending = new Dictionary<string, LiteBalanceDocument>(_state.AccountIds);
        var acceptedByKey = new Dictionary<string, QueuedPosting>(StringComparer.Ordinal);
        var accepted = new List<QueuedPosting>(batch.Count);
        // What each posting not written is told, once the batch's fate is known.
        var decided = new List<Action>();
        foreach (var queued in batch)
        {
            try
            {
                if (acceptedByKey.TryGetValue(queued.KeyHash, out var first))
                {
                    decided.Add(() => queued.Follow(first));
                    continue;
                }

                // The key first: a repeated key is answered as such even if the wallet could not pay for it now.
                if (lookUpKeys && FindPosting(queued.KeyHash) is { } stored)
                {
                    decided.Add(() => queued.Complete(new PostingResult(PostingOutcome.Repeated, stored)));
                    continue;
                }

                PostingResult? refused;
                try
                {
                    refused = Prepare(queued, pending, now, nextEntryId);
                }
                catch (Exception) when (!lookUpKeys && FindPosting(queued.KeyHash) is { } repeated)
                {
                    decided.Add(() => queued.Complete(new PostingResult(PostingOutcome.Repeated, repeated)));
                    continue;
                }

                if (refused is not null)
                {
                    // Not written, so the index cannot tell: a refusal looks its key up (that one was looked up already).
                    var repeated = lookUpKeys ? null : FindPosting(queued.KeyHash);
                    decided.Add(() => queued.Complete(repeated is null ? refused : new PostingResult(PostingOutcome.Repeated, repeated)));
                    continue;
                }

                nextEntryId += queued.Entries!.Count;
                acceptedByKey[queued.KeyHash] = queued;
                accepted.Add(queued);
                foreach (var entry in queued.Entries)
                {
                    pending[entry.AccountId] = new LiteBalanceDocument { Id = pending.GetValueOrDefault(entry.AccountId)?.Id ?? CommittedBalance(entry.AccountId)?.Id ?? entry.AccountId, Balance = entry.BalanceAfter, Currency = entry.Currency };
                }
            }
            catch (Exception e)
            {
                // A posting the rules refuse (a currency mismatch, an overflow) fails alone; the batch goes on.
                decided.Add(() => queued.Fail(e));
            }
        }

        if (accepted.Count > 0)
        {
            try
            {
                Commit(accepted, pending.Values);
            }
            catch (LiteException e) when (!lookUpKeys && LiteCollections.IsDuplicateKey(e))
            {
                // A key already stored: nothing was written and nobody was told; decide again, looking the keys up.
                return false;
            }
            catch (Exception e)
            {
                // Whatever failed, memory may no longer match the file: read it again on the next posting.
                _state.Forget();
                decided.ForEach(tell => tell());
                foreach (var queued in accepted)
                {
                    queued.Fail(e);
                }

                return true;
            }

            // Only now, with the transaction durable in the log, does memory move on and do the writers learn the result.
            _state.NextEntryId = nextEntryId;
            foreach (var balance in pending.Values)
            {
                _state.Remember(balance);
            }
        }

        // The decisions first: a repeat of a key in this batch follows its first posting, so it must be registered as a
        // follower before that posting completes.
        decided.ForEach(tell => tell());
        foreach (var queued in accepted)
        {
            queued.Complete(new PostingResult(PostingOutcome.Posted, ToPosting(queued.Document!, queued.Entries!)));
        }

        return true;
    }

    // Builds the posting's documents against the balances as they will be once the batch's earlier postings are in;
    // returns the refusal when a wallet cannot pay.
    private PostingResult? Prepare(QueuedPosting queued, Dictionary<string, LiteBalanceDocument> pending, DateTime now, long firstEntryId)
    {
        var posting = queued.Posting;
        var count = posting.Entries.Count;
        var document = new LitePostingDocument
        {
            Id = LedgerRules.NewPostingId(),
            IdempotencyKey = posting.IdempotencyKey,
            KeyHash = queued.KeyHash,
            Currency = posting.Currency,
            Reference = posting.Reference,
            Actor = posting.Actor,
            CreatedAt = now,
            EntryIds = Enumerable.Range(0, count).Select(i => firstEntryId + i).ToList(),
        };

        var entries = new List<LiteLedgerEntryDocument>(count);
        for (var i = 0; i < count; i++)
        {
            var entry = posting.Entries[i];
            var current = pending.GetValueOrDefault(entry.AccountId) ?? CommittedBalance(entry.AccountId);
            if (current is not null && current.Currency != posting.Currency)
            {
                throw LedgerRules.CurrencyMismatch(entry.AccountId, current.Currency, posting.Currency);
            }

            var after = checked((current?.Balance ?? 0) + entry.Amount);
            if (after < 0 && LedgerRules.NeedsCover(entry))
            {
                return new PostingResult(PostingOutcome.InsufficientFunds, null, entry.AccountId);
            }

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

        queued.Document = document;
        queued.Entries = entries;
        return null;
    }

    // One transaction for the batch: its postings, their entries and each moved account's final balance.
    private void Commit(List<QueuedPosting> accepted, IEnumerable<LiteBalanceDocument> balances)
    {
        if (!_database.BeginTrans())
        {
            throw new InvalidOperationException("A LiteDB transaction is already open on this thread.");
        }

        var open = true;
        try
        {
            _postings.Insert(accepted.Select(q => q.Document!));
            _entries.Insert(accepted.SelectMany(q => q.Entries!));
            foreach (var balance in balances)
            {
                _balances.Upsert(balance);
            }

            open = !_database.Commit();
            if (open)
            {
                throw new InvalidOperationException("The LiteDB transaction was not committed.");
            }
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

    // Postings waiting for the gate: any writer adds, and whoever holds the gate takes them all (group commit).
    private readonly ConcurrentQueue<QueuedPosting> _queue = new();

    public void Enqueue(QueuedPosting posting) => _queue.Enqueue(posting);

    /// <summary>How many postings wait for the gate now.</summary>
    public int QueuedCount => _queue.Count;

    public List<QueuedPosting> TakeQueued(int max)
    {
        var taken = new List<QueuedPosting>(Math.Min(max, _queue.Count));
        while (taken.Count < max && _queue.TryDequeue(out var next))
        {
            taken.Add(next);
        }

        return taken;
    }

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

/// <summary>
/// A posting waiting to be written by whichever writer holds the ledger's gate, and its outcome once written. Set only
/// under the gate; read by its writer after the gate.
/// </summary>
internal sealed class QueuedPosting(NewPosting posting, string keyHash)
{
    private List<QueuedPosting>? _followers;
    private PostingResult? _result;
    private ExceptionDispatchInfo? _error;

    public NewPosting Posting { get; } = posting;

    /// <summary>The idempotency key's hash, as stored.</summary>
    public string KeyHash { get; } = keyHash;

    /// <summary>The documents to write, once the posting was accepted into its batch.</summary>
    public LitePostingDocument? Document { get; set; }

    public List<LiteLedgerEntryDocument>? Entries { get; set; }

    public bool IsDone { get; private set; }

    /// <summary>The outcome; throws what the posting failed with.</summary>
    public PostingResult Result
    {
        get
        {
            _error?.Throw();
            return _result ?? throw new InvalidOperationException("The posting has not been written yet.");
        }
    }

    /// <summary>
    /// The same key came again within the batch: it gets the first one's posting as <see cref="PostingOutcome.Repeated"/>,
    /// or its failure.
    /// </summary>
    public void Follow(QueuedPosting first) => (first._followers ??= []).Add(this);

    public void Complete(PostingResult result)
    {
        _result = result;
        IsDone = true;
        foreach (var follower in _followers ?? [])
        {
            follower.Complete(result.Outcome == PostingOutcome.Posted ? new PostingResult(PostingOutcome.Repeated, result.Posting) : result);
        }
    }

    public void Fail(Exception error)
    {
        _error = ExceptionDispatchInfo.Capture(error);
        IsDone = true;
        foreach (var follower in _followers ?? [])
        {
            follower.Fail(error);
        }
    }
}
