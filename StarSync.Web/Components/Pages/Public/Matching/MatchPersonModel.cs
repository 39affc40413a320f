using System.Globalization;
using StarSync.Engine.Places;
using StarSync.Web.Api;

namespace StarSync.Web.Components.Pages.Public.Matching;

/// <summary>
/// One person's fields on the matching form. It presents itself to <see cref="BirthInput"/> as the API's birth
/// fields, so the page rejects exactly what POST /api/v1/match rejects, with the same messages.
/// </summary>
public sealed class MatchPersonModel : IBirthFields
{
    public string? Name { get; set; }

    public DateTime? DateOfBirth { get; set; }

    /// <summary>What was typed in the date field when the picker could not read it as a date.</summary>
    public string? DateText { get; set; }

    public TimeSpan? TimeOfBirth { get; set; }

    /// <summary>What was typed in the time field when the picker could not read it as a time.</summary>
    public string? TimeText { get; set; }

    public Place? Place { get; set; }

    string? IBirthFields.Date => DateOfBirth is { } date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DateText;

    string? IBirthFields.Time => TimeOfBirth is { } time
        ? time.ToString(time.Seconds == 0 ? @"hh\:mm" : @"hh\:mm\:ss", CultureInfo.InvariantCulture)
        : TimeText;

    // Matching needs the lagna for Manglik, so this form always asks for the time.
    bool? IBirthFields.TimeKnown => true;

    string? IBirthFields.PlaceId => Place?.Id;

    double? IBirthFields.Latitude => null;

    double? IBirthFields.Longitude => null;

    string? IBirthFields.TimeZone => null;

    string? IBirthFields.UtcOffset => null;
}
