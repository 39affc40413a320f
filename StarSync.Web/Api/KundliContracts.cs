using NodaTime;
using NodaTime.Text;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Dasha;
using StarSync.Engine.Astrology.Kundli;
using StarSync.Engine.Astrology.Time;

namespace StarSync.Web.Api;

/// <summary>POST /api/v1/kundli: birth fields, chart conventions and the divisional charts wanted.</summary>
public sealed record KundliRequest : IBirthFields, IChartOptions
{
    public string? Name { get; init; }
    /// <summary>Local date of birth, YYYY-MM-DD.</summary>
    public string? Date { get; init; }
    /// <summary>Local time of birth, HH:mm or HH:mm:ss.</summary>
    public string? Time { get; init; }
    /// <summary>False when the birth time is unknown: the chart is then cast for local noon, without lagna.</summary>
    public bool? TimeKnown { get; init; }
    /// <summary>A GeoNames id from GET /api/v1/places; or give latitude, longitude and timeZone.</summary>
    public string? PlaceId { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    /// <summary>IANA zone, e.g. Asia/Kolkata.</summary>
    public string? TimeZone { get; init; }
    /// <summary>Overrides the zone: "+05:30", "+05:53:28", or "lmt" for local mean time.</summary>
    public string? UtcOffset { get; init; }
    /// <summary>lahiri (default), raman, krishnamurti, true-chitra.</summary>
    public string? Ayanamsa { get; init; }
    /// <summary>mean (default) or true.</summary>
    public string? Node { get; init; }
    /// <summary>365.25 (default), 365.2564, 365.2422 or 360.</summary>
    public string? DashaYear { get; init; }
    /// <summary>upper-limb (default) or disc-centre.</summary>
    public string? Sunrise { get; init; }
    /// <summary>Divisional charts to return, e.g. ["D9", "D10"]; all sixteen when omitted.</summary>
    public IReadOnlyList<string>? Vargas { get; init; }
}

public sealed record KundliResponse(
    string? Name,
    string Date,
    string? Time,
    bool TimeKnown,
    string? Place,
    double Latitude,
    double Longitude,
    string TimeZone,
    string Utc,
    string UtcOffset,
    string OffsetSource,
    string OffsetNote,
    double JulianDayUt,
    AyanamsaDto Ayanamsa,
    SettingsDto Settings,
    LagnaDto? Lagna,
    IReadOnlyList<GrahaDto> Grahas,
    IReadOnlyDictionary<string, VargaDto> Vargas,
    DashaDto Dasha,
    PanchangDto Panchang,
    IReadOnlyList<string> Notes)
{
    public static KundliResponse From(Kundli k)
    {
        ArgumentNullException.ThrowIfNull(k);
        return new KundliResponse(
            k.Birth.Name,
            LocalDatePattern.Iso.Format(k.Birth.Date),
            k.Birth.Time is { } t ? LocalTimePattern.ExtendedIso.Format(t) : null,
            k.Birth.TimeKnown,
            k.Birth.PlaceName,
            k.Birth.Latitude,
            k.Birth.Longitude,
            k.Birth.TimeZone,
            Iso(k.Time.Utc),
            CivilTimeResolver.Format(k.Time.Offset),
            k.Time.Source switch
            {
                Engine.Astrology.Time.OffsetSource.Explicit => "explicit",
                Engine.Astrology.Time.OffsetSource.LocalMeanTime => "lmt",
                _ => "time-zone",
            },
            k.Time.Explanation,
            Math.Round(k.JulianDayUt, 8),
            new AyanamsaDto(ChartOptionNames.Name(k.Settings.Ayanamsa), k.Ayanamsa),
            new SettingsDto(ChartOptionNames.Name(k.Settings.Ayanamsa), k.Settings.Node == NodeKind.Mean ? "mean" : "true",
                ChartOptionNames.Name(k.Settings.DashaYear), ChartOptionNames.Name(k.Settings.Sunrise)),
            k.Lagna is { } l ? new LagnaDto(l.Longitude, l.Sign, Rashi.Name(l.Sign), Rashi.Sanskrit(l.Sign), l.DegreeInSign,
                Nakshatra.Name(l.Nakshatra), l.Nakshatra, l.Pada, l.NakshatraLord.ToString()) : null,
            k.Grahas.Select(GrahaDto.From).ToList(),
            k.Vargas.ToDictionary(v => v.Key.ToString(), v => new VargaDto(Engine.Astrology.Charts.Vargas.Name(v.Key), v.Value.Lagna,
                v.Value.Grahas.ToDictionary(g => g.Key.ToString(), g => g.Value))),
            DashaDto.From(k.Dasha),
            PanchangDto.From(k.Panchang),
            k.Notes);
    }

    private static readonly InstantPattern Seconds = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss'Z'");

    /// <summary>ISO 8601 UTC to the second, ending in Z.</summary>
    public static string Iso(Instant instant) => Seconds.Format(instant);
}

public sealed record AyanamsaDto(string Name, double Degrees);

public sealed record SettingsDto(string Ayanamsa, string Node, string DashaYear, string Sunrise);

public sealed record LagnaDto(double Longitude, int SignNumber, string Sign, string SignSanskrit, double DegreeInSign,
    string Nakshatra, int NakshatraNumber, int Pada, string NakshatraLord);

public sealed record GrahaDto(
    string Id,
    double Longitude,
    double Latitude,
    double Speed,
    bool Retrograde,
    int SignNumber,
    string Sign,
    string SignSanskrit,
    double DegreeInSign,
    string Nakshatra,
    int NakshatraNumber,
    int Pada,
    string NakshatraLord,
    int? House,
    string Dignity,
    double? DeepExaltation,
    bool Combust)
{
    public static GrahaDto From(GrahaPosition g)
    {
        ArgumentNullException.ThrowIfNull(g);
        var p = g.Point;
        return new GrahaDto(g.Graha.ToString(), p.Longitude, g.Latitude, g.Speed, g.Retrograde, p.Sign, Rashi.Name(p.Sign),
            Rashi.Sanskrit(p.Sign), p.DegreeInSign, Engine.Astrology.Charts.Nakshatra.Name(p.Nakshatra), p.Nakshatra, p.Pada,
            p.NakshatraLord.ToString(), g.House, g.Dignity.ToString().ToLowerInvariant(), Engine.Astrology.Charts.Dignity.DeepExaltation(g.Graha), g.Combust);
    }
}

public sealed record VargaDto(string Name, int? Lagna, IReadOnlyDictionary<string, int?> Grahas);

public sealed record DashaBalanceDto(string Lord, double Years);

public sealed record DashaPeriodDto(string Lord, string Start, string End,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<DashaPeriodDto>? Antardashas = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<DashaPeriodDto>? Pratyantardashas = null);

public sealed record DashaDto(string System, DashaBalanceDto BalanceAtBirth, IReadOnlyList<DashaPeriodDto> Mahadashas)
{
    public static DashaDto From(VimshottariSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        static string I(Instant i) => KundliResponse.Iso(i);
        return new DashaDto("vimshottari",
            new DashaBalanceDto(schedule.BalanceLord.ToString(), Math.Round(schedule.BalanceYears, 6)),
            schedule.Mahadashas.Select(m => new DashaPeriodDto(m.Lord.ToString(), I(m.Start), I(m.End),
                Antardashas: m.SubPeriods.Select(a => new DashaPeriodDto(a.Lord.ToString(), I(a.Start), I(a.End),
                    Pratyantardashas: a.SubPeriods.Select(p => new DashaPeriodDto(p.Lord.ToString(), I(p.Start), I(p.End))).ToList())).ToList())).ToList());
    }
}

public sealed record VaraDto(int Number, string Name, string English);

public sealed record PanchangElementDto(int Number, string Name, string End,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Paksha = null);

public sealed record PanchangDto(string VedicDate, VaraDto Vara, PanchangElementDto Tithi, PanchangElementDto Nakshatra, PanchangElementDto Yoga,
    PanchangElementDto Karana, string? Sunrise, string? Sunset, string? Note)
{
    public static PanchangDto From(BirthPanchang p)
    {
        ArgumentNullException.ThrowIfNull(p);
        static PanchangElementDto E(PanchangEntry e) => new(e.Number, e.Name, KundliResponse.Iso(e.End), e.Paksha);
        return new PanchangDto(LocalDatePattern.Iso.Format(p.VedicDate), new VaraDto(p.Vara.Number, p.Vara.Name, p.Vara.English),
            E(p.Tithi), E(p.Nakshatra), E(p.Yoga), E(p.Karana),
            p.Sunrise is { } r ? KundliResponse.Iso(r) : null, p.Sunset is { } s ? KundliResponse.Iso(s) : null, p.Note);
    }
}

public sealed record PlaceDto(string Id, string Name, string Admin1, string Country, string CountryCode, double Latitude, double Longitude, string TimeZone, long Population);
