using StarSync.Engine.Astrology.Charts;

namespace StarSync.Engine.Astrology.Horoscope;

/// <summary>The addresses of the twelve Moon signs: lower-case English names (aries … pisces), from <see cref="Rashi"/>'s spelling table.</summary>
public static class HoroscopeSigns
{
    /// <summary>The slug of sign 1–12: "aries" … "pisces".</summary>
    public static string Slug(int sign) => Rashi.Name(sign).ToLowerInvariant();

    /// <summary>The sign (1–12) of a slug, ignoring case and surrounding spaces; null when no sign is called that.</summary>
    public static int? FromSlug(string? slug)
    {
        if (string.IsNullOrWhiteSpace(slug))
        {
            return null;
        }

        var text = slug.Trim();
        for (var sign = 1; sign <= 12; sign++)
        {
            if (string.Equals(Rashi.Name(sign), text, StringComparison.OrdinalIgnoreCase))
            {
                return sign;
            }
        }

        return null;
    }
}
