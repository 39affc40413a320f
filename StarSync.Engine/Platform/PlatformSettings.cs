namespace StarSync.Engine.Platform;

/// <summary>
/// The platform's terms, one versioned document. Money is paise (long); percentages are basis points
/// (1 bp = 0.01 %, so 3000 = 30 %).
/// </summary>
public sealed record PlatformSettings
{
    public const int MaxBasisPoints = 10_000;

    /// <summary>Increases by one with every save; 0 for the built-in defaults that were never saved.</summary>
    public long Version { get; init; }

    /// <summary>The platform's share of each consultation minute, in basis points (default 3000 = 30 %).</summary>
    public int CommissionBasisPoints { get; init; } = 3000;

    /// <summary>The lowest per-minute rate (paise) any astrologer may be given (default ₹5).</summary>
    public long MinRatePerMinute { get; init; } = 500;

    /// <summary>The highest per-minute rate (paise) any astrologer may be given (default ₹500).</summary>
    public long MaxRatePerMinute { get; init; } = 50_000;

    /// <summary>How many minutes at the astrologer's rate a wallet must hold to start a consultation (default 5).</summary>
    public int MinimumBalanceMinutes { get; init; } = 5;

    /// <summary>Whether a user's first consultation starts with free, platform-funded minutes (default off).</summary>
    public bool FreeFirstConsultation { get; init; }

    /// <summary>How many free minutes the first consultation has when <see cref="FreeFirstConsultation"/> is on (default 5).</summary>
    public int FreeFirstConsultationMinutes { get; init; } = 5;

    /// <summary>The smallest top-up credit (paise, whole rupees; default ₹50).</summary>
    public long MinimumTopUp { get; init; } = 5_000;

    /// <summary>The largest top-up credit (paise, whole rupees; default ₹1,00,000).</summary>
    public long MaximumTopUp { get; init; } = 10_000_000;

    /// <summary>Whether tax is added on top of a top-up's credit (default off).</summary>
    public bool TaxEnabled { get; init; }

    /// <summary>The tax rate in basis points (default 1800 = 18 %).</summary>
    public int TaxBasisPoints { get; init; } = 1800;

    /// <summary>The tax line's name on receipts and checkout (default "GST").</summary>
    public string TaxLabel { get; init; } = "GST";

    /// <summary>When it was last saved (UTC), null for the defaults.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Who last saved it (an account id), null for the defaults.</summary>
    public string? UpdatedBy { get; init; }

    /// <summary>Every problem, keyed by the field's camelCase name (empty when the settings are acceptable).</summary>
    public Dictionary<string, string[]> Problems()
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];
        if (CommissionBasisPoints is < 0 or > MaxBasisPoints)
        {
            Add("commissionBasisPoints", "The commission must be 0–100 %.");
        }

        if (MinRatePerMinute <= 0)
        {
            Add("minRatePerMinute", "The lowest rate must be more than zero.");
        }

        if (MaxRatePerMinute < MinRatePerMinute)
        {
            Add("maxRatePerMinute", "The highest rate must not be below the lowest.");
        }

        if (MinimumBalanceMinutes is < 0 or > 120)
        {
            Add("minimumBalanceMinutes", "The minimum balance must be 0–120 minutes.");
        }

        if (FreeFirstConsultationMinutes is < 1 or > 60)
        {
            Add("freeFirstConsultationMinutes", "Free minutes must be 1–60.");
        }

        if (MinimumTopUp <= 0 || MinimumTopUp % 100 != 0)
        {
            Add("minimumTopUp", "The smallest top-up must be whole rupees, more than zero.");
        }

        if (MaximumTopUp < MinimumTopUp || MaximumTopUp % 100 != 0)
        {
            Add("maximumTopUp", "The largest top-up must be whole rupees, not below the smallest.");
        }

        if (TaxBasisPoints is < 0 or > MaxBasisPoints)
        {
            Add("taxBasisPoints", "The tax rate must be 0–100 %.");
        }

        if (string.IsNullOrWhiteSpace(TaxLabel) || TaxLabel.Trim().Length > 40)
        {
            Add("taxLabel", "The tax line needs a name of 1–40 characters.");
        }

        return errors;
    }
}
