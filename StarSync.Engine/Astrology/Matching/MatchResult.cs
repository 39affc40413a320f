namespace StarSync.Engine.Astrology.Matching;

/// <summary>The table set used for Guna Milan.</summary>
public enum KootaRules
{
    /// <summary>
    /// The tables most North Indian almanacs print (after Muhurta Chintamani, vivaha prakarana); API name
    /// "north-common".
    /// </summary>
    NorthCommon,
}

/// <summary>API names of <see cref="KootaRules"/>.</summary>
public static class KootaRulesNames
{
    /// <summary>The kebab-case name used in the API, e.g. "north-common".</summary>
    public static string ApiName(this KootaRules rules) => rules switch
    {
        KootaRules.NorthCommon => "north-common",
        _ => throw new ArgumentOutOfRangeException(nameof(rules)),
    };
}

/// <summary>One koota's score.</summary>
/// <param name="Name">"Varna", "Vashya", "Tara", "Yoni", "Graha Maitri", "Gana", "Bhakoot" or "Nadi".</param>
/// <param name="Points">Points scored, always a whole multiple of ½ (exact in a double).</param>
/// <param name="Maximum">The koota's maximum points.</param>
/// <param name="Groom">What the groom's Moon contributes, e.g. his varna or star.</param>
/// <param name="Bride">What the bride's Moon contributes.</param>
/// <param name="Explanation">One plain sentence saying why the koota scored what it did.</param>
public sealed record KootaScore(string Name, double Points, double Maximum, string Groom, string Bride, string Explanation);

/// <summary>A matching dosha. The score is never changed by a cancellation; the cancellation is reported.</summary>
/// <param name="Name">"Nadi dosha", "Bhakoot dosha" or "Gana dosha".</param>
/// <param name="Present">Whether the koota scored 0.</param>
/// <param name="Cancelled">Whether a classical exception applies (only when present).</param>
/// <param name="Reason">One sentence: why it is absent, present, or "Cancelled, because …".</param>
public sealed record Dosha(string Name, bool Present, bool Cancelled, string Reason);

/// <summary>The overall verdict from the total out of 36.</summary>
public enum MatchVerdict
{
    /// <summary>Below 18.</summary>
    NotRecommended,

    /// <summary>18 to below 25.</summary>
    Average,

    /// <summary>25 to 32.</summary>
    Good,

    /// <summary>Above 32.</summary>
    Excellent,
}

/// <summary>A Guna Milan result.</summary>
/// <param name="Total">Sum of the koota points, a multiple of ½.</param>
/// <param name="Maximum">Always 36.</param>
public sealed record MatchResult(
    KootaRules Rules,
    double Total,
    double Maximum,
    IReadOnlyList<KootaScore> Kootas,
    IReadOnlyList<Dosha> Doshas,
    MatchVerdict Verdict);
