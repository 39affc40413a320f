namespace StarSync.Engine.Places;

/// <summary>
/// A populated place from the offline gazetteer: where a person was born, with the time zone that
/// turns their local birth time into UTC.
/// </summary>
/// <param name="Id">The GeoNames id, as a string (for example <c>"1261481"</c> for New Delhi).</param>
/// <param name="Name">The place's name as GeoNames writes it, with its diacritics (<c>"São Paulo"</c>).</param>
/// <param name="Admin1">
/// The first-level administrative area (state, province, region) in English or local spelling.
/// When GeoNames gives the place no resolvable admin-1 area, this is the country name, so it is never empty.
/// </param>
/// <param name="Country">The country's English short name (<c>"India"</c>).</param>
/// <param name="CountryCode">The ISO 3166-1 alpha-2 country code (<c>"IN"</c>; <c>"XK"</c> for Kosovo, as GeoNames uses).</param>
/// <param name="Latitude">Latitude in decimal degrees, north positive (−90 to 90).</param>
/// <param name="Longitude">Longitude in decimal degrees, east positive (−180 to 180).</param>
/// <param name="TimeZone">The IANA time zone id (<c>"Asia/Kolkata"</c>), resolvable in the TZDB that NodaTime embeds.</param>
/// <param name="Population">The population GeoNames records, in people; 0 when unknown.</param>
public sealed record Place(
    string Id,
    string Name,
    string Admin1,
    string Country,
    string CountryCode,
    double Latitude,
    double Longitude,
    string TimeZone,
    long Population);
