using NodaTime.Text;
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
