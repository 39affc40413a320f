using System.Net;

namespace StarSync.Engine.Accounts;

/// <summary>
/// The keys sign-in failures are counted under. A key exists whether or not an account does, so an unknown email is
/// throttled exactly like a known one (the answer never tells which emails have accounts).
/// </summary>
public static class ThrottleKey
{
    /// <summary>The key of an email address as typed (normalised first).</summary>
    public static string ForEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        // Folded, not validated: text that is not an address still gets a stable key (the attacker chooses it).
        return "email:" + AccountEmail.Fold(email);
    }

    /// <summary>The key of a client address (IPv4-mapped IPv6 addresses count as their IPv4 address).</summary>
    public static string ForIp(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return "ip:" + (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }
}

/// <summary>How many failures within which window lock a key out, and for how long.</summary>
/// <param name="MaxFailures">Failures within <paramref name="Window"/> that trigger a lockout.</param>
/// <param name="Window">The window, counted from the first failure of a run.</param>
/// <param name="Lockout">How long a lockout lasts.</param>
public sealed record ThrottlePolicy(int MaxFailures, TimeSpan Window, TimeSpan Lockout)
{
    /// <summary>Throws unless every number is positive.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFailures);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Lockout, TimeSpan.Zero);
    }
}

/// <summary>Where a throttle key stands at a given moment.</summary>
/// <param name="Failures">Failures counted in the current window (0 when none is open).</param>
/// <param name="LockedUntil">The end of the lockout in force, or <see langword="null"/> when the key is not locked out.</param>
public sealed record ThrottleStatus(int Failures, DateTimeOffset? LockedUntil)
{
    /// <summary>A key with no failures.</summary>
    public static ThrottleStatus Clear { get; } = new(0, null);

    /// <summary>Whether sign-in must be refused for this key now.</summary>
    public bool IsLockedOut => LockedUntil is not null;
}
