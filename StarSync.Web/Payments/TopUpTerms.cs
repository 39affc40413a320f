using StarSync.Engine.Wallet;

namespace StarSync.Web.Payments;

/// <summary>A top-up's money in minor units: the wallet gets <see cref="CreditAmount"/>, the card pays <see cref="ChargeAmount"/>.</summary>
public sealed record TopUpQuote(long CreditAmount, long TaxAmount, long ChargeAmount, string Currency, int TaxBasisPoints);

/// <summary>The limits, presets and tax in force (minor units).</summary>
public sealed record TopUpTermsSnapshot(long MinimumCredit, long MaximumCredit, IReadOnlyList<long> Presets, bool TaxEnabled, int TaxBasisPoints, string Currency)
{
    /// <summary>The credit's tax, rounded half up to the paisa.</summary>
    public TopUpQuote Quote(long creditAmount)
    {
        var tax = TaxEnabled ? (creditAmount * TaxBasisPoints + 5_000) / 10_000 : 0;
        return new TopUpQuote(creditAmount, tax, creditAmount + tax, Currency, TaxEnabled ? TaxBasisPoints : 0);
    }

    /// <summary>Why <paramref name="creditAmount"/> (minor units) cannot be a top-up, or null when it can.</summary>
    public string? Problem(long creditAmount)
    {
        if (creditAmount <= 0)
        {
            return "The amount must be more than zero.";
        }

        if (creditAmount % Money.MinorPerMajor != 0)
        {
            return "The amount must be whole rupees (a multiple of 100 paise).";
        }

        return creditAmount < MinimumCredit || creditAmount > MaximumCredit
            ? $"The amount must be between {Money.Format(MinimumCredit, Currency)} and {Money.Format(MaximumCredit, Currency)}."
            : null;
    }
}

/// <summary>
/// The one place top-up limits, presets and the tax switch come from. Reads the start-up settings today; an admin
/// settings page can replace this registration with an editable source without touching its callers.
/// </summary>
public class TopUpTerms(PaymentsSettings settings)
{
    public virtual TopUpTermsSnapshot Current { get; } = new(
        settings.MinimumTopUpRupees * Money.MinorPerMajor,
        settings.MaximumTopUpRupees * Money.MinorPerMajor,
        [.. settings.PresetRupees.Select(r => r * Money.MinorPerMajor)],
        settings.GstEnabled,
        settings.GstBasisPoints,
        PaymentsSettings.Currency);
}
