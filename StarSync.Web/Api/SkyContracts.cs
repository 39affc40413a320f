using NodaTime.Text;
using StarSync.Engine.Astrology.Panchang;
using StarSync.Engine.Astrology.Transits;

namespace StarSync.Web.Api;

/// <summary>One element of a day's panchang. <c>paksha</c> is set for tithis only; <c>end</c> is a UTC instant.</summary>
public sealed record DayPanchangElementDto(int Number, string Name, string? Paksha, string End)
{
    public static DayPanchangElementDto From(DayPanchangElement e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Number, e.Name, e.Paksha, KundliResponse.Iso(e.End));
    }
}

/// <summary>
/// GET /api/v1/panchang: the day's sunrise and sunset (null at polar places, with <c>note</c> saying why), the vara,
/// and each limb's elements from the one running at sunrise to the one running at the next sunrise.
/// </summary>
public sealed record DayPanchangResponse(
    string Date,
    string? Sunrise,
    string? Sunset,
    VaraDto Vara,
    IReadOnlyList<DayPanchangElementDto> Tithi,
    IReadOnlyList<DayPanchangElementDto> Nakshatra,
    IReadOnlyList<DayPanchangElementDto> Yoga,
    IReadOnlyList<DayPanchangElementDto> Karana,
    string? Note)
{
    public static DayPanchangResponse From(DayPanchang p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(LocalDatePattern.Iso.Format(p.Date),
            p.Sunrise is { } r ? KundliResponse.Iso(r) : null,
            p.Sunset is { } s ? KundliResponse.Iso(s) : null,
            new VaraDto(p.Vara.Number, p.Vara.Name, p.Vara.English),
            [.. p.Tithi.Select(DayPanchangElementDto.From)],
            [.. p.Nakshatra.Select(DayPanchangElementDto.From)],
            [.. p.Yoga.Select(DayPanchangElementDto.From)],
            [.. p.Karana.Select(DayPanchangElementDto.From)],
            p.Note);
    }
}

/// <summary>
/// One transit event from GET /api/v1/transits. <c>kind</c> is ingress, retrograde, direct or nakshatra.
/// <c>from</c> and <c>to</c> are English sidereal sign names (Aries … Pisces) for ingresses and stations (for a
/// station both name the sign the graha turns in), and nakshatra names (Ashwini … Revati) for kind nakshatra.
/// </summary>
public sealed record TransitEventDto(string Graha, string Kind, string Instant, string From, string To)
{
    public static TransitEventDto Create(TransitEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Graha.ToString(), KindName(e.Kind), KundliResponse.Iso(e.Instant), e.FromName, e.ToName);
    }

    /// <summary>The API's lower-case name of a transit kind (one table for parsing filters and writing events).</summary>
    public static string KindName(TransitKind kind) => kind switch
    {
        TransitKind.Ingress => "ingress",
        TransitKind.Retrograde => "retrograde",
        TransitKind.Direct => "direct",
        TransitKind.Nakshatra => "nakshatra",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
