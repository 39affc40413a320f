using MongoDB.Bson;
using MongoDB.Driver;
using StarSync.Engine.Wallet;

namespace StarSync.Engine.Storage.Mongo;

/// <summary>
/// <see cref="ILedgerStore"/> on MongoDB. A posting is one multi-document transaction (so the server must be a replica
/// set): insert the posting under its unique key, move each balance with one <c>FindOneAndUpdate</c> (a wallet debit
/// matches only while <c>balance &gt;= amount</c>), insert the entries with the balances that update returned. A
/// refused debit aborts the transaction; a second writer of a key fails on the unique index, and the first posting is
/// read and returned. Any other duplicate key (two postings creating one new account's balance at once) is retried.
/// </summary>
public sealed class MongoLedgerStore(MongoStore store, TimeProvider clock) : ILedgerStore
{
    private static readonly FilterDefinitionBuilder<MongoBalanceDocument> BalanceWhere = Builders<MongoBalanceDocument>.Filter;
    private static readonly FilterDefinitionBuilder<MongoLedgerEntryDocument> EntryWhere = Builders<MongoLedgerEntryDocument>.Filter;

    private const int MaxAttempts = 5;

    private static readonly TransactionOptions Atomic = new(ReadConcern.Snapshot, ReadPreference.Primary, WriteConcern.WMajority);

    private readonly MongoStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    public async Task<PostingResult> PostAsync(NewPosting posting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posting);
        posting.Validate();
        if (await FindPostingAsync(posting.IdempotencyKey, cancellationToken).ConfigureAwait(false) is { } first)
        {
            return new PostingResult(PostingOutcome.Repeated, first);
        }

        var now = StoredTime.From(_clock.GetUtcNow());
        for (var attempt = 1; ; attempt++)
        {
            var document = new MongoPostingDocument
            {
                Id = LedgerRules.NewPostingId(),
                IdempotencyKey = posting.IdempotencyKey,
                Currency = posting.Currency,
                Reference = posting.Reference,
                Actor = posting.Actor,
                CreatedAt = now,
                EntryIds = posting.Entries.Select(_ => ObjectId.GenerateNewId()).ToList(),
            };
            try
            {
                using var session = await _store.Database.Client.StartSessionAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                return await session.WithTransactionAsync(
                    (s, ct) => PostInTransactionAsync(s, posting, document, ct), Atomic, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsDuplicateKey(e))
            {
                if (await FindPostingAsync(posting.IdempotencyKey, cancellationToken).ConfigureAwait(false) is { } repeated)
                {
                    return new PostingResult(PostingOutcome.Repeated, repeated);
                }

                // Not the key: two postings created the same new account's balance at once. The other has committed
                // it by now, so the next attempt updates it.
                if (attempt == MaxAttempts)
                {
                    throw;
                }
            }
        }
    }

    public async Task<Posting?> FindPostingAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        var document = await _store.LedgerPostings.Find(Builders<MongoPostingDocument>.Filter.Eq(x => x.IdempotencyKey, idempotencyKey))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return null;
        }

        var entries = await _store.LedgerEntries.Find(EntryWhere.In(x => x.Id, document.EntryIds)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var byId = entries.ToDictionary(e => e.Id);
        return ToPosting(document, document.EntryIds.ConvertAll(id => byId.TryGetValue(id, out var entry)
            ? entry
            : throw new InvalidOperationException($"Ledger entry {id} of posting '{idempotencyKey}' is missing.")));
    }

    public async Task<LedgerBalance> GetBalanceAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        var stored = await _store.LedgerBalances.Find(BalanceWhere.Eq(x => x.Id, accountId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return new LedgerBalance(accountId, stored?.Balance ?? 0, stored?.Currency ?? Money.DefaultCurrency);
    }

    public async Task<Page<LedgerEntry>> QueryEntriesAsync(LedgerQuery query, CancellationToken cancellationToken = default)
    {
        LedgerRules.Require(query);
        var filter = EntryFilter(query);
        var total = await _store.LedgerEntries.CountDocumentsAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false);
        var documents = await _store.LedgerEntries.Find(filter)
            .Sort(Builders<MongoLedgerEntryDocument>.Sort.Descending(x => x.CreatedAt).Descending(x => x.Id))
            .Skip(query.Skip)
            .Limit(query.Take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Page<LedgerEntry>(documents.ConvertAll(ToEntry), total, query.Skip, query.Take);
    }

    public async Task<IReadOnlyList<BalanceDiscrepancy>> VerifyBalancesAsync(CancellationToken cancellationToken = default)
    {
        // A first pass over everything, outside a transaction (which would time out on a large ledger); it can catch a
        // posting between its balance updates and its entries, so each account it flags is checked again in a
        // snapshot transaction, which sees every posting whole or not at all.
        var sums = (await _store.LedgerEntries.Aggregate()
                .Group(x => x.AccountId, g => new AccountSum { AccountId = g.Key, Sum = g.Sum(x => x.Amount) })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(s => s.AccountId, s => s.Sum, StringComparer.Ordinal);
        var suspects = new HashSet<string>(StringComparer.Ordinal);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        using (var balances = await _store.LedgerBalances.Find(BalanceWhere.Empty).ToCursorAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await balances.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var balance in balances.Current)
                {
                    stored.Add(balance.Id);
                    if (balance.Balance != sums.GetValueOrDefault(balance.Id))
                    {
                        suspects.Add(balance.Id);
                    }
                }
            }
        }

        suspects.UnionWith(sums.Where(s => !stored.Contains(s.Key) && s.Value != 0).Select(s => s.Key));
        var found = new List<BalanceDiscrepancy>();
        foreach (var accountId in suspects.Order(StringComparer.Ordinal))
        {
            using var session = await _store.Database.Client.StartSessionAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var discrepancy = await session.WithTransactionAsync(
                async (s, ct) =>
                {
                    var balance = await _store.LedgerBalances.Find(s, BalanceWhere.Eq(x => x.Id, accountId)).FirstOrDefaultAsync(ct).ConfigureAwait(false);
                    var sum = await _store.LedgerEntries.Aggregate(s)
                        .Match(EntryWhere.Eq(x => x.AccountId, accountId))
                        .Group(x => x.AccountId, g => new AccountSum { AccountId = g.Key, Sum = g.Sum(x => x.Amount) })
                        .FirstOrDefaultAsync(ct).ConfigureAwait(false);
                    var storedBalance = balance?.Balance ?? 0;
                    var entrySum = sum?.Sum ?? 0;
                    return storedBalance == entrySum ? null : new BalanceDiscrepancy(accountId, storedBalance, entrySum);
                },
                Atomic,
                cancellationToken).ConfigureAwait(false);
            if (discrepancy is not null)
            {
                found.Add(discrepancy);
            }
        }

        return found;
    }

    /// <summary>The balance document an entry may move: any, except that a wallet debit needs <c>balance &gt;= amount</c>.</summary>
    internal static FilterDefinition<MongoBalanceDocument> BalanceFilter(NewLedgerEntry entry) =>
        LedgerRules.NeedsCover(entry)
            ? BalanceWhere.Eq(x => x.Id, entry.AccountId) & BalanceWhere.Gte(x => x.Balance, -entry.Amount)
            : BalanceWhere.Eq(x => x.Id, entry.AccountId);

    /// <summary>Moves the balance by <paramref name="amount"/>; a new account starts in <paramref name="currency"/>.</summary>
    internal static UpdateDefinition<MongoBalanceDocument> BalanceUpdate(long amount, string currency) =>
        Builders<MongoBalanceDocument>.Update.Inc(x => x.Balance, amount).SetOnInsert(x => x.Currency, currency);

    /// <summary>
    /// Only an entry that needs no cover may create its account's balance: a guarded debit of a missing wallet must
    /// match nothing (no money there), not insert a document with the same _id.
    /// </summary>
    internal static FindOneAndUpdateOptions<MongoBalanceDocument> BalanceOptions(NewLedgerEntry entry) =>
        new() { IsUpsert = !LedgerRules.NeedsCover(entry), ReturnDocument = ReturnDocument.After };

    internal static FilterDefinition<MongoLedgerEntryDocument> EntryFilter(LedgerQuery query)
    {
        var filter = EntryWhere.Eq(x => x.AccountId, query.AccountId);
        if (query.Kind is { } kind)
        {
            filter &= EntryWhere.Eq(x => x.Kind, StoredName.Of(kind));
        }

        if (query.From is { } from)
        {
            filter &= EntryWhere.Gte(x => x.CreatedAt, StoredTime.From(from));
        }

        if (query.To is { } to)
        {
            filter &= EntryWhere.Lt(x => x.CreatedAt, StoredTime.From(to));
        }

        return filter;
    }

    private async Task<PostingResult> PostInTransactionAsync(IClientSessionHandle session, NewPosting posting, MongoPostingDocument document, CancellationToken cancellationToken)
    {
        // The key first: a racing writer of the same key conflicts here, before any balance moves.
        await _store.LedgerPostings.InsertOneAsync(session, document, cancellationToken: cancellationToken).ConfigureAwait(false);
        var entries = new List<MongoLedgerEntryDocument>(posting.Entries.Count);
        for (var i = 0; i < posting.Entries.Count; i++)
        {
            var entry = posting.Entries[i];
            var after = await _store.LedgerBalances.FindOneAndUpdateAsync(
                session, BalanceFilter(entry), BalanceUpdate(entry.Amount, posting.Currency), BalanceOptions(entry), cancellationToken).ConfigureAwait(false);
            if (after is null)
            {
                await session.AbortTransactionAsync(cancellationToken).ConfigureAwait(false);
                return new PostingResult(PostingOutcome.InsufficientFunds, null, entry.AccountId);
            }

            if (after.Currency != posting.Currency)
            {
                throw LedgerRules.CurrencyMismatch(entry.AccountId, after.Currency, posting.Currency);
            }

            entries.Add(new MongoLedgerEntryDocument
            {
                Id = document.EntryIds[i],
                PostingId = document.Id,
                AccountId = entry.AccountId,
                Amount = entry.Amount,
                Currency = posting.Currency,
                Kind = StoredName.Of(entry.Kind),
                Reference = posting.Reference,
                BalanceAfter = after.Balance,
                CreatedAt = document.CreatedAt,
                Actor = posting.Actor,
            });
        }

        await _store.LedgerEntries.InsertManyAsync(session, entries, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new PostingResult(PostingOutcome.Posted, ToPosting(document, entries));
    }

    private static bool IsDuplicateKey(Exception e) =>
        e is MongoWriteException write && MongoCollections.IsDuplicateKey(write)
        || e is MongoCommandException command && MongoCollections.IsDuplicateKey(command);

    private static Posting ToPosting(MongoPostingDocument document, List<MongoLedgerEntryDocument> entries) => new(
        document.Id, document.IdempotencyKey, document.Reference, document.Actor, StoredTime.Read(document.CreatedAt), entries.ConvertAll(ToEntry));

    private static LedgerEntry ToEntry(MongoLedgerEntryDocument d) => new(
        d.Id.ToString(), d.PostingId, d.AccountId, d.Amount, d.Currency, StoredName.Parse<LedgerEntryKind>(d.Kind), d.Reference, d.BalanceAfter, StoredTime.Read(d.CreatedAt), d.Actor);

    private sealed class AccountSum
    {
        public string AccountId { get; set; } = "";

        public long Sum { get; set; }
    }
}
