namespace StarSync.Web.Astrologers;

/// <summary>Timings of astrologer presence (section <c>Presence</c>).</summary>
public sealed class PresenceOptions
{
    public const string Section = "Presence";

    /// <summary>How long an astrologer whose browser connections all dropped stays online (a reload, a train tunnel).</summary>
    public int GraceSeconds { get; set; } = 60;

    /// <summary>How long one API heartbeat keeps an astrologer online.</summary>
    public int HeartbeatSeconds { get; set; } = 30;

    /// <summary>How often the grace and heartbeat windows are re-evaluated.</summary>
    public int TickMilliseconds { get; set; } = 1000;

    public TimeSpan Grace => TimeSpan.FromSeconds(GraceSeconds);

    public TimeSpan HeartbeatWindow => TimeSpan.FromSeconds(HeartbeatSeconds);
}
