using NodaTime.Text;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Horoscope;

namespace StarSync.Web.Api;

/// <summary>The four area scores, each an integer from 1 (hard) to 5 (excellent).</summary>
public sealed record HoroscopeScoresDto(int Love, int Career, int Money, int Health);

/// <summary>One statement and the transit behind it. <c>area</c> is general, love, career, money or health.</summary>
public sealed record HoroscopeReasonDto(HoroscopeArea Area, string Statement, string Because);

/// <summary>
/// GET /api/v1/horoscope/daily: one Moon sign's reading for one date. <c>sign</c> is the lower-case English name used in
/// addresses (aries … pisces), <c>signName</c> the English name and <c>signSanskrit</c> the Sanskrit one. <c>text</c>
/// is the headline followed by the statements of the first <c>textStatements</c> reasons, in order.
/// </summary>
public sealed record DailyHoroscopeResponse(
    string Sign,
    string SignName,
    string SignSanskrit,
    string Date,
    HoroscopeScoresDto Scores,
    string Headline,
    string Text,
    IReadOnlyList<HoroscopeReasonDto> Reasons,
    int TextStatements)
{
    public static DailyHoroscopeResponse From(DailyHoroscope h)
    {
        ArgumentNullException.ThrowIfNull(h);
        return new(
            HoroscopeSigns.Slug(h.Sign),
            Rashi.Name(h.Sign),
            Rashi.Sanskrit(h.Sign),
            LocalDatePattern.Iso.Format(h.Date),
            new HoroscopeScoresDto(h.Scores.Love, h.Scores.Career, h.Scores.Money, h.Scores.Health),
            h.Headline,
            h.Text,
            [.. h.Reasons.Select(r => new HoroscopeReasonDto(r.Area, r.Statement, r.Because))],
            h.TextStatements);
    }
}

/// <summary>A running Vimshottari period: its lord and when it ends (UTC).</summary>
public sealed record RunningPeriodDto(string Lord, string Ends);

/// <summary>
/// GET /api/v1/me/horoscope: a saved profile's personal reading. <c>reading</c> is the natal Moon sign's reading with
/// the tara counted from the birth nakshatra; its reasons end with the running mahadasha and antardasha.
/// </summary>
public sealed record PersonalHoroscopeResponse(
    string ProfileId,
    string Label,
    string JanmaNakshatra,
    RunningPeriodDto? Mahadasha,
    RunningPeriodDto? Antardasha,
    DailyHoroscopeResponse Reading)
{
    public static PersonalHoroscopeResponse From(BirthProfile profile, PersonalHoroscope p)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(p);
        return new(
            profile.Id,
            profile.Details.Label,
            Nakshatra.Name(p.JanmaNakshatra),
            p.Mahadasha is { } m ? new RunningPeriodDto(m.Lord.ToString(), KundliResponse.Iso(m.Ends)) : null,
            p.Antardasha is { } a ? new RunningPeriodDto(a.Lord.ToString(), KundliResponse.Iso(a.Ends)) : null,
            DailyHoroscopeResponse.From(p.Reading));
    }
}
