namespace StarSync.Engine.Consultations;

/// <summary>
/// How one minute's price divides between the platform and the astrologer, in paise.
/// </summary>
/// <remarks>
/// The commission is <c>rate × basisPoints / 10 000</c> rounded half up to a whole paisa; the astrologer's earning is
/// the rest (<c>rate − commission</c>), so the two always sum to the rate exactly and no paisa is created or lost.
/// Example: ₹12.35 (1 235 paise) at 30 % → commission 370.5 → 371, earning 864.
/// </remarks>
/// <param name="Rate">The minute's price (paise).</param>
/// <param name="Commission">The platform's share (paise).</param>
/// <param name="Earning">The astrologer's share (paise).</param>
public readonly record struct MinuteSplit(long Rate, long Commission, long Earning)
{
    /// <summary>Splits <paramref name="ratePerMinute"/> (paise, ≥ 0) at <paramref name="commissionBasisPoints"/> (0–10 000).</summary>
    public static MinuteSplit Of(long ratePerMinute, int commissionBasisPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ratePerMinute);
        ArgumentOutOfRangeException.ThrowIfNegative(commissionBasisPoints);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(commissionBasisPoints, 10_000);
        var commission = checked(ratePerMinute * commissionBasisPoints + 5_000) / 10_000;
        return new MinuteSplit(ratePerMinute, commission, ratePerMinute - commission);
    }
}
