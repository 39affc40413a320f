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
/// Group commit: a writer queues its posting and takes the lock if it is free; whoever holds it writes every posting
/// queued so far in one LiteDB transaction (the postings under their unique keys, their entries, the final balance of
/// each account moved) and then tells each writer its outcome. A writer that finds the lock taken waits for its outcome
/// (or to be asked to take the lock next) instead of queueing for the lock, so a writer whose posting was written in
/// someone else's batch returns at once. Each posting is checked in memory, in queue order, against the committed
/// balances plus the batch's earlier postings, so a refused posting is left out alone and the others go on; the
/// transaction makes the batch, and so each posting in it, all or nothing. LiteDB writes every page a transaction
/// touched to its log (and again to the data file at the checkpoint), and postings of one batch share many of them (the
/// newest index and data pages, the collection pages, hot balances), so under concurrent writers this keeps the rate up.
/// </para>
/// <para>
/// Since every posting goes through that lock, the lock also keeps the committed balances in memory and assigns entry
/// ids, which spares each posting a read per account; the stored balance documents are still written in the same
/// transaction, and the consistency check reads them, never the memory.
/// </para>
/// <para>
/// An account's entries are found through a chain, not an index: each entry names the account's previous entry, and the
/// account's balance document names its newest entry and counts them (<see cref="LiteLedgerEntryDocument.PreviousId"/>,
/// <see cref="LiteBalanceDocument.LastEntryId"/>). The balance document is written with every posting anyway, so the
/// chain costs no page of its own, where an index on the account id dirtied about seven of the twenty pages a posting
/// wrote. Files written with that index are chained when the store opens them.
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

    // How long a queued writer waits before it looks at the gate again when nobody woke it (see WaitUntilWritten).
    private static readonly TimeSpan TurnTimeout = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Opens the three collections, ensures the unique index on the idempotency key, and brings a file written before
    /// entries were chained per account up to date (see <see cref="ChainEntriesOfOlderFile"/>).
    /// </summary>
    public LiteLedgerStore(LiteStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _database = store.Database;
        _state = store.LedgerState;
        _postings = _database.GetCollection<LitePostingDocument>(LiteCollections.LedgerPostings);
        _entries = _database.GetCollection<LiteLedgerEntryDocument>(LiteCollections.LedgerEntries);
        _balances = _database.GetCollection<LiteBalanceDocument>(LiteCollections.LedgerBalances);
        LiteCollections.EnsureCreated(_database, LiteCollections.LedgerEntries);
        LiteCollections.EnsureCreated(_database, LiteCollections.LedgerBalances);
        _postings.EnsureIndex(x => x.KeyHash, unique: true);
        ChainEntriesOfOlderFile();
    }

    public Task<PostingResult> PostAsync(NewPosting posting, CancellationToken cancellationToken = default)
    {
        Require(posting);
        cancellationToken.ThrowIfCancellationRequested();
        var queued = new QueuedPosting(posting, KeyHash(posting.IdempotencyKey));
        _state.Enqueue(queued);
        WaitUntilWritten(queued);
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

        foreach (var q in queued)
        {
            WaitUntilWritten(q);
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

        // The account's entries, newest first, are the chain from its balance document (see LiteLedgerEntryDocument.
        // PreviousId). What the chain holds never changes once committed, so walking it needs no lock: the head read
        // here and everything behind it belong to committed transactions. An unfiltered page stops at its last entry
        // (its total is the head's count); a filtered one walks the whole chain to count its matches, one point read per
        // entry — the index-based query loaded and sorted every entry of the account for any page.
        var head = _balances.FindById(query.AccountId);
        var items = new List<LedgerEntry>(query.Take);
        if (head is null || head.LastEntryId == 0)
        {
            return Task.FromResult(new Page<LedgerEntry>(items, 0, query.Skip, query.Take));
        }

        var kind = query.Kind is { } k ? StoredName.Of(k) : null;
        var from = query.From is { } f ? StoredTime.Read(StoredTime.From(f)) : (DateTimeOffset?)null;
        var to = query.To is { } t ? StoredTime.Read(StoredTime.From(t)) : (DateTimeOffset?)null;
        var filtered = kind is not null || from is not null || to is not null;
        long matched = 0;
        for (var id = head.LastEntryId; id > 0;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entry = _entries.FindById(id)
                ?? throw new InvalidOperationException($"Ledger entry {id} of account '{head.Id}' is missing.");
            id = entry.PreviousId ?? 0;
            var createdAt = StoredTime.Read(entry.CreatedAt);
            if ((kind is not null && entry.Kind != kind) || createdAt < from || createdAt >= to)
            {
                continue;
            }

            if (matched++ >= query.Skip && items.Count < query.Take)
            {
                items.Add(ToEntry(entry));
            }

            // Without a filter the total is the chain's length, kept on the head: no need to walk past the page.
            if (!filtered && items.Count == query.Take)
            {
                break;
            }
        }

        return Task.FromResult(new Page<LedgerEntry>(items, filtered ? matched : head.EntryCount, query.Skip, query.Take));
    }

    public Task<IReadOnlyList<BalanceDiscrepancy>> VerifyBalancesAsync(CancellationToken cancellationToken = default)
    {
        // A first pass without the lock, so postings are not held up while every entry is read; it may see a posting
        // half-way between its entries and its balances, so each account it flags is checked again under the lock,
        // where no posting is in flight. Account ids compare as the database does (its collation ignores case).
        // The pass reads one snapshot of the entries, which are only ever appended, with ids given out in commit order:
        // so it has seen exactly the entries up to the highest id it met, and the check under the lock adds only the
        // entries written since (a range of the primary key) instead of reading a flagged account's entries again.
        var sums = new Dictionary<string, long>(_state.AccountIds);
        long seenUpTo = 0;
        foreach (var entry in _entries.FindAll())
        {
            cancellationToken.ThrowIfCancellationRequested();
            sums[entry.AccountId] = checked(sums.GetValueOrDefault(entry.AccountId) + entry.Amount);
            seenUpTo = Math.Max(seenUpTo, entry.Id);
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
        if (suspects.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<BalanceDiscrepancy>>(found);
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_state.Gate)
        {
            var later = new Dictionary<string, long>(_state.AccountIds);
            foreach (var entry in _entries.Find(Query.GT("_id", seenUpTo)))
            {
                if (suspects.Contains(entry.AccountId))
                {
                    later[entry.AccountId] = checked(later.GetValueOrDefault(entry.AccountId) + entry.Amount);
                }
            }

            foreach (var accountId in suspects.Order(StringComparer.Ordinal))
            {
                var balance = _balances.FindById(accountId)?.Balance ?? 0;
                var sum = checked(sums.GetValueOrDefault(accountId) + later.GetValueOrDefault(accountId));
                if (balance != sum)
                {
                    found.Add(new BalanceDiscrepancy(accountId, balance, sum));
                }
            }
        }

        // Postings queued meanwhile wait for a turn, not for the gate (see WaitUntilWritten).
        _state.WakeOldestQueued();
        return Task.FromResult<IReadOnlyList<BalanceDiscrepancy>>(found);
    }

    // Whoever holds the gate writes everything queued so far. A writer that finds the gate taken does not queue up for
    // it: it waits on its own posting, which the holder completes (and wakes) with its batch, so a writer already
    // answered returns at once. Waiting on the gate instead made every answered writer pass through it once more, one
    // after the other, before it could queue its next posting; measured with 8 writers, batches then held 1.07 postings
    // on average and group commit did next to nothing. Whoever leaves the gate wakes the oldest posting still queued,
    // whose writer takes the gate next, so nothing queued is left without a writer; the short timed wait only covers
    // a gate held by someone who does not wake anyone (a test, the consistency check before it wakes the queue).
    private void WaitUntilWritten(QueuedPosting queued)
    {
        while (!queued.IsDone)
        {
            if (_state.Gate.TryEnter())
            {
                try
                {
                    while (!queued.IsDone)
                    {
                        WriteQueued();
                    }
                }
                finally
                {
                    _state.Gate.Exit();
                }

                _state.WakeOldestQueued();
                return;
            }

            queued.WaitForTurn(TurnTimeout);
        }
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
                    var before = pending.GetValueOrDefault(entry.AccountId) ?? CommittedBalance(entry.AccountId);
                    pending[entry.AccountId] = new LiteBalanceDocument
                    {
                        Id = before?.Id ?? entry.AccountId,
                        Balance = entry.BalanceAfter,
                        Currency = entry.Currency,
                        LastEntryId = entry.Id,
                        EntryCount = (before?.EntryCount ?? 0) + 1,
                    };
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
                PreviousId = current is { LastEntryId: > 0 } ? current.LastEntryId : null,
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

    // The index on the entries' AccountId that files written before the chain carry (and that the chain replaces).
    private const string OlderAccountIndex = "AccountId";

    // Entries per transaction while an older file is brought up to date.
    private const int ChainingChunk = 2_000;

    /// <summary>
    /// Brings a file written before entries were chained per account up to date: such a file has an index on the
    /// entries' AccountId and no chain (<see cref="LiteLedgerEntryDocument.PreviousId"/>, the balance documents'
    /// <see cref="LiteBalanceDocument.LastEntryId"/> and <see cref="LiteBalanceDocument.EntryCount"/>). Walks every
    /// entry in id order, links each to its account's previous one, then writes each account's head and count, and
    /// drops the index last: if the process stops half-way the index is still there, and the next open starts over from
    /// the first entry, writing the same values again. Account ids group as the database compares them (ignoring case),
    /// as the index did.
    /// </summary>
    private void ChainEntriesOfOlderFile()
    {
        var hasOlderIndex = _database.GetCollection("$indexes").FindAll()
            .Any(i => i["collection"].AsString == LiteCollections.LedgerEntries && i["name"].AsString == OlderAccountIndex);
        if (!hasOlderIndex)
        {
            return;
        }

        lock (_state.Gate)
        {
            var heads = new Dictionary<string, (long LastEntryId, long EntryCount)>(_state.AccountIds);
            long after = 0;
            while (true)
            {
                var chunk = _entries.Query().Where(x => x.Id > after).OrderBy(x => x.Id).Limit(ChainingChunk).ToList();
                if (chunk.Count == 0)
                {
                    break;
                }

                foreach (var entry in chunk)
                {
                    var head = heads.GetValueOrDefault(entry.AccountId);
                    entry.PreviousId = head.LastEntryId > 0 ? head.LastEntryId : null;
                    heads[entry.AccountId] = (entry.Id, head.EntryCount + 1);
                }

                _entries.Update(chunk);
                after = chunk[^1].Id;
            }

            var balances = _balances.FindAll().ToList();
            foreach (var balance in balances)
            {
                (balance.LastEntryId, balance.EntryCount) = heads.GetValueOrDefault(balance.Id);
            }

            _balances.Update(balances);
            _entries.DropIndex(OlderAccountIndex);
            _state.Forget();
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

    /// <summary>Asks the writer of the oldest posting still queued to take the gate; called by whoever just left it.</summary>
    public void WakeOldestQueued()
    {
        if (_queue.TryPeek(out var oldest))
        {
            oldest.Wake();
        }
    }

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

    // Written under the gate, read by the waiting writer without it.
    public bool IsDone
    {
        get => Volatile.Read(ref _done);
        private set => Volatile.Write(ref _done, value);
    }

    private bool _done;

    // Set by Wake, consumed by WaitForTurn; both under _turn's monitor.
    private readonly object _turn = new();
    private bool _woken;

    /// <summary>
    /// Blocks the posting's writer until the posting is done or the writer is asked to take the gate, at most
    /// <paramref name="timeout"/>.
    /// </summary>
    public void WaitForTurn(TimeSpan timeout)
    {
        lock (_turn)
        {
            if (!_woken && !IsDone)
            {
                Monitor.Wait(_turn, timeout);
            }

            _woken = false;
        }
    }

    /// <summary>Wakes the posting's writer: its posting is done, or the gate is free for it to take.</summary>
    public void Wake()
    {
        lock (_turn)
        {
            _woken = true;
            Monitor.Pulse(_turn);
        }
    }

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
        Wake();
        foreach (var follower in _followers ?? [])
        {
            follower.Complete(result.Outcome == PostingOutcome.Posted ? new PostingResult(PostingOutcome.Repeated, result.Posting) : result);
        }
    }

    public void Fail(Exception error)
    {
        _error = ExceptionDispatchInfo.Capture(error);
        IsDone = true;
        Wake();
        foreach (var follower in _followers ?? [])
        {
            follower.Fail(error);
        }
    }
}
