using StarSync.Engine.Accounts;

namespace StarSync.Engine.Storage;

/// <summary>
/// One key's run of sign-in failures, and the arithmetic both adapters apply to it (they differ only in how they
/// store it atomically).
/// </summary>
/// <param name="WindowEndsAt">The end of the window opened by the run's first failure.</param>
/// <param name="LockedUntil">The end of the lockout, once the run reached the limit.</param>
internal sealed record ThrottleRun(int Failures, DateTimeOffset WindowEndsAt, DateTimeOffset? LockedUntil)
{
    /// <summary>After this, the run says nothing any more and may be purged.</summary>
    public DateTimeOffset ExpiresAt => LockedUntil is { } locked && locked > WindowEndsAt ? locked : WindowEndsAt;

    /// <summary>The run after one more failure at <paramref name="now"/>; a new run when none is open.</summary>
    public static ThrottleRun AfterFailure(ThrottleRun? current, ThrottlePolicy policy, DateTimeOffset now)
    {
        var lockedUntil = current?.LockedUntil > now ? current.LockedUntil : null;
        var open = current is not null && (now < current.WindowEndsAt || lockedUntil is not null);
        var failures = open ? current!.Failures + 1 : 1;
        var windowEndsAt = open ? current!.WindowEndsAt : now + policy.Window;
        if (lockedUntil is null && failures >= policy.MaxFailures)
        {
            lockedUntil = now + policy.Lockout;
        }

        return new ThrottleRun(failures, windowEndsAt, lockedUntil);
    }

    /// <summary>How the key stands at <paramref name="now"/>.</summary>
    public static ThrottleStatus StatusAt(ThrottleRun? run, DateTimeOffset now)
    {
        if (run is null)
        {
            return ThrottleStatus.Clear;
        }

        var lockedUntil = run.LockedUntil > now ? run.LockedUntil : null;
        return lockedUntil is not null || now < run.WindowEndsAt ? new ThrottleStatus(run.Failures, lockedUntil) : ThrottleStatus.Clear;
    }
}
