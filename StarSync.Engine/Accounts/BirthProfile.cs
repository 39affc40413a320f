using System.Globalization;

namespace StarSync.Engine.Accounts;

/// <summary>
/// The birth details a person keeps for a chart (their own, or a family member's), in the same shape the Kundli API
/// takes them.
/// </summary>
public sealed record BirthDetails
{
    /// <summary>What the owner calls this profile: "Me", "Mother", "Arjun".</summary>
    public required string Label { get; init; }

    /// <summary>The person's name as shown on the chart.</summary>
    public required string Name { get; init; }

    /// <summary>Local civil date of birth, "YYYY-MM-DD".</summary>
    public required string Date { get; init; }

    /// <summary>Local civil time of birth, "HH:mm:ss"; <see langword="null"/> when unknown.</summary>
    public string? Time { get; init; }

    /// <summary>Whether <see cref="Time"/> is known (an unknown time gives a chart without houses).</summary>
    public required bool TimeKnown { get; init; }

    /// <summary>The gazetteer place, when one was picked.</summary>
    public string? PlaceId { get; init; }

    /// <summary>Degrees, north positive.</summary>
    public required double Latitude { get; init; }

    /// <summary>Degrees, east positive.</summary>
    public required double Longitude { get; init; }

    /// <summary>IANA zone of the birthplace.</summary>
    public required string TimeZone { get; init; }

    /// <summary>An explicit offset overriding the zone ("+05:30", or "lmt"), as the Kundli API takes it.</summary>
    public string? UtcOffset { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when a field cannot be what it says it is.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Label) || Label.Length > 60)
        {
            throw new ArgumentException("Label must be 1–60 characters.", nameof(Label));
        }

        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 120)
        {
            throw new ArgumentException("Name must be 1–120 characters.", nameof(Name));
        }

        if (!DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new ArgumentException($"Date '{Date}' is not YYYY-MM-DD.", nameof(Date));
        }

        if (Time is not null && !TimeOnly.TryParseExact(Time, "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new ArgumentException($"Time '{Time}' is not HH:mm:ss.", nameof(Time));
        }

        if (TimeKnown && Time is null)
        {
            throw new ArgumentException("A known time needs a Time.", nameof(Time));
        }

        if (Latitude is < -90 or > 90 || double.IsNaN(Latitude))
        {
            throw new ArgumentException("Latitude must be within ±90°.", nameof(Latitude));
        }

        if (Longitude is < -180 or > 180 || double.IsNaN(Longitude))
        {
            throw new ArgumentException("Longitude must be within ±180°.", nameof(Longitude));
        }

        if (NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) is null)
        {
            throw new ArgumentException($"'{TimeZone}' is not an IANA time zone.", nameof(TimeZone));
        }
    }
}

/// <summary>A saved birth profile, owned by one account.</summary>
/// <param name="CreatedAt">UTC, millisecond precision.</param>
/// <param name="UpdatedAt">UTC, millisecond precision.</param>
public sealed record BirthProfile(string Id, string AccountId, BirthDetails Details, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
