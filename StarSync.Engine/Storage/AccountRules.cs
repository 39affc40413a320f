using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage;

/// <summary>The rules both account adapters apply identically, kept in one place so they cannot drift.</summary>
internal static class AccountRules
{
    public const int MaxNameLength = 120;

    // Version 7: time-ordered, so new ids land at the end of the primary index instead of all over it.
    public static string NewAccountId() => Guid.CreateVersion7().ToString("N");

    public static void RequireName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
        {
            throw new ArgumentException($"A name must be 1–{MaxNameLength} characters.", nameof(name));
        }
    }

    public static void RequireTimeZone(string timeZone)
    {
        if (timeZone is null || NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) is null)
        {
            throw new ArgumentException($"'{timeZone}' is not an IANA time zone.", nameof(timeZone));
        }
    }

    /// <summary>Why a session may not start for an account in this state, or null when it may.</summary>
    public static SessionStartStatus? RefuseSession(string? storedStatus, string? storedPasswordHash, string? expectedPasswordHash) =>
        storedStatus is null ? SessionStartStatus.NoSuchAccount
        : storedStatus != StoredName.Of(AccountStatus.Active) ? SessionStartStatus.AccountNotActive
        : expectedPasswordHash is not null && !string.Equals(storedPasswordHash, expectedPasswordHash, StringComparison.Ordinal) ? SessionStartStatus.PasswordChanged
        : null;

    public static SessionEndReason EndReasonFor(AccountStatus status) => status switch
    {
        AccountStatus.Blocked => SessionEndReason.Blocked,
        AccountStatus.Deactivated => SessionEndReason.Deactivated,
        AccountStatus.Deleted => SessionEndReason.Deleted,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "An active account keeps its session."),
    };
}
