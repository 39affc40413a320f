using NodaTime;

namespace StarSync.Engine.Astrology.Horoscope;

/// <summary>The life areas a horoscope scores.</summary>
public enum HoroscopeArea
{
    /// <summary>The day as a whole (the Moon's house, the day's nakshatra).</summary>
    General,
    Love,
    Career,
    Money,
    Health,
}

/// <summary>Scores of the four areas, each an integer from 1 (hard) to 5 (excellent).</summary>
public sealed record HoroscopeScores(int Love, int Career, int Money, int Health)
{
    /// <summary>The score of one area; <see cref="HoroscopeArea.General"/> is the rounded mean of the four.</summary>
    public int Of(HoroscopeArea area) => area switch
    {
        HoroscopeArea.Love => Love,
        HoroscopeArea.Career => Career,
        HoroscopeArea.Money => Money,
        HoroscopeArea.Health => Health,
        _ => (int)Math.Round((Love + Career + Money + Health) / 4.0, MidpointRounding.AwayFromZero),
    };
}

/// <summary>One statement of a reading and the transit that makes it.</summary>
/// <param name="Area">The area it speaks about.</param>
/// <param name="Statement">One sentence for the reader.</param>
/// <param name="Because">The transit behind it, e.g. "Jupiter in the 11th from Aries (favourable; no vedha)".</param>
public sealed record HoroscopeReason(HoroscopeArea Area, string Statement, string Because);

/// <summary>The daily horoscope of one Moon sign for one date.</summary>
/// <param name="Sign">The Moon sign, 1 = Aries … 12 = Pisces.</param>
/// <param name="Date">The date (its sunrise at New Delhi is when the sky is read).</param>
/// <param name="Scores">The four area scores.</param>
/// <param name="Headline">A one-line summary.</param>
/// <param name="Text">The reading: the headline, then the statements of the first <see cref="TextStatements"/> reasons.</param>
/// <param name="Reasons">Every statement with its cause; the ones quoted in <see cref="Text"/> come first, in the same order.</param>
/// <param name="TextStatements">How many of <see cref="Reasons"/> the text quotes.</param>
/// <param name="RulesVersion">The version of the rules that wrote it (<see cref="HoroscopeRules.Version"/>); stored readings of another version are recomputed.</param>
public sealed record DailyHoroscope(
    int Sign,
    LocalDate Date,
    HoroscopeScores Scores,
    string Headline,
    string Text,
    IReadOnlyList<HoroscopeReason> Reasons,
    int TextStatements,
    int RulesVersion);
