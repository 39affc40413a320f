using System.Globalization;
using System.IO.Compression;

namespace StarSync.Engine.Places;

/// <summary>
/// The offline birthplace gazetteer: about 200,000 populated places worldwide (GeoNames cities500),
/// searched in-process by name prefix. Immutable once loaded and safe to share between threads: load it
/// once per process (a singleton) — loading takes a few hundred milliseconds and tens of megabytes.
/// </summary>
/// <remarks>Place data © GeoNames (geonames.org), CC BY 4.0. See docs/gazetteer.md.</remarks>
public sealed class Gazetteer
{
    /// <summary>The name of the embedded gzip TSV that <see cref="Load()"/> reads.</summary>
    public const string ResourceName = "StarSync.Engine.Places.places.tsv.gz";

    // Most populous first: a place's index here is its rank, which is what the prefix index returns.
    private readonly Place[] _places;
    // GeoNames ids in ascending order, and the rank of the place with each.
    private readonly int[] _ids;
    private readonly int[] _idRanks;
    private readonly PrefixIndex _index;

    private Gazetteer(Place[] places, int[] ids, int[] idRanks, PrefixIndex index)
    {
        _places = places;
        _ids = ids;
        _idRanks = idRanks;
        _index = index;
    }

    /// <summary>How many places the gazetteer holds.</summary>
    public int Count => _places.Length;

    /// <summary>Every place, most populous first (for tests and diagnostics).</summary>
    internal IReadOnlyList<Place> Places => _places;

    /// <summary>The search index, exposed for tests and benchmarks.</summary>
    internal PrefixIndex Index => _index;

    /// <summary>Loads the gazetteer shipped inside this assembly.</summary>
    public static Gazetteer Load()
    {
        using var stream = typeof(Gazetteer).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded gazetteer '{ResourceName}' is missing from {typeof(Gazetteer).Assembly.GetName().Name}.");
        return Load(stream, compressed: true);
    }

    /// <summary>
    /// Loads a gazetteer in the shipped format (see docs/gazetteer.md): UTF-8 TSV, gzip-compressed when
    /// <paramref name="compressed"/> is true. The stream is read to its end and left open.
    /// </summary>
    public static Gazetteer Load(Stream stream, bool compressed = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // Inflate in one go (~20 MB): the parser then works on the bytes in parallel chunks.
        using var text = new MemoryStream(capacity: 24 << 20);
        if (compressed)
        {
            using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            gzip.CopyTo(text);
        }
        else
        {
            stream.CopyTo(text);
        }
        return FromRows(GazetteerTsv.Parse(text.GetBuffer().AsMemory(0, (int)text.Length)));
    }

    private static Gazetteer FromRows(List<GazetteerTsv.Row> rows)
    {
        // Rank = position in population order; ties go to the lower GeoNames id so results are stable.
        // The shipped file is already in this order, so this is normally only a check.
        Comparison<GazetteerTsv.Row> byRank = static (a, b) => a.Place.Population != b.Place.Population
            ? b.Place.Population.CompareTo(a.Place.Population)
            : a.GeonameId.CompareTo(b.GeonameId);
        if (!IsSorted(rows, byRank))
        {
            rows.Sort(byRank);
        }

        var places = new Place[rows.Count];
        var ids = new int[rows.Count];
        var idRanks = new int[rows.Count];
        var keys = new string[rows.Sum(r => r.Keys.Length)];
        var keyRanks = new int[keys.Length];
        var k = 0;
        for (var rank = 0; rank < rows.Count; rank++)
        {
            var row = rows[rank];
            places[rank] = row.Place;
            ids[rank] = row.GeonameId;
            idRanks[rank] = rank;
            foreach (var key in row.Keys)
            {
                keys[k] = key;
                keyRanks[k++] = rank;
            }
        }

        // Ids sorted for a binary search: a dictionary of 200,000 entries costs more memory and load time
        // than Find, which runs once per chosen place, is worth.
        Array.Sort(ids, idRanks);
        for (var i = 1; i < ids.Length; i++)
        {
            if (ids[i] == ids[i - 1])
            {
                throw new InvalidDataException($"Gazetteer id {ids[i]} appears twice.");
            }
        }
        return new Gazetteer(places, ids, idRanks, PrefixIndex.Build(keys, keyRanks));
    }

    private static bool IsSorted<T>(List<T> items, Comparison<T> comparison)
    {
        for (var i = 1; i < items.Count; i++)
        {
            if (comparison(items[i - 1], items[i]) > 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Places whose name, ASCII name or an alternate name starts with <paramref name="query"/>, most
    /// populous first, each place once. Matching ignores case, diacritics, apostrophes and punctuation,
    /// and a query may span words ("new del" finds New Delhi, "sao paulo" finds São Paulo).
    /// </summary>
    /// <param name="query">What the user typed; null, empty or blank gives an empty list.</param>
    /// <param name="limit">The most places to return; clamped to 1..50.</param>
    public IReadOnlyList<Place> Search(string query, int limit = 10)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }
        var prefix = NameFolding.FoldQuery(query);
        if (prefix.Length == 0)
        {
            return [];
        }

        Span<int> ranks = stackalloc int[Math.Clamp(limit, 1, PrefixIndex.MaxResults)];
        var count = _index.Search(prefix, ranks);
        var found = new Place[count];
        for (var i = 0; i < count; i++)
        {
            found[i] = _places[ranks[i]];
        }
        return found;
    }

    /// <summary>The place with this GeoNames id, or null when there is none.</summary>
    public Place? Find(string id)
    {
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var geonameId))
        {
            return null;
        }
        var at = Array.BinarySearch(_ids, geonameId);
        return at >= 0 ? _places[_idRanks[at]] : null;
    }
}
