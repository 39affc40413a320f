namespace StarSync.Engine.Consultations;

/// <summary>Where a consultation is in its life. Stored and sent as kebab-case strings.</summary>
public enum ConsultationState
{
    /// <summary>The user asked; the astrologer has not answered yet.</summary>
    Requested,

    /// <summary>Accepted and live: minutes are billed.</summary>
    Active,

    /// <summary>It was live and has finished (see <see cref="Consultation.EndReason"/>).</summary>
    Ended,

    /// <summary>The astrologer said no. Nothing was charged.</summary>
    Declined,

    /// <summary>The astrologer did not answer within the accept timeout. Nothing was charged.</summary>
    Expired,

    /// <summary>The user withdrew the request before it was answered. Nothing was charged.</summary>
    Cancelled,
}

/// <summary>Why a live consultation ended. Stored and sent as kebab-case strings ("balance-exhausted").</summary>
public enum ConsultationEndReason
{
    UserEnded,
    AstrologerEnded,

    /// <summary>The next minute could not be paid from the wallet.</summary>
    BalanceExhausted,

    /// <summary>The user stayed disconnected past the grace period.</summary>
    UserDisconnected,

    /// <summary>The astrologer stayed disconnected past the grace period.</summary>
    AstrologerDisconnected,

    /// <summary>An admin deactivated (or removed) the astrologer.</summary>
    AstrologerDeactivated,

    /// <summary>The server stopped while it was live and the parties did not both return within the grace period.</summary>
    ServerRestart,
}

/// <summary>Who did something to a consultation. Stored as kebab-case strings.</summary>
public enum ConsultationParty
{
    User,
    Astrologer,

    /// <summary>The platform itself: the billing loop, restart recovery, an admin action.</summary>
    System,
}

/// <summary>What became of the first minute's money (see docs/consultations.md, "first-minute refund").</summary>
public enum FirstMinuteOutcome
{
    /// <summary>Not decided yet (minute 1 not billed, or still running).</summary>
    Pending,

    /// <summary>The astrologer delivered it: the posting stands.</summary>
    Kept,

    /// <summary>Reversed by the posting <c>refund:&lt;id&gt;:1</c>.</summary>
    Refunded,
}

/// <summary>
/// One consultation between a user and an astrologer. Money is paise (long); instants are UTC with millisecond
/// precision (as stored). <see cref="Version"/> grows with every stored change and guards compare-and-set writes.
/// </summary>
public sealed record Consultation
{
    public required string Id { get; init; }

    /// <summary>The paying user's account id.</summary>
    public required string UserId { get; init; }

    /// <summary>The astrologer's account id.</summary>
    public required string AstrologerId { get; init; }

    /// <summary>The birth profile the user shared with the astrologer, if any.</summary>
    public string? BirthProfileId { get; init; }

    public required ConsultationState State { get; init; }

    /// <summary>Bumped by every stored change.</summary>
    public long Version { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>When the astrologer accepted: minute 1 starts here.</summary>
    public DateTimeOffset? AcceptedAt { get; init; }

    /// <summary>When it reached a final state (ended, declined, expired, cancelled).</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>
    /// Paise per minute. At request: the astrologer's rate quoted to the user; from acceptance: the rate in force then,
    /// which every minute of this consultation is billed at.
    /// </summary>
    public required long RatePerMinute { get; init; }

    /// <summary>The platform's share in basis points, copied from the platform settings at acceptance.</summary>
    public int CommissionBasisPoints { get; init; }

    /// <summary>ISO 4217 code of every amount.</summary>
    public string Currency { get; init; } = Wallet.Money.DefaultCurrency;

    /// <summary>Minutes paid so far (wallet-paid and promotional alike); minute n is billed when it starts.</summary>
    public int BilledMinutes { get; init; }

    /// <summary>Paise taken from the user's wallet (promotional minutes are not in it).</summary>
    public long Charged { get; init; }

    /// <summary>Paise given back to the user's wallet.</summary>
    public long Refunded { get; init; }

    /// <summary>How many of the first minutes the platform pays (free first consultation), fixed at acceptance.</summary>
    public int PromotionalMinutes { get; init; }

    public FirstMinuteOutcome FirstMinute { get; init; }

    public ConsultationParty? EndedBy { get; init; }

    public ConsultationEndReason? EndReason { get; init; }

    /// <summary>When the astrologer first wrote in the chat.</summary>
    public DateTimeOffset? AstrologerFirstMessageAt { get; init; }

    /// <summary>When the last minute was billed.</summary>
    public DateTimeOffset? LastBilledAt { get; init; }

    /// <summary>When the next minute starts and must be paid (null unless active).</summary>
    public DateTimeOffset? NextMinuteDueAt { get; init; }

    /// <summary>
    /// Set while billing is paused (a party is away, or the server was down): the clock of the paid minute stops here
    /// and <see cref="NextMinuteDueAt"/> moves on by the paused span when it resumes.
    /// </summary>
    public DateTimeOffset? PausedAt { get; init; }

    /// <summary>Whether the consultation can change no more.</summary>
    public bool IsFinal => State is ConsultationState.Ended or ConsultationState.Declined or ConsultationState.Expired or ConsultationState.Cancelled;

    /// <summary>Whether <paramref name="accountId"/> is one of the two parties.</summary>
    public bool IsParty(string accountId) => accountId == UserId || accountId == AstrologerId;

    /// <summary>Whether minute <paramref name="minute"/> (1-based) is platform-funded.</summary>
    public bool IsPromotional(int minute) => minute >= 1 && minute <= PromotionalMinutes;
}
