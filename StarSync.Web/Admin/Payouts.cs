using System.Globalization;
using System.Text;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrologers;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;

namespace StarSync.Web.Admin;

/// <summary>A calendar month in India Standard Time (UTC+05:30, no daylight saving), the period of payouts and statements.</summary>
public readonly record struct PayoutMonth(int Year, int Month)
{
    private static readonly TimeSpan Ist = TimeSpan.FromHours(5.5);

    /// <summary>The first instant of the month.</summary>
    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, Ist);

    /// <summary>The first instant after the month.</summary>
    public DateTimeOffset End => Start.AddMonths(1);

    public static PayoutMonth Containing(DateTimeOffset instant)
    {
        var local = instant.ToOffset(Ist);
        return new PayoutMonth(local.Year, local.Month);
    }

    /// <summary>Parses "2026-03".</summary>
    public static bool TryParse(string? text, out PayoutMonth month)
    {
        month = default;
        if (DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && parsed.Year is >= 2000 and <= 2399)
        {
            month = new PayoutMonth(parsed.Year, parsed.Month);
            return true;
        }

        return false;
    }

    public PayoutMonth Previous => Month == 1 ? new(Year - 1, 12) : new(Year, Month - 1);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}");
}

/// <summary>One astrologer's earnings for the payouts list (paise).</summary>
/// <param name="EarnedInMonth">Earnings credited during the month.</param>
/// <param name="PaidOutInMonth">Payouts recorded during the month.</param>
/// <param name="Unpaid">Earnings not paid out yet, now (all months).</param>
public sealed record AstrologerEarnings(string AstrologerId, string Name, AccountStatus Status, long EarnedInMonth, long PaidOutInMonth, long Unpaid, string Currency);

public enum PayoutOutcome
{
    Recorded,

    /// <summary>This bank reference was recorded before; nothing changed.</summary>
    Repeated,
    Invalid,
    NotFound,
}

public sealed record PayoutResult(PayoutOutcome Outcome, long Unpaid, Dictionary<string, string[]> Errors);

/// <summary>
/// Astrologers' payouts. The bank transfer happens outside the app; recording it posts
/// earnings −amount / payout clearing +amount under the key <c>payout:&lt;astrologer&gt;:&lt;bank reference&gt;</c>, so
/// one transfer is recorded once. Deactivated and deleted astrologers keep their unpaid earnings payable.
/// </summary>
public sealed class Payouts(ILedgerStore ledger, IAstrologerProfileStore profiles, IAuditLog audit) : IDisposable
{
    // Payouts are checked against the balance and posted one at a time on this node, so two admins cannot
    // both pay out the same earnings here.
    private readonly SemaphoreSlim _posting = new(1, 1);

    /// <summary>Every astrologer with earnings in the month or unpaid earnings now, by name.</summary>
    public async Task<IReadOnlyList<AstrologerEarnings>> ListAsync(PayoutMonth month, CancellationToken cancellationToken = default)
    {
        var rows = new List<AstrologerEarnings>();
        for (var skip = 0; ; skip += Paging.MaxTake)
        {
            var page = await profiles.ListAsync(new AstrologerQuery { Skip = skip, Take = Paging.MaxTake }, cancellationToken);
            foreach (var profile in page.Items)
            {
                var row = await EarningsAsync(profile, month, cancellationToken);
                if (row.EarnedInMonth != 0 || row.PaidOutInMonth != 0 || row.Unpaid != 0)
                {
                    rows.Add(row);
                }
            }

            if (!page.HasMore)
            {
                return rows;
            }
        }
    }

    /// <summary>Records a bank transfer of <paramref name="amount"/> paise (at most the unpaid earnings).</summary>
    public async Task<PayoutResult> RecordAsync(string astrologerId, long amount, string? bankReference, string actor, CancellationToken cancellationToken = default)
    {
        if (await profiles.FindAsync(astrologerId, cancellationToken) is null)
        {
            return new PayoutResult(PayoutOutcome.NotFound, 0, []);
        }

        var errors = new Dictionary<string, string[]>();
        var reference = bankReference?.Trim() ?? "";
        if (reference.Length is 0 or > 100)
        {
            errors["bankReference"] = ["Give the bank transfer's reference (1–100 characters)."];
        }

        await _posting.WaitAsync(cancellationToken);
        try
        {
            var earnings = LedgerAccounts.Earnings(astrologerId);
            var key = $"payout:{astrologerId}:{reference}";
            if (errors.Count == 0 && await ledger.FindPostingAsync(key, cancellationToken) is not null)
            {
                return new PayoutResult(PayoutOutcome.Repeated, (await ledger.GetBalanceAsync(earnings, cancellationToken)).Balance, []);
            }

            var unpaid = (await ledger.GetBalanceAsync(earnings, cancellationToken)).Balance;
            if (amount <= 0 || amount > unpaid)
            {
                errors["amount"] = [$"The amount must be more than zero and at most the unpaid {Money.Format(unpaid)}."];
            }

            if (errors.Count > 0)
            {
                return new PayoutResult(PayoutOutcome.Invalid, unpaid, errors);
            }

            var result = await ledger.PostAsync(new NewPosting
            {
                IdempotencyKey = key,
                Reference = "bank transfer " + reference,
                Actor = actor,
                Entries =
                [
                    new NewLedgerEntry(earnings, -amount, LedgerEntryKind.Payout),
                    new NewLedgerEntry(LedgerAccounts.PayoutClearing, amount, LedgerEntryKind.Payout),
                ],
            }, cancellationToken);
            var after = (await ledger.GetBalanceAsync(earnings, cancellationToken)).Balance;
            if (result.Outcome == PostingOutcome.Posted)
            {
                await audit.AppendAsync(new NewAuditEntry("payout.recorded", actor, astrologerId,
                    string.Create(CultureInfo.InvariantCulture, $"{amount} paise by bank transfer {reference}; unpaid now {after}")), cancellationToken);
            }

            return new PayoutResult(result.Outcome == PostingOutcome.Posted ? PayoutOutcome.Recorded : PayoutOutcome.Repeated, after, []);
        }
        finally
        {
            _posting.Release();
        }
    }

    /// <summary>
    /// The month's statement as CSV (UTF-8, comma-separated, RFC 4180 quoting): opening balance, every earnings and
    /// payout entry with its running balance, closing balance. Null when there is no such astrologer.
    /// </summary>
    public async Task<string?> StatementCsvAsync(string astrologerId, PayoutMonth month, CancellationToken cancellationToken = default)
    {
        var profile = await profiles.FindAsync(astrologerId, cancellationToken);
        if (profile is null)
        {
            return null;
        }

        var entries = await EntriesAsync(LedgerAccounts.Earnings(astrologerId), month.Start, month.End, cancellationToken);
        var closing = entries.Count > 0 ? entries[^1].BalanceAfter : await BalanceBeforeAsync(astrologerId, month.End, cancellationToken);
        var opening = entries.Count > 0 ? entries[0].BalanceAfter - entries[0].Amount : closing;
        var csv = new StringBuilder();
        csv.Append("astrologer,").Append(Quote(profile.Details.DisplayName)).Append("\r\n");
        csv.Append("astrologer id,").Append(astrologerId).Append("\r\n");
        csv.Append("month,").Append(month.ToString()).Append(",India Standard Time\r\n");
        csv.Append("currency,INR,amounts in rupees\r\n");
        csv.Append("\r\n");
        csv.Append("date,kind,reference,amount,balance\r\n");
        csv.Append(',').Append("opening balance,,,").Append(Rupees(opening)).Append("\r\n");
        foreach (var entry in entries)
        {
            csv.Append(entry.CreatedAt.ToOffset(TimeSpan.FromHours(5.5)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append(',')
                .Append(System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(entry.Kind.ToString())).Append(',')
                .Append(Quote(entry.Reference)).Append(',')
                .Append(Rupees(entry.Amount)).Append(',')
                .Append(Rupees(entry.BalanceAfter)).Append("\r\n");
        }

        csv.Append(',').Append("earned,,").Append(Rupees(entries.Where(e => e.Amount > 0 && e.Kind != LedgerEntryKind.Payout).Sum(e => e.Amount))).Append(",\r\n");
        csv.Append(',').Append("paid out,,").Append(Rupees(-entries.Where(e => e.Kind == LedgerEntryKind.Payout).Sum(e => e.Amount))).Append(",\r\n");
        csv.Append(',').Append("closing balance,,,").Append(Rupees(closing)).Append("\r\n");
        return csv.ToString();
    }

    private async Task<AstrologerEarnings> EarningsAsync(AstrologerProfile profile, PayoutMonth month, CancellationToken cancellationToken)
    {
        var account = LedgerAccounts.Earnings(profile.AccountId);
        var entries = await EntriesAsync(account, month.Start, month.End, cancellationToken);
        var balance = await ledger.GetBalanceAsync(account, cancellationToken);
        return new AstrologerEarnings(
            profile.AccountId,
            profile.Details.DisplayName,
            profile.Status,
            entries.Where(e => e.Amount > 0 && e.Kind != LedgerEntryKind.Payout).Sum(e => e.Amount),
            -entries.Where(e => e.Kind == LedgerEntryKind.Payout).Sum(e => e.Amount),
            balance.Balance,
            balance.Currency);
    }

    // The account's entries in [from, to), oldest first.
    private async Task<List<LedgerEntry>> EntriesAsync(string account, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var all = new List<LedgerEntry>();
        for (var skip = 0; ; skip += Paging.MaxTake)
        {
            var page = await ledger.QueryEntriesAsync(new LedgerQuery { AccountId = account, From = from, To = to, Skip = skip, Take = Paging.MaxTake }, cancellationToken);
            all.AddRange(page.Items);
            if (!page.HasMore)
            {
                all.Reverse();
                return all;
            }
        }
    }

    private async Task<long> BalanceBeforeAsync(string astrologerId, DateTimeOffset instant, CancellationToken cancellationToken)
    {
        var last = await ledger.QueryEntriesAsync(new LedgerQuery { AccountId = LedgerAccounts.Earnings(astrologerId), To = instant, Take = 1 }, cancellationToken);
        return last.Items.Count > 0 ? last.Items[0].BalanceAfter : 0;
    }

    public void Dispose() => _posting.Dispose();

    private static string Rupees(long paise) => (paise / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 || text.StartsWith('=') || text.StartsWith('+') || text.StartsWith('-') || text.StartsWith('@')
            ? "\"" + (text.StartsWith('=') || text.StartsWith('+') || text.StartsWith('-') || text.StartsWith('@') ? "'" : "") + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
}
