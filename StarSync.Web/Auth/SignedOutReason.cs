using StarSync.Engine.Accounts;

namespace StarSync.Web.Auth;

/// <summary>The <c>reason</c> values of <c>/signed-out</c>, one per way a session ends.</summary>
public static class SignedOutReason
{
    public const string OtherDevice = "other-device";
    public const string PasswordChanged = "password-changed";
    public const string Blocked = "blocked";
    public const string Deactivated = "deactivated";
    public const string SignedOut = "signed-out";
    public const string Deleted = "deleted";
    public const string TokenReused = "token-reused";

    public static string From(SessionEndReason reason) => reason switch
    {
        SessionEndReason.OtherDevice => OtherDevice,
        SessionEndReason.PasswordChanged => PasswordChanged,
        SessionEndReason.Blocked => Blocked,
        SessionEndReason.Deactivated => Deactivated,
        SessionEndReason.Deleted => Deleted,
        SessionEndReason.RefreshTokenReused => TokenReused,
        _ => SignedOut,
    };

    /// <summary>
    /// Works out why <paramref name="sessionId"/> ended from the account as it is now, for when the revocation event
    /// was not seen on this node (another node, a restart).
    /// </summary>
    public static string Derive(Account? account, string sessionId) => account switch
    {
        null => SignedOut,
        { Status: AccountStatus.Blocked } => Blocked,
        { Status: AccountStatus.Deactivated } => Deactivated,
        { Status: AccountStatus.Deleted } => Deleted,
        { ActiveSessionId: { } active } when active != sessionId => OtherDevice,
        _ => SignedOut,
    };

    /// <summary>The page a cut-off browser lands on; for another device it names when and on what.</summary>
    public static string NoticeUrl(string reason, ActiveSession? newer)
    {
        var url = $"/signed-out?reason={Uri.EscapeDataString(reason)}";
        if (reason == OtherDevice && newer is not null)
        {
            url += $"&at={Uri.EscapeDataString(newer.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))}" +
                   $"&device={Uri.EscapeDataString(newer.Device)}&from={Uri.EscapeDataString(newer.CoarseIp)}";
        }

        return url;
    }
}
