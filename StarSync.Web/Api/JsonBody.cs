using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace StarSync.Web.Api;

/// <summary>
/// Reads a JSON request body so that malformed JSON and wrong types answer 400 with the offending field's
/// JSON path as the error key (the framework's own binding failure names no field).
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength == 0)
        {
            return (null, Problems.Validation("$", "A JSON body is required."));
        }

        if (!request.HasJsonContentType())
        {
            return (null, Problems.Validation("$", "The body must be JSON (Content-Type: application/json)."));
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, request.HttpContext.RequestAborted);
            return value is null ? (null, Problems.Validation("$", "A JSON object is required.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Validation(FieldKey(e.Path), Describe(e)));
        }
    }

    /// <summary>"$.groom.latitude" → "groom.latitude"; the root stays "$".</summary>
    public static string FieldKey(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Describe(JsonException e)
    {
        // The serializer's messages name .NET types; say it in the API's terms instead.
        if (e.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "This field has the wrong type.";
        }

        return e.LineNumber is { } line
            ? $"The body is not valid JSON (line {line + 1}, position {e.BytePositionInLine + 1})."
            : "The body is not valid JSON.";
    }
}

/// <summary>RFC 7807 answers in one shape.</summary>
public static class Problems
{
    public static IResult Validation(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult Validation(IDictionary<string, string[]> errors) => Results.ValidationProblem(errors);
}
