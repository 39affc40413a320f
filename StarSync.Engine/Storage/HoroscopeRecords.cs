using System.Globalization;
using NodaTime;
using NodaTime.Text;
using StarSync.Engine.Astrology.Horoscope;

namespace StarSync.Engine.Storage;

/// <summary>How both adapters key and spell a stored horoscope.</summary>
internal static class HoroscopeRecords
{
    /// <summary>ISO date text: sorts like the date itself for the supported years (1800–2399).</summary>
    public static string DateText(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static LocalDate ParseDate(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    /// <summary>The primary key: "2024-03-20/1".</summary>
    public static string Key(int sign, LocalDate date) => $"{DateText(date)}/{sign.ToString(CultureInfo.InvariantCulture)}";

    public static void Validate(DailyHoroscope horoscope)
    {
        ArgumentNullException.ThrowIfNull(horoscope);
        ArgumentOutOfRangeException.ThrowIfLessThan(horoscope.Sign, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(horoscope.Sign, 12);
    }
}
