using System.Globalization;
using System.Text;
using NodaTime;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;

namespace StarSync.Web.Wallet;

/// <summary>
/// A filter over a wallet's entries: one kind, and a range of calendar days in the owner's time zone (both ends
/// included).
/// </summary>
public sealed record StatementFilter(LedgerEntryKind? Kind = null, LocalDate? From = null, LocalDate? To = null)
{
    /// <summary>The kinds a user's wallet can hold, in the order the filter offers them.</summary>
    public static IReadOnlyList<LedgerEntryKind> WalletKinds { get; } =
    [
        LedgerEntryKind.Topup, LedgerEntryKind.Consultation, LedgerEntryKind.Refund, LedgerEntryKind.Promotion,
        LedgerEntryKind.Adjustment, LedgerEntryKind.Chargeback,
    ];

    /// <summary>The query for <paramref name="ledgerAccountId"/>, with the days turned into instants in <paramref name="zone"/>.</summary>
    public LedgerQuery ToQuery(string ledgerAccountId, DateTimeZone zone, int skip, int take) => new()
    {
        AccountId = ledgerAccountId,
        Kind = Kind,
        From = From is { } from ? zone.AtStartOfDay(from).ToDateTimeOffset() : null,
        To = To is { } to ? zone.AtStartOfDay(to.PlusDays(1)).ToDateTimeOffset() : null,
        Skip = skip,
        Take = take,
    };

    /// <summary>Reads the API's <c>kind</c>, <c>from</c> and <c>to</c> (kebab-case kind, <c>YYYY-MM-DD</c> days); errors keyed by parameter.</summary>
    public static StatementFilter Parse(string? kind, string? from, string? to, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        LedgerEntryKind? parsedKind = null;
        if (!string.IsNullOrEmpty(kind))
        {
            parsedKind = WalletKinds.Cast<LedgerEntryKind?>().FirstOrDefault(k => KindName(k!.Value) == kind);
            if (parsedKind is null)
            {
                errors["kind"] = [$"kind must be one of {string.Join(", ", WalletKinds.Select(KindName))}."];
            }
        }

        var fromDate = ParseDate(from, "from", errors);
        var toDate = ParseDate(to, "to", errors);
        if (fromDate is { } f && toDate is { } t && t < f)
        {
            errors["to"] = ["to must not be before from."];
        }

        return new StatementFilter(parsedKind, fromDate, toDate);
    }

    /// <summary>The kind as the API spells it ("topup", "chargeback").</summary>
    public static string KindName(LedgerEntryKind kind) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    /// <summary>How people read the kind ("Top-up", "Consultation").</summary>
    public static string KindLabel(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Topup => "Top-up",
        LedgerEntryKind.Consultation => "Consultation",
        LedgerEntryKind.Refund => "Refund",
        LedgerEntryKind.Promotion => "Promotion",
        LedgerEntryKind.Adjustment => "Adjustment",
        LedgerEntryKind.Chargeback => "Chargeback",
        _ => kind.ToString(),
    };

    private static LocalDate? ParseDate(string? text, string field, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parsed = NodaTime.Text.LocalDatePattern.Iso.Parse(text);
        if (parsed.Success)
        {
            return parsed.Value;
        }

        errors[field] = [$"{field} must be a date YYYY-MM-DD."];
        return null;
    }
}

/// <summary>A person's wallet statement: filtered entries for the page and the CSV export, in the owner's zone.</summary>
public sealed class WalletStatement(ILedgerStore ledger, IAccountStore accounts, TimeProvider clock)
{
    /// <summary>The most rows one CSV export holds.</summary>
    public const int MaxExportRows = 100_000;

    /// <summary>The owner's time zone (account setting; Asia/Kolkata when unknown).</summary>
    public async Task<DateTimeZone> ZoneOfAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var account = await accounts.FindByIdAsync(accountId, cancellationToken);
        return DateTimeZoneProviders.Tzdb.GetZoneOrNull(account?.TimeZone ?? Account.DefaultTimeZone)
            ?? DateTimeZoneProviders.Tzdb[Account.DefaultTimeZone];
    }

    /// <summary>One page of the owner's wallet entries matching <paramref name="filter"/>, newest first.</summary>
    public Task<Page<LedgerEntry>> PageAsync(string accountId, StatementFilter filter, DateTimeZone zone, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return ledger.QueryEntriesAsync(filter.ToQuery(LedgerAccounts.Wallet(accountId), zone, skip, Math.Clamp(take, 1, Paging.MaxTake)), cancellationToken);
    }

    /// <summary>
    /// Writes the owner's matching entries as CSV (UTF-8, CRLF rows, a header row), newest first. Entries written
    /// while the export runs are left out, so pages never shift under it.
    /// </summary>
    public async Task WriteCsvAsync(string accountId, StatementFilter filter, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(output);
        var zone = await ZoneOfAsync(accountId, cancellationToken);
        var query = filter.ToQuery(LedgerAccounts.Wallet(accountId), zone, 0, Paging.MaxTake);
        var now = clock.GetUtcNow();
        if (query.To is null || query.To > now)
        {
            query = query with { To = now };
        }

        await output.WriteAsync(WalletCsv.Header.AsMemory(), cancellationToken);
        for (var skip = 0; skip < MaxExportRows; skip += Paging.MaxTake)
        {
            var page = await ledger.QueryEntriesAsync(query with { Skip = skip }, cancellationToken);
            foreach (var entry in page.Items)
            {
                await output.WriteAsync(WalletCsv.Row(entry, zone).AsMemory(), cancellationToken);
            }

            if (!page.HasMore)
            {
                break;
            }
        }
    }
}

/// <summary>The CSV layout of a wallet statement, safe to open in a spreadsheet.</summary>
public static class WalletCsv
{
    public const string Header = "date,time,timeZone,createdAt,kind,amount,balanceAfter,currency,reference,entryId\r\n";

    /// <summary>
    /// One row: the local date and time in <paramref name="zone"/>, the UTC instant, the kind, amounts in major units with
    /// two decimals (so a spreadsheet sums them), the currency, the reference and the entry id.
    /// </summary>
    public static string Row(LedgerEntry entry, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(zone);
        var local = Instant.FromDateTimeOffset(entry.CreatedAt).InZone(zone);
        var cells = new[]
        {
            local.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            local.TimeOfDay.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            Text(zone.Id),
            entry.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            Text(StatementFilter.KindName(entry.Kind)),
            Major(entry.Amount),
            Major(entry.BalanceAfter),
            Text(entry.Currency),
            Text(entry.Reference),
            Text(entry.Id),
        };
        return string.Join(',', cells) + "\r\n";
    }

    /// <summary>
    /// A text cell: a leading <c>= + - @</c> (or tab, carriage return) would make a spreadsheet run it as a formula,
    /// so such a cell gets a leading apostrophe; then quotes, commas and line breaks are quoted the RFC 4180 way.
    /// Amounts are written by <see cref="Major"/> and are numbers only, so a minus sign there is left alone.
    /// </summary>
    public static string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny("\",\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Minor units as a plain decimal number with two places ("500.00", "-12.50").</summary>
    public static string Major(long minor)
    {
        var sign = minor < 0 ? "-" : "";
        var abs = Math.Abs(minor);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{abs / Money.MinorPerMajor}.{abs % Money.MinorPerMajor:00}");
    }
}
