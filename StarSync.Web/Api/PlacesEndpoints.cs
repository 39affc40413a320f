using StarSync.Engine.Places;

namespace StarSync.Web.Api;

/// <summary>GET /api/v1/places: birthplace search over the offline gazetteer.</summary>
public static class PlacesEndpoints
{
    public const int MaxLimit = 50;

    public static IEndpointRouteBuilder MapPlacesEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/places", Search)
            .WithName("SearchPlaces")
            .WithTags("Places")
            .WithSummary("Places whose name (or ASCII or alternate name) starts with q, most populous first.")
            .Produces<IReadOnlyList<PlaceDto>>()
            .ProducesValidationProblem();
        return routes;
    }

    private static IResult Search(HttpRequest request, Gazetteer gazetteer)
    {
        // Read the query by hand so that "limit=abc" gets a problem naming the field, not a bare 400.
        var q = request.Query["q"].ToString();
        var limitText = request.Query["limit"].ToString();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(q))
        {
            errors["q"] = ["Type at least one letter of the place name."];
        }
        else if (q.Length > 100)
        {
            errors["q"] = ["The search text must be at most 100 characters."];
        }

        var limit = 10;
        if (limitText.Length > 0 && (!int.TryParse(limitText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return Results.Ok(gazetteer.Search(q, limit).Select(ToDto).ToList());
    }

    public static PlaceDto ToDto(Place p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new PlaceDto(p.Id, p.Name, p.Admin1, p.Country, p.CountryCode, p.Latitude, p.Longitude, p.TimeZone, p.Population);
    }
}
