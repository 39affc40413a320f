using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Matching;

namespace StarSync.Web.Api;

/// <summary>POST /api/v1/match: two people's birth fields and the conventions both charts are cast with.</summary>
public sealed record MatchRequest : IChartOptions
{
    public MatchPerson? Groom { get; init; }
    public MatchPerson? Bride { get; init; }
    /// <summary>The koota tables: "north-common" (the default and, for now, the only set).</summary>
    public string? Rules { get; init; }
    /// <summary>The Manglik house set: north (1, 4, 7, 8, 12; default), south (2, 4, 7, 8, 12) or both.</summary>
    public string? ManglikHouses { get; init; }
    /// <summary>lahiri (default), raman, krishnamurti, true-chitra.</summary>
    public string? Ayanamsa { get; init; }
    /// <summary>mean (default) or true.</summary>
    public string? Node { get; init; }
    /// <summary>upper-limb (default) or disc-centre.</summary>
    public string? Sunrise { get; init; }

    // Matching reads no dasha, so the request does not offer the dasha year; the reader sees the default.
    string? IChartOptions.DashaYear => null;
}

/// <summary>One person's birth fields, the same as the Kundli request's.</summary>
public sealed record MatchPerson : IBirthFields
{
    public string? Name { get; init; }
    public string? Date { get; init; }
    public string? Time { get; init; }
    public bool? TimeKnown { get; init; }
    public string? PlaceId { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? TimeZone { get; init; }
    public string? UtcOffset { get; init; }
}

public sealed record MatchResponse(
    double Total,
    double Maximum,
    string Rules,
    MatchPersonDto Groom,
    MatchPersonDto Bride,
    IReadOnlyList<KootaDto> Kootas,
    IReadOnlyList<DoshaDto> Doshas,
    ManglikPairDto Manglik,
    string Verdict,
    string Summary)
{
    public static MatchResponse From(MatchResult match, MatchPersonDto groom, MatchPersonDto bride,
        ManglikResult groomManglik, ManglikResult brideManglik)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(groomManglik);
        ArgumentNullException.ThrowIfNull(brideManglik);
        var pairing = ManglikDosha.Pair(groomManglik, brideManglik);
        return new MatchResponse(
            match.Total,
            match.Maximum,
            match.Rules.ApiName(),
            groom,
            bride,
            [.. match.Kootas.Select(k => new KootaDto(k.Name, k.Points, k.Maximum, k.Groom, k.Bride, k.Explanation))],
            [.. match.Doshas.Select(d => new DoshaDto(d.Name, d.Present, d.Cancelled, d.Reason))],
            new ManglikPairDto(ManglikDto.From(groomManglik), ManglikDto.From(brideManglik), pairing.DoshaPresent, pairing.Cancelled, pairing.Reason),
            VerdictName(match.Verdict),
            Describe(match, pairing));
    }

    /// <summary>The API's kebab-case name of a verdict.</summary>
    public static string VerdictName(MatchVerdict verdict) => verdict switch
    {
        MatchVerdict.NotRecommended => "not-recommended",
        MatchVerdict.Average => "average",
        MatchVerdict.Good => "good",
        _ => "excellent",
    };

    // One sentence a reader without astrology can follow: the band, then any uncancelled dosha that weighs on it.
    private static string Describe(MatchResult match, ManglikPairing manglik)
    {
        var score = $"{Points(match.Total)} of 36 gunas";
        var band = match.Verdict switch
        {
            MatchVerdict.NotRecommended => $"{score} is below the 18 most families ask for, so the match is not recommended.",
            MatchVerdict.Average => $"{score} is an average match: acceptable, though not strong.",
            MatchVerdict.Good => $"{score} is a good match.",
            _ => $"{score} is an excellent match.",
        };
        var open = match.Doshas.Where(d => d.Present && !d.Cancelled).Select(d => d.Name).ToList();
        if (manglik.DoshaPresent && !manglik.Cancelled)
        {
            open.Add("Manglik dosha");
        }

        return open.Count == 0 ? band : $"{band} Still to weigh: {string.Join(", ", open)}, which no exception cancels.";
    }

    /// <summary>Points as the page prints them: 24, 24.5.</summary>
    public static string Points(double points) =>
        points.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What was cast for one person: the name given and the Moon the kootas read.</summary>
public sealed record MatchPersonDto(string? Name, double MoonLongitude, string MoonSign, string Nakshatra, string? Lagna);

public sealed record KootaDto(string Name, double Points, double Maximum, string Groom, string Bride, string Explanation);

public sealed record DoshaDto(string Name, bool Present, bool Cancelled, string Reason);

public sealed record ManglikCheckDto(string From, int MarsHouse, bool InManglikHouse, string? Exception, bool Manglik);

public sealed record ManglikDto(bool Manglik, string HeadlineFrom, string Houses, IReadOnlyList<ManglikCheckDto> Checks, string? Note)
{
    public static ManglikDto From(ManglikResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ManglikDto(result.Manglik, result.HeadlineFrom, result.Houses.ToString().ToLowerInvariant(),
            [.. result.Checks.Select(c => new ManglikCheckDto(c.From, c.MarsHouse, c.InManglikHouse, c.Exception, c.Manglik))],
            result.Note);
    }
}

/// <summary>The couple's Manglik status: present when either is Manglik, cancelled when both are.</summary>
public sealed record ManglikPairDto(ManglikDto Groom, ManglikDto Bride, bool DoshaPresent, bool Cancelled, string Reason);

/// <summary>Names the API accepts for matching options.</summary>
public static class MatchOptionNames
{
    public static KootaRules? Rules(string text) => text.Trim().ToLowerInvariant() switch
    {
        "north-common" => KootaRules.NorthCommon,
        _ => null,
    };

    public static ManglikHouses? Houses(string text) => text.Trim().ToLowerInvariant() switch
    {
        "north" => Engine.Astrology.Matching.ManglikHouses.North,
        "south" => Engine.Astrology.Matching.ManglikHouses.South,
        "both" => Engine.Astrology.Matching.ManglikHouses.Both,
        _ => null,
    };

    /// <summary>The Moon of a chart, in the words the response uses.</summary>
    public static MatchPersonDto Person(Engine.Astrology.Kundli.Kundli kundli)
    {
        ArgumentNullException.ThrowIfNull(kundli);
        var moon = kundli[Graha.Moon].Point;
        return new MatchPersonDto(kundli.Birth.Name, moon.Longitude, Rashi.Name(moon.Sign), Engine.Astrology.Charts.Nakshatra.Name(moon.Nakshatra),
            kundli.Lagna is { } l ? Rashi.Name(l.Sign) : null);
    }
}
