using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Kundli;
using StarSync.Engine.Astrology.Time;

namespace StarSync.Web.Api;

/// <summary>POST /api/v1/kundli: a full birth chart.</summary>
public static class KundliEndpoints
{
    public static IEndpointRouteBuilder MapKundliEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/kundli", CastAsync)
            .WithName("CastKundli")
            .WithTags("Kundli")
            .WithSummary("Cast a birth chart: lagna, nine grahas, divisional charts, Vimshottari dasha and the panchang at birth.")
            .Accepts<KundliRequest>("application/json")
            .Produces<KundliResponse>()
            .ProducesValidationProblem();
        return routes;
    }

    private static async Task<IResult> CastAsync(HttpRequest request, BirthInput input, KundliCalculator calculator)
    {
        var (body, problem) = await JsonBody.ReadAsync<KundliRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        var birth = input.Read(body!, errors);
        var settings = BirthInput.ReadSettings(body!, errors);
        var vargas = ReadVargas(body!.Vargas, errors);
        if (errors.Count > 0 || birth is null)
        {
            return Problems.Validation(errors);
        }

        try
        {
            var kundli = calculator.Calculate(birth, settings, vargas);
            return Results.Ok(KundliResponse.From(kundli));
        }
        catch (BirthDataException e)
        {
            return Problems.Validation(e.Field, e.Message);
        }
    }

    private static List<Varga>? ReadVargas(IReadOnlyList<string>? names, Dictionary<string, string[]> errors)
    {
        if (names is null)
        {
            return null;
        }

        var result = new List<Varga>();
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] is { } name && Vargas.Parse(name.Trim()) is { } varga)
            {
                if (!result.Contains(varga))
                {
                    result.Add(varga);
                }
            }
            else
            {
                errors[$"vargas[{i}]"] = [$"'{names[i]}' is not one of D1, D2, D3, D4, D7, D9, D10, D12, D16, D20, D24, D27, D30, D40, D45, D60."];
            }
        }

        return result;
    }
}
