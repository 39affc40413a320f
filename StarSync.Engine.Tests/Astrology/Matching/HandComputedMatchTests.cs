using StarSync.Engine.Astrology.Matching;

namespace StarSync.Engine.Tests.Astrology.Matching;

/// <summary>
/// Pairs worked by hand from the north-common tables. For each person: star, sign, sign lord, varna, vashya group,
/// yoni, gana, nadi; then each koota in order Varna, Vashya, Tara, Yoni, Graha Maitri, Gana, Bhakoot, Nadi.
/// Tara counts are inclusive (a count ≡ 3, 5 or 7 mod 9 loses its 1½); Bhakoot counts from the bride's sign to
/// the groom's. Relationships are BPHS 3.55.
/// </summary>
public sealed class HandComputedMatchTests
{
    private const int Ar = 1, Ta = 2, Ge = 3, Cn = 4, Le = 5, Vi = 6, Sc = 8, Sg = 9, Cp = 10, Aq = 11;

    private static double At(int sign, double degree) => (sign - 1) * 30 + degree;

    // Groom Sagittarius 10° (250°): Mula (19), Sg, Jupiter, Kshatriya, Manava (Sg below 15°), Dog, Rakshasa, Adi.
    // Bride Capricorn 5° (275°): Uttara Ashadha (21), Cp, Saturn, Vaishya, Chatushpada (Cp below 15°), Mongoose, Manushya, Antya.
    // Varna 1 (Kshatriya ≥ Vaishya). Vashya Manava→Chatushpada 1. Tara 19→21 = 3 (vipat, 0), 21→19 = 26 ≡ 8 (1½): 1½.
    // Yoni Dog–Mongoose 1. Maitri Jupiter→Saturn neutral, Saturn→Jupiter neutral: 3. Gana Rakshasa→Manushya 0.
    // Bhakoot Cp→Sg = 12 (2/12): 0. Nadi Adi/Antya 8. Total 15½: not recommended.
    // Bhakoot dosha stays (Jupiter and Saturn are only neutral); Gana dosha stays (lords not friends, Bhakoot faulty).
    [Fact]
    public void Sagittarius_manava_groom_with_capricorn_chatushpada_bride()
    {
        var result = Ashtakoota.Match(At(Sg, 10), At(Cp, 5));
        AssertKootas(result, 1, 1, 1.5, 1, 3, 0, 0, 8);
        Assert.Equal(15.5, result.Total);
        Assert.Equal(MatchVerdict.NotRecommended, result.Verdict);
        AssertDosha(result, "Nadi dosha", present: false, cancelled: false);
        AssertDosha(result, "Bhakoot dosha", present: true, cancelled: false);
        AssertDosha(result, "Gana dosha", present: true, cancelled: false);
        Assert.Equal("Manava", Single(result, "Vashya").Groom);
        Assert.Equal("Chatushpada", Single(result, "Vashya").Bride);
    }

    // Groom Sagittarius 20° (260°): Purva Ashadha (20), Sg, Jupiter, Kshatriya, Chatushpada (Sg from 15°), Monkey, Manushya, Madhya.
    // Bride Capricorn 5° (275°): Uttara Ashadha (21) as above.
    // Varna 1. Vashya Chatushpada→Chatushpada 2. Tara 20→21 = 2 (1½), 21→20 = 27 ≡ 0 (1½): 3. Yoni Monkey–Mongoose 3.
    // Maitri 3. Gana Manushya→Manushya 6. Bhakoot 12 (2/12): 0. Nadi Madhya/Antya 8. Total 26: good.
    [Fact]
    public void Sagittarius_chatushpada_groom_with_capricorn_chatushpada_bride()
    {
        var result = Ashtakoota.Match(At(Sg, 20), At(Cp, 5));
        AssertKootas(result, 1, 2, 3, 3, 3, 6, 0, 8);
        Assert.Equal(26, result.Total);
        Assert.Equal(MatchVerdict.Good, result.Verdict);
        AssertDosha(result, "Bhakoot dosha", present: true, cancelled: false);
        AssertDosha(result, "Gana dosha", present: false, cancelled: false);
    }

    // Groom Capricorn 20° (290°): Shravana (22), Cp, Saturn, Vaishya, Jalachara (Cp from 15°), Monkey, Deva, Antya.
    // Bride Capricorn 12° (282°): Shravana (22), Cp, Saturn, Vaishya, Chatushpada (Cp below 15°), Monkey, Deva, Antya.
    // Varna 1. Vashya Jalachara→Chatushpada 1. Tara same star, 1 and 1: 3. Yoni 4. Maitri same lord 5. Gana 6.
    // Bhakoot same sign (1/1) 7. Nadi same 0. Total 27: good.
    // Nadi dosha stays: same star and same sign, so neither exception applies.
    [Fact]
    public void Same_star_same_sign_across_the_capricorn_vashya_split()
    {
        var result = Ashtakoota.Match(At(Cp, 20), At(Cp, 12));
        AssertKootas(result, 1, 1, 3, 4, 5, 6, 7, 0);
        Assert.Equal(27, result.Total);
        AssertDosha(result, "Nadi dosha", present: true, cancelled: false);
        AssertDosha(result, "Bhakoot dosha", present: false, cancelled: false);
    }

    // Krittika straddles Aries and Taurus.
    // Groom Aries 28° (28°): Krittika (3), Ar, Mars, Kshatriya, Chatushpada, Sheep, Rakshasa, Antya.
    // Bride Taurus 5° (35°): Krittika (3), Ta, Venus, Vaishya, Chatushpada, Sheep, Rakshasa, Antya.
    // Varna 1. Vashya 2. Tara 3. Yoni 4. Maitri Mars→Venus neutral, Venus→Mars neutral: 3. Gana 6.
    // Bhakoot Ta→Ar = 12 (2/12): 0. Nadi same 0. Total 19: average.
    // Nadi dosha cancelled (same star, different signs); Bhakoot dosha stays (Mars and Venus only neutral).
    [Fact]
    public void Same_straddling_star_in_different_signs_cancels_nadi_dosha()
    {
        var result = Ashtakoota.Match(At(Ar, 28), At(Ta, 5));
        AssertKootas(result, 1, 2, 3, 4, 3, 6, 0, 0);
        Assert.Equal(19, result.Total);
        Assert.Equal(MatchVerdict.Average, result.Verdict);
        var nadi = AssertDosha(result, "Nadi dosha", present: true, cancelled: true);
        Assert.StartsWith("Cancelled, because both Moons are in Krittika", nadi.Reason, StringComparison.Ordinal);
        AssertDosha(result, "Bhakoot dosha", present: true, cancelled: false);
        AssertDosha(result, "Gana dosha", present: false, cancelled: false);
    }

    // Groom Gemini 10° (70°): Ardra (6), Ge, Mercury, Shudra, Manava, Dog, Manushya, Adi.
    // Bride Gemini 25° (85°): Punarvasu (7), Ge, Mercury, Shudra, Manava, Cat, Deva, Adi.
    // Varna 1. Vashya 2. Tara 6→7 = 2 (1½), 7→6 = 27 (1½): 3. Yoni Dog–Cat 2. Maitri same lord 5.
    // Gana Manushya→Deva 6. Bhakoot same sign 7. Nadi both Adi 0. Total 26: good.
    // Nadi dosha cancelled: same sign, different stars.
    [Fact]
    public void Same_sign_different_stars_cancels_nadi_dosha()
    {
        var result = Ashtakoota.Match(At(Ge, 10), At(Ge, 25));
        AssertKootas(result, 1, 2, 3, 2, 5, 6, 7, 0);
        Assert.Equal(26, result.Total);
        var nadi = AssertDosha(result, "Nadi dosha", present: true, cancelled: true);
        Assert.Equal("Cancelled, because both Moons are in Gemini but in different stars (Ardra and Punarvasu).", nadi.Reason);
    }

    // Groom Scorpio 20° (230°): Jyeshtha (18), Sc, Mars, Brahmin, Keeta, Deer, Rakshasa, Adi.
    // Bride Aries 5° (5°): Ashwini (1), Ar, Mars, Kshatriya, Chatushpada, Horse, Deva, Adi.
    // Varna 1. Vashya Keeta→Chatushpada 1. Tara 18→1 = 11 ≡ 2 (1½), 1→18 = 18 ≡ 0 (1½): 3. Yoni Deer–Horse 1.
    // Maitri same lord 5. Gana Rakshasa→Deva 0. Bhakoot Ar→Sc = 8 (6/8): 0. Nadi both Adi 0. Total 11.
    // Bhakoot and Gana doshas cancelled (both signs ruled by Mars); Nadi dosha stays (different signs and stars).
    [Fact]
    public void Six_eight_signs_of_one_lord_cancel_bhakoot_and_gana_dosha()
    {
        var result = Ashtakoota.Match(At(Sc, 20), At(Ar, 5));
        AssertKootas(result, 1, 1, 3, 1, 5, 0, 0, 0);
        Assert.Equal(11, result.Total);
        Assert.Equal(MatchVerdict.NotRecommended, result.Verdict);
        AssertDosha(result, "Nadi dosha", present: true, cancelled: false);
        var bhakoot = AssertDosha(result, "Bhakoot dosha", present: true, cancelled: true);
        Assert.Equal("Cancelled, because both Moon signs are ruled by Mars.", bhakoot.Reason);
        AssertDosha(result, "Gana dosha", present: true, cancelled: true);
    }

    // Groom Leo 5° (125°): Magha (10), Le, Sun, Kshatriya, Vanachara, Rat, Rakshasa, Antya.
    // Bride Aries 20° (20°): Bharani (2), Ar, Mars, Kshatriya, Chatushpada, Elephant, Manushya, Madhya.
    // Varna 1. Vashya Vanachara→Chatushpada ½. Tara 10→2 = 20 ≡ 2 (1½), 2→10 = 9 ≡ 0 (1½): 3. Yoni Rat–Elephant 2.
    // Maitri Sun and Mars friends both ways: 5. Gana Rakshasa→Manushya 0. Bhakoot Ar→Le = 5 (5/9): 0.
    // Nadi Antya/Madhya 8. Total 19½: average. Bhakoot and Gana doshas cancelled (mutual friends).
    [Fact]
    public void Mutually_friendly_lords_cancel_a_five_nine_bhakoot()
    {
        var result = Ashtakoota.Match(At(Le, 5), At(Ar, 20));
        AssertKootas(result, 1, 0.5, 3, 2, 5, 0, 0, 8);
        Assert.Equal(19.5, result.Total);
        var bhakoot = AssertDosha(result, "Bhakoot dosha", present: true, cancelled: true);
        Assert.Equal("Cancelled, because the Moon-sign lords Sun and Mars are mutual friends.", bhakoot.Reason);
        AssertDosha(result, "Gana dosha", present: true, cancelled: true);
    }

    // Groom Taurus 15° (45°): Rohini (4), Ta, Venus, Vaishya, Chatushpada, Serpent, Manushya, Antya.
    // Bride Scorpio 20° (230°): Jyeshtha (18), Sc, Mars, Brahmin, Keeta, Deer, Rakshasa, Adi.
    // Varna 0 (Vaishya below Brahmin). Vashya Chatushpada→Keeta 1. Tara 4→18 = 15 ≡ 6 (1½), 18→4 = 14 ≡ 5 (0): 1½.
    // Yoni Serpent–Deer 2. Maitri Venus/Mars neutral both ways 3. Gana Manushya→Rakshasa 0. Bhakoot Sc→Ta = 7: 7.
    // Nadi Antya/Adi 8. Total 22½: average. Gana dosha cancelled only by the favourable Bhakoot.
    [Fact]
    public void Favourable_bhakoot_cancels_gana_dosha()
    {
        var result = Ashtakoota.Match(At(Ta, 15), At(Sc, 20));
        AssertKootas(result, 0, 1, 1.5, 2, 3, 0, 7, 8);
        Assert.Equal(22.5, result.Total);
        var gana = AssertDosha(result, "Gana dosha", present: true, cancelled: true);
        Assert.Equal("Cancelled, because the Bhakoot is favourable (7 points).", gana.Reason);
    }

    // Groom Taurus 15° (45°): Rohini (4), Ta, Venus, Vaishya, Chatushpada, Serpent, Manushya, Antya.
    // Bride Taurus 25° (55°): Mrigashira (5), Ta, Venus, Vaishya, Chatushpada, Serpent, Deva, Madhya.
    // Varna 1. Vashya 2. Tara 4→5 = 2, 5→4 = 27: 3. Yoni 4. Maitri 5. Gana Manushya→Deva 6. Bhakoot 7. Nadi 8. Total 36.
    [Fact]
    public void Rohini_and_mrigashira_in_taurus_score_full_marks()
    {
        var result = Ashtakoota.Match(At(Ta, 15), At(Ta, 25));
        AssertKootas(result, 1, 2, 3, 4, 5, 6, 7, 8);
        Assert.Equal(36, result.Total);
        Assert.Equal(MatchVerdict.Excellent, result.Verdict);
        Assert.All(result.Doshas, d => Assert.False(d.Present));
    }

    // Mrigashira straddles Taurus and Gemini.
    // Groom Gemini 3° (63°): Mrigashira (5), Ge, Mercury, Shudra, Manava, Serpent, Deva, Madhya.
    // Bride Taurus 25° (55°): Mrigashira (5), Ta, Venus, Vaishya, Chatushpada, Serpent, Deva, Madhya.
    // Varna 0 (Shudra below Vaishya). Vashya Manava→Chatushpada 1. Tara 3. Yoni 4. Maitri Mercury and Venus
    // friends both ways: 5. Gana 6. Bhakoot Ta→Ge = 2 (2/12): 0. Nadi 0. Total 19: average.
    // Nadi dosha cancelled (same star, different signs); Bhakoot dosha cancelled (mutual friends).
    [Fact]
    public void Mrigashira_across_taurus_and_gemini_cancels_nadi_and_bhakoot_dosha()
    {
        var result = Ashtakoota.Match(At(Ge, 3), At(Ta, 25));
        AssertKootas(result, 0, 1, 3, 4, 5, 6, 0, 0);
        Assert.Equal(19, result.Total);
        AssertDosha(result, "Nadi dosha", present: true, cancelled: true);
        AssertDosha(result, "Bhakoot dosha", present: true, cancelled: true);
    }

    // Groom Leo 20° (140°): Purva Phalguni (11), Le, Sun, Kshatriya, Vanachara, Rat, Manushya, Madhya.
    // Bride Aquarius 10° (310°): Shatabhisha (24), Aq, Saturn, Shudra, Manava, Horse, Rakshasa, Adi.
    // Varna 1. Vashya Vanachara→Manava 0. Tara 11→24 = 14 ≡ 5 (0), 24→11 = 15 ≡ 6 (1½): 1½. Yoni Rat–Horse 2.
    // Maitri Sun and Saturn enemies both ways: 0. Gana Manushya→Rakshasa 0. Bhakoot Aq→Le = 7: 7. Nadi 8.
    // Total 19½. Gana dosha cancelled by the favourable Bhakoot even though the lords are enemies.
    [Fact]
    public void Enemy_lords_score_zero_maitri()
    {
        var result = Ashtakoota.Match(At(Le, 20), At(Aq, 10));
        AssertKootas(result, 1, 0, 1.5, 2, 0, 0, 7, 8);
        Assert.Equal(19.5, result.Total);
        AssertDosha(result, "Gana dosha", present: true, cancelled: true);
    }

    // Groom Scorpio 5° (215°): Anuradha (17), Sc, Mars, Brahmin, Keeta, Deer, Deva, Madhya.
    // Bride Virgo 20° (170°): Hasta (13), Vi, Mercury, Vaishya, Manava, Buffalo, Deva, Adi.
    // Varna 1. Vashya Keeta→Manava 1. Tara 17→13 = 24 ≡ 6 (1½), 13→17 = 5 (0): 1½. Yoni Deer–Buffalo 2.
    // Maitri Mars→Mercury enemy, Mercury→Mars neutral: ½. Gana 6. Bhakoot Vi→Sc = 3: 7. Nadi 8. Total 27: good.
    [Fact]
    public void Neutral_and_enemy_lords_score_half_a_point()
    {
        var result = Ashtakoota.Match(At(Sc, 5), At(Vi, 20));
        AssertKootas(result, 1, 1, 1.5, 2, 0.5, 6, 7, 8);
        Assert.Equal(27, result.Total);
        Assert.Equal(MatchVerdict.Good, result.Verdict);
    }

    // Groom Cancer 10° (100°): Pushya (8), Cn, Moon, Brahmin, Jalachara, Sheep, Deva, Madhya.
    // Bride Gemini 10° (70°): Ardra (6), Ge, Mercury, Shudra, Manava, Dog, Manushya, Adi.
    // Varna 1. Vashya Jalachara→Manava ½. Tara 8→6 = 26 ≡ 8 (1½), 6→8 = 3 (0): 1½. Yoni Sheep–Dog 1.
    // Maitri Moon→Mercury friend, Mercury→Moon enemy: 1. Gana Deva→Manushya 5. Bhakoot Ge→Cn = 2 (2/12): 0.
    // Nadi 8. Total 18: exactly the lower edge of average. Bhakoot dosha stays (not mutual friends).
    [Fact]
    public void Friend_and_enemy_lords_score_one_and_the_total_sits_on_the_average_edge()
    {
        var result = Ashtakoota.Match(At(Cn, 10), At(Ge, 10));
        AssertKootas(result, 1, 0.5, 1.5, 1, 1, 5, 0, 8);
        Assert.Equal(18, result.Total);
        Assert.Equal(MatchVerdict.Average, result.Verdict);
        var bhakoot = AssertDosha(result, "Bhakoot dosha", present: true, cancelled: false);
        Assert.StartsWith("Present:", bhakoot.Reason, StringComparison.Ordinal);
    }

    private static void AssertKootas(MatchResult result, params double[] expected) =>
        Assert.Equal(expected, result.Kootas.Select(k => k.Points));

    private static KootaScore Single(MatchResult result, string name) => result.Kootas.Single(k => k.Name == name);

    private static Dosha AssertDosha(MatchResult result, string name, bool present, bool cancelled)
    {
        var dosha = result.Doshas.Single(d => d.Name == name);
        Assert.Equal(present, dosha.Present);
        Assert.Equal(cancelled, dosha.Cancelled);
        return dosha;
    }
}
