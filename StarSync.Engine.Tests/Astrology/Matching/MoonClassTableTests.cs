using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Matching;

namespace StarSync.Engine.Tests.Astrology.Matching;

/// <summary>The 38 Moon classes and the precomputed table of totals used for ranking.</summary>
public sealed class MoonClassTableTests
{
    [Fact]
    public void There_are_38_classes_covering_the_zodiac_without_gaps()
    {
        // 27 stars + 9 that straddle a sign boundary = 36, + Purva Ashadha split at Sagittarius 15°
        // + Shravana split at Capricorn 15° = 38.
        Assert.Equal(38, MoonClass.All.Count);
        Assert.Equal(0, MoonClass.All[0].Start);
        Assert.Equal(360, MoonClass.All[^1].End);
        for (var i = 1; i < MoonClass.All.Count; i++)
        {
            Assert.Equal(MoonClass.All[i - 1].End, MoonClass.All[i].Start);
        }

        Assert.Equal(38, MoonClass.All.Select(c => (c.Representative.Nakshatra, c.Representative.Sign, c.Representative.Vashya)).Distinct().Count());
    }

    [Fact]
    public void Class_boundaries_fall_where_the_vashya_changes()
    {
        var purvaAshadha = MoonClass.All.Where(c => c.Representative.Nakshatra == 20).ToList();
        Assert.Equal([VashyaGroup.Manava, VashyaGroup.Chatushpada], purvaAshadha.Select(c => c.Representative.Vashya));
        Assert.Equal(255, purvaAshadha[1].Start, 9);
        var shravana = MoonClass.All.Where(c => c.Representative.Nakshatra == 22).ToList();
        Assert.Equal([VashyaGroup.Chatushpada, VashyaGroup.Jalachara], shravana.Select(c => c.Representative.Vashya));
        Assert.Equal(285, shravana[1].Start, 9);
        Assert.NotEqual(MoonClass.Of(254.99), MoonClass.Of(255));
        Assert.Equal(MoonClass.Of(0), MoonClass.Of(13.33));
        Assert.Equal(37, MoonClass.Of(359.999));
    }

    [Fact]
    public void Every_point_of_a_class_has_the_same_moon_profile()
    {
        foreach (var moonClass in MoonClass.All)
        {
            for (var step = 0; step <= 20; step++)
            {
                var longitude = moonClass.Start + (moonClass.End - moonClass.Start) * (0.001 + step * 0.998 / 20);
                Assert.Equal(moonClass.Number, MoonClass.Of(longitude));
                var profile = MoonProfile.Of(longitude);
                Assert.Equal(moonClass.Representative with { Longitude = profile.Longitude }, profile);
            }
        }
    }

    [Fact]
    public void Table_equals_the_rules_for_every_pair_of_classes()
    {
        foreach (var groom in MoonClass.All)
        {
            foreach (var bride in MoonClass.All)
            {
                // Near each class's start and end, not only at the representative midpoint.
                var groomLongitude = groom.Start + 0.001;
                var brideLongitude = bride.End - 0.001;
                var byRules = Ashtakoota.Match(groomLongitude, brideLongitude).Total;
                Assert.Equal(byRules, MoonClassTable.Total(groom.Number, bride.Number));
                Assert.Equal(byRules, MoonClassTable.Total(groomLongitude, brideLongitude));
            }
        }
    }

    [Fact]
    public void Table_equals_the_rules_on_a_grid_of_longitudes()
    {
        for (var groom = 0.37; groom < 360; groom += 3.1)
        {
            for (var bride = 1.13; bride < 360; bride += 2.9)
            {
                Assert.Equal(Ashtakoota.Match(groom, bride).Total, MoonClassTable.Total(groom, bride));
            }
        }
    }

    [Fact]
    public void Class_of_a_longitude_agrees_with_its_star_and_sign()
    {
        var krittikaInAries = MoonClass.Of(28);
        var krittikaInTaurus = MoonClass.Of(35);
        Assert.NotEqual(krittikaInAries, krittikaInTaurus);
        Assert.Equal(3, MoonClass.All[krittikaInAries].Representative.Nakshatra);
        Assert.Equal(1, MoonClass.All[krittikaInAries].Representative.Sign);
        Assert.Equal(2, MoonClass.All[krittikaInTaurus].Representative.Sign);
        Assert.Equal(Nakshatra.FromLongitude(300), MoonClass.All[MoonClass.Of(300)].Representative.Nakshatra);
    }
}
