using System.Globalization;
using NodaTime;
using NodaTime.Text;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Kundli;
using StarSync.Engine.Astrology.Time;

namespace StarSync.Engine.Tests.Astrology;

/// <summary>
/// Every longitude and the lagna against values printed by the Swiss Ephemeris's own swetest
/// (TestData/swetest: the generating script and its output), for 109 instants spread over 1800–2399.
/// </summary>
[Collection(EphemerisCollection.Name)]
public sealed class SwetestReferenceTests(EphemerisFixture fixture)
{
    private const double OneArcsecond = 1.0 / 3600.0;

    public sealed record ReferenceCase(int Id, Instant Utc, double Latitude, double Longitude, SiderealMode Ayanamsa, NodeKind Node, Dictionary<string, (double Lon, double Lat, double Speed)> Bodies);

    private static readonly Lazy<Dictionary<int, ReferenceCase>> Cases = new(Load);

    private static Dictionary<int, ReferenceCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "swetest", "reference.csv");
        var cases = new Dictionary<int, ReferenceCase>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            var id = int.Parse(f[0], CultureInfo.InvariantCulture);
            if (!cases.TryGetValue(id, out var c))
            {
                c = new ReferenceCase(
                    id,
                    InstantPattern.General.Parse(f[1]).Value,
                    double.Parse(f[2], CultureInfo.InvariantCulture),
                    double.Parse(f[3], CultureInfo.InvariantCulture),
                    f[4] switch
                    {
                        "lahiri" => SiderealMode.Lahiri,
                        "raman" => SiderealMode.Raman,
                        "krishnamurti" => SiderealMode.Krishnamurti,
                        "true-chitra" => SiderealMode.TrueChitra,
                        _ => throw new FormatException(f[4]),
                    },
                    f[5] == "true" ? NodeKind.True : NodeKind.Mean,
                    []);
                cases[id] = c;
            }

            static double Number(string s) => s.Length == 0 ? double.NaN : double.Parse(s, CultureInfo.InvariantCulture);
            c.Bodies[f[6]] = (Number(f[7]), Number(f[8]), Number(f[9]));
        }

        return cases;
    }

    public static TheoryData<int> CaseIds()
    {
        var data = new TheoryData<int>();
        foreach (var id in Cases.Value.Keys)
        {
            data.Add(id);
        }

        return data;
    }

    [Fact]
    public void Reference_data_spans_the_supported_range()
    {
        var years = Cases.Value.Values.Select(c => c.Utc.InUtc().Year).ToList();
        Assert.True(Cases.Value.Count >= 100);
        Assert.Equal(1800, years.Min());
        Assert.Equal(2399, years.Max());
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Every_longitude_and_the_lagna_match_swetest_within_one_arcsecond(int id)
    {
        var c = Cases.Value[id];
        var utc = c.Utc.InUtc();
        var birth = new BirthData(utc.Date, utc.TimeOfDay, c.Latitude, c.Longitude, "Etc/UTC", UtcOffsetChoice.Fixed(Offset.Zero));
        var settings = new ChartSettings { Ayanamsa = c.Ayanamsa, Node = c.Node };

        var kundli = fixture.Calculator.Calculate(birth, settings);

        foreach (var graha in new[] { Graha.Sun, Graha.Moon, Graha.Mars, Graha.Mercury, Graha.Jupiter, Graha.Venus, Graha.Saturn, Graha.Rahu })
        {
            var expected = c.Bodies[graha.ToString()];
            var actual = kundli[graha];
            AssertAngle(expected.Lon, actual.Longitude, OneArcsecond, $"case {id} {graha} longitude");
            Assert.True(Math.Abs(expected.Lat - actual.Latitude) < OneArcsecond, $"case {id} {graha} latitude {actual.Latitude} vs {expected.Lat}");
            Assert.True(Math.Abs(expected.Speed - actual.Speed) < 1e-6, $"case {id} {graha} speed {actual.Speed} vs {expected.Speed}");
        }

        var rahu = c.Bodies["Rahu"].Lon;
        AssertAngle((rahu + 180) % 360, kundli[Graha.Ketu].Longitude, OneArcsecond, $"case {id} Ketu");
        AssertAngle(c.Bodies["Ascendant"].Lon, kundli.Lagna!.Longitude, OneArcsecond, $"case {id} lagna");
        Assert.True(Math.Abs(c.Bodies["Ayanamsa"].Lon - kundli.Ayanamsa) < OneArcsecond, $"case {id} ayanamsa");
    }

    private static void AssertAngle(double expected, double actual, double tolerance, string what)
    {
        var difference = Math.Abs(expected - actual);
        difference = Math.Min(difference, 360 - difference);
        Assert.True(difference < tolerance, $"{what}: expected {expected:F7}°, got {actual:F7}° ({difference * 3600:F3}″ apart)");
    }
}
