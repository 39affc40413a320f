namespace StarSync.Engine.Consultations;

/// <summary>
/// The consultation state machine as pure functions over <see cref="Consultation"/>: each returns the changed record
/// (the caller stores it with a compare-and-set on the version it read) or throws when the move is not allowed.
/// </summary>
/// <remarks>
/// <code>
/// requested ──accept──▶ active ──end──▶ ended
///     ├──decline──▶ declined
///     ├──timeout──▶ expired
///     └──cancel───▶ cancelled
/// </code>
/// Every other move is refused; final states never change.
/// </remarks>
public static class ConsultationLifecycle
{
    /// <summary>Whether a consultation may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(ConsultationState from, ConsultationState to) => (from, to) switch
    {
        (ConsultationState.Requested, ConsultationState.Active or ConsultationState.Declined or ConsultationState.Expired or ConsultationState.Cancelled) => true,
        (ConsultationState.Active, ConsultationState.Ended) => true,
        _ => false,
    };

    /// <summary>
    /// Accepted at <paramref name="at"/>: the rate and commission in force are copied on, and minute 1 is due at once.
    /// </summary>
    /// <param name="ratePerMinute">The astrologer's rate now (paise, &gt; 0).</param>
    /// <param name="commissionBasisPoints">The platform's commission now (0–10 000).</param>
    /// <param name="promotionalMinutes">Free minutes the platform pays (0 unless this is a free first consultation).</param>
    public static Consultation Accept(Consultation c, DateTimeOffset at, long ratePerMinute, int commissionBasisPoints, int promotionalMinutes)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerMinute);
        ArgumentOutOfRangeException.ThrowIfNegative(promotionalMinutes);
        _ = MinuteSplit.Of(ratePerMinute, commissionBasisPoints);
        Require(c, ConsultationState.Active);
        return c with
        {
            State = ConsultationState.Active,
            AcceptedAt = at,
            RatePerMinute = ratePerMinute,
            CommissionBasisPoints = commissionBasisPoints,
            PromotionalMinutes = promotionalMinutes,
            NextMinuteDueAt = at,
        };
    }

    /// <summary>A request closed without ever going live: declined, expired or cancelled.</summary>
    public static Consultation Close(Consultation c, ConsultationState to, DateTimeOffset at, ConsultationParty by)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (to is not (ConsultationState.Declined or ConsultationState.Expired or ConsultationState.Cancelled))
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "A request closes as declined, expired or cancelled.");
        }

        Require(c, to);
        return c with { State = to, EndedAt = at, EndedBy = by };
    }

    /// <summary>A live consultation ends; no further minute is billed.</summary>
    public static Consultation End(Consultation c, DateTimeOffset at, ConsultationParty by, ConsultationEndReason reason)
    {
        ArgumentNullException.ThrowIfNull(c);
        Require(c, ConsultationState.Ended);
        return c with { State = ConsultationState.Ended, EndedAt = at, EndedBy = by, EndReason = reason, NextMinuteDueAt = null, PausedAt = null };
    }

    /// <summary>Stops the minute clock at <paramref name="at"/> (no-op when already paused).</summary>
    public static Consultation Pause(Consultation c, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(c);
        RequireActive(c);
        return c.PausedAt is null ? c with { PausedAt = at } : c;
    }

    /// <summary>
    /// Restarts the minute clock at <paramref name="at"/>: the paused span is not counted, so the next minute is due
    /// that much later (what was left of the paid minute when it paused is still owed to the user).
    /// </summary>
    public static Consultation Resume(Consultation c, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(c);
        RequireActive(c);
        if (c.PausedAt is not { } paused)
        {
            return c;
        }

        var span = at > paused ? at - paused : TimeSpan.Zero;
        var due = c.NextMinuteDueAt ?? at;
        // The paused span counts only from the point the current minute's clock had reached.
        return c with { PausedAt = null, NextMinuteDueAt = paused < due ? due + span : at > due ? at : due };
    }

    /// <summary>Minute <paramref name="minute"/> was paid at <paramref name="at"/>: counters move on and the next minute is due one minute later.</summary>
    /// <param name="walletCharge">Paise taken from the wallet for it (0 for a promotional minute).</param>
    /// <param name="minuteLength">The billing minute (60 s in production).</param>
    public static Consultation Billed(Consultation c, int minute, long walletCharge, DateTimeOffset at, TimeSpan minuteLength)
    {
        ArgumentNullException.ThrowIfNull(c);
        RequireActive(c);
        if (minute != c.BilledMinutes + 1)
        {
            throw new InvalidOperationException($"Consultation {c.Id} has {c.BilledMinutes} minutes billed; minute {minute} is not next.");
        }

        var due = c.NextMinuteDueAt ?? at;
        return c with { BilledMinutes = minute, Charged = c.Charged + walletCharge, LastBilledAt = at, NextMinuteDueAt = due + minuteLength };
    }

    /// <summary>
    /// Whether minute 1 must be refunded now, given the consultation as it is at <paramref name="at"/>: only once minute
    /// 1 was billed and its outcome is still pending, and only when minute 1 is closing (minute 2 is due, or the
    /// consultation ended). Refunded when the astrologer wrote nothing within minute 1, or when it ended within minute 1
    /// through the astrologer's side (ended, disconnected, deactivated).
    /// </summary>
    /// <returns>null while undecided; true to refund; false to keep.</returns>
    public static bool? FirstMinuteRefundDue(Consultation c, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.FirstMinute != FirstMinuteOutcome.Pending || c.BilledMinutes < 1 || c.AcceptedAt is not { } accepted)
        {
            return null;
        }

        var endedWithinFirst = c.State == ConsultationState.Ended && c.BilledMinutes == 1;
        var closing = endedWithinFirst || c.BilledMinutes >= 2 || (c.PausedAt is null && c.NextMinuteDueAt is { } due && at >= due);
        if (!closing)
        {
            return null;
        }

        if (endedWithinFirst && c.EndReason is ConsultationEndReason.AstrologerEnded or ConsultationEndReason.AstrologerDisconnected or ConsultationEndReason.AstrologerDeactivated)
        {
            return true;
        }

        // "Within minute 1": before minute 2 was due (or before the end, when it ended inside minute 1).
        var firstMinuteClosedAt = endedWithinFirst ? c.EndedAt ?? at : c.NextMinuteDueAt is { } next && c.BilledMinutes == 1 ? next : at;
        return c.AstrologerFirstMessageAt is not { } written || written < accepted || written > firstMinuteClosedAt;
    }

    private static void RequireActive(Consultation c)
    {
        if (c.State != ConsultationState.Active)
        {
            throw new InvalidOperationException($"Consultation {c.Id} is {c.State}, not active.");
        }
    }

    private static void Require(Consultation c, ConsultationState to)
    {
        if (!CanMove(c.State, to))
        {
            throw new InvalidOperationException($"Consultation {c.Id} cannot move from {c.State} to {to}.");
        }
    }
}
