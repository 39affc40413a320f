using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Kundli;
using StarSync.Engine.Astrology.Matching;
using StarSync.Engine.Astrology.Time;

namespace StarSync.Web.Api;

/// <summary>POST /api/v1/match: Ashtakoota (36 gunas), the matching doshas and Manglik for a couple.</summary>
public static class MatchEndpoints
{
    // The kootas read only the Moon and Manglik only the lagna, Moon, Venus and Mars: no divisional chart is needed.
    private static readonly Varga[] NoVargas = [];

    public static IEndpointRouteBuilder MapMatchEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/match", MatchAsync)
            .WithName("MatchCouple")
            .WithTags("Matching")
            .WithSummary("Match two birth charts: the eight kootas out of 36, Nadi/Bhakoot/Gana doshas with cancellations, Manglik for both, and a verdict.")
            .Accepts<MatchRequest>("application/json")
            .Produces<MatchResponse>()
            .ProducesValidationProblem();
        return routes;
    }

    private static async Task<IResult> MatchAsync(HttpRequest request, BirthInput input, KundliCalculator calculator)
    {
        var (body, problem) = await JsonBody.ReadAsync<MatchRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        var groomBirth = ReadPerson(input, body!.Groom, "groom", errors);
        var brideBirth = ReadPerson(input, body.Bride, "bride", errors);
        var settings = BirthInput.ReadSettings(body, errors);
        var rules = KootaRules.NorthCommon;
        if (body.Rules is { } r)
        {
            if (MatchOptionNames.Rules(r) is { } parsed)
            {
                rules = parsed;
            }
            else
            {
                errors["rules"] = ["rules must be north-common."];
            }
        }

        var houses = ManglikHouses.North;
        if (body.ManglikHouses is { } h)
        {
            if (MatchOptionNames.Houses(h) is { } parsed)
            {
                houses = parsed;
            }
            else
            {
                errors["manglikHouses"] = ["manglikHouses must be north, south or both."];
            }
        }

        if (errors.Count > 0 || groomBirth is null || brideBirth is null)
        {
            return Problems.Validation(errors);
        }

        // Each chart is cast separately so that a failure is reported against the right person.
        var groom = Cast(calculator, groomBirth, settings, "groom", errors);
        var bride = Cast(calculator, brideBirth, settings, "bride", errors);
        if (groom is null || bride is null)
        {
            return Problems.Validation(errors);
        }

        var match = Ashtakoota.Match(groom, bride, rules);
        return Results.Ok(MatchResponse.From(match, MatchOptionNames.Person(groom), MatchOptionNames.Person(bride),
            ManglikDosha.Assess(groom, houses), ManglikDosha.Assess(bride, houses)));
    }

    private static BirthData? ReadPerson(BirthInput input, MatchPerson? person, string key, Dictionary<string, string[]> errors)
    {
        if (person is null)
        {
            errors[key] = [$"The {key}'s birth details are required."];
            return null;
        }

        return input.Read(person, errors, key + ".");
    }

    private static Kundli? Cast(KundliCalculator calculator, BirthData birth, ChartSettings settings, string key, Dictionary<string, string[]> errors)
    {
        try
        {
            return calculator.Calculate(birth, settings, NoVargas);
        }
        catch (BirthDataException e)
        {
            errors[$"{key}.{e.Field}"] = [e.Message];
            return null;
        }
    }
}
