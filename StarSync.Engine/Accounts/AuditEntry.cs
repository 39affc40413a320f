namespace StarSync.Engine.Accounts;

/// <summary>One line of the append-only audit log.</summary>
/// <param name="Id">Store-assigned id.</param>
/// <param name="At">When it was appended (UTC, millisecond precision).</param>
/// <param name="Kind">A dotted event name, such as "account.blocked" or "session.reuse-detected".</param>
/// <param name="Actor">Who did it: an account id, or "system".</param>
/// <param name="AccountId">The account it concerns, if any.</param>
/// <param name="Detail">Free text for people; never secrets or raw tokens.</param>
public sealed record AuditEntry(string Id, DateTimeOffset At, string Kind, string Actor, string? AccountId, string? Detail);

/// <summary>An audit line to append; the log assigns the id and the time.</summary>
public sealed record NewAuditEntry(string Kind, string Actor, string? AccountId = null, string? Detail = null);
