using NodaTime;
using NodaTime.Text;
using StarSync.Engine.Accounts;
using StarSync.Engine.Consultations;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;

namespace StarSync.Web.Astrologers;

/// <summary>One calendar day of an astrologer's revenue in their own time zone. Money in paise.</summary>
/// <param name="Date">The day in the astrologer's zone.</param>
/// <param name="Earnings">Earning entries on the earnings account that day, less refunds posted that day.</param>
/// <param name="Commission">The platform's commission on the same minutes.</param>
/// <param name="Minutes">Minutes earned that day, less minutes refunded that day.</param>
/// <param name="Consultations">Consultations accepted that day with at least one billed minute.</param>
public sealed record RevenueDay(LocalDate Date, long Earnings, long Commission, int Minutes, int Consultations);

/// <summary>Revenue summed over some days. Money in paise.</summary>
public sealed record RevenueTotals(long Earnings, long Commission, int Minutes, int Consultations)
{
    public static RevenueTotals Of(IEnumerable<RevenueDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        long earnings = 0, commission = 0;
        int minutes = 0, consultations = 0;
        foreach (var day in days)
        {
            earnings += day.Earnings;
            commission += day.Commission;
            minutes += day.Minutes;
            consultations += day.Consultations;
        }

        return new RevenueTotals(earnings, commission, minutes, consultations);
    }
}

/// <summary>An astrologer's revenue over the days <see cref="From"/>..<see cref="To"/> (inclusive) in <see cref="Zone"/>.</summary>
/// <param name="Days">Every day of the range, oldest first, zero days included.</param>
/// <param name="Unpaid">The earnings account's balance now: earned and not yet paid out (paise).</param>
public sealed record RevenueReport(LocalDate From, LocalDate To, DateTimeZone Zone, IReadOnlyList<RevenueDay> Days, long Unpaid)
{
    public string Currency => Money.DefaultCurrency;

    public RevenueTotals Totals => RevenueTotals.Of(Days);

    /// <summary>The totals of the days from <paramref name="from"/> to <paramref name="to"/> (inclusive) that the report covers.</summary>
    public RevenueTotals Between(LocalDate from, LocalDate to) => RevenueTotals.Of(Days.Where(d => d.Date >= from && d.Date <= to));
}

/// <summary>One row of an astrologer's consultation history. Money in paise.</summary>
/// <param name="ClientFirstName">The client's first name only: the astrologer does not need more.</param>
/// <param name="PaidMinutes">Billed minutes less the refunded first minute.</param>
/// <param name="Earning">The astrologer's share of the paid minutes.</param>
/// <param name="Duration">From acceptance to the end (or to now while live); null when never accepted.</param>
public sealed record ConsultationHistoryRow(Consultation Consultation, string ClientFirstName, int PaidMinutes, long Earning, TimeSpan? Duration);

/// <summary>
/// What an astrologer earned, from the ledger and the consultation store: the revenue page, the overview card and
/// <c>GET /api/v1/astrologer/stats</c> all read it here (definitions in docs/astrologers.md, "Revenue").
/// </summary>
/// <remarks>
/// Days are calendar days in the astrologer's own zone (their account setting, <see cref="Account.DefaultTimeZone"/>
/// when unset or unknown). Money and minutes fall on the day their ledger entry was written: a refund of yesterday's
/// minute posted today lowers today. A minute's commission is <see cref="MinuteSplit"/> of the consultation's copied
/// rate and commission, so the figures agree with the postings to the paisa.
/// </remarks>
public sealed class AstrologerRevenue(ILedgerStore ledger, IConsultationStore consultations, IAccountStore accounts, TimeProvider clock)
{
    /// <summary>The longest range one report covers, in days.</summary>
    public const int MaxDays = 366;

    /// <summary>The range when none is asked for: the last 30 days, today included.</summary>
    public const int DefaultDays = 30;

    /// <summary>The earliest and latest dates a range may name (far outside any ledger entry, well inside the calendar's limits).</summary>
    public static readonly LocalDate EarliestDate = new(1970, 1, 1);

    /// <inheritdoc cref="EarliestDate"/>
    public static readonly LocalDate LatestDate = new(2999, 12, 31);

    /// <summary>The astrologer's zone: their account's setting, or India time when it is unset or not a known zone.</summary>
    public async Task<DateTimeZone> ZoneOfAsync(string astrologerId, CancellationToken cancellationToken = default)
    {
        var account = await accounts.FindByIdAsync(astrologerId, cancellationToken).ConfigureAwait(false);
        return account is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(account.TimeZone) is { } zone
            ? zone
            : DateTimeZoneProviders.Tzdb[Account.DefaultTimeZone];
    }

    /// <summary>Today in <paramref name="zone"/>.</summary>
    public LocalDate Today(DateTimeZone zone) => Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(zone).Date;

    /// <summary>The Monday that starts <paramref name="day"/>'s week (ISO 8601 weeks: Monday to Sunday).</summary>
    public static LocalDate WeekStart(LocalDate day) => day.PlusDays(-((int)day.DayOfWeek - (int)IsoDayOfWeek.Monday));

    /// <summary>
    /// Reads a stats range from query text (ISO dates, inclusive). Defaults: <c>to</c> today, <c>from</c> 29 days
    /// before <c>to</c>. Adds errors keyed <c>from</c> / <c>to</c> and returns null when the range is not acceptable.
    /// </summary>
    public static (LocalDate From, LocalDate To)? ParseRange(string? fromText, string? toText, LocalDate today, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var from = ParseDate(fromText, "from", errors);
        var to = ParseDate(toText, "to", errors);
        if (errors.Count > 0)
        {
            return null;
        }

        var end = to ?? (from is { } f && f > today ? f : today);
        var start = from ?? end.PlusDays(1 - DefaultDays);
        if (end < start)
        {
            errors["to"] = ["to must not be before from."];
            return null;
        }

        if (Period.DaysBetween(start, end) + 1 > MaxDays)
        {
            errors["to"] = [$"The range may cover at most {MaxDays} days."];
            return null;
        }

        return (start, end);
    }

    private static LocalDate? ParseDate(string? text, string field, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text.Trim());
        if (!parsed.Success)
        {
            errors[field] = [$"{field} must be a date written YYYY-MM-DD."];
            return null;
        }

        if (parsed.Value < EarliestDate || parsed.Value > LatestDate)
        {
            errors[field] = [$"{field} must be between {LocalDatePattern.Iso.Format(EarliestDate)} and {LocalDatePattern.Iso.Format(LatestDate)}."];
            return null;
        }

        return parsed.Value;
    }

    /// <summary>The report over <paramref name="from"/>..<paramref name="to"/> (inclusive) in the astrologer's own zone.</summary>
    public async Task<RevenueReport> ReportAsync(string astrologerId, LocalDate from, LocalDate to, CancellationToken cancellationToken = default) =>
        await ReportAsync(astrologerId, from, to, await ZoneOfAsync(astrologerId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>The report over <paramref name="from"/>..<paramref name="to"/> (inclusive) in <paramref name="zone"/>.</summary>
    /// <exception cref="ArgumentException">The range ends before it starts or covers more than <see cref="MaxDays"/> days.</exception>
    public async Task<RevenueReport> ReportAsync(string astrologerId, LocalDate from, LocalDate to, DateTimeZone zone, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(astrologerId);
        ArgumentNullException.ThrowIfNull(zone);
        var dayCount = Period.DaysBetween(from, to) + 1;
        if (dayCount < 1 || dayCount > MaxDays)
        {
            throw new ArgumentException($"A report covers 1 to {MaxDays} days; {from}..{to} does not.", nameof(to));
        }

        var start = from.AtStartOfDayInZone(zone).ToDateTimeOffset().ToUniversalTime();
        var end = to.PlusDays(1).AtStartOfDayInZone(zone).ToDateTimeOffset().ToUniversalTime();
        var days = Enumerable.Range(0, dayCount).Select(i => new DayTally()).ToArray();
        int IndexOf(DateTimeOffset at) => Period.DaysBetween(from, Instant.FromDateTimeOffset(at).InZone(zone).Date);

        var account = LedgerAccounts.Earnings(astrologerId);
        var entries = await AstrologerPayouts.EntriesAsync(ledger, account, start, end, cancellationToken).ConfigureAwait(false);
        var splits = new Dictionary<string, MinuteSplit?>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            // Payouts and adjustments move the balance but are not revenue; a refund entry here is a minute taken back.
            if (entry.Kind is not (LedgerEntryKind.Earning or LedgerEntryKind.Refund))
            {
                continue;
            }

            var tally = days[IndexOf(entry.CreatedAt)];
            var sign = entry.Amount > 0 ? 1 : -1;
            tally.Earnings += entry.Amount;
            tally.Minutes += sign;
            if (!splits.TryGetValue(entry.Reference, out var split))
            {
                split = await consultations.GetAsync(entry.Reference, cancellationToken).ConfigureAwait(false) is { } c
                    ? MinuteSplit.Of(c.RatePerMinute, c.CommissionBasisPoints)
                    : null;
                splits[entry.Reference] = split;
            }

            tally.Commission += sign * (split?.Commission ?? 0);
        }

        for (var skip = 0; ; skip += Paging.MaxTake)
        {
            var page = await consultations.QueryAsync(new ConsultationQuery { AstrologerId = astrologerId, AcceptedFrom = start, AcceptedBefore = end, Skip = skip, Take = Paging.MaxTake }, cancellationToken).ConfigureAwait(false);
            foreach (var c in page.Items.Where(c => c.BilledMinutes >= 1))
            {
                days[IndexOf(c.AcceptedAt!.Value)].Consultations++;
            }

            if (!page.HasMore)
            {
                break;
            }
        }

        var unpaid = (await ledger.GetBalanceAsync(account, cancellationToken).ConfigureAwait(false)).Balance;
        return new RevenueReport(from, to, zone, [.. days.Select((d, i) => new RevenueDay(from.PlusDays(i), d.Earnings, d.Commission, d.Minutes, d.Consultations))], unpaid);
    }

    /// <summary>The astrologer's consultations, newest request first, optionally in one state.</summary>
    public async Task<Page<ConsultationHistoryRow>> HistoryAsync(string astrologerId, ConsultationState? state, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(astrologerId);
        var page = await consultations.QueryAsync(new ConsultationQuery { AstrologerId = astrologerId, State = state, Skip = skip, Take = take }, cancellationToken).ConfigureAwait(false);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var rows = new List<ConsultationHistoryRow>(page.Items.Count);
        foreach (var c in page.Items)
        {
            if (!names.TryGetValue(c.UserId, out var name))
            {
                name = FirstName(await accounts.FindByIdAsync(c.UserId, cancellationToken).ConfigureAwait(false));
                names[c.UserId] = name;
            }

            var paid = c.BilledMinutes - (c.FirstMinute == FirstMinuteOutcome.Refunded ? 1 : 0);
            var earning = paid * MinuteSplit.Of(c.RatePerMinute, c.CommissionBasisPoints).Earning;
            TimeSpan? duration = c.AcceptedAt is { } accepted ? (c.EndedAt ?? now) - accepted : null;
            rows.Add(new ConsultationHistoryRow(c, name, paid, earning, duration));
        }

        return new Page<ConsultationHistoryRow>(rows, page.Total, page.Skip, page.Take);
    }

    /// <summary>For callers that know only the astrologer: their zone's "today" and the report's default range.</summary>
    public async Task<(DateTimeZone Zone, LocalDate Today)> TodayForAsync(string astrologerId, CancellationToken cancellationToken = default)
    {
        var zone = await ZoneOfAsync(astrologerId, cancellationToken).ConfigureAwait(false);
        return (zone, Today(zone));
    }

    private static string FirstName(Account? account)
    {
        var name = account?.Name.Trim() ?? "";
        if (name.Length == 0 || account!.Status == AccountStatus.Deleted)
        {
            return "Former client";
        }

        return name.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
    }

    private sealed class DayTally
    {
        public long Earnings { get; set; }

        public long Commission { get; set; }

        public int Minutes { get; set; }

        public int Consultations { get; set; }
    }
}
