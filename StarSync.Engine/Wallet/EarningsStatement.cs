using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace StarSync.Engine.Wallet;

/// <summary>One astrologer's earnings account over one calendar month, as CSV for their records and the bank's.</summary>
public static class EarningsStatement
{
    private static readonly LocalDateTimePattern When = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm");

    /// <summary>
    /// The CSV: an opening balance row, every entry of the month (time in the platform's zone, kind, reference,
    /// amount and balance after, in rupees with two decimals), and a closing balance row.
    /// </summary>
    /// <param name="astrologerName">Shown in the heading rows.</param>
    /// <param name="month">The calendar month (platform zone).</param>
    /// <param name="opening">The earnings balance when the month began.</param>
    /// <param name="entries">The month's entries, oldest first.</param>
    public static string Csv(string astrologerName, YearMonth month, long opening, IReadOnlyList<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var csv = new StringBuilder();
        Row(csv, "Earnings statement", astrologerName, month.ToString("uuuu'-'MM", CultureInfo.InvariantCulture), "", "", "");
        Row(csv, "Date (India time)", "Kind", "Reference", "Amount (INR)", "Balance (INR)", "Entry");
        var first = month.OnDayOfMonth(1);
        Row(csv, When.Format(first.AtMidnight()), "opening balance", "", "", Rupees(opening), "");
        var balance = opening;
        foreach (var entry in entries)
        {
            balance = entry.BalanceAfter;
            var local = Instant.FromDateTimeOffset(entry.CreatedAt).InZone(AstrologerPayouts.PlatformZone).LocalDateTime;
            Row(csv, When.Format(local), Kind(entry.Kind), entry.Reference, Rupees(entry.Amount), Rupees(entry.BalanceAfter), entry.Id);
        }

        var last = month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month));
        Row(csv, When.Format(last.At(new LocalTime(23, 59))), "closing balance", "", "", Rupees(balance), "");
        return csv.ToString();
    }

    private static string Kind(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Earning => "earning",
        LedgerEntryKind.Refund => "refund",
        LedgerEntryKind.Payout => "payout",
        LedgerEntryKind.Promotion => "promotion",
        LedgerEntryKind.Adjustment => "adjustment",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Rupees(long paise) => (paise / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder csv, params string[] cells) => csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");

    // RFC 4180 quoting, and a leading apostrophe for text a spreadsheet would run as a formula (=, +, -, @, tab, CR).
    private static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) && !IsNumber(value))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static bool IsNumber(string value) => decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
}
