using System.Diagnostics.CodeAnalysis;
using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage;

/// <summary>
/// Accounts and their one active session (single-device sign-in: the kill switch).
/// </summary>
/// <remarks>
/// <para>Atomicity: every method changes one account document in one atomic step. The session-changing methods
/// (<see cref="StartSessionAsync"/>, <see cref="SetPasswordHashAsync"/>, <see cref="SetStatusAsync"/>,
/// <see cref="DeleteAsync"/>) are optimistic compare-and-swap loops on the account's version: they read the account,
/// and write only if nobody wrote in between, else read again. So the session they report as replaced is exactly the
/// one their write removed, and every removed session is announced once on the <see cref="IAccountChangeFeed"/>.
/// <see cref="EndSessionAsync"/> is a single compare-and-clear.</para>
/// <para>Email uniqueness holds under races: it is a unique index, not a check before the insert.</para>
/// </remarks>
public interface IAccountStore
{
    /// <summary>Creates an account, or reports that its (normalised) email is taken. Never throws for a duplicate.</summary>
    Task<AccountCreation> CreateAsync(NewAccount account, CancellationToken cancellationToken = default);

    /// <summary>The account with this id (deleted ones included, as tombstones).</summary>
    Task<Account?> FindByIdAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>The account with this email, whatever its case and surrounding spaces.</summary>
    Task<Account?> FindByEmailAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>Sets the display name. False when there is no such account or it is deleted.</summary>
    Task<bool> UpdateNameAsync(string accountId, string name, CancellationToken cancellationToken = default);

    /// <summary>Sets the IANA zone the account's dates are shown in. False when there is no such account or it is deleted.</summary>
    /// <exception cref="ArgumentException">The zone is not a known IANA zone.</exception>
    Task<bool> UpdateTimeZoneAsync(string accountId, string timeZone, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets or (with <see langword="null"/>) clears the account's picture and returns the one it replaced, so the
    /// caller can delete that asset. <see langword="null"/> also when there is no such account or it is deleted.
    /// </summary>
    Task<AvatarChange> SetAvatarAsync(string accountId, AccountAvatar? avatar, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a new password hash, stamps <see cref="Account.PasswordChangedAt"/>, and in the same step ends the
    /// active session unless it is <paramref name="keepSessionId"/> (the session the user changed it from), announcing
    /// <see cref="SessionEndReason.PasswordChanged"/>. False when there is no such account or it is deleted.
    /// </summary>
    Task<bool> SetPasswordHashAsync(string accountId, string passwordHash, string? keepSessionId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Signs the account in on <paramref name="client"/>: atomically replaces the active session with a new one
    /// (a fresh UUID v4) and reports the one it replaced, which is announced as
    /// <see cref="SessionEndReason.OtherDevice"/>. Of any number of concurrent calls for one account, the last write
    /// wins and every other returned session is already inactive.
    /// </summary>
    /// <param name="expectedPasswordHash">
    /// The hash the caller verified the password against. When given, the session starts only if it is still the
    /// stored hash, so a sign-in racing a password change cannot get in with the old password.
    /// </param>
    Task<SessionStart> StartSessionAsync(string accountId, SessionClient client, string? expectedPasswordHash = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends <paramref name="sessionId"/> only if it is still the active one (compare-and-clear), announcing
    /// <paramref name="reason"/>. False when it was not active (already replaced or ended): nothing changes then.
    /// </summary>
    Task<bool> EndSessionAsync(string accountId, string sessionId, SessionEndReason reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether <paramref name="sessionId"/> is the active session of an active account. One indexed point read:
    /// this runs on every request.
    /// </summary>
    Task<bool> IsActiveSessionAsync(string accountId, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Blocks, unblocks, deactivates or reactivates. Any status other than <see cref="AccountStatus.Active"/> ends the
    /// active session in the same step, announcing <see cref="SessionEndReason.Blocked"/> or
    /// <see cref="SessionEndReason.Deactivated"/>. False when there is no such account or it is deleted.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="status"/> is <see cref="AccountStatus.Deleted"/>: use <see cref="DeleteAsync"/>.</exception>
    Task<bool> SetStatusAsync(string accountId, AccountStatus status, CancellationToken cancellationToken = default);

    /// <summary>
    /// Turns the account into a tombstone in one step: name "Deleted user", email replaced by a unique stand-in (so the
    /// address is free again), password hash cleared, status <see cref="AccountStatus.Deleted"/>, session ended
    /// (announced as <see cref="SessionEndReason.Deleted"/>). The id stays, so ledgers keep pointing at it. Saved
    /// profiles and tokens live in other stores: the caller deletes them too. False when there is no such account or
    /// it was already deleted.
    /// </summary>
    Task<bool> DeleteAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>Accounts matching <paramref name="query"/>, newest first.</summary>
    Task<Page<Account>> ListAsync(AccountQuery query, CancellationToken cancellationToken = default);
}

/// <summary>The device a sign-in comes from, as shown to the user ("signed in on Chrome on Android from 203.0.113.x").</summary>
/// <param name="Device">A coarse device class, such as "Chrome on Android".</param>
/// <param name="CoarseIp">The client address with its host part masked, such as "203.0.113.x".</param>
public sealed record SessionClient(string Device, string CoarseIp);

/// <summary>The outcome of <see cref="IAccountStore.CreateAsync"/>.</summary>
/// <param name="Account">The new account, or <see langword="null"/> when the email was taken.</param>
public sealed record AccountCreation(Account? Account)
{
    /// <summary>The answer when another account already has the email.</summary>
    public static AccountCreation EmailTaken { get; } = new((Account?)null);

    /// <summary>Whether the account was created (false: the email is taken).</summary>
    [MemberNotNullWhen(true, nameof(Account))]
    public bool Created => Account is not null;
}

/// <summary>Why <see cref="IAccountStore.StartSessionAsync"/> did or did not start a session.</summary>
public enum SessionStartStatus
{
    /// <summary>The session started.</summary>
    Started,

    /// <summary>There is no account with this id.</summary>
    NoSuchAccount,

    /// <summary>The account is blocked, deactivated or deleted.</summary>
    AccountNotActive,

    /// <summary>The stored password hash is no longer the one the caller verified against.</summary>
    PasswordChanged,
}

/// <summary>The outcome of <see cref="IAccountStore.StartSessionAsync"/>.</summary>
/// <param name="Session">The new active session, when one started.</param>
/// <param name="Replaced">The session it replaced (now invalid), if there was one.</param>
public sealed record SessionStart(SessionStartStatus Status, ActiveSession? Session, ActiveSession? Replaced)
{
    /// <summary>Whether a session started.</summary>
    [MemberNotNullWhen(true, nameof(Session))]
    public bool Started => Status == SessionStartStatus.Started && Session is not null;

    internal static SessionStart Refused(SessionStartStatus status) => new(status, null, null);
}

/// <summary>A filter over accounts for admin lists. Every criterion given must match.</summary>
public sealed record AccountQuery
{
    /// <summary>Text found (case-insensitively) in the email or the name.</summary>
    public string? Search { get; init; }

    public AccountRole? Role { get; init; }

    public AccountStatus? Status { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 50;
}
