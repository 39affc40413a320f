using StarSync.Engine.Astrology.Matching;

namespace StarSync.Engine.Tests.Astrology.Matching;

/// <summary>Manglik (Kuja) dosha with whole-sign houses, its exceptions and the mutual cancellation.</summary>
public sealed class ManglikDoshaTests
{
    private const int Ar = 1, Ta = 2, Ge = 3, Cn = 4, Le = 5, Vi = 6, Li = 7, Sc = 8, Sg = 9, Cp = 10, Aq = 11, Pi = 12;

    [Fact]
    public void Mars_in_the_fourth_from_the_lagna_is_manglik()
    {
        // Aries lagna, Mars in Cancer = 4th; Cancer is no exception (Mars is debilitated there).
        var result = ManglikDosha.Assess(Ar, moonSign: Le, venusSign: Le, marsSign: Cn);
        Assert.True(result.Manglik);
        Assert.Equal("Lagna", result.HeadlineFrom);
        Assert.Null(result.Note);
        Assert.Equal(["Lagna", "Moon", "Venus"], result.Checks.Select(c => c.From));
        Assert.Equal([4, 12, 12], result.Checks.Select(c => c.MarsHouse));
        Assert.All(result.Checks, c => Assert.True(c.Manglik));
    }

    [Fact]
    public void Moon_and_venus_are_detail_and_do_not_change_the_headline()
    {
        // Aries lagna, Mars in Gemini = 3rd (not Manglik); from a Gemini Moon it is the 1st (Manglik).
        var result = ManglikDosha.Assess(Ar, moonSign: Ge, venusSign: Ta, marsSign: Ge);
        Assert.False(result.Manglik);
        Assert.True(result.Checks.Single(c => c.From == "Moon").Manglik);
        Assert.Equal(2, result.Checks.Single(c => c.From == "Venus").MarsHouse);
        Assert.False(result.Checks.Single(c => c.From == "Venus").InManglikHouse);
    }

    [Theory]
    [InlineData(Ar, Ar, 1)]   // own sign in the 1st
    [InlineData(Aq, Sc, 10)]  // own sign counted from Aquarius: 10th, not a Manglik house at all
    [InlineData(Le, Sc, 4)]   // own sign in the 4th
    [InlineData(Cn, Cp, 7)]   // exalted in the 7th
    [InlineData(Ta, Sg, 8)]   // 8th in Sagittarius
    [InlineData(Vi, Pi, 7)]   // Pisces in the 7th
    [InlineData(Li, Pi, 6)]
    public void Mars_house_is_counted_in_whole_signs(int lagna, int mars, int expectedHouse)
    {
        Assert.Equal(expectedHouse, ManglikDosha.Assess(lagna, Ar, Ar, mars).Checks[0].MarsHouse);
    }

    [Theory]
    [InlineData(Ar, Ar)]   // own sign, 1st
    [InlineData(Le, Sc)]   // own sign, 4th
    [InlineData(Cn, Cp)]   // exalted, 7th
    [InlineData(Cp, Cn)]   // 7th in Cancer
    [InlineData(Ta, Sg)]   // 8th in Sagittarius
    [InlineData(Le, Pi)]   // 8th in Pisces
    [InlineData(Ge, Ta)]   // 12th in Taurus
    [InlineData(Sc, Li)]   // 12th in Libra
    public void Listed_exceptions_remove_the_dosha(int lagna, int mars)
    {
        var check = ManglikDosha.Assess(lagna, Ar, Ar, mars).Checks[0];
        Assert.True(check.InManglikHouse);
        Assert.NotNull(check.Exception);
        Assert.False(check.Manglik);
    }

    [Theory]
    [InlineData(Sc, Ge)]   // 8th in Gemini
    [InlineData(Vi, Pi)]   // 7th in Pisces
    [InlineData(Le, Le)]   // 1st in Leo
    [InlineData(Cp, Sg)]   // 12th in Sagittarius
    public void Other_placements_in_manglik_houses_stay_manglik(int lagna, int mars)
    {
        var check = ManglikDosha.Assess(lagna, Ar, Ar, mars).Checks[0];
        Assert.True(check.InManglikHouse);
        Assert.Null(check.Exception);
        Assert.True(check.Manglik);
    }

    [Fact]
    public void Second_house_counts_only_in_the_south_and_both_sets()
    {
        // Cancer lagna, Mars in Leo = 2nd: not Manglik in the North set, Manglik in the South and Both sets.
        Assert.False(ManglikDosha.Assess(Cn, Ar, Ar, Le, ManglikHouses.North).Manglik);
        Assert.True(ManglikDosha.Assess(Cn, Ar, Ar, Le, ManglikHouses.South).Manglik);
        Assert.True(ManglikDosha.Assess(Cn, Ar, Ar, Le, ManglikHouses.Both).Manglik);

        // Mars in the 1st is Manglik in the North set but not the South.
        Assert.True(ManglikDosha.Assess(Le, Ar, Ar, Le, ManglikHouses.North).Manglik);
        Assert.False(ManglikDosha.Assess(Le, Ar, Ar, Le, ManglikHouses.South).Manglik);

        // Mars in the 2nd in Gemini or Virgo is an exception: Taurus lagna with Mars in Gemini, Leo lagna with Mars in Virgo.
        Assert.False(ManglikDosha.Assess(Ta, Ar, Ar, Ge, ManglikHouses.South).Manglik);
        Assert.False(ManglikDosha.Assess(Le, Ar, Ar, Vi, ManglikHouses.Both).Manglik);
        Assert.NotNull(ManglikDosha.Assess(Le, Ar, Ar, Vi, ManglikHouses.Both).Checks[0].Exception);
    }

    [Fact]
    public void House_sets_are_as_documented()
    {
        Assert.Equal([1, 4, 7, 8, 12], ManglikDosha.HousesOf(ManglikHouses.North));
        Assert.Equal([2, 4, 7, 8, 12], ManglikDosha.HousesOf(ManglikHouses.South));
        Assert.Equal([1, 2, 4, 7, 8, 12], ManglikDosha.HousesOf(ManglikHouses.Both));
    }

    [Fact]
    public void Without_a_lagna_the_headline_uses_the_moon_and_says_so()
    {
        // Moon in Gemini, Mars in Sagittarius = 7th from the Moon.
        var result = ManglikDosha.Assess(null, moonSign: Ge, venusSign: Ar, marsSign: Sg);
        Assert.True(result.Manglik);
        Assert.Equal("Moon", result.HeadlineFrom);
        Assert.Equal(["Moon", "Venus"], result.Checks.Select(c => c.From));
        Assert.Contains("birth time is unknown", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_partners_manglik_cancel_each_other()
    {
        var manglik = ManglikDosha.Assess(Ar, Ar, Ar, Cn);
        var notManglik = ManglikDosha.Assess(Ar, Ar, Ar, Ge);
        Assert.True(manglik.Manglik);
        Assert.False(notManglik.Manglik);

        var both = ManglikDosha.Pair(manglik, manglik);
        Assert.True(both.DoshaPresent);
        Assert.True(both.Cancelled);
        Assert.Equal("Cancelled, because both partners are Manglik.", both.Reason);

        var groomOnly = ManglikDosha.Pair(manglik, notManglik);
        Assert.True(groomOnly.DoshaPresent);
        Assert.False(groomOnly.Cancelled);
        Assert.Contains("groom is Manglik", groomOnly.Reason, StringComparison.Ordinal);

        var brideOnly = ManglikDosha.Pair(notManglik, manglik);
        Assert.True(brideOnly.DoshaPresent);
        Assert.False(brideOnly.Cancelled);

        var neither = ManglikDosha.Pair(notManglik, notManglik);
        Assert.False(neither.DoshaPresent);
        Assert.False(neither.Cancelled);
    }
}
