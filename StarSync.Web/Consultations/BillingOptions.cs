namespace StarSync.Web.Consultations;

/// <summary>Consultation timing (configuration section <c>Billing</c>). Every value is in seconds.</summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";

    /// <summary>The billing minute's length (60 in production; tests shorten it).</summary>
    public int MinuteSeconds { get; set; } = 60;

    /// <summary>How long an astrologer has to accept or decline a request before it expires.</summary>
    public int AcceptTimeoutSeconds { get; set; } = 60;

    /// <summary>How long a party may stay disconnected (or both must return after a restart) before the consultation ends.</summary>
    public int GraceSeconds { get; set; } = 60;

    /// <summary>Warn the user when the wallet covers at most this many more minutes.</summary>
    public int WarningMinutes { get; set; } = 2;

    /// <summary>How often the billing loop runs (milliseconds). Each run also writes the heartbeat restart recovery reads.</summary>
    public int TickMilliseconds { get; set; } = 1000;

    /// <summary>
    /// How many groups of consultations are billed at the same time (minutes due at once are split into this many groups,
    /// each posted and counted together). More is not faster on the embedded store: its writes are serialised, and
    /// waiting writers hold threads.
    /// </summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>
    /// How long the on-time loop lets minutes gather after the first falls due before it bills them together
    /// (milliseconds, <c>Billing:GatherMilliseconds</c>). Each bill is a commit whose cost hardly depends on how many
    /// minutes it holds, so a busy second billed in a few larger commits costs the server much less than in hundreds of
    /// small ones; a minute is billed at most this much later.
    /// </summary>
    public int GatherMilliseconds { get; set; } = 50;

    public TimeSpan Gather => TimeSpan.FromMilliseconds(GatherMilliseconds);

    public TimeSpan Minute => TimeSpan.FromSeconds(MinuteSeconds);

    public TimeSpan AcceptTimeout => TimeSpan.FromSeconds(AcceptTimeoutSeconds);

    public TimeSpan Grace => TimeSpan.FromSeconds(GraceSeconds);

    public TimeSpan Tick => TimeSpan.FromMilliseconds(TickMilliseconds);
}
