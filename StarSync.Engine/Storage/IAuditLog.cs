using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage;

/// <summary>The append-only audit log: who did what to which account, when.</summary>
/// <remarks>
/// Atomicity: each append is one insert. There is no update or delete: entries are evidence.
/// </remarks>
public interface IAuditLog
{
    /// <summary>Appends an entry stamped with the store's clock; returns it with its id.</summary>
    Task<AuditEntry> AppendAsync(NewAuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Entries matching <paramref name="query"/>, newest first.</summary>
    Task<Page<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}

/// <summary>A filter over the audit log. Every criterion given must match.</summary>
public sealed record AuditQuery
{
    public string? Kind { get; init; }

    public string? Actor { get; init; }

    public string? AccountId { get; init; }

    /// <summary>Entries at or after this instant (UTC).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Entries strictly before this instant (UTC).</summary>
    public DateTimeOffset? To { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 50;
}
