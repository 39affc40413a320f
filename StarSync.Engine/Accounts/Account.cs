namespace StarSync.Engine.Accounts;

/// <summary>What an account may do on the platform.</summary>
public enum AccountRole
{
    /// <summary>A person who reads charts and pays for consultations.</summary>
    User,

    /// <summary>An astrologer who takes consultations and earns from them.</summary>
    Astrologer,

    /// <summary>An operator of the platform.</summary>
    Admin,
}

/// <summary>Whether an account may sign in.</summary>
public enum AccountStatus
{
    /// <summary>May sign in.</summary>
    Active,

    /// <summary>Stopped by an admin; may be unblocked.</summary>
    Blocked,

    /// <summary>Switched off by its owner or an admin; may be reactivated.</summary>
    Deactivated,

    /// <summary>A tombstone: personal data scrubbed, the id kept so ledgers and reviews still point at it. Final.</summary>
    Deleted,
}

/// <summary>
/// The one signed-in session an account may have (single-device sign-in): a newer sign-in replaces it.
/// </summary>
/// <param name="Id">The session id (UUID v4), carried as the <c>sid</c> claim in cookies and tokens.</param>
/// <param name="StartedAt">When the sign-in happened (UTC, millisecond precision).</param>
/// <param name="Device">A coarse device class shown to the user, such as "Chrome on Android".</param>
/// <param name="CoarseIp">The client address with its host part masked, such as "203.0.113.x".</param>
public sealed record ActiveSession(string Id, DateTimeOffset StartedAt, string Device, string CoarseIp);

/// <summary>A person's account. Instants are UTC with millisecond precision (what both stores keep).</summary>
public sealed record Account
{
    /// <summary>The zone used for an account that never chose one.</summary>
    public const string DefaultTimeZone = "Asia/Kolkata";

    /// <summary>The name a deleted account is shown under.</summary>
    public const string DeletedName = "Deleted user";

    /// <summary>Stable id; kept when the account is deleted so ledgers keep pointing at it.</summary>
    public required string Id { get; init; }

    /// <summary>Sign-in email, trimmed and lower-cased (see <see cref="AccountEmail.Normalize"/>); unique.</summary>
    public required string Email { get; init; }

    public required string Name { get; init; }

    public required AccountRole Role { get; init; }

    /// <summary>The password hash (BCrypt); <see langword="null"/> until an invited account sets a password, and after deletion.</summary>
    public string? PasswordHash { get; init; }

    public required AccountStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The one session that is signed in, if any.</summary>
    public ActiveSession? ActiveSession { get; init; }

    /// <summary>The <c>sid</c> that is valid right now, if any.</summary>
    public string? ActiveSessionId => ActiveSession?.Id;

    /// <summary>When the password was last set, if ever.</summary>
    public DateTimeOffset? PasswordChangedAt { get; init; }

    /// <summary>The IANA zone the account's dates and horoscopes are shown in.</summary>
    public string TimeZone { get; init; } = DefaultTimeZone;

    /// <summary>The account's picture, if one was uploaded.</summary>
    public AccountAvatar? Avatar { get; init; }

    // A record's generated ToString prints every member, and an Account in a log line must not carry its hash.
    public override string ToString() => $"Account {Id} ({Role}, {Status})";
}

/// <summary>An account's uploaded picture.</summary>
/// <param name="Url">Where browsers fetch it.</param>
/// <param name="Key">The asset store's name for it (to delete it when it is replaced).</param>
public sealed record AccountAvatar(string Url, string Key);

/// <summary>What a new account starts with; the store assigns the id and the creation time.</summary>
public sealed record NewAccount
{
    /// <summary>The email as typed; the store normalises it.</summary>
    public required string Email { get; init; }

    public required string Name { get; init; }

    public required AccountRole Role { get; init; }

    /// <summary><see langword="null"/> for an invited account that has not set a password yet.</summary>
    public string? PasswordHash { get; init; }

    public AccountStatus Status { get; init; } = AccountStatus.Active;

    public string TimeZone { get; init; } = Account.DefaultTimeZone;

    public override string ToString() => $"NewAccount ({Role})";
}
