namespace StarSync.Engine.Astrology.Charts;

/// <summary>The nine grahas of Parashari astrology, in their traditional order.</summary>
public enum Graha
{
    Sun,
    Moon,
    Mars,
    Mercury,
    Jupiter,
    Venus,
    Saturn,
    Rahu,
    Ketu,
}

/// <summary>Short names and the natural (naisargika) relationships of BPHS chapter 3.</summary>
public static class Grahas
{
    public static readonly IReadOnlyList<Graha> All = Enum.GetValues<Graha>();

    /// <summary>Two-letter abbreviations used on chart diagrams.</summary>
    public static string Abbreviation(Graha graha) => graha switch
    {
        Graha.Sun => "Su",
        Graha.Moon => "Mo",
        Graha.Mars => "Ma",
        Graha.Mercury => "Me",
        Graha.Jupiter => "Ju",
        Graha.Venus => "Ve",
        Graha.Saturn => "Sa",
        Graha.Rahu => "Ra",
        Graha.Ketu => "Ke",
        _ => throw new ArgumentOutOfRangeException(nameof(graha)),
    };

    /// <summary>Sanskrit names.</summary>
    public static string Sanskrit(Graha graha) => graha switch
    {
        Graha.Sun => "Surya",
        Graha.Moon => "Chandra",
        Graha.Mars => "Mangala",
        Graha.Mercury => "Budha",
        Graha.Jupiter => "Guru",
        Graha.Venus => "Shukra",
        Graha.Saturn => "Shani",
        Graha.Rahu => "Rahu",
        Graha.Ketu => "Ketu",
        _ => throw new ArgumentOutOfRangeException(nameof(graha)),
    };

    /// <summary>The natural relationship of <paramref name="graha"/> towards <paramref name="other"/> (BPHS 3.55).</summary>
    /// <remarks>Only the seven visible grahas have natural relationships; the nodes are not given any.</remarks>
    public static Relationship NaturalRelationship(Graha graha, Graha other)
    {
        if (graha == other)
        {
            return Relationship.Friend;
        }

        var (friends, enemies) = graha switch
        {
            Graha.Sun => (new[] { Graha.Moon, Graha.Mars, Graha.Jupiter }, new[] { Graha.Venus, Graha.Saturn }),
            Graha.Moon => (new[] { Graha.Sun, Graha.Mercury }, Array.Empty<Graha>()),
            Graha.Mars => (new[] { Graha.Sun, Graha.Moon, Graha.Jupiter }, new[] { Graha.Mercury }),
            Graha.Mercury => (new[] { Graha.Sun, Graha.Venus }, new[] { Graha.Moon }),
            Graha.Jupiter => (new[] { Graha.Sun, Graha.Moon, Graha.Mars }, new[] { Graha.Mercury, Graha.Venus }),
            Graha.Venus => (new[] { Graha.Mercury, Graha.Saturn }, new[] { Graha.Sun, Graha.Moon }),
            Graha.Saturn => (new[] { Graha.Mercury, Graha.Venus }, new[] { Graha.Sun, Graha.Moon, Graha.Mars }),
            _ => throw new ArgumentOutOfRangeException(nameof(graha), "The nodes have no natural relationships."),
        };
        return friends.Contains(other) ? Relationship.Friend
            : enemies.Contains(other) ? Relationship.Enemy
            : Relationship.Neutral;
    }
}

/// <summary>A natural relationship between two grahas.</summary>
public enum Relationship
{
    Friend,
    Neutral,
    Enemy,
}
