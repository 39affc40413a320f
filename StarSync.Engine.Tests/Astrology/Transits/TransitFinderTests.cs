using System.Globalization;
using NodaTime;
using NodaTime.Text;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Kundli;
using StarSync.Engine.Astrology.Transits;

namespace StarSync.Engine.Tests.Astrology.Transits;

/// <summary>
/// Transit events against swetest brackets (TestData/transits: the generating script and its output) and against
/// the raw ephemeris: each reported crossing sits on its boundary, with the old sign a minute before and the new one
/// a minute after.
/// </summary>
[Collection(EphemerisCollection.Name)]
public sealed class TransitFinderTests(EphemerisFixture fixture)
{
    private static readonly Duration OneMinute = Duration.FromMinutes(1);

    /// <summary>One row of reference.csv: longitudes in degrees, speeds in degrees per day.</summary>
    public sealed record Reference(string Id, Graha Graha, Instant Expected, double LongitudeBefore, double SpeedBefore, double LongitudeAfter, double SpeedAfter);

    private static readonly Lazy<Dictionary<string, Reference>> References = new(Load);

    private static Dictionary<string, Reference> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "transits", "reference.csv");
        return File.ReadLines(path).Skip(1).Select(line =>
        {
            var f = line.Split(',');
            var graha = f[1] switch
            {
                "0" => Graha.Sun,
                "1" => Graha.Moon,
                "2" => Graha.Mercury,
                "5" => Graha.Jupiter,
                "6" => Graha.Saturn,
                "m" => Graha.Rahu,
                _ => throw new FormatException(f[1]),
            };
            static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);
            return new Reference(f[0], graha, InstantPattern.General.Parse(f[2]).Value, Number(f[3]), Number(f[4]), Number(f[5]), Number(f[6]));
        }).ToDictionary(r => r.Id);
    }

    public static TheoryData<string> ReferenceIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in Load().Keys)
        {
            data.Add(id);
        }

        return data;
    }

    private TransitFinder Finder => new(fixture.Ephemeris);

    [Theory]
    [MemberData(nameof(ReferenceIds))]
    public void Event_is_reported_within_a_minute_of_the_swetest_bracket(string id)
    {
        var reference = References.Value[id];

        // What swetest itself says happened between a minute before and a minute after.
        var (kind, from, to) = reference switch
        {
            { SpeedBefore: > 0, SpeedAfter: < 0 } => (TransitKind.Retrograde, Rashi.FromLongitude(reference.LongitudeBefore), Rashi.FromLongitude(reference.LongitudeBefore)),
            { SpeedBefore: < 0, SpeedAfter: > 0 } => (TransitKind.Direct, Rashi.FromLongitude(reference.LongitudeBefore), Rashi.FromLongitude(reference.LongitudeBefore)),
            _ when Rashi.FromLongitude(reference.LongitudeBefore) != Rashi.FromLongitude(reference.LongitudeAfter) =>
                (TransitKind.Ingress, Rashi.FromLongitude(reference.LongitudeBefore), Rashi.FromLongitude(reference.LongitudeAfter)),
            _ => (TransitKind.Nakshatra, Nakshatra.FromLongitude(reference.LongitudeBefore), Nakshatra.FromLongitude(reference.LongitudeAfter)),
        };
        Assert.Equal(reference.Id.StartsWith("moon", StringComparison.Ordinal), kind == TransitKind.Nakshatra);

        var events = Finder.Find(reference.Expected - Duration.FromDays(1), reference.Expected + Duration.FromDays(1));

        var found = Assert.Single(events, e => e.Graha == reference.Graha && e.Kind == kind && e.From == from && e.To == to);
        Assert.InRange(found.Instant, reference.Expected - OneMinute, reference.Expected + OneMinute);
    }

    [Fact]
    public void Makara_sankranti_2025_is_the_morning_of_14_january_in_india()
    {
        var events = Finder.Find(Instant.FromUtc(2025, 1, 10, 0, 0), Instant.FromUtc(2025, 1, 20, 0, 0));

        var sankranti = Assert.Single(events, e => e.Graha == Graha.Sun);
        Assert.Equal((TransitKind.Ingress, 9, 10), (sankranti.Kind, sankranti.From, sankranti.To));
        Assert.Equal("Sagittarius", sankranti.FromName);
        Assert.Equal("Capricorn", sankranti.ToName);
        var indian = sankranti.Instant.InZone(DateTimeZoneProviders.Tzdb["Asia/Kolkata"]);
        Assert.Equal(new LocalDate(2025, 1, 14), indian.Date);
        Assert.Equal(8, indian.Hour);
    }

    [Fact]
    public void Mercury_crossing_210_degrees_three_times_around_its_november_2025_station_is_reported_three_times()
    {
        // Found by scanning 2000–2030 and confirmed with swetest (reference.csv, rows mercury-triple-*): Mercury enters
        // Scorpio, turns retrograde on 9 November, falls back into Libra, turns direct on 29 November and enters
        // Scorpio again.
        var events = Finder.Find(Instant.FromUtc(2025, 10, 1, 0, 0), Instant.FromUtc(2026, 1, 1, 0, 0))
            .Where(e => e.Graha == Graha.Mercury)
            .ToList();

        var ingresses = events.Where(e => e.Kind == TransitKind.Ingress && (e.From, e.To) is (7, 8) or (8, 7)).ToList();
        Assert.Equal([(7, 8), (8, 7), (7, 8)], ingresses.Select(e => (e.From, e.To)));
        var expected = new[] { "mercury-triple-1", "mercury-triple-2", "mercury-triple-3" }.Select(id => References.Value[id].Expected).ToArray();
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange(ingresses[i].Instant, expected[i] - OneMinute, expected[i] + OneMinute);
        }

        // The turns lie between the crossings, which is why the longitude comes back over the same boundary.
        var retrograde = Assert.Single(events, e => e.Kind == TransitKind.Retrograde);
        var direct = Assert.Single(events, e => e.Kind == TransitKind.Direct);
        Assert.InRange(retrograde.Instant, ingresses[0].Instant, ingresses[1].Instant);
        Assert.InRange(direct.Instant, ingresses[1].Instant, ingresses[2].Instant);
        Assert.Equal((8, 8), (retrograde.From, retrograde.To));
        Assert.Equal((7, 7), (direct.From, direct.To));
    }

    [Fact]
    public void Mercury_stations_of_2025_match_the_swetest_speed_sign_changes()
    {
        var stations = Finder.Find(Instant.FromUtc(2025, 1, 1, 0, 0), Instant.FromUtc(2026, 1, 1, 0, 0))
            .Where(e => e.Graha == Graha.Mercury && e.Kind is TransitKind.Retrograde or TransitKind.Direct)
            .ToList();

        var ids = new[] { "mercury-retrograde-1", "mercury-direct-1", "mercury-retrograde-2", "mercury-direct-2", "mercury-retrograde-3", "mercury-direct-3" };
        Assert.Equal(ids.Length, stations.Count);
        for (var i = 0; i < ids.Length; i++)
        {
            var reference = References.Value[ids[i]];
            Assert.Equal(i % 2 == 0 ? TransitKind.Retrograde : TransitKind.Direct, stations[i].Kind);
            Assert.InRange(stations[i].Instant, reference.Expected - OneMinute, reference.Expected + OneMinute);
            Assert.Equal(Rashi.FromLongitude(reference.LongitudeBefore), stations[i].From);
        }
    }

    [Fact]
    public void Moon_changes_nakshatra_three_times_in_three_days_each_on_a_boundary()
    {
        var events = Finder.Find(Instant.FromUtc(2025, 1, 1, 0, 0), Instant.FromUtc(2025, 1, 4, 0, 0))
            .Where(e => e.Kind == TransitKind.Nakshatra)
            .ToList();

        Assert.Equal([(21, 22), (22, 23), (23, 24)], events.Select(e => (e.From, e.To)));
        Assert.Equal(["Shravana", "Dhanishta", "Shatabhisha"], events.Select(e => e.ToName));
        Assert.All(events, e => Assert.Equal(Graha.Moon, e.Graha));
        foreach (var e in events)
        {
            AssertCrossing(e, Nakshatra.Span, SwissEphemeris.Body.Moon, ChartSettings.Default, Nakshatra.FromLongitude);
        }
    }

    [Theory]
    [InlineData(SiderealMode.Lahiri, NodeKind.Mean)]
    [InlineData(SiderealMode.Krishnamurti, NodeKind.True)]
    public void Every_ingress_in_90_days_sits_on_a_sign_boundary_with_the_old_sign_before_and_the_new_after(SiderealMode ayanamsa, NodeKind node)
    {
        var settings = new ChartSettings { Ayanamsa = ayanamsa, Node = node };
        var from = Instant.FromUtc(2024, 12, 1, 0, 0);
        var to = from + Duration.FromDays(90);

        var events = Finder.Find(from, to, settings);

        Assert.All(events, e => Assert.InRange(e.Instant, from, to - Duration.Epsilon));
        Assert.Equal(events.OrderBy(e => e.Instant), events);
        var ingresses = events.Where(e => e.Kind == TransitKind.Ingress).ToList();
        // The Moon spends about 2.28 days in a sign: 39 or 40 ingresses in 90 days.
        Assert.InRange(ingresses.Count(e => e.Graha == Graha.Moon), 39, 40);
        Assert.Equal(3, ingresses.Count(e => e.Graha == Graha.Sun));
        foreach (var e in ingresses)
        {
            AssertCrossing(e, 30.0, Body(e.Graha, node), settings, Rashi.FromLongitude);
        }

        // Ketu is Rahu's opposite: the same instants, six signs on.
        var rahu = ingresses.Where(e => e.Graha == Graha.Rahu).ToList();
        var ketu = ingresses.Where(e => e.Graha == Graha.Ketu).ToList();
        Assert.Equal(rahu.Select(e => (e.Instant, Rashi.CountFrom(e.From, 7), Rashi.CountFrom(e.To, 7))), ketu.Select(e => (e.Instant, e.From, e.To)));
    }

    [Fact]
    public void Two_runs_give_identical_lists()
    {
        var from = Instant.FromUtc(2025, 3, 1, 0, 0);
        var to = from + Duration.FromDays(90);

        var first = Finder.Find(from, to);
        var second = Finder.Find(from, to);

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void An_empty_range_has_no_events_and_a_reversed_one_is_refused()
    {
        var at = Instant.FromUtc(2025, 1, 1, 0, 0);

        Assert.Empty(Finder.Find(at, at));
        Assert.Throws<ArgumentException>(() => Finder.Find(at, at - Duration.FromDays(1)));
    }

    /// <summary>
    /// The longitude (plus 180° for Ketu) is on a multiple of <paramref name="span"/> at the reported instant, within
    /// the motion of a second, and a minute before and after it lies in From and To.
    /// </summary>
    private void AssertCrossing(TransitEvent e, double span, SwissEphemeris.Body body, ChartSettings settings, Func<double, int> numberOf)
    {
        var (at, before, after, speed) = fixture.Ephemeris.Run(context =>
        {
            double Longitude(Instant instant)
            {
                var longitude = context.Sidereal(KundliCalculator.JulianDay(context, instant), body, settings.Ayanamsa).Longitude;
                return e.Graha == Graha.Ketu ? Angle.Normalize(longitude + 180) : longitude;
            }

            var speed = context.Sidereal(KundliCalculator.JulianDay(context, e.Instant), body, settings.Ayanamsa).Speed;
            return (Longitude(e.Instant), Longitude(e.Instant - OneMinute), Longitude(e.Instant + OneMinute), speed);
        });

        var offBoundary = Math.Abs(Math.IEEERemainder(at, span));
        var oneSecondOfMotion = Math.Abs(speed) / 86400;
        Assert.True(offBoundary <= oneSecondOfMotion + 1e-9, $"{e}: {at:F8}° is {offBoundary:E2}° off a boundary");
        Assert.Equal(e.From, numberOf(before));
        Assert.Equal(e.To, numberOf(after));
    }

    private static SwissEphemeris.Body Body(Graha graha, NodeKind node) => graha switch
    {
        Graha.Sun => SwissEphemeris.Body.Sun,
        Graha.Moon => SwissEphemeris.Body.Moon,
        Graha.Mars => SwissEphemeris.Body.Mars,
        Graha.Mercury => SwissEphemeris.Body.Mercury,
        Graha.Jupiter => SwissEphemeris.Body.Jupiter,
        Graha.Venus => SwissEphemeris.Body.Venus,
        Graha.Saturn => SwissEphemeris.Body.Saturn,
        _ => node == NodeKind.True ? SwissEphemeris.Body.TrueNode : SwissEphemeris.Body.MeanNode,
    };
}
