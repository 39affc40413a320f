using StarSync.Engine.Accounts;

namespace StarSync.Engine.Astrologers;

/// <summary>
/// An astrologer's public profile, one per astrologer account (same id). Money is paise per minute.
/// </summary>
/// <remarks>
/// <see cref="Status"/> mirrors the account's status so the directory and the admin list can filter and page in one
/// query; the account stays the authority for signing in. Consultation figures (rating, reviews, presence) are added
/// by the consultations feature beside these members.
/// </remarks>
public sealed record AstrologerProfile
{
    /// <summary>The astrologer's account id.</summary>
    public required string AccountId { get; init; }

    public required AstrologerDetails Details { get; init; }

    /// <summary>The profile photo, if one was uploaded.</summary>
    public AccountAvatar? Photo { get; init; }

    /// <summary>Mirrors the account: only <see cref="AccountStatus.Active"/> profiles are listed publicly.</summary>
    public required AccountStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The name a deleted astrologer's history is shown under: "Former astrologer" and four hex digits of the id.</summary>
    public static string AnonymisedName(string accountId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var tag = accountId.Length >= 4 ? accountId[^4..] : accountId;
        return "Former astrologer " + tag.ToUpperInvariant();
    }
}

/// <summary>What an admin sets on an astrologer's profile. Rates are paise per minute.</summary>
public sealed record AstrologerDetails
{
    public const int MaxNameLength = 120;
    public const int MaxBioLength = 2000;
    public const int MaxLanguages = 12;
    public const int MaxExpertise = 12;
    public const int MaxTagLength = 40;
    public const int MaxYears = 80;

    public required string DisplayName { get; init; }

    /// <summary>Languages spoken in consultations ("Hindi", "Tamil", …), each once.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Disciplines practised (see <see cref="AstrologyExpertise.Known"/>), each once.</summary>
    public IReadOnlyList<string> Expertise { get; init; } = [];

    public int YearsOfExperience { get; init; }

    public string Bio { get; init; } = "";

    /// <summary>The lowest per-minute rate (paise) the astrologer may choose.</summary>
    public required long MinRatePerMinute { get; init; }

    /// <summary>The highest per-minute rate (paise) the astrologer may choose.</summary>
    public required long MaxRatePerMinute { get; init; }

    /// <summary>The rate charged now (paise per minute), within the allowed range.</summary>
    public required long RatePerMinute { get; init; }

    /// <summary>
    /// The details trimmed, with duplicate languages and expertise removed (case-insensitively, first spelling kept).
    /// </summary>
    /// <exception cref="ArgumentException">A field is out of bounds; <see cref="ArgumentException.ParamName"/> is its camelCase name.</exception>
    public AstrologerDetails Normalized()
    {
        var name = DisplayName?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new ArgumentException($"The name must be 1–{MaxNameLength} characters.", "displayName");
        }

        var languages = Tags(Languages, MaxLanguages, "languages");
        if (languages.Count == 0)
        {
            throw new ArgumentException("Give at least one language.", "languages");
        }

        var expertise = Tags(Expertise, MaxExpertise, "expertise");
        if (expertise.Count == 0)
        {
            throw new ArgumentException("Give at least one area of expertise.", "expertise");
        }

        if (YearsOfExperience is < 0 or > MaxYears)
        {
            throw new ArgumentException($"Years of experience must be 0–{MaxYears}.", "yearsOfExperience");
        }

        var bio = Bio?.Trim() ?? "";
        if (bio.Length > MaxBioLength)
        {
            throw new ArgumentException($"The bio must be at most {MaxBioLength} characters.", "bio");
        }

        if (MinRatePerMinute <= 0)
        {
            throw new ArgumentException("The lowest rate must be more than zero.", "minRatePerMinute");
        }

        if (MaxRatePerMinute < MinRatePerMinute)
        {
            throw new ArgumentException("The highest rate must not be below the lowest.", "maxRatePerMinute");
        }

        if (RatePerMinute < MinRatePerMinute || RatePerMinute > MaxRatePerMinute)
        {
            throw new ArgumentException("The current rate must lie within the allowed range.", "ratePerMinute");
        }

        return this with { DisplayName = name, Languages = languages, Expertise = expertise, Bio = bio };
    }

    private static List<string> Tags(IReadOnlyList<string>? values, int max, string field)
    {
        var result = new List<string>();
        foreach (var raw in values ?? [])
        {
            var value = raw?.Trim() ?? "";
            if (value.Length is 0 or > MaxTagLength)
            {
                throw new ArgumentException($"Each entry must be 1–{MaxTagLength} characters.", field);
            }

            if (!result.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                result.Add(value);
            }
        }

        return result.Count > max ? throw new ArgumentException($"Give at most {max} entries.", field) : result;
    }

    public override string ToString() => $"AstrologerDetails ({DisplayName})";
}

/// <summary>The disciplines offered in forms and filters; admins may add others.</summary>
public static class AstrologyExpertise
{
    public static IReadOnlyList<string> Known { get; } =
        ["Vedic", "KP", "Numerology", "Tarot", "Vastu", "Palmistry", "Prashna", "Lal Kitab", "Face reading", "Nadi"];

    public static IReadOnlyList<string> Languages { get; } =
        ["Hindi", "English", "Tamil", "Telugu", "Kannada", "Malayalam", "Bengali", "Marathi", "Gujarati", "Punjabi", "Odia", "Sanskrit"];
}
