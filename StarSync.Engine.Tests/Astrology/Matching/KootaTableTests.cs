using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Matching;

namespace StarSync.Engine.Tests.Astrology.Matching;

/// <summary>
/// The north-common tables, one family at a time. Expected values are copied from the matching issue's tables
/// (common North Indian almanac practice), not from the code.
/// </summary>
public sealed class KootaTableTests
{
    private const int Ar = 1, Ta = 2, Ge = 3, Cn = 4, Le = 5, Vi = 6, Li = 7, Sc = 8, Sg = 9, Cp = 10, Aq = 11, Pi = 12;

    private static double At(int sign, double degree) => (sign - 1) * 30 + degree;

    [Fact]
    public void Rules_have_the_api_name_north_common()
    {
        Assert.Equal("north-common", KootaRules.NorthCommon.ApiName());
    }

    [Theory]
    [InlineData(Cn, Varna.Brahmin)]
    [InlineData(Sc, Varna.Brahmin)]
    [InlineData(Pi, Varna.Brahmin)]
    [InlineData(Ar, Varna.Kshatriya)]
    [InlineData(Le, Varna.Kshatriya)]
    [InlineData(Sg, Varna.Kshatriya)]
    [InlineData(Ta, Varna.Vaishya)]
    [InlineData(Vi, Varna.Vaishya)]
    [InlineData(Cp, Varna.Vaishya)]
    [InlineData(Ge, Varna.Shudra)]
    [InlineData(Li, Varna.Shudra)]
    [InlineData(Aq, Varna.Shudra)]
    public void Varna_follows_the_moon_sign(int sign, Varna expected)
    {
        Assert.Equal(expected, MoonProfile.VarnaOf(sign));
    }

    [Fact]
    public void Varna_gives_one_only_when_the_groom_is_equal_or_higher()
    {
        // Brahmin (Cancer) groom with a Shudra (Gemini) bride, and the reverse.
        Assert.Equal(1, Koota(At(Cn, 5), At(Ge, 5), "Varna"));
        Assert.Equal(0, Koota(At(Ge, 5), At(Cn, 5), "Varna"));
        Assert.Equal(1, Koota(At(Ta, 5), At(Vi, 5), "Varna"));
    }

    [Theory]
    [InlineData(Ar, 10, VashyaGroup.Chatushpada)]
    [InlineData(Ta, 10, VashyaGroup.Chatushpada)]
    [InlineData(Ge, 10, VashyaGroup.Manava)]
    [InlineData(Cn, 10, VashyaGroup.Jalachara)]
    [InlineData(Le, 10, VashyaGroup.Vanachara)]
    [InlineData(Vi, 10, VashyaGroup.Manava)]
    [InlineData(Li, 10, VashyaGroup.Manava)]
    [InlineData(Sc, 10, VashyaGroup.Keeta)]
    [InlineData(Sg, 0, VashyaGroup.Manava)]
    [InlineData(Sg, 14.999, VashyaGroup.Manava)]
    [InlineData(Sg, 15, VashyaGroup.Chatushpada)]
    [InlineData(Sg, 29.999, VashyaGroup.Chatushpada)]
    [InlineData(Cp, 0, VashyaGroup.Chatushpada)]
    [InlineData(Cp, 14.999, VashyaGroup.Chatushpada)]
    [InlineData(Cp, 15, VashyaGroup.Jalachara)]
    [InlineData(Cp, 29.999, VashyaGroup.Jalachara)]
    [InlineData(Aq, 10, VashyaGroup.Manava)]
    [InlineData(Pi, 10, VashyaGroup.Jalachara)]
    public void Vashya_group_follows_the_sign_and_splits_sagittarius_and_capricorn_at_15_degrees(int sign, double degree, VashyaGroup expected)
    {
        Assert.Equal(expected, MoonProfile.Of(At(sign, degree)).Vashya);
    }

    [Fact]
    public void Vashya_points_match_the_table()
    {
        // Groom rows, bride columns: Chatushpada, Manava, Jalachara, Vanachara, Keeta.
        double[,] expected =
        {
            { 2, 1, 1, 0.5, 1 },
            { 1, 2, 0.5, 0, 1 },
            { 1, 0.5, 2, 1, 1 },
            { 0.5, 0, 1, 2, 0 },
            { 1, 1, 1, 0, 2 },
        };
        var groups = Enum.GetValues<VashyaGroup>();
        foreach (var groom in groups)
        {
            foreach (var bride in groups)
            {
                Assert.Equal(expected[(int)groom, (int)bride], Ashtakoota.VashyaScore(groom, bride));
            }
        }
    }

    [Fact]
    public void Yoni_of_each_nakshatra_matches_the_table()
    {
        Yoni[] expected =
        [
            Yoni.Horse, Yoni.Elephant, Yoni.Sheep, Yoni.Serpent, Yoni.Serpent, Yoni.Dog, Yoni.Cat, Yoni.Sheep, Yoni.Cat,
            Yoni.Rat, Yoni.Rat, Yoni.Cow, Yoni.Buffalo, Yoni.Tiger, Yoni.Buffalo, Yoni.Tiger, Yoni.Deer, Yoni.Deer,
            Yoni.Dog, Yoni.Monkey, Yoni.Mongoose, Yoni.Monkey, Yoni.Lion, Yoni.Horse, Yoni.Lion, Yoni.Cow, Yoni.Elephant,
        ];
        for (var star = 1; star <= 27; star++)
        {
            Assert.Equal(expected[star - 1], MoonProfile.Of(StarMiddle(star)).Yoni);
        }

        // Every animal has two stars except the Mongoose: its second star is Abhijit, which the 27-star scheme omits.
        Assert.All(Enum.GetValues<Yoni>(), y => Assert.Equal(y == Yoni.Mongoose ? 1 : 2, expected.Count(e => e == y)));
    }

    [Fact]
    public void Yoni_matrix_is_symmetric_with_four_on_the_diagonal()
    {
        var yonis = Enum.GetValues<Yoni>();
        foreach (var a in yonis)
        {
            Assert.Equal(4, Ashtakoota.YoniScore(a, a));
            foreach (var b in yonis)
            {
                Assert.Equal(Ashtakoota.YoniScore(a, b), Ashtakoota.YoniScore(b, a));
            }
        }
    }

    [Theory]
    // Sworn enemies score 0: Horse–Buffalo, Elephant–Lion, Sheep–Monkey, Serpent–Mongoose, Dog–Deer, Cat–Rat, Cow–Tiger.
    [InlineData(Yoni.Horse, Yoni.Buffalo, 0)]
    [InlineData(Yoni.Elephant, Yoni.Lion, 0)]
    [InlineData(Yoni.Sheep, Yoni.Monkey, 0)]
    [InlineData(Yoni.Serpent, Yoni.Mongoose, 0)]
    [InlineData(Yoni.Dog, Yoni.Deer, 0)]
    [InlineData(Yoni.Cat, Yoni.Rat, 0)]
    [InlineData(Yoni.Cow, Yoni.Tiger, 0)]
    [InlineData(Yoni.Horse, Yoni.Serpent, 3)]
    [InlineData(Yoni.Monkey, Yoni.Mongoose, 3)]
    [InlineData(Yoni.Lion, Yoni.Rat, 2)]
    [InlineData(Yoni.Tiger, Yoni.Serpent, 2)]
    [InlineData(Yoni.Deer, Yoni.Cow, 3)]
    public void Yoni_points_match_the_table(Yoni a, Yoni b, int expected)
    {
        Assert.Equal(expected, Ashtakoota.YoniScore(a, b));
    }

    [Fact]
    public void Gana_and_nadi_of_each_nakshatra_match_the_table()
    {
        int[] deva = [1, 5, 7, 8, 13, 15, 17, 22, 27];
        int[] manushya = [2, 4, 6, 11, 12, 20, 21, 25, 26];
        int[] adi = [1, 6, 7, 12, 13, 18, 19, 24, 25];
        int[] madhya = [2, 5, 8, 11, 14, 17, 20, 23, 26];
        for (var star = 1; star <= 27; star++)
        {
            var moon = MoonProfile.Of(StarMiddle(star));
            Assert.Equal(deva.Contains(star) ? Gana.Deva : manushya.Contains(star) ? Gana.Manushya : Gana.Rakshasa, moon.Gana);
            Assert.Equal(adi.Contains(star) ? Nadi.Adi : madhya.Contains(star) ? Nadi.Madhya : Nadi.Antya, moon.Nadi);
        }

        // Spot checks by name: Magha is Rakshasa and Antya, Revati Deva and Antya, Ardra Manushya and Adi.
        Assert.Equal((Gana.Rakshasa, Nadi.Antya), Pair(MoonProfile.Of(StarMiddle(10))));
        Assert.Equal((Gana.Deva, Nadi.Antya), Pair(MoonProfile.Of(StarMiddle(27))));
        Assert.Equal((Gana.Manushya, Nadi.Adi), Pair(MoonProfile.Of(StarMiddle(6))));
    }

    [Fact]
    public void Gana_points_match_the_table()
    {
        // Groom rows, bride columns: Deva, Manushya, Rakshasa.
        int[,] expected = { { 6, 5, 1 }, { 6, 6, 0 }, { 0, 0, 6 } };
        foreach (var groom in Enum.GetValues<Gana>())
        {
            foreach (var bride in Enum.GetValues<Gana>())
            {
                Assert.Equal(expected[(int)groom, (int)bride], Ashtakoota.GanaScore(groom, bride));
            }
        }
    }

    [Fact]
    public void Tara_is_always_three_or_one_and_a_half()
    {
        // The two inclusive counts between stars add to 29 (or are both 1), and 29 ≡ 2 (mod 9): no two of the
        // bad remainders 3, 5, 7 add to 2 mod 9, so both directions are never inauspicious and the rule never gives 0.
        var seen = new HashSet<double>();
        for (var a = 1; a <= 27; a++)
        {
            for (var b = 1; b <= 27; b++)
            {
                var points = Koota(StarMiddle(a), StarMiddle(b), "Tara");
                Assert.Contains(points, new[] { 3.0, 1.5 });
                seen.Add(points);
            }
        }

        Assert.Equal(2, seen.Count);
    }

    [Theory]
    // Counting from Ashwini (1): Krittika is 3 (vipat), Mrigashira 5 (pratyak), Punarvasu 7 (naidhana),
    // Magha 10 ≡ 1, Hasta 13 ≡ 4; the counts back are 26, 24, 22, 19 and 16 ≡ 7 (naidhana), so Hasta loses
    // the half counted from the bride's side.
    [InlineData(1, 3, 1.5)]
    [InlineData(1, 5, 1.5)]
    [InlineData(1, 7, 1.5)]
    [InlineData(1, 10, 3)]
    [InlineData(1, 13, 1.5)]
    [InlineData(1, 1, 3)]
    public void Tara_counts_inclusively_both_ways(int groomStar, int brideStar, double expected)
    {
        Assert.Equal(expected, Koota(StarMiddle(groomStar), StarMiddle(brideStar), "Tara"));
    }

    [Theory]
    [InlineData(Graha.Moon, Graha.Moon, 5)]          // same lord
    [InlineData(Graha.Sun, Graha.Mars, 5)]           // friend + friend
    [InlineData(Graha.Sun, Graha.Mercury, 4)]        // Sun: Mercury neutral; Mercury: Sun friend
    [InlineData(Graha.Mars, Graha.Venus, 3)]         // neutral both ways
    [InlineData(Graha.Moon, Graha.Mercury, 1)]       // Moon: friend; Mercury: Moon enemy
    [InlineData(Graha.Mars, Graha.Mercury, 0.5)]     // Mars: Mercury enemy; Mercury: Mars neutral
    [InlineData(Graha.Sun, Graha.Saturn, 0)]         // enemies both ways
    [InlineData(Graha.Jupiter, Graha.Venus, 0.5)]    // Jupiter: Venus enemy; Venus: Jupiter neutral
    public void Graha_maitri_follows_each_lords_natural_view(Graha groomLord, Graha brideLord, double expected)
    {
        Assert.Equal(expected, Ashtakoota.MaitriPoints(groomLord, brideLord));
        Assert.Equal(expected, Ashtakoota.MaitriPoints(brideLord, groomLord));
    }

    [Theory]
    [InlineData(1, 7)]
    [InlineData(2, 0)]
    [InlineData(3, 7)]
    [InlineData(4, 7)]
    [InlineData(5, 0)]
    [InlineData(6, 0)]
    [InlineData(7, 7)]
    [InlineData(8, 0)]
    [InlineData(9, 0)]
    [InlineData(10, 7)]
    [InlineData(11, 7)]
    [InlineData(12, 0)]
    public void Bhakoot_counts_from_the_brides_sign_to_the_grooms(int count, double expected)
    {
        for (var brideSign = 1; brideSign <= 12; brideSign++)
        {
            var groomSign = Rashi.CountFrom(brideSign, count);
            Assert.Equal(expected, Koota(At(groomSign, 10), At(brideSign, 10), "Bhakoot"));
        }
    }

    [Theory]
    [InlineData(17.5, MatchVerdict.NotRecommended)]
    [InlineData(18, MatchVerdict.Average)]
    [InlineData(24.5, MatchVerdict.Average)]
    [InlineData(25, MatchVerdict.Good)]
    [InlineData(32, MatchVerdict.Good)]
    [InlineData(32.5, MatchVerdict.Excellent)]
    [InlineData(0, MatchVerdict.NotRecommended)]
    [InlineData(36, MatchVerdict.Excellent)]
    public void Verdict_bands_have_their_edges_where_the_issue_says(double total, MatchVerdict expected)
    {
        Assert.Equal(expected, Ashtakoota.VerdictFor(total));
    }

    [Fact]
    public void Every_match_has_eight_kootas_with_maxima_adding_to_36()
    {
        var result = Ashtakoota.Match(At(Ar, 1), At(Li, 1));
        Assert.Equal(["Varna", "Vashya", "Tara", "Yoni", "Graha Maitri", "Gana", "Bhakoot", "Nadi"], result.Kootas.Select(k => k.Name));
        Assert.Equal([1.0, 2, 3, 4, 5, 6, 7, 8], result.Kootas.Select(k => k.Maximum));
        Assert.Equal(36, result.Maximum);
        Assert.Equal(result.Kootas.Sum(k => k.Points), result.Total);
        Assert.Equal(["Nadi dosha", "Bhakoot dosha", "Gana dosha"], result.Doshas.Select(d => d.Name));
    }

    private static double StarMiddle(int star) => (star - 0.5) * Nakshatra.Span;

    private static (Gana, Nadi) Pair(MoonProfile moon) => (moon.Gana, moon.Nadi);

    private static double Koota(double groomMoon, double brideMoon, string name) =>
        Ashtakoota.Match(groomMoon, brideMoon).Kootas.Single(k => k.Name == name).Points;
}
