using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;

namespace StarSync.Engine.Places;

/// <summary>
/// Reads the gazetteer's TSV (UTF-8): lines starting with '#' are comments, every other line is
/// id, name, asciiname, alternatenames (comma-separated), admin1, country, countrycode, latitude,
/// longitude, timezone, population. scripts/gazetteer/build_gazetteer.py writes it.
/// </summary>
internal static class GazetteerTsv
{
    private const int ColumnCount = 11;

    /// <summary>
    /// One line of the file: the place, and the distinct search keys (see <see cref="NameFolding"/>) of its
    /// name, ASCII name and alternate names. The raw alternate names are not kept: only their keys are searched.
    /// </summary>
    internal sealed record Row(int GeonameId, Place Place, string[] Keys);

    /// <summary>Parses the whole file, in file order.</summary>
    /// <remarks>
    /// Parsing 200,000 lines is most of the load time, so the text is cut at line ends into chunks
    /// that are decoded and parsed in parallel.
    /// </remarks>
    public static List<Row> Parse(ReadOnlyMemory<byte> utf8)
    {
        var chunks = SplitAtLineEnds(utf8, Environment.ProcessorCount * 4);
        var parsed = new List<Row>[chunks.Count];
        try
        {
            Parallel.For(0, chunks.Count, i => parsed[i] = ParseChunk(chunks[i].Text, chunks[i].FirstLine));
        }
        catch (AggregateException parallel) when (parallel.InnerExceptions.Count > 0)
        {
            // Report the bad line itself, not the parallel loop that happened to meet it.
            ExceptionDispatchInfo.Throw(parallel.InnerExceptions[0]);
            throw;
        }

        var rows = new List<Row>(parsed.Sum(p => p.Count));
        foreach (var part in parsed)
        {
            rows.AddRange(part);
        }
        return rows;
    }

    private static List<(ReadOnlyMemory<byte> Text, int FirstLine)> SplitAtLineEnds(ReadOnlyMemory<byte> utf8, int count)
    {
        var chunks = new List<(ReadOnlyMemory<byte>, int)>(count);
        var span = utf8.Span;
        var target = Math.Max(1, span.Length / count);
        int start = 0, line = 1;
        while (start < span.Length)
        {
            var end = Math.Min(span.Length, start + target);
            var newline = span[end..].IndexOf((byte)'\n');
            end = newline < 0 ? span.Length : end + newline + 1;
            chunks.Add((utf8[start..end], line));
            line += span[start..end].Count((byte)'\n');
            start = end;
        }
        return chunks;
    }

    // A hot loop of the one-off load: compiled optimised at once rather than starting as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<Row> ParseChunk(ReadOnlyMemory<byte> utf8, int lineNumber)
    {
        var text = Encoding.UTF8.GetString(utf8.Span);
        var rows = new List<Row>(text.Length / 100);
        // Admin areas, countries and zones repeat on thousands of rows; keep one string of each.
        var shared = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        Span<Range> columns = stackalloc Range[ColumnCount + 1];
        var keys = new List<string>();

        foreach (var lineRange in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan(lineRange).TrimEnd('\r');
            if (line.IsEmpty || line[0] == '#')
            {
                lineNumber++;
                continue;
            }
            if (line.Split(columns, '\t') != ColumnCount)
            {
                throw new InvalidDataException($"Gazetteer line {lineNumber}: expected {ColumnCount} tab-separated columns.");
            }

            var id = line[columns[0]];
            var name = line[columns[1]].ToString();

            // Folding here, inside the parallel parse, rather than over all rows afterwards.
            keys.Clear();
            AddKey(keys, name);
            AddKey(keys, line[columns[2]]);
            foreach (var alternate in line[columns[3]].Split(','))
            {
                AddKey(keys, line[columns[3]][alternate]);
            }

            var place = new Place(
                Id: id.ToString(),
                Name: name,
                Admin1: Share(shared, line[columns[4]]),
                Country: Share(shared, line[columns[5]]),
                CountryCode: Share(shared, line[columns[6]]),
                Latitude: ParseDouble(line[columns[7]], lineNumber, "latitude"),
                Longitude: ParseDouble(line[columns[8]], lineNumber, "longitude"),
                TimeZone: Share(shared, line[columns[9]]),
                Population: ParseLong(line[columns[10]], lineNumber, "population"));
            rows.Add(new Row(ParseInt(id, lineNumber, "id"), place, [.. keys]));
            lineNumber++;
        }
        return rows;
    }

    private static void AddKey(List<string> keys, ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return;
        }
        // "São Paulo" and "Sao Paulo" give the same key: keep it once.
        var key = NameFolding.Fold(name);
        if (key.Length > 0 && !keys.Contains(key))
        {
            keys.Add(key);
        }
    }

    private static string Share(Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> shared, ReadOnlySpan<char> value)
    {
        if (!shared.TryGetValue(value, out var existing))
        {
            existing = value.ToString();
            shared[value] = existing;
        }
        return existing;
    }

    private static int ParseInt(ReadOnlySpan<char> text, int line, string column) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Bad(line, column, text);

    private static long ParseLong(ReadOnlySpan<char> text, int line, string column) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Bad(line, column, text);

    private static double ParseDouble(ReadOnlySpan<char> text, int line, string column) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Bad(line, column, text);

    private static InvalidDataException Bad(int line, string column, ReadOnlySpan<char> text) =>
        new($"Gazetteer line {line}: bad {column} '{text}'.");
}
