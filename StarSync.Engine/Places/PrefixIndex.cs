using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace StarSync.Engine.Places;

/// <summary>
/// Every search key of every place, sorted, so that the keys starting with a prefix form one
/// contiguous range found by binary search. Places are numbered by rank (most populous = 0), so the best
/// matches of a range are simply its smallest distinct place numbers.
/// </summary>
/// <remarks>
/// A range of a few thousand keys is scanned in microseconds, but the range of "s" or "san" holds tens of
/// thousands. For every prefix whose range is longer than <see cref="ScanLimit"/> the best
/// <see cref="MaxResults"/> places are computed once at build time, so no query scans more than that.
/// </remarks>
internal sealed class PrefixIndex
{
    /// <summary>The most results one query can ask for.</summary>
    public const int MaxResults = 50;

    /// <summary>Ranges longer than this are answered from the precomputed lists.</summary>
    public const int ScanLimit = 2048;

    private readonly string[] _keys;
    private readonly int[] _ranks;
    private readonly FrozenDictionary<string, int[]> _precomputed;

    private PrefixIndex(string[] keys, int[] ranks, FrozenDictionary<string, int[]> precomputed)
    {
        _keys = keys;
        _ranks = ranks;
        _precomputed = precomputed;
    }

    /// <summary>How many keys (names, ASCII names and alternates, after folding) the index holds.</summary>
    public int KeyCount => _keys.Length;

    /// <summary>How many prefixes have a precomputed answer.</summary>
    public int PrecomputedCount => _precomputed.Count;

    /// <summary>Builds the index. The arrays are taken over and reordered: key i belongs to place rank ranks[i].</summary>
    public static PrefixIndex Build(string[] keys, int[] ranks)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(ranks);
        if (keys.Length != ranks.Length)
        {
            throw new ArgumentException("Every key needs a place.", nameof(ranks));
        }

        SortOrdinal(keys, ranks);

        var precomputed = new Dictionary<string, int[]>(StringComparer.Ordinal);
        Span<int> best = stackalloc int[MaxResults];
        if (keys.Length > ScanLimit)
        {
            AddHeavyChildren(keys, ranks, 0, 0, keys.Length, precomputed, best);
        }
        return new PrefixIndex(keys, ranks, precomputed.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>
    /// Sorts keys (and their ranks alongside) in ordinal order, which the binary search and the prefix test
    /// assume. Sorting ~500,000 strings is the bulk of building the index, so the keys are first spread into
    /// buckets by their first character (a counting sort, which keeps ordinal order between buckets) and
    /// the buckets are sorted in parallel.
    /// </summary>
    // A hot loop of the one-off load: compiled optimised at once rather than starting as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SortOrdinal(string[] keys, int[] ranks)
    {
        const int Buckets = 129; // one per ASCII character, one for everything above: all sort after ASCII
        static int BucketOf(string key) => key.Length == 0 ? 0 : Math.Min(key[0], (char)128);

        var starts = new int[Buckets + 1];
        foreach (var key in keys)
        {
            starts[BucketOf(key) + 1]++;
        }
        for (var b = 1; b <= Buckets; b++)
        {
            starts[b] += starts[b - 1];
        }

        var next = (int[])starts.Clone();
        var bucketedKeys = new string[keys.Length];
        var bucketedRanks = new int[ranks.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var at = next[BucketOf(keys[i])]++;
            bucketedKeys[at] = keys[i];
            bucketedRanks[at] = ranks[i];
        }
        bucketedKeys.CopyTo(keys, 0);
        bucketedRanks.CopyTo(ranks, 0);

        Parallel.For(0, Buckets, b =>
        {
            if (starts[b + 1] - starts[b] > 1)
            {
                Array.Sort(keys, ranks, starts[b], starts[b + 1] - starts[b], StringComparer.Ordinal);
            }
        });
    }

    /// <summary>
    /// Writes the ranks of the best places whose keys start with <paramref name="prefix"/> into
    /// <paramref name="results"/>, best first, each place once; returns how many it wrote.
    /// </summary>
    public int Search(string prefix, Span<int> results)
    {
        if (results.IsEmpty || prefix.Length == 0)
        {
            return 0;
        }
        if (_precomputed.TryGetValue(prefix, out var top))
        {
            var count = Math.Min(top.Length, results.Length);
            top.AsSpan(0, count).CopyTo(results);
            return count;
        }

        var lo = LowerBound(prefix);
        var hi = EndOfPrefix(prefix, lo);
        return SelectBest(_ranks.AsSpan(lo, hi - lo), results);
    }

    // First key not ordinally less than the prefix: where the prefix's range starts, if it has one.
    private int LowerBound(string prefix)
    {
        int lo = 0, hi = _keys.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (string.CompareOrdinal(_keys[mid], prefix) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    // Keys that start with the prefix are contiguous from start on; find the first that does not.
    private int EndOfPrefix(string prefix, int start)
    {
        int lo = start, hi = _keys.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (_keys[mid].StartsWith(prefix, StringComparison.Ordinal))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>The smallest distinct ranks of <paramref name="ranks"/>, ascending, as many as fit into <paramref name="best"/>.</summary>
    private static int SelectBest(ReadOnlySpan<int> ranks, Span<int> best)
    {
        var count = 0;
        foreach (var rank in ranks)
        {
            if (count == best.Length && rank >= best[count - 1])
            {
                continue;
            }
            // best[..count] is sorted; insert unless the place is already there (several of its names match).
            var at = best[..count].BinarySearch(rank);
            if (at >= 0)
            {
                continue;
            }
            at = ~at;
            var keep = Math.Min(count, best.Length - 1);
            best[at..keep].CopyTo(best[(at + 1)..]);
            best[at] = rank;
            count = keep + 1;
        }
        return count;
    }

    /// <summary>
    /// For the range [lo, hi) whose keys share their first <paramref name="depth"/> characters, precomputes the
    /// answer of every longer prefix whose own range is too long to scan.
    /// </summary>
    // A hot loop of the one-off load: compiled optimised at once rather than starting as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddHeavyChildren(
        string[] keys, int[] ranks, int depth, int lo, int hi, Dictionary<string, int[]> precomputed, Span<int> best)
    {
        var i = lo;
        // A key equal to the shared prefix sorts before all its extensions.
        while (i < hi && keys[i].Length == depth)
        {
            i++;
        }
        while (i < hi)
        {
            var next = keys[i][depth];
            var end = i + 1;
            while (end < hi && keys[end][depth] == next)
            {
                end++;
            }
            if (end - i > ScanLimit)
            {
                var count = SelectBest(ranks.AsSpan(i, end - i), best);
                precomputed.Add(keys[i][..(depth + 1)], best[..count].ToArray());
                AddHeavyChildren(keys, ranks, depth + 1, i, end, precomputed, best);
            }
            i = end;
        }
    }
}
