using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StarSync.Web.Api;

/// <summary>
/// Writes every <see cref="DateTimeOffset"/> as ISO 8601 UTC ending in <c>Z</c> (the API's convention), to the
/// millisecond the stores keep; reads any ISO 8601 offset.
/// </summary>
public sealed class UtcInstantJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture));
    }
}
