using System.IO.Compression;
using StarSync.Engine.Places;

namespace StarSync.Engine.Tests.Places;

/// <summary>The real embedded gazetteer, loaded once for all the tests that read it.</summary>
public sealed class GazetteerFixture
{
    public Gazetteer Gazetteer { get; } = Gazetteer.Load();

    /// <summary>The raw rows of the same embedded file, for brute-force cross-checks.</summary>
    internal IReadOnlyDictionary<string, GazetteerTsv.Row> RowsById { get; } = ReadRows();

    private static Dictionary<string, GazetteerTsv.Row> ReadRows()
    {
        using var stream = typeof(Gazetteer).Assembly.GetManifestResourceStream(Gazetteer.ResourceName)!;
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var text = new MemoryStream();
        gzip.CopyTo(text);
        return GazetteerTsv.Parse(text.ToArray()).ToDictionary(r => r.Place.Id);
    }
}
