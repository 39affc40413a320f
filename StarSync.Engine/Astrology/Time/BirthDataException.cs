namespace StarSync.Engine.Astrology.Time;

/// <summary>
/// Birth data that cannot be turned into a chart. <see cref="Field"/> names the input field at fault
/// (the JSON name of the API request, e.g. <c>time</c>) so callers can show the message beside it.
/// </summary>
public sealed class BirthDataException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
