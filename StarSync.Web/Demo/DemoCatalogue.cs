using StarSync.Engine.Wallet;

namespace StarSync.Web.Demo;

/// <summary>One demo astrologer: who they are and what they charge (paise per minute, within their allowed range).</summary>
public sealed record DemoAstrologer(
    string Email,
    string Name,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Expertise,
    int YearsOfExperience,
    string Bio,
    long MinRatePerMinute,
    long MaxRatePerMinute,
    long RatePerMinute);

/// <summary>
/// What demo mode seeds: one user with a sandbox balance and four astrologers at different rates. Every name ends in
/// <see cref="NameSuffix"/> and every email is on the reserved <c>.example</c> domain, so demo accounts are plain to
/// see in the directory, the admin portal and the ledger, and no mail to them can reach anyone.
/// </summary>
public static class DemoCatalogue
{
    public const string NameSuffix = " (demo)";

    /// <summary>What the demo user's wallet is credited once (₹1,000).</summary>
    public const long UserCredit = 1_000 * Money.MinorPerMajor;

    public const string UserEmail = "demo-user@starsync.example";

    public const string UserName = "Riya Kapoor" + NameSuffix;

    /// <summary>The ledger key of the one credit to a demo user's wallet.</summary>
    public static string CreditKey(string userId) => "demo:seed:" + userId;

    public static IReadOnlyList<DemoAstrologer> Astrologers { get; } =
    [
        new(
            "demo-astrologer-1@starsync.example",
            "Acharya Vivek Sharma" + NameSuffix,
            ["Hindi", "English"],
            ["Vedic", "Prashna"],
            18,
            "Trained in Parashari Jyotish at Varanasi. I read the birth chart together with the running Vimshottari dasha and current transits, and answer one clear question at a time: career moves, timing of marriage, property. Prashna (horary) when the birth time is unknown.",
            1_000, 5_000, 2_500),
        new(
            "demo-astrologer-2@starsync.example",
            "Dr. Meenakshi Iyer" + NameSuffix,
            ["Tamil", "English", "Sanskrit"],
            ["Vedic", "Nadi"],
            24,
            "A doctorate in Sanskrit and two decades of consultations in Chennai. Marriage matching beyond the koota score: Manglik dosha and its cancellations, the seventh house and Venus in both charts, and the dasha periods the couple will share.",
            2_000, 8_000, 4_000),
        new(
            "demo-astrologer-3@starsync.example",
            "Ritu Malhotra" + NameSuffix,
            ["Hindi", "Punjabi", "English"],
            ["Tarot", "Numerology"],
            9,
            "Tarot and name numerology for everyday decisions: a job offer, a new business name, a difficult conversation. Gentle, practical readings; I tell you what the cards suggest and what is still up to you.",
            1_000, 3_000, 1_500),
        new(
            "demo-astrologer-4@starsync.example",
            "Pandit Subhash Joshi" + NameSuffix,
            ["Marathi", "Hindi"],
            ["KP", "Vastu", "Lal Kitab"],
            31,
            "Krishnamurti Paddhati with ruling planets for precise timing, and Vastu for homes and shops in Pune and Mumbai. Simple Lal Kitab remedies, never expensive rituals.",
            3_000, 10_000, 6_000),
    ];
}
