using System.Globalization;
using StarSync.Engine.Accounts;
using StarSync.Engine.Places;
using StarSync.Web.Api;
using StarSync.Web.Components.Pages.Public.Kundli;

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

    /// <summary>A gazetteer place, or a saved profile's coordinates (<see cref="KundliFormModel.GivenCoordinates"/>).</summary>
    public Place? Place { get; set; }

    /// <summary>
    /// Set only by a saved profile without a birth time: Manglik then counts from the Moon. Typing a time clears it.
    /// </summary>
    public bool TimeUnknown { get; set; }

    /// <summary>A saved profile's explicit clock ("+05:30" or "lmt"); null reads the time by the place's zone.</summary>
    public string? UtcOffset { get; set; }

    /// <summary>The saved profile the fields were filled from, until one of them is edited by hand.</summary>
    public string? ProfileId { get; set; }

    string? IBirthFields.Date => DateOfBirth is { } date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DateText;

    string? IBirthFields.Time => TimeUnknown ? null
        : TimeOfBirth is { } time ? time.ToString(time.Seconds == 0 ? @"hh\:mm" : @"hh\:mm\:ss", CultureInfo.InvariantCulture)
        : TimeText;

    // Matching needs the lagna for Manglik, so the form asks for the time; only a saved profile can come without one.
    bool? IBirthFields.TimeKnown => !TimeUnknown;

    string? IBirthFields.PlaceId => Place is { } place && !KundliFormModel.IsGivenCoordinates(place) ? place.Id : null;

    double? IBirthFields.Latitude => Place is { } place && KundliFormModel.IsGivenCoordinates(place) ? place.Latitude : null;

    double? IBirthFields.Longitude => Place is { } place && KundliFormModel.IsGivenCoordinates(place) ? place.Longitude : null;

    string? IBirthFields.TimeZone => Place is { } place && KundliFormModel.IsGivenCoordinates(place) ? place.TimeZone : null;

    string? IBirthFields.UtcOffset => UtcOffset;

    /// <summary>
    /// Fills every field from a saved profile, as the Kundli page opens one: the gazetteer place when the profile names
    /// one that still exists, else its coordinates and zone; a malformed stored date or time is kept as text, so the
    /// form quotes it beside its field.
    /// </summary>
    public void Fill(BirthProfile profile, Gazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(gazetteer);
        var details = profile.Details;
        var form = SavedBirthDetails.ToForm(details, gazetteer, new KundliFormModel());
        ProfileId = profile.Id;
        Name = details.Name;
        DateOfBirth = form.DateOfBirth;
        DateText = form.DateText;
        TimeOfBirth = form.TimeOfBirth;
        TimeText = form.TimeText;
        TimeUnknown = form.TimeUnknown;
        Place = form.Place;
        UtcOffset = string.IsNullOrWhiteSpace(details.UtcOffset) ? null : details.UtcOffset.Trim();
    }

    /// <summary>
    /// Whether the fields hold the birth of <paramref name="saved"/> (<see cref="SavedBirthDetails.SameBirth"/>): date,
    /// time or its absence, place, clock, and the name unless it was left empty.
    /// </summary>
    public bool Holds(BirthDetails saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        if (DateOfBirth is not { } date || Place is not { } place || (!TimeUnknown && TimeOfBirth is null))
        {
            return false;
        }

        var shown = new BirthDetails
        {
            Label = "",
            Name = Name?.Trim() ?? "",
            Date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Time = TimeUnknown ? null : TimeOfBirth!.Value.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
            TimeKnown = !TimeUnknown,
            PlaceId = KundliFormModel.IsGivenCoordinates(place) ? null : place.Id,
            Latitude = place.Latitude,
            Longitude = place.Longitude,
            TimeZone = place.TimeZone,
            UtcOffset = UtcOffset,
        };
        return SavedBirthDetails.SameBirth(saved, shown);
    }
}
