using NodaTime;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Kundli;
using StarSync.Engine.Astrology.Matching;
using StarSync.Engine.Astrology.Time;

namespace StarSync.Engine.Tests.Astrology.Matching;

/// <summary>Matching and Manglik dosha read from real charts cast with the Swiss Ephemeris.</summary>
[Collection(EphemerisCollection.Name)]
public sealed class MatchingFromKundliTests(EphemerisFixture fixture)
{
    private static BirthData Delhi(LocalDate date, LocalTime? time) =>
        new(date, time, 28.6139, 77.2090, "Asia/Kolkata", UtcOffsetChoice.FromZone, PlaceName: "New Delhi, Delhi, India");

    [Fact]
    public void Manglik_from_a_chart_counts_mars_in_the_charts_whole_sign_houses()
    {
        var kundli = fixture.Calculator.Calculate(Delhi(new LocalDate(1990, 6, 15), new LocalTime(7, 30)));
        var result = ManglikDosha.Assess(kundli);

        Assert.Equal("Lagna", result.HeadlineFrom);
        Assert.Equal(kundli[Graha.Mars].House, result.Checks[0].MarsHouse);
        Assert.Equal(
            ManglikDosha.Assess(kundli.Lagna!.Sign, kundli[Graha.Moon].Point.Sign, kundli[Graha.Venus].Point.Sign, kundli[Graha.Mars].Point.Sign),
            result,
            new ManglikResultComparer());
    }

    [Fact]
    public void Manglik_from_a_chart_without_birth_time_uses_the_moon()
    {
        var kundli = fixture.Calculator.Calculate(Delhi(new LocalDate(1990, 6, 15), null));
        var result = ManglikDosha.Assess(kundli);

        Assert.Equal("Moon", result.HeadlineFrom);
        Assert.NotNull(result.Note);
        Assert.Equal(Ashtakoota.SignCount(kundli[Graha.Moon].Point.Sign, kundli[Graha.Mars].Point.Sign), result.Checks[0].MarsHouse);
    }

    [Fact]
    public void Matching_two_charts_uses_their_moons()
    {
        var groom = fixture.Calculator.Calculate(Delhi(new LocalDate(1990, 6, 15), new LocalTime(7, 30)));
        var bride = fixture.Calculator.Calculate(Delhi(new LocalDate(1992, 11, 3), null));

        var byCharts = Ashtakoota.Match(groom, bride);
        var byMoons = Ashtakoota.Match(groom[Graha.Moon].Longitude, bride[Graha.Moon].Longitude);

        Assert.Equal(byMoons.Total, byCharts.Total);
        Assert.Equal(byMoons.Kootas, byCharts.Kootas);
        Assert.Equal(MoonClassTable.Total(groom[Graha.Moon].Longitude, bride[Graha.Moon].Longitude), byCharts.Total);
    }

    private sealed class ManglikResultComparer : IEqualityComparer<ManglikResult>
    {
        public bool Equals(ManglikResult? x, ManglikResult? y) =>
            x is not null && y is not null && x.Manglik == y.Manglik && x.HeadlineFrom == y.HeadlineFrom
            && x.Houses == y.Houses && x.Note == y.Note && x.Checks.SequenceEqual(y.Checks);

        public int GetHashCode(ManglikResult obj) => obj.Manglik.GetHashCode();
    }
}
