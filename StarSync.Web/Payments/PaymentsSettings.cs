using StarSync.Engine.Wallet;

namespace StarSync.Web.Payments;

/// <summary>Where card payments go: Stripe Checkout, the in-app sandbox where no money moves, or nowhere.</summary>
public enum PaymentsMode
{
    Stripe,
    Sandbox,

    /// <summary>No top-ups: Production without Stripe keys (sandbox is never chosen there), or chosen explicitly.</summary>
    Off,
}

/// <summary>
/// The payment settings chosen at start-up from <c>STARSYNC_PAYMENTS</c>, <c>STRIPE_SECRET_KEY</c>,
/// <c>STRIPE_WEBHOOK_SECRET</c>, <c>STRIPE_API_BASE</c> and the <c>Payments:*</c> keys. <see cref="From"/> refuses
/// (throws <see cref="InvalidOperationException"/>) anything that would take or fake money by accident.
/// </summary>
public sealed record PaymentsSettings
{
    public const string ModeVariable = "STARSYNC_PAYMENTS";

    public required PaymentsMode Mode { get; init; }

    public string? StripeSecretKey { get; init; }

    public string? StripeWebhookSecret { get; init; }

    /// <summary>Stripe's API address, or a stand-in (stripe-mock, a test double).</summary>
    public Uri? StripeApiBase { get; init; }

    /// <summary>How often Stripe.net retries a failed request (0 in tests).</summary>
    public int StripeMaxNetworkRetries { get; init; } = 2;

    /// <summary>How old a signed webhook's timestamp may be (seconds).</summary>
    public long WebhookToleranceSeconds { get; init; } = 300;

    /// <summary>The smallest top-up credit in whole rupees.</summary>
    public long MinimumTopUpRupees { get; init; } = 50;

    /// <summary>The largest top-up credit in whole rupees.</summary>
    public long MaximumTopUpRupees { get; init; } = 100_000;

    /// <summary>Whether GST is added on top of the credit.</summary>
    public bool GstEnabled { get; init; }

    /// <summary>The GST rate in basis points (1800 = 18%).</summary>
    public int GstBasisPoints { get; init; } = 1800;

    /// <summary>The presets offered, in whole rupees.</summary>
    public IReadOnlyList<long> PresetRupees { get; init; } = [100, 200, 500, 1_000, 2_000, 5_000];

    /// <summary>Pending top-ups older than this are asked about at the provider.</summary>
    public TimeSpan ReconcileAfter { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How often the reconciliation runs.</summary>
    public TimeSpan ReconcileEvery { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Reads and checks the settings; throws with a message an operator can act on.</summary>
    public static PaymentsSettings From(IConfiguration configuration, string environmentName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var production = string.Equals(environmentName, "Production", StringComparison.OrdinalIgnoreCase);
        var secretKey = NonEmpty(configuration["STRIPE_SECRET_KEY"]);
        var webhookSecret = NonEmpty(configuration["STRIPE_WEBHOOK_SECRET"]);
        var mode = NonEmpty(configuration[ModeVariable])?.ToLowerInvariant() switch
        {
            "stripe" => PaymentsMode.Stripe,
            "sandbox" => PaymentsMode.Sandbox,
            "off" => PaymentsMode.Off,
            null when secretKey is not null => PaymentsMode.Stripe,
            null when !production => PaymentsMode.Sandbox,
            // Production without keys still starts (the quick start runs in Production), but takes no top-ups.
            null => PaymentsMode.Off,
            var other => throw new InvalidOperationException($"{ModeVariable} must be 'stripe', 'sandbox' or 'off', not '{other}'."),
        };

        if (mode == PaymentsMode.Sandbox && production)
        {
            throw new InvalidOperationException(
                $"{ModeVariable}=sandbox is refused in Production: sandbox payments credit wallets without taking money. Configure Stripe instead.");
        }

        if (mode == PaymentsMode.Stripe && (secretKey is null || webhookSecret is null))
        {
            throw new InvalidOperationException("Stripe payments need both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.");
        }

        Uri? apiBase = null;
        if (NonEmpty(configuration["STRIPE_API_BASE"]) is { } baseText && !Uri.TryCreate(baseText, UriKind.Absolute, out apiBase))
        {
            throw new InvalidOperationException($"STRIPE_API_BASE '{baseText}' is not an absolute URL.");
        }

        var section = configuration.GetSection("Payments");
        var settings = new PaymentsSettings
        {
            Mode = mode,
            StripeSecretKey = secretKey,
            StripeWebhookSecret = webhookSecret,
            StripeApiBase = apiBase,
            StripeMaxNetworkRetries = section.GetValue("StripeMaxNetworkRetries", 2),
            WebhookToleranceSeconds = section.GetValue("WebhookToleranceSeconds", 300L),
            MinimumTopUpRupees = section.GetValue("MinimumTopUpRupees", 50L),
            MaximumTopUpRupees = section.GetValue("MaximumTopUpRupees", 100_000L),
            GstEnabled = section.GetValue("GstEnabled", false),
            GstBasisPoints = section.GetValue("GstBasisPoints", 1800),
            ReconcileAfter = TimeSpan.FromMinutes(section.GetValue("ReconcileAfterMinutes", 60)),
            ReconcileEvery = TimeSpan.FromMinutes(section.GetValue("ReconcileEveryMinutes", 10)),
        };
        settings.Validate();
        return settings;
    }

    private void Validate()
    {
        if (MinimumTopUpRupees < 1 || MaximumTopUpRupees < MinimumTopUpRupees || MaximumTopUpRupees > 10_000_000)
        {
            throw new InvalidOperationException($"Payments:MinimumTopUpRupees ({MinimumTopUpRupees}) and Payments:MaximumTopUpRupees ({MaximumTopUpRupees}) must satisfy 1 ≤ minimum ≤ maximum ≤ 10,000,000.");
        }

        if (GstBasisPoints is < 0 or > 10_000)
        {
            throw new InvalidOperationException($"Payments:GstBasisPoints must be 0–10000, not {GstBasisPoints}.");
        }

        if (StripeMaxNetworkRetries is < 0 or > 10 || WebhookToleranceSeconds is < 1 or > 3600)
        {
            throw new InvalidOperationException("Payments:StripeMaxNetworkRetries must be 0–10 and Payments:WebhookToleranceSeconds 1–3600.");
        }

        if (ReconcileAfter <= TimeSpan.Zero || ReconcileEvery <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Payments:ReconcileAfterMinutes and Payments:ReconcileEveryMinutes must be positive.");
        }
    }

    /// <summary>What the start-up log says about payments.</summary>
    public string Description => Mode switch
    {
        PaymentsMode.Sandbox => "sandbox (test payments, no money moves)",
        PaymentsMode.Off => "off (no top-ups: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET)",
        _ => $"Stripe Checkout ({(StripeSecretKey!.StartsWith("sk_live_", StringComparison.Ordinal) ? "live" : "test")} key, API version {Stripe.StripeConfiguration.ApiVersion}{(StripeApiBase is null ? "" : $", API base {StripeApiBase}")})",
    };

    /// <summary>The currency every top-up is in.</summary>
    public static string Currency => Money.DefaultCurrency;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
