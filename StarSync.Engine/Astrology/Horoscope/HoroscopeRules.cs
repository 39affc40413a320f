using System.Globalization;
using StarSync.Engine.Astrology.Charts;

namespace StarSync.Engine.Astrology.Horoscope;

/// <summary>
/// Turns a day's sky into the reading of one Moon sign: Gochara of the nine grahas from the sign (with vedha), the
/// day's nakshatra as a tara from the sign's nakshatra, four area scores and a few sentences, each with its cause.
/// Pure: the same sky and sign always give the same reading, word for word. No randomness anywhere; where there is a
/// choice of sentence, a rule makes it (the weekday's lord speaks first).
/// </summary>
/// <remarks>See docs/horoscope.md for the tables and the reasons behind them.</remarks>
public static class HoroscopeRules
{
    /// <summary>Bumped whenever a rule or a sentence changes, so that stored readings of older rules are recomputed.</summary>
    public const int Version = 1;

    /// <summary>How many statements the text quotes after its headline.</summary>
    public const int TextStatementCount = 4;

    /// <summary>
    /// Weights of each graha's transit in each area (love, career, money, health), after the grahas' classical
    /// significations (karakatva): Venus and the Moon for love, the Sun and Saturn for career, Jupiter for money,
    /// the Moon (mind) and the Sun (vitality) for health. The day's tara weighs 1 in every area.
    /// </summary>
    private static readonly Dictionary<Graha, (int Love, int Career, int Money, int Health)> Weights =
        new()
        {
            [Graha.Sun] = (0, 2, 0, 1),
            [Graha.Moon] = (1, 0, 1, 2),
            [Graha.Mars] = (1, 1, 0, 1),
            [Graha.Mercury] = (0, 1, 1, 0),
            [Graha.Jupiter] = (1, 1, 2, 0),
            [Graha.Venus] = (2, 0, 1, 0),
            [Graha.Saturn] = (0, 2, 0, 1),
            [Graha.Rahu] = (0, 0, 1, 0),
            [Graha.Ketu] = (0, 0, 0, 1),
        };

    /// <summary>After the weekday's lord, the order in which grahas get a word in the text: slow movers first.</summary>
    private static readonly Graha[] TextPriority = [Graha.Jupiter, Graha.Saturn, Graha.Rahu, Graha.Ketu, Graha.Sun, Graha.Mars, Graha.Venus, Graha.Mercury];

    /// <summary>The weekday lords from Sunday (vara 1) to Saturday.</summary>
    private static readonly Graha[] VaraLords = [Graha.Sun, Graha.Moon, Graha.Mars, Graha.Mercury, Graha.Jupiter, Graha.Venus, Graha.Saturn];

    /// <summary>The weight of <paramref name="graha"/>'s transit in <paramref name="area"/> (0 for <see cref="HoroscopeArea.General"/>).</summary>
    public static int Weight(Graha graha, HoroscopeArea area)
    {
        var w = Weights[graha];
        return area switch
        {
            HoroscopeArea.Love => w.Love,
            HoroscopeArea.Career => w.Career,
            HoroscopeArea.Money => w.Money,
            HoroscopeArea.Health => w.Health,
            _ => 0,
        };
    }

    /// <summary>+1 favourable, 0 obstructed by vedha, −1 unfavourable.</summary>
    public static int Value(GocharaEffect effect) => effect switch
    {
        GocharaEffect.Favourable => 1,
        GocharaEffect.Obstructed => 0,
        _ => -1,
    };

    /// <summary>
    /// The score (1–5) of an area from its net points and its total weight: the ratio net/total in [−1, 1] is cut at
    /// 0.5, 0.15, −0.25 and −0.6. The cuts lean below zero because most grahas have fewer good houses than bad ones
    /// (the Sun 4 of 12, Saturn 3), so an ordinary day reads 3.
    /// </summary>
    public static int Score(int net, int total)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(total, 0);
        // Integers only: 100·net compared with the cut·total, so no rounding can move a boundary.
        var hundred = 100 * net;
        return hundred >= 50 * total ? 5
            : hundred >= 15 * total ? 4
            : hundred > -25 * total ? 3
            : hundred > -60 * total ? 2
            : 1;
    }

    /// <summary>Reads the sky for one Moon sign, with the tara counted from the sign's own nakshatra (<see cref="Tara.SignNakshatra"/>).</summary>
    public static DailyHoroscope Read(DailySky sky, int sign) => Read(sky, sign, Tara.SignNakshatra(sign), personal: false);

    /// <summary>Reads the sky for a Moon sign and a birth nakshatra.</summary>
    /// <param name="sky">The day's sky.</param>
    /// <param name="sign">The Moon sign, 1–12.</param>
    /// <param name="janmaNakshatra">The nakshatra the tara is counted from, 1–27.</param>
    /// <param name="personal">Whether the reading addresses one person (their own Moon and nakshatra) rather than a sign.</param>
    public static DailyHoroscope Read(DailySky sky, int sign, int janmaNakshatra, bool personal)
    {
        ArgumentNullException.ThrowIfNull(sky);
        var signName = Rashi.Name(sign);
        var gochara = Gochara.Read(sign, sky.Signs);
        var tara = Tara.Of(janmaNakshatra, sky.Nakshatra);

        var scores = new HoroscopeScores(
            AreaScore(gochara, tara, HoroscopeArea.Love),
            AreaScore(gochara, tara, HoroscopeArea.Career),
            AreaScore(gochara, tara, HoroscopeArea.Money),
            AreaScore(gochara, tara, HoroscopeArea.Health));

        var from = personal ? $"your Moon sign {signName}" : signName;
        var moon = gochara[(int)Graha.Moon];
        var reasons = new List<HoroscopeReason>
        {
            new(HoroscopeArea.General, MoonStatement(moon, sky.Signs), Because(moon, sky.Signs, from, sign)),
            TaraReason(sky, janmaNakshatra, tara, signName, personal),
        };

        var quoted = new List<Graha>();
        var dayLord = VaraLords[(int)sky.Date.DayOfWeek % 7];
        if (dayLord != Graha.Moon)
        {
            quoted.Add(dayLord);
        }

        // Balance: the next graha in priority whose effect differs from the first one quoted, else simply the next.
        var firstEffect = quoted.Count > 0 ? gochara[(int)quoted[0]].Effect : (GocharaEffect?)null;
        var remaining = TextPriority.Where(g => !quoted.Contains(g)).ToList();
        var contrast = remaining.FirstOrDefault(g => firstEffect is null || gochara[(int)g].Effect != firstEffect, remaining[0]);
        quoted.Add(contrast);
        if (quoted.Count < TextStatementCount - 2)
        {
            quoted.Add(remaining.First(g => !quoted.Contains(g)));
        }

        reasons.AddRange(quoted.Select(g => GrahaReason(gochara[(int)g], sky.Signs, from, sign)));
        reasons.AddRange(Gochara.Grahas
            .Where(g => g != Graha.Moon && !quoted.Contains(g))
            .Select(g => GrahaReason(gochara[(int)g], sky.Signs, from, sign)));

        var headline = Headline(scores);
        var text = string.Join(" ", reasons.Take(TextStatementCount).Select(r => r.Statement).Prepend(headline));
        return new DailyHoroscope(sign, sky.Date, scores, headline, text, reasons, TextStatementCount, Version);
    }

    private static int AreaScore(IReadOnlyList<GocharaPosition> gochara, TaraKind tara, HoroscopeArea area)
    {
        int net = Tara.Value(tara), total = 1;
        foreach (var position in gochara)
        {
            var weight = Weight(position.Graha, area);
            net += weight * Value(position.Effect);
            total += weight;
        }

        return Score(net, total);
    }

    private static string Headline(HoroscopeScores scores)
    {
        HoroscopeArea[] areas = [HoroscopeArea.Love, HoroscopeArea.Career, HoroscopeArea.Money, HoroscopeArea.Health];
        var best = areas.OrderByDescending(scores.Of).First();
        var worst = areas.OrderBy(scores.Of).First();
        var overall = scores.Of(HoroscopeArea.General);
        if (scores.Of(best) == scores.Of(worst))
        {
            return overall >= 4 ? "A bright day all round." : overall <= 2 ? "A day to go gently in everything." : "An even day with no strong pull either way.";
        }

        return overall switch
        {
            >= 4 => $"A bright day, best for {Noun(best)}.",
            <= 2 => $"A day to go gently; take care with {Noun(worst)}.",
            _ => $"A steady day: {Noun(best)} is where things move; go easy on {Noun(worst)}.",
        };
    }

    /// <summary>How the text names an area.</summary>
    public static string Noun(HoroscopeArea area) => area switch
    {
        HoroscopeArea.Love => "love",
        HoroscopeArea.Career => "work",
        HoroscopeArea.Money => "money",
        HoroscopeArea.Health => "health",
        _ => "the day",
    };

    /// <summary>The area a graha's own statement speaks to (its main signification).</summary>
    public static HoroscopeArea AreaOf(Graha graha) => graha switch
    {
        Graha.Sun or Graha.Saturn => HoroscopeArea.Career,
        Graha.Mercury or Graha.Jupiter or Graha.Rahu => HoroscopeArea.Money,
        Graha.Venus => HoroscopeArea.Love,
        Graha.Mars or Graha.Ketu => HoroscopeArea.Health,
        _ => HoroscopeArea.General,
    };

    /// <summary>The Moon's results by house, after Phaladeepika 26 (food and comfort in the 1st, loss in the 2nd, gain in the 3rd …).</summary>
    private static readonly string[] MoonByHouse =
    [
        "The Moon in your own sign lifts your spirits: good food, comfort and company come easily.",
        "The Moon in the 2nd can bring unplanned spending; watch your money and your words.",
        "The Moon in the 3rd brings gains and fresh courage; a good day to take the first step.",
        "The Moon in the 4th can unsettle the mind; avoid quarrels at home and rest early.",
        "The Moon in the 5th can leave you low or hesitant; keep plans modest and don't gamble.",
        "The Moon in the 6th brings good health and the upper hand over rivals; clear what is pending.",
        "The Moon in the 7th favours partners and company; a good day for meetings and for love.",
        "The Moon in the 8th (Chandrashtama) makes this the month's most sensitive day: avoid new ventures, quarrels and risks.",
        "The Moon in the 9th can bring obstacles and fatigue; keep to routine and don't push.",
        "The Moon in the 10th favours work: tasks go through and efforts are noticed.",
        "The Moon in the 11th brings gains, good news and the support of friends.",
        "The Moon in the 12th brings expenses and tiredness; spend with care and sleep well.",
    ];

    private static string MoonStatement(GocharaPosition moon, IReadOnlyList<int> signs) =>
        moon.Effect == GocharaEffect.Obstructed
            ? $"The Moon in the {Ordinal(moon.House)} would lift the day, but {Obstructors(moon, signs)} {Blocks(moon)} it (vedha): expect less than promised."
            : MoonByHouse[moon.House - 1];

    private static HoroscopeReason TaraReason(DailySky sky, int janma, TaraKind tara, string signName, bool personal)
    {
        var count = ((sky.Nakshatra - janma) % 27 + 27) % 27 + 1;
        var whose = personal ? "your birth nakshatra" : $"{Nakshatra.Name(janma)}, the nakshatra of {signName},";
        var because = personal
            ? $"The day's nakshatra {Nakshatra.Name(sky.Nakshatra)} is the {Ordinal(count)} from your birth nakshatra {Nakshatra.Name(janma)}: {Tara.Name(tara)} tara (\"{Tara.Meaning(tara)}\")"
            : $"The day's nakshatra {Nakshatra.Name(sky.Nakshatra)} is the {Ordinal(count)} from {whose} {Tara.Name(tara)} tara (\"{Tara.Meaning(tara)}\")";
        var statement = Tara.Value(tara) switch
        {
            > 0 => $"The day's nakshatra is friendly to you ({Tara.Name(tara)}, \"{Tara.Meaning(tara)}\"): a good day to begin things.",
            0 => "The Moon returns to your own nakshatra today: a mixed day; keep to what matters most.",
            _ => $"The day's nakshatra is unfriendly to you ({Tara.Name(tara)}, \"{Tara.Meaning(tara)}\"): put off anything new if you can.",
        };
        return new HoroscopeReason(HoroscopeArea.General, statement, because);
    }

    private static HoroscopeReason GrahaReason(GocharaPosition p, IReadOnlyList<int> signs, string from, int moonSign)
    {
        var statement = p.Effect switch
        {
            GocharaEffect.Favourable => Good(p.Graha),
            GocharaEffect.Obstructed => $"{p.Graha} in the {Ordinal(p.House)} would favour {Domain(p.Graha)}, but {Obstructors(p, signs)} {Blocks(p)} it (vedha): expect less than promised.",
            _ => Bad(p.Graha),
        };
        return new HoroscopeReason(AreaOf(p.Graha), statement, Because(p, signs, from, moonSign));
    }

    /// <summary>"Jupiter in Aries, the 11th from Aquarius (favourable; no vedha from the 8th)".</summary>
    private static string Because(GocharaPosition p, IReadOnlyList<int> signs, string from, int moonSign)
    {
        var where = $"{p.Graha} in {Rashi.Name(signs[(int)p.Graha])}, the {Ordinal(p.House)} from {from}";
        return p.Effect switch
        {
            GocharaEffect.Favourable => $"{where} (favourable; no vedha: nothing in the {Ordinal(p.VedhaHouse!.Value)}{Exemption(p, signs, moonSign)})",
            GocharaEffect.Obstructed => $"{where} (a favourable house, but vedha from {Obstructors(p, signs)})",
            _ => $"{where} (unfavourable: {p.Graha} gives good results in the {List(Gochara.FavourableHouses(p.Graha))})",
        };
    }

    /// <summary>Names a graha in the vedha house whose obstruction is waived (Sun–Saturn, Moon–Mercury).</summary>
    private static string Exemption(GocharaPosition p, IReadOnlyList<int> signs, int moonSign)
    {
        var houseOfVedha = p.VedhaHouse!.Value;
        var exempt = Gochara.Grahas.Where(g => g != p.Graha && Gochara.Exempt(p.Graha, g)
            && Gochara.HouseFrom(moonSign, signs[(int)g]) == houseOfVedha).ToList();
        return exempt.Count == 0 ? "" : $" but {exempt[0]}, which never obstructs {p.Graha}";
    }

    private static string Obstructors(GocharaPosition p, IReadOnlyList<int> signs) =>
        Names(p.ObstructedBy.Select(g => g.ToString()).ToList()) + $" in the {Ordinal(p.VedhaHouse!.Value)}";

    /// <summary>"Mars", "Mars and Ketu", "Mars, Jupiter and Ketu".</summary>
    private static string Names(List<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];

    private static string Blocks(GocharaPosition p) => p.ObstructedBy.Count == 1 ? "blocks" : "block";

    private static string Good(Graha graha) => graha switch
    {
        Graha.Sun => "The Sun supports your standing: seniors and officials are on your side.",
        Graha.Mars => "Mars gives drive and stamina; a good day for hard physical work.",
        Graha.Mercury => "Mercury helps trade, paperwork and clear talk; good for deals and messages.",
        Graha.Jupiter => "Jupiter brings growth and good counsel; money and support come more easily.",
        Graha.Venus => "Venus brings warmth to love and pleasure in small comforts.",
        Graha.Saturn => "Saturn rewards steady work; long efforts pay off.",
        Graha.Rahu => "Rahu favours bold, unusual moves and gains from unexpected quarters.",
        Graha.Ketu => "Ketu helps you let go of what no longer serves you; good for rest and inner work.",
        _ => "The Moon brings ease.",
    };

    private static string Bad(Graha graha) => graha switch
    {
        Graha.Sun => "The Sun drains patience with authority; don't force matters with seniors.",
        Graha.Mars => "Mars can bring haste, heat and small injuries; slow down and avoid arguments.",
        Graha.Mercury => "Mercury can muddle communication; read twice before you sign or send.",
        Graha.Jupiter => "Jupiter's help is out of reach for now; avoid big financial bets and lean on patience.",
        Graha.Venus => "Venus is cool towards romance; don't overspend on pleasures and give partners space.",
        Graha.Saturn => "Saturn slows things down; expect delays at work and pace yourself.",
        Graha.Rahu => "Rahu can bring confusion and tempting shortcuts; stay with what you can check.",
        Graha.Ketu => "Ketu can leave you distracted or run-down; look after your health and your focus.",
        _ => "The Moon weighs on the mind.",
    };

    /// <summary>What a graha's good transit would bring, for the vedha sentence.</summary>
    public static string Domain(Graha graha) => graha switch
    {
        Graha.Sun => "your standing",
        Graha.Moon => "your mood",
        Graha.Mars => "energy and courage",
        Graha.Mercury => "trade and communication",
        Graha.Jupiter => "growth and money",
        Graha.Venus => "love and comforts",
        Graha.Saturn => "steady work",
        Graha.Rahu => "bold moves",
        Graha.Ketu => "rest and inner work",
        _ => throw new ArgumentOutOfRangeException(nameof(graha)),
    };

    /// <summary>1st, 2nd, 3rd, 4th … 12th.</summary>
    public static string Ordinal(int n) => n.ToString(CultureInfo.InvariantCulture) + (n % 100 is 11 or 12 or 13 ? "th" : (n % 10) switch
    {
        1 => "st",
        2 => "nd",
        3 => "rd",
        _ => "th",
    });

    private static string List(IReadOnlyList<int> houses) => Names([.. houses.Select(Ordinal)]);
}
