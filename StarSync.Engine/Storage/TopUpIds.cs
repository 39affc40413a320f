using System.Globalization;

namespace StarSync.Engine.Storage;

/// <summary>Top-up ids: 32 lower-case hex digits, unguessable (they appear in URLs a payer opens).</summary>
internal static class TopUpIds
{
    public static string New() => "tu_" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
}
