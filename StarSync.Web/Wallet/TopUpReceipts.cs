using System.Globalization;
using NodaTime;
using StarSync.Engine.Accounts;
using StarSync.Engine.Payments;
using StarSync.Engine.Storage;
using StarSync.Web.Payments;

namespace StarSync.Web.Wallet;

/// <summary>
/// Who issues receipts and tax invoices (the <c>Invoices:*</c> settings). GST is split as CGST + SGST (half the rate
/// each) for an intra-state supply, or charged as IGST for an inter-state one. The default is intra-state: for a
/// consumer whose address is not on record, the place of supply is the supplier's location.
/// </summary>
public sealed record InvoiceSettings
{
    public string SellerName { get; init; } = "StarSync";

    /// <summary>The registered address printed under the name (may be empty).</summary>
    public string SellerAddress { get; init; } = "";

    /// <summary>The platform's GSTIN; a tax invoice without it says that it is missing.</summary>
    public string? SellerGstin { get; init; }

    /// <summary>The supplier's state, printed as the place of supply on intra-state invoices.</summary>
    public string SellerState { get; init; } = "";

    /// <summary>True to charge IGST (inter-state supply) instead of CGST + SGST.</summary>
    public bool InterState { get; init; }

    /// <summary>The service accounting code printed on invoices (999799: other services n.e.c.).</summary>
    public string Sac { get; init; } = "999799";

    public static InvoiceSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Invoices");
        var defaults = new InvoiceSettings();
        return new InvoiceSettings
        {
            SellerName = NonEmpty(section["SellerName"]) ?? defaults.SellerName,
            SellerAddress = NonEmpty(section["SellerAddress"]) ?? defaults.SellerAddress,
            SellerGstin = NonEmpty(section["SellerGstin"])?.ToUpperInvariant(),
            SellerState = NonEmpty(section["SellerState"]) ?? defaults.SellerState,
            InterState = section.GetValue("InterState", false),
            Sac = NonEmpty(section["Sac"]) ?? defaults.Sac,
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>One tax line of an invoice: its name ("CGST"), rate in basis points and amount in minor units.</summary>
public sealed record TaxLine(string Name, int BasisPoints, long Amount)
{
    public string Rate => string.Create(CultureInfo.InvariantCulture, $"{BasisPoints / 100m:0.##}%");
}

/// <summary>
/// What a completed top-up's receipt shows. <see cref="IsTaxInvoice"/> when the top-up carried tax: the credit is then
/// the taxable value and <see cref="TaxLines"/> the GST charged on it.
/// </summary>
public sealed record TopUpReceipt(
    string Number,
    bool IsTaxInvoice,
    ZonedDateTime IssuedAt,
    InvoiceSettings Seller,
    string BuyerName,
    string BuyerEmail,
    TopUp TopUp,
    IReadOnlyList<TaxLine> TaxLines)
{
    public bool Sandbox => TopUp.Provider == "sandbox";

    /// <summary>"25 Nov 2026, 08:43 IST".</summary>
    public string IssuedAtText => IssuedAt.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " " + IssuedAt.Zone.GetZoneInterval(IssuedAt.ToInstant()).Name;
}

/// <summary>Receipts and GST invoices of completed (credited) top-ups, for their owner only.</summary>
public sealed class TopUpReceipts(ITopUpStore topUps, ILedgerStore ledger, IAccountStore accounts, InvoiceSettings settings)
{
    /// <summary>
    /// The document number: "SS" and the top-up id's first 14 hex digits (16 characters, the GST limit). Unique per
    /// top-up and the same on every download.
    /// </summary>
    public static string NumberOf(TopUp topUp)
    {
        ArgumentNullException.ThrowIfNull(topUp);
        var hex = topUp.Id.StartsWith("tu_", StringComparison.Ordinal) ? topUp.Id[3..] : topUp.Id;
        return "SS" + new string([.. hex.Where(char.IsAsciiLetterOrDigit).Take(14)]).ToUpperInvariant();
    }

    /// <summary>The receipt of <paramref name="accountId"/>'s credited top-up, or null (unknown, someone else's, not credited).</summary>
    public async Task<TopUpReceipt?> ForOwnerAsync(string accountId, string topUpId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        var topUp = await topUps.GetAsync(topUpId, cancellationToken);
        if (topUp is null || topUp.AccountId != accountId || topUp.State != TopUpState.Credited)
        {
            return null;
        }

        var account = await accounts.FindByIdAsync(accountId, cancellationToken);
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(account?.TimeZone ?? Account.DefaultTimeZone) ?? DateTimeZoneProviders.Tzdb[Account.DefaultTimeZone];
        // Issued when the wallet was credited: the credit posting's time (the top-up's own stamp moves on refunds).
        var credit = topUp.CheckoutSessionId is { } session
            ? await ledger.FindPostingAsync(TopUpFulfilment.CreditKey(topUp.Provider, session), cancellationToken)
            : null;
        var issued = Instant.FromDateTimeOffset(credit?.CreatedAt ?? topUp.UpdatedAt).InZone(zone);
        var lines = TaxLinesOf(topUp);
        return new TopUpReceipt(NumberOf(topUp), lines.Count > 0, issued, settings, account?.Name ?? "", account?.Email ?? "", topUp, lines);
    }

    private IReadOnlyList<TaxLine> TaxLinesOf(TopUp topUp)
    {
        if (topUp.TaxAmount <= 0)
        {
            return [];
        }

        var basisPoints = (int)Math.Round(topUp.TaxAmount * 10_000m / topUp.CreditAmount, MidpointRounding.AwayFromZero);
        if (settings.InterState)
        {
            return [new TaxLine("IGST", basisPoints, topUp.TaxAmount)];
        }

        var central = topUp.TaxAmount / 2;
        return [new TaxLine("CGST", basisPoints / 2, central), new TaxLine("SGST", basisPoints - basisPoints / 2, topUp.TaxAmount - central)];
    }
}
