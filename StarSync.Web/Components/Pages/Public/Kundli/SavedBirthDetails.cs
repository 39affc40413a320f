using System.Globalization;
using StarSync.Engine.Accounts;
using StarSync.Engine.Places;
using StarSync.Web.Api;

namespace StarSync.Web.Components.Pages.Public.Kundli;

/// <summary>
/// Between the Kundli form and a saved birth profile (<see cref="BirthDetails"/>, the shape the API stores): a cast chart
/// becomes a profile, a profile fills the form, and a profile is recognised when its chart is the one on screen.
/// </summary>
public static class SavedBirthDetails
{
    /// <summary>
    /// The birth details of a form that has been cast, with an empty <see cref="BirthDetails.Label"/> (the person
    /// chooses it when saving) and an empty <see cref="BirthDetails.Name"/> when the chart has none; null when the form
    /// lacks a date, a place or a known time.
    /// </summary>
    public static BirthDetails? FromForm(KundliFormModel form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.DateOfBirth is not { } date || form.Place is not { } place || (!form.TimeUnknown && form.TimeOfBirth is null))
        {
            return null;
        }

        var offset = ((IBirthFields)form).UtcOffset;
        return new BirthDetails
        {
            Label = "",
            Name = form.Name?.Trim() ?? "",
            Date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Time = form.TimeUnknown ? null : form.TimeOfBirth!.Value.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
            TimeKnown = !form.TimeUnknown,
            PlaceId = KundliFormModel.IsGivenCoordinates(place) ? null : place.Id,
            Latitude = place.Latitude,
            Longitude = place.Longitude,
            TimeZone = place.TimeZone,
            UtcOffset = string.IsNullOrWhiteSpace(offset) ? null : offset.Trim(),
        };
    }

    /// <summary>
    /// The form for a saved profile. The gazetteer place is used when the profile names one that still exists, else its
    /// coordinates and zone; the chart conventions (ayanamsa, node, dasha year, sunrise) are kept from
    /// <paramref name="conventions"/>, since they are the reader's preference rather than part of the birth.
    /// </summary>
    public static KundliFormModel ToForm(BirthDetails details, Gazetteer gazetteer, IChartOptions conventions)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(conventions);
        var form = new KundliFormModel
        {
            Name = details.Name,
            TimeUnknown = !details.TimeKnown,
            Place = (string.IsNullOrWhiteSpace(details.PlaceId) ? null : gazetteer.Find(details.PlaceId.Trim()))
                ?? KundliFormModel.GivenCoordinates(details.Latitude, details.Longitude, details.TimeZone),
            Ayanamsa = conventions.Ayanamsa ?? KundliFormModel.DefaultAyanamsa,
            Node = conventions.Node ?? KundliFormModel.DefaultNode,
            DashaYear = conventions.DashaYear ?? KundliFormModel.DefaultDashaYear,
            Sunrise = conventions.Sunrise ?? KundliFormModel.DefaultSunrise,
        };

        // A malformed stored value is kept as text, so the form quotes it beside its field instead of dropping it.
        if (BirthInput.ParseDate(details.Date) is { } date)
        {
            form.DateOfBirth = date.ToDateTimeUnspecified();
        }
        else
        {
            form.DateText = details.Date;
        }

        if (details.TimeKnown)
        {
            if (BirthInput.ParseTime(details.Time ?? "") is { } time)
            {
                form.TimeOfBirth = time.ToTimeOnly().ToTimeSpan();
            }
            else
            {
                form.TimeText = details.Time;
            }
        }

        switch (details.UtcOffset?.Trim())
        {
            case null or "":
                form.Offset = OffsetChoice.TimeZone;
                break;
            case var lmt when string.Equals(lmt, "lmt", StringComparison.OrdinalIgnoreCase):
                form.Offset = OffsetChoice.LocalMeanTime;
                break;
            case var explicitOffset:
                form.Offset = OffsetChoice.Explicit;
                form.ExplicitOffset = explicitOffset;
                break;
        }

        return form;
    }

    /// <summary>
    /// Whether <paramref name="saved"/> is the birth of <paramref name="shown"/>: same date, time (or both unknown), place
    /// and offset choice, and the same name. A chart without a name matches whatever the profile is called, because
    /// saving an unnamed chart names it after its label. The label never matters.
    /// </summary>
    public static bool SameBirth(BirthDetails saved, BirthDetails shown)
    {
        ArgumentNullException.ThrowIfNull(saved);
        ArgumentNullException.ThrowIfNull(shown);
        return string.Equals(saved.Date, shown.Date, StringComparison.Ordinal)
            && saved.TimeKnown == shown.TimeKnown
            && (!saved.TimeKnown || BirthInput.ParseTime(saved.Time ?? "") == BirthInput.ParseTime(shown.Time ?? ""))
            && SamePlace(saved, shown)
            && string.Equals(OffsetKey(saved.UtcOffset), OffsetKey(shown.UtcOffset), StringComparison.Ordinal)
            && (string.IsNullOrWhiteSpace(shown.Name)
                || string.Equals(saved.Name.Trim(), shown.Name.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    private static bool SamePlace(BirthDetails a, BirthDetails b)
    {
        var idA = string.IsNullOrWhiteSpace(a.PlaceId) ? null : a.PlaceId.Trim();
        var idB = string.IsNullOrWhiteSpace(b.PlaceId) ? null : b.PlaceId.Trim();
        if (idA is not null || idB is not null)
        {
            return string.Equals(idA, idB, StringComparison.Ordinal);
        }

        // Coordinates round-trip through the address as text; a millionth of a degree is about 10 cm.
        const double Tolerance = 1e-6;
        return Math.Abs(a.Latitude - b.Latitude) < Tolerance
            && Math.Abs(a.Longitude - b.Longitude) < Tolerance
            && string.Equals(a.TimeZone, b.TimeZone, StringComparison.Ordinal);
    }

    private static string OffsetKey(string? offset) => offset?.Trim().ToUpperInvariant() ?? "";
}
