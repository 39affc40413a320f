using LiteDB;

namespace StarSync.Engine.Storage.Lite;

// The shapes written to the LiteDB file. Plain mutable classes because LiteDB maps them by their setters and because
// its conditional updates are written as `x => new T { Only = these, Members = changed }`. Enums are kebab-case
// strings (StoredName), instants UTC DateTime truncated to milliseconds (StoredTime). Never hand these out: the stores
// map them to the records in StarSync.Engine.Accounts.

/// <summary>The mapper every <see cref="LiteStore"/> uses for these documents.</summary>
internal static class LiteDocuments
{
    /// <summary>
    /// A mapper that stores strings exactly as given (the MongoDB adapter does too) and has already mapped every
    /// document type. LiteDB 5 publishes a type's mapping before it fills in the members, so two threads mapping one
    /// type for the first time can see "Member … not found"; mapping them all here, once, on one thread, closes that.
    /// </summary>
    public static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper { TrimWhitespace = false, EmptyStringToNull = false };
        _ = mapper.ToDocument(new LiteAccountDocument { ActiveSession = new LiteSessionDocument() });
        _ = mapper.ToDocument(new LiteRefreshTokenDocument());
        _ = mapper.ToDocument(new LiteSingleUseTokenDocument());
        _ = mapper.ToDocument(new LiteBirthProfileDocument());
        _ = mapper.ToDocument(new LiteThrottleDocument());
        _ = mapper.ToDocument(new LiteAuditDocument());
        _ = mapper.ToDocument(new LitePostingDocument());
        _ = mapper.ToDocument(new LiteLedgerEntryDocument());
        _ = mapper.ToDocument(new LiteBalanceDocument());
        _ = mapper.ToDocument(new LiteHoroscopeDocument { Reasons = [new LiteHoroscopeReasonDocument()] });
        return mapper;
    }
}

internal sealed class LiteAccountDocument
{
    public string Id { get; set; } = "";

    // Bumped by every write; the compare-and-swap loops write only if it is still the value they read.
    public long Version { get; set; }

    public string Email { get; set; } = "";

    public string Name { get; set; } = "";

    public string Role { get; set; } = "";

    public string? PasswordHash { get; set; }

    public string Status { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    // Top-level (not inside ActiveSession) so the per-request check is one flat comparison.
    public string? ActiveSessionId { get; set; }

    public LiteSessionDocument? ActiveSession { get; set; }

    public DateTime? PasswordChangedAt { get; set; }

    public string TimeZone { get; set; } = "";

    public string? AvatarUrl { get; set; }

    public string? AvatarKey { get; set; }

    public DateTime? DeletedAt { get; set; }
}

internal sealed class LiteSessionDocument
{
    public DateTime StartedAt { get; set; }

    public string Device { get; set; } = "";

    public string CoarseIp { get; set; } = "";
}

internal sealed class LiteRefreshTokenDocument
{
    // The token hash is the primary key: unique by construction, and the only way a token is ever looked up.
    public string Id { get; set; } = "";

    public string AccountId { get; set; } = "";

    public string SessionId { get; set; } = "";

    public DateTime IssuedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? ConsumedAt { get; set; }

    public string? ReplacedBy { get; set; }

    public DateTime? RevokedAt { get; set; }
}

internal sealed class LiteSingleUseTokenDocument
{
    public string Id { get; set; } = "";

    public string Purpose { get; set; } = "";

    public string AccountId { get; set; } = "";

    public DateTime IssuedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? ConsumedAt { get; set; }
}

internal sealed class LiteBirthProfileDocument
{
    public string Id { get; set; } = "";

    public string AccountId { get; set; } = "";

    public int Slot { get; set; }

    // "{AccountId}/{Slot}" under a unique index: the per-account limit as a constraint, not a count-then-insert.
    public string SlotKey { get; set; } = "";

    public string Label { get; set; } = "";

    public string Name { get; set; } = "";

    public string Date { get; set; } = "";

    public string? Time { get; set; }

    public bool TimeKnown { get; set; }

    public string? PlaceId { get; set; }

    public double Latitude { get; set; }

    public double Longitude { get; set; }

    public string TimeZone { get; set; } = "";

    public string? UtcOffset { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class LiteThrottleDocument
{
    // The throttle key ("email:…", "ip:…").
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public int Failures { get; set; }

    public DateTime WindowEndsAt { get; set; }

    public DateTime? LockedUntil { get; set; }

    // max(WindowEndsAt, LockedUntil): after this the document says nothing and may be purged.
    public DateTime ExpiresAt { get; set; }
}

internal sealed class LiteAuditDocument
{
    // LiteDB's Int64 auto-id: strictly increasing, so it orders entries by append.
    [BsonId(autoId: true)]
    public long Id { get; set; }

    public DateTime At { get; set; }

    public string Kind { get; set; } = "";

    public string Actor { get; set; } = "";

    public string? AccountId { get; set; }

    public string? Detail { get; set; }
}

internal sealed class LitePostingDocument
{
    public string Id { get; set; } = "";

    public string IdempotencyKey { get; set; } = "";

    // SHA-256 of the key, lower-case hex, under a unique index. Not the key itself: the database's collation ignores
    // case, and "stripe:cs_AbC" and "stripe:cs_abc" are different keys.
    public string KeyHash { get; set; } = "";

    public string Currency { get; set; } = "";

    public string Reference { get; set; } = "";

    public string Actor { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    // The posting's entries in the order given, so reading a posting needs no index on the entries' posting id.
    public List<long> EntryIds { get; set; } = [];
}

internal sealed class LiteLedgerEntryDocument
{
    // Assigned by the ledger store under its lock, strictly increasing, so "newest first" is descending id.
    [BsonId(autoId: false)]
    public long Id { get; set; }

    public string PostingId { get; set; } = "";

    public string AccountId { get; set; } = "";

    public long Amount { get; set; }

    public string Currency { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Reference { get; set; } = "";

    public long BalanceAfter { get; set; }

    public DateTime CreatedAt { get; set; }

    public string Actor { get; set; } = "";

    // The same account's entry just before this one (null for its first): the account's entries are a chain from its
    // balance document's LastEntryId, newest first, instead of an index on AccountId. That index cost every entry a
    // node spliced in between old nodes of its account and the next one, about seven 8 KiB pages dirtied per posting
    // of the twenty a posting wrote; LiteDB writes each dirty page to its log and again at the checkpoint.
    public long? PreviousId { get; set; }
}

internal sealed class LiteBalanceDocument
{
    // The ledger account id.
    public string Id { get; set; } = "";

    // The cache of the sum of the account's entries, written in the same transaction as they are.
    public long Balance { get; set; }

    // An account holds one currency: the one of its first posting.
    public string Currency { get; set; } = "";

    // The account's newest entry (0: none yet), head of the chain its entries form through PreviousId; and how many
    // entries the chain holds, so an unfiltered page of entries needs no walk to the end for its total. Both are written
    // in the same transaction as the entries, like the balance.
    public long LastEntryId { get; set; }

    public long EntryCount { get; set; }
}
