using NodaTime;
using StarSync.Engine.Astrology.Charts;

namespace StarSync.Engine.Astrology.Dasha;

/// <summary>One dasha period: its lord and its span [Start, End).</summary>
public sealed record DashaPeriod(Graha Lord, Instant Start, Instant End, IReadOnlyList<DashaPeriod> SubPeriods);

/// <summary>The Vimshottari dasha at birth: the balance and the periods.</summary>
/// <param name="BalanceLord">Lord of the mahadasha running at birth.</param>
/// <param name="BalanceYears">Years of that mahadasha left at birth.</param>
/// <param name="Mahadashas">Nine mahadashas (one 120-year cycle) starting with the one running at birth, whose start lies before birth.</param>
public sealed record VimshottariSchedule(Graha BalanceLord, double BalanceYears, IReadOnlyList<DashaPeriod> Mahadashas);

/// <summary>
/// Vimshottari dasha (BPHS chapter 46): a 120-year cycle of nine lords starting from the lord of the Moon's
/// nakshatra; the part of the first mahadasha still to run equals the part of the nakshatra the Moon has yet to
/// cross. Antardashas and pratyantardashas divide a period in proportion to each lord's years, starting with the
/// period's own lord.
/// </summary>
public static class VimshottariDasha
{
    /// <summary>The order of lords from Ketu.</summary>
    public static readonly IReadOnlyList<Graha> Order =
        [Graha.Ketu, Graha.Venus, Graha.Sun, Graha.Moon, Graha.Mars, Graha.Rahu, Graha.Jupiter, Graha.Saturn, Graha.Mercury];

    /// <summary>Years of each lord's mahadasha.</summary>
    public static int Years(Graha lord) => lord switch
    {
        Graha.Ketu => 7,
        Graha.Venus => 20,
        Graha.Sun => 6,
        Graha.Moon => 10,
        Graha.Mars => 7,
        Graha.Rahu => 18,
        Graha.Jupiter => 16,
        Graha.Saturn => 19,
        Graha.Mercury => 17,
        _ => throw new ArgumentOutOfRangeException(nameof(lord)),
    };

    public const int CycleYears = 120;

    /// <summary>Computes the schedule from the Moon's sidereal longitude at birth, to three levels.</summary>
    /// <param name="birth">The birth instant.</param>
    /// <param name="moonLongitude">The Moon's sidereal longitude in degrees.</param>
    /// <param name="daysPerYear">Length of a dasha year in days.</param>
    public static VimshottariSchedule Compute(Instant birth, double moonLongitude, double daysPerYear)
    {
        var nakshatra = Nakshatra.FromLongitude(moonLongitude);
        var lord = Nakshatra.Lord(nakshatra);
        var traversed = Nakshatra.FractionTraversed(moonLongitude);
        var years = Years(lord);
        var balanceYears = years * (1 - traversed);

        var first = IndexOf(lord);
        var start = birth - YearsToDuration(years * traversed, daysPerYear);
        var mahadashas = new List<DashaPeriod>(9);
        for (var i = 0; i < 9; i++)
        {
            var mahaLord = Order[(first + i) % 9];
            var period = Divide(mahaLord, start, Years(mahaLord), daysPerYear, levels: 2);
            mahadashas.Add(period);
            start = period.End;
        }

        return new VimshottariSchedule(lord, balanceYears, mahadashas);
    }

    /// <summary>The period running at <paramref name="when"/> at each level (maha, antar, pratyantar).</summary>
    public static IReadOnlyList<DashaPeriod> RunningAt(VimshottariSchedule schedule, Instant when)
    {
        var path = new List<DashaPeriod>(3);
        IReadOnlyList<DashaPeriod> level = schedule.Mahadashas;
        while (level.FirstOrDefault(p => p.Start <= when && when < p.End) is { } running)
        {
            path.Add(running);
            level = running.SubPeriods;
        }

        return path;
    }

    private static DashaPeriod Divide(Graha lord, Instant start, double years, double daysPerYear, int levels, Instant? fixedEnd = null)
    {
        var end = fixedEnd ?? start + YearsToDuration(years, daysPerYear);
        if (levels == 0)
        {
            return new DashaPeriod(lord, start, end, []);
        }

        var subs = new List<DashaPeriod>(9);
        var first = IndexOf(lord);
        var subStart = start;
        for (var i = 0; i < 9; i++)
        {
            var subLord = Order[(first + i) % 9];
            // The last sub-period ends exactly where its parent does (no drift from rounding), and so does its own
            // last sub-period: fixing the end afterwards would leave a gap of a tick at the level below.
            var sub = Divide(subLord, subStart, years * Years(subLord) / CycleYears, daysPerYear, levels - 1, i == 8 ? end : null);
            subs.Add(sub);
            subStart = sub.End;
        }

        return new DashaPeriod(lord, start, end, subs);
    }

    private static int IndexOf(Graha lord)
    {
        for (var i = 0; i < Order.Count; i++)
        {
            if (Order[i] == lord)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(lord));
    }

    private static Duration YearsToDuration(double years, double daysPerYear) =>
        Duration.FromTicks((long)Math.Round(years * daysPerYear * NodaConstants.TicksPerDay));
}
