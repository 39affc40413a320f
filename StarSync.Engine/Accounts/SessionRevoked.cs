namespace StarSync.Engine.Accounts;

/// <summary>Why a session stopped being the account's active one.</summary>
public enum SessionEndReason
{
    /// <summary>The account signed in on another device (a newer session replaced this one).</summary>
    OtherDevice,

    /// <summary>The user signed out.</summary>
    SignedOut,

    /// <summary>The password was changed or reset.</summary>
    PasswordChanged,

    /// <summary>An admin blocked the account.</summary>
    Blocked,

    /// <summary>The account was deactivated.</summary>
    Deactivated,

    /// <summary>The account was deleted.</summary>
    Deleted,

    /// <summary>A refresh token of the session was presented again after it had been rotated (likely stolen).</summary>
    RefreshTokenReused,
}

/// <summary>
/// "The session of account <paramref name="AccountId"/> is no longer <paramref name="SessionId"/>": what the web layer
/// needs to close live circuits and evict cached session checks.
/// </summary>
/// <param name="At">When the store recorded the change (UTC).</param>
public sealed record SessionRevoked(string AccountId, string SessionId, SessionEndReason Reason, DateTimeOffset At);
