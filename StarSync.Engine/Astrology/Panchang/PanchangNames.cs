namespace StarSync.Engine.Astrology.Panchang;

/// <summary>Names of the panchang elements (one spelling table; nakshatra names live in <c>Charts.Nakshatra</c>).</summary>
public static class PanchangNames
{
    private static readonly string[] TithiNames =
    [
        "Pratipada", "Dwitiya", "Tritiya", "Chaturthi", "Panchami", "Shashthi", "Saptami", "Ashtami",
        "Navami", "Dashami", "Ekadashi", "Dwadashi", "Trayodashi", "Chaturdashi",
    ];

    private static readonly string[] YogaNames =
    [
        "Vishkambha", "Priti", "Ayushman", "Saubhagya", "Shobhana", "Atiganda", "Sukarma", "Dhriti", "Shula",
        "Ganda", "Vriddhi", "Dhruva", "Vyaghata", "Harshana", "Vajra", "Siddhi", "Vyatipata", "Variyana",
        "Parigha", "Shiva", "Siddha", "Sadhya", "Shubha", "Shukla", "Brahma", "Indra", "Vaidhriti",
    ];

    private static readonly string[] MovableKaranas = ["Bava", "Balava", "Kaulava", "Taitila", "Gara", "Vanija", "Vishti"];

    private static readonly string[] VaraNames = ["Ravivara", "Somavara", "Mangalavara", "Budhavara", "Guruvara", "Shukravara", "Shanivara"];
    private static readonly string[] VaraEnglish = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    /// <summary>Tithi 1–30: 1–15 in the bright half (15 = Purnima), 16–30 in the dark half (30 = Amavasya).</summary>
    public static string Tithi(int number) => number switch
    {
        15 => "Purnima",
        30 => "Amavasya",
        >= 1 and <= 14 => TithiNames[number - 1],
        >= 16 and <= 29 => TithiNames[number - 16],
        _ => throw new ArgumentOutOfRangeException(nameof(number)),
    };

    /// <summary>"Shukla" for tithis 1–15, "Krishna" for 16–30.</summary>
    public static string Paksha(int tithi) => tithi <= 15 ? "Shukla" : "Krishna";

    /// <summary>Yoga 1–27.</summary>
    public static string Yoga(int number) => YogaNames[number - 1];

    /// <summary>
    /// Karana 1–60 counted from the first half of Shukla Pratipada: 1 is Kimstughna, 2–57 the seven movable
    /// karanas eight times over, then Shakuni, Chatushpada and Naga (58–60).
    /// </summary>
    public static string Karana(int number) => number switch
    {
        1 => "Kimstughna",
        >= 2 and <= 57 => MovableKaranas[(number - 2) % 7],
        58 => "Shakuni",
        59 => "Chatushpada",
        60 => "Naga",
        _ => throw new ArgumentOutOfRangeException(nameof(number)),
    };

    /// <summary>Vara 1–7 from Sunday: Sanskrit name.</summary>
    public static string Vara(int number) => VaraNames[number - 1];

    /// <summary>Vara 1–7 from Sunday: English weekday.</summary>
    public static string VaraInEnglish(int number) => VaraEnglish[number - 1];
}
