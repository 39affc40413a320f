using System.Collections.Concurrent;
using NodaTime;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Kundli;
using StarSync.Engine.Astrology.Time;

namespace StarSync.Engine.Tests.Astrology;

/// <summary>
/// The Swiss Ephemeris keeps its sidereal mode per thread. Charts with different ayanamsas and node kinds,
/// computed concurrently, must come out bit for bit as they do one after another.
/// </summary>
[Collection(EphemerisCollection.Name)]
public sealed class EphemerisThreadSafetyTests(EphemerisFixture fixture)
{
    private static readonly (double Latitude, double Longitude, string Zone)[] Places =
    [
        (28.6139, 77.2090, "Asia/Kolkata"),
        (19.0760, 72.8777, "Asia/Kolkata"),
        (40.7128, -74.0060, "America/New_York"),
        (51.5074, -0.1278, "Europe/London"),
        (-33.8688, 151.2093, "Australia/Sydney"),
        (64.1466, -21.9426, "Atlantic/Reykjavik"),
        (-22.9068, -43.1729, "America/Sao_Paulo"),
    ];

    private static readonly SiderealMode[] Ayanamsas = [SiderealMode.Lahiri, SiderealMode.Raman, SiderealMode.Krishnamurti, SiderealMode.TrueChitra];

    /// <summary>Forty charts: dates from 1805 to 2390, seven places, every ayanamsa with both node kinds.</summary>
    private static List<(BirthData Birth, ChartSettings Settings)> Charts()
    {
        var charts = new List<(BirthData, ChartSettings)>();
        for (var i = 0; i < 40; i++)
        {
            var place = Places[i % Places.Length];
            var date = new LocalDate(1805 + i * 15, 1 + i % 12, 1 + i * 7 % 28);
            var time = new LocalTime(11 + i % 3, i * 13 % 60, i * 7 % 60);
            var birth = new BirthData(date, time, place.Latitude, place.Longitude, place.Zone, UtcOffsetChoice.FromZone);
            var settings = new ChartSettings
            {
                Ayanamsa = Ayanamsas[i % Ayanamsas.Length],
                Node = i / 4 % 2 == 0 ? NodeKind.Mean : NodeKind.True,
                DashaYear = (DashaYear)(i % 4),
                Sunrise = i % 5 == 0 ? SunriseConvention.DiscCentre : SunriseConvention.UpperLimb,
            };
            charts.Add((birth, settings));
        }

        return charts;
    }

    /// <summary>Every number of a chart that comes from the ephemeris, as raw bits.</summary>
    private static long[] Fingerprint(Kundli kundli)
    {
        var values = new List<double> { kundli.JulianDayUt, kundli.Ayanamsa, kundli.Lagna!.Longitude };
        foreach (var graha in kundli.Grahas)
        {
            values.Add(graha.Longitude);
            values.Add(graha.Latitude);
            values.Add(graha.Speed);
        }

        var bits = values.Select(BitConverter.DoubleToInt64Bits).ToList();
        var panchang = kundli.Panchang;
        foreach (var instant in new[] { panchang.Tithi.End, panchang.Nakshatra.End, panchang.Yoga.End, panchang.Karana.End })
        {
            bits.Add(instant.ToUnixTimeTicks());
        }

        bits.Add(panchang.Sunrise?.ToUnixTimeTicks() ?? 0);
        bits.Add(panchang.Sunset?.ToUnixTimeTicks() ?? 0);
        bits.Add(kundli.Dasha.Mahadashas[0].Start.ToUnixTimeTicks());
        return [.. bits];
    }

    private static long[][] Sequentially(KundliCalculator calculator, List<(BirthData Birth, ChartSettings Settings)> charts) =>
        charts.Select(c => Fingerprint(calculator.Calculate(c.Birth, c.Settings))).ToArray();

    private static long[][] Concurrently(KundliCalculator calculator, List<(BirthData Birth, ChartSettings Settings)> charts, int rounds)
    {
        // Several rounds in a shuffled order, so that each worker thread keeps switching sidereal modes.
        var results = new ConcurrentDictionary<int, long[]>();
        var order = Enumerable.Range(0, rounds * charts.Count).Select(i => i % charts.Count).ToArray();
        new Random(20240320).Shuffle(order);
        Parallel.For(0, order.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, n =>
        {
            var i = order[n];
            var fingerprint = Fingerprint(calculator.Calculate(charts[i].Birth, charts[i].Settings));
            results.AddOrUpdate(i, fingerprint, (_, earlier) =>
                earlier.SequenceEqual(fingerprint) ? earlier : throw new InvalidOperationException($"chart {i} differed between two concurrent runs"));
        });

        return Enumerable.Range(0, charts.Count).Select(i => results[i]).ToArray();
    }

    [Fact]
    public void The_forty_charts_differ_in_every_setting_that_switches_thread_state()
    {
        var charts = Charts();

        Assert.Equal(40, charts.Count);
        Assert.Equal(4, charts.Select(c => c.Settings.Ayanamsa).Distinct().Count());
        Assert.Equal(2, charts.Select(c => c.Settings.Node).Distinct().Count());
        Assert.Equal(40, charts.Select(c => c.Birth.Date).Distinct().Count());
        Assert.All(charts, c => Assert.True(SupportedDates.Contains(c.Birth.Date)));
    }

    [Fact]
    public void Charts_computed_from_sixteen_threads_at_once_are_bit_identical_to_sequential_ones()
    {
        var charts = Charts();
        var sequential = Sequentially(fixture.Calculator, charts);

        var concurrent = Concurrently(fixture.Calculator, charts, rounds: 3);

        for (var i = 0; i < charts.Count; i++)
        {
            Assert.True(sequential[i].SequenceEqual(concurrent[i]), $"chart {i} ({charts[i].Settings.Ayanamsa}, {charts[i].Settings.Node}) differs");
        }
    }

    [Fact]
    public void A_separate_ephemeris_with_four_workers_gives_the_same_bits()
    {
        var charts = Charts();
        var reference = Sequentially(fixture.Calculator, charts);
        using var ephemeris = new SwissEphemeris(new EphemerisOptions { DataFolder = fixture.Ephemeris.DataFolder, WorkerThreads = 4 });
        var calculator = new KundliCalculator(ephemeris, fixture.Time);

        var concurrent = Concurrently(calculator, charts, rounds: 3);
        var sequential = Sequentially(calculator, charts);

        for (var i = 0; i < charts.Count; i++)
        {
            Assert.True(reference[i].SequenceEqual(concurrent[i]), $"chart {i} differs when computed concurrently on the second instance");
            Assert.True(reference[i].SequenceEqual(sequential[i]), $"chart {i} differs when computed sequentially on the second instance");
        }
    }

    [Fact]
    public void Sidereal_positions_requested_with_alternating_modes_from_many_threads_match()
    {
        // Straight through the binding: the Moon at one instant under four ayanamsas, interleaved across threads.
        const double JulianDay = 2451545.0; // 2000-01-01 12:00 UT
        var expected = Ayanamsas.ToDictionary(mode => mode, mode => fixture.Ephemeris.Run(c => c.Sidereal(JulianDay, SwissEphemeris.Body.Moon, mode)));
        Assert.Equal(4, expected.Values.Select(p => p.Longitude).Distinct().Count());

        var mismatches = 0;
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            var mode = Ayanamsas[i % Ayanamsas.Length];
            var position = fixture.Ephemeris.Run(c => c.Sidereal(JulianDay, SwissEphemeris.Body.Moon, mode));
            if (position != expected[mode])
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.Equal(0, mismatches);
    }
}
