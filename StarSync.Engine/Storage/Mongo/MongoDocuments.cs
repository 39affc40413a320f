using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace StarSync.Engine.Storage.Mongo;

// The shapes written to MongoDB. Element names are spelled out (camelCase) so what is stored can be read off this
// file, with no global convention in play; extra elements are ignored so a newer version's fields never break an
// older reader. Enums are kebab-case strings (StoredName), instants BSON dates in UTC (StoredTime).

[BsonIgnoreExtraElements]
internal sealed class MongoAccountDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    // Bumped by every write; the compare-and-swap loops write only if it is still the value they read.
    [BsonElement("version")]
    public long Version { get; set; }

    [BsonElement("email")]
    public string Email { get; set; } = "";

    [BsonElement("name")]
    public string Name { get; set; } = "";

    [BsonElement("role")]
    public string Role { get; set; } = "";

    [BsonElement("passwordHash")]
    public string? PasswordHash { get; set; }

    [BsonElement("status")]
    public string Status { get; set; } = "";

    [BsonElement("createdAt")]
    public DateTime CreatedAt { get; set; }

    // Top-level (not inside activeSession) so the per-request check is one flat equality on an _id lookup.
    [BsonElement("activeSessionId")]
    public string? ActiveSessionId { get; set; }

    [BsonElement("activeSession")]
    public MongoSessionDocument? ActiveSession { get; set; }

    [BsonElement("passwordChangedAt")]
    public DateTime? PasswordChangedAt { get; set; }

    [BsonElement("timeZone")]
    public string TimeZone { get; set; } = "";

    [BsonElement("avatarUrl")]
    public string? AvatarUrl { get; set; }

    [BsonElement("avatarKey")]
    public string? AvatarKey { get; set; }

    [BsonElement("deletedAt")]
    public DateTime? DeletedAt { get; set; }

    // Written in the same update that ends a session; the change stream on this collection reads it to tell every
    // node which sid died and why.
    [BsonElement("lastRevocation")]
    public MongoRevocationDocument? LastRevocation { get; set; }
}

[BsonIgnoreExtraElements]
internal sealed class MongoSessionDocument
{
    [BsonElement("startedAt")]
    public DateTime StartedAt { get; set; }

    [BsonElement("device")]
    public string Device { get; set; } = "";

    [BsonElement("coarseIp")]
    public string CoarseIp { get; set; } = "";
}

[BsonIgnoreExtraElements]
internal sealed class MongoRevocationDocument
{
    // Unique per revocation, so setting it is never a no-op that the server would leave out of the change stream.
    [BsonElement("id")]
    public string Id { get; set; } = "";

    [BsonElement("sessionId")]
    public string SessionId { get; set; } = "";

    [BsonElement("reason")]
    public string Reason { get; set; } = "";

    [BsonElement("at")]
    public DateTime At { get; set; }
}

[BsonIgnoreExtraElements]
internal sealed class MongoRefreshTokenDocument
{
    // The token hash is the primary key: unique by construction, and the only way a token is ever looked up.
    [BsonId]
    public string Id { get; set; } = "";

    [BsonElement("accountId")]
    public string AccountId { get; set; } = "";

    [BsonElement("sessionId")]
    public string SessionId { get; set; } = "";

    [BsonElement("issuedAt")]
    public DateTime IssuedAt { get; set; }

    [BsonElement("expiresAt")]
    public DateTime ExpiresAt { get; set; }

    [BsonElement("consumedAt")]
    public DateTime? ConsumedAt { get; set; }

    [BsonElement("replacedBy")]
    public string? ReplacedBy { get; set; }

    [BsonElement("revokedAt")]
    public DateTime? RevokedAt { get; set; }
}

[BsonIgnoreExtraElements]
internal sealed class MongoSingleUseTokenDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    [BsonElement("purpose")]
    public string Purpose { get; set; } = "";

    [BsonElement("accountId")]
    public string AccountId { get; set; } = "";

    [BsonElement("issuedAt")]
    public DateTime IssuedAt { get; set; }

    [BsonElement("expiresAt")]
    public DateTime ExpiresAt { get; set; }

    [BsonElement("consumedAt")]
    public DateTime? ConsumedAt { get; set; }
}

[BsonIgnoreExtraElements]
internal sealed class MongoBirthProfileDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    [BsonElement("accountId")]
    public string AccountId { get; set; } = "";

    // Unique together with accountId: the per-account limit as a constraint, not a count-then-insert.
    [BsonElement("slot")]
    public int Slot { get; set; }

    [BsonElement("label")]
    public string Label { get; set; } = "";

    [BsonElement("name")]
    public string Name { get; set; } = "";

    [BsonElement("date")]
    public string Date { get; set; } = "";

    [BsonElement("time")]
    public string? Time { get; set; }

    [BsonElement("timeKnown")]
    public bool TimeKnown { get; set; }

    [BsonElement("placeId")]
    public string? PlaceId { get; set; }

    [BsonElement("latitude")]
    public double Latitude { get; set; }

    [BsonElement("longitude")]
    public double Longitude { get; set; }

    [BsonElement("timeZone")]
    public string TimeZone { get; set; } = "";

    [BsonElement("utcOffset")]
    public string? UtcOffset { get; set; }

    [BsonElement("createdAt")]
    public DateTime CreatedAt { get; set; }

    [BsonElement("updatedAt")]
    public DateTime UpdatedAt { get; set; }
}

[BsonIgnoreExtraElements]
internal sealed class MongoThrottleDocument
{
    // The throttle key ("email:…", "ip:…").
    [BsonId]
    public string Id { get; set; } = "";

    [BsonElement("version")]
    public long Version { get; set; }

    [BsonElement("failures")]
    public int Failures { get; set; }

    [BsonElement("windowEndsAt")]
    public DateTime WindowEndsAt { get; set; }

    [BsonElement("lockedUntil")]
    public DateTime? LockedUntil { get; set; }

    // max(windowEndsAt, lockedUntil): after this the document says nothing and may be purged.
    [BsonElement("expiresAt")]
    public DateTime ExpiresAt { get; set; }
}

[BsonIgnoreExtraElements]
internal sealed class MongoAuditDocument
{
    [BsonId]
    public ObjectId Id { get; set; }

    [BsonElement("at")]
    public DateTime At { get; set; }

    [BsonElement("kind")]
    public string Kind { get; set; } = "";

    [BsonElement("actor")]
    public string Actor { get; set; } = "";

    [BsonElement("accountId")]
    public string? AccountId { get; set; }

    [BsonElement("detail")]
    public string? Detail { get; set; }
}

[BsonIgnoreExtraElements]
internal sealed class MongoPostingDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    // Under a unique index: the second writer of a key fails, reads the first posting and returns it.
    [BsonElement("idempotencyKey")]
    public string IdempotencyKey { get; set; } = "";

    [BsonElement("currency")]
    public string Currency { get; set; } = "";

    [BsonElement("reference")]
    public string Reference { get; set; } = "";

    [BsonElement("actor")]
    public string Actor { get; set; } = "";

    [BsonElement("createdAt")]
    public DateTime CreatedAt { get; set; }

    // The posting's entries in the order given.
    [BsonElement("entryIds")]
    public List<ObjectId> EntryIds { get; set; } = [];
}

[BsonIgnoreExtraElements]
internal sealed class MongoLedgerEntryDocument
{
    [BsonId]
    public ObjectId Id { get; set; }

    [BsonElement("postingId")]
    public string PostingId { get; set; } = "";

    [BsonElement("accountId")]
    public string AccountId { get; set; } = "";

    [BsonElement("amount")]
    public long Amount { get; set; }

    [BsonElement("currency")]
    public string Currency { get; set; } = "";

    [BsonElement("kind")]
    public string Kind { get; set; } = "";

    [BsonElement("reference")]
    public string Reference { get; set; } = "";

    [BsonElement("balanceAfter")]
    public long BalanceAfter { get; set; }

    [BsonElement("createdAt")]
    public DateTime CreatedAt { get; set; }

    [BsonElement("actor")]
    public string Actor { get; set; } = "";
}

[BsonIgnoreExtraElements]
internal sealed class MongoBalanceDocument
{
    // The ledger account id.
    [BsonId]
    public string Id { get; set; } = "";

    // The cache of the sum of the account's entries, changed in the same transaction as they are written.
    [BsonElement("balance")]
    public long Balance { get; set; }

    // An account holds one currency: the one of its first posting.
    [BsonElement("currency")]
    public string Currency { get; set; } = "";
}
