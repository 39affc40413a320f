using BenchmarkDotNet.Attributes;
using StarSync.Engine.Astrology.Matching;

namespace StarSync.Bench;

/// <summary>
/// Ranking one person (the groom) against 1,000,000 candidate brides by Ashtakoota total, keeping the best 100.
/// Every outcome of the eight kootas depends only on each Moon's class (38 of them), so a candidate's score is one
/// row lookup in <see cref="MoonClassTable"/>; the scores are half points 0–72, so a counting pass ranks them
/// without a comparison sort. Three views:
/// <list type="bullet">
/// <item><see cref="RankStoredClasses"/>: the candidates' classes are known already (a store would keep them beside
/// each profile), the production path.</item>
/// <item><see cref="RankFromLongitudes"/>: each candidate's class is found with <see cref="MoonClass.Of"/> first.</item>
/// <item><see cref="RankFromLongitudesByEdges"/>: the class is found by binary search over the 38 classes' start
/// longitudes instead (no allocation per candidate); checked in setup to agree with <see cref="MoonClass.Of"/> on every candidate.</item>
/// <item><see cref="RulesPerPairBaseline"/>: the eight koota rules run for every pair, on 10,000 candidates only
/// (multiply by 100 to compare).</item>
/// </list>
/// Candidate Moons are uniform random sidereal longitudes from a fixed seed, so every run ranks the same set.
/// Run: dotnet run -c Release --project StarSync.Bench -- --filter '*MatchRanking*' --job short
/// </summary>
[MemoryDiagnoser]
public class MatchRankingBenchmarks
{
    private const int Candidates = 1_000_000;
    private const int BaselineCandidates = 10_000;
    private const int Top = 100;
    private const int MaxHalfPoints = 72;

    private double _groomMoon;
    private double[] _brideMoons = [];
    private int[] _brideClasses = [];
    private int[] _scores = [];
    private double[] _classStarts = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20_260_101);
        _groomMoon = random.NextDouble() * 360.0;
        _brideMoons = new double[Candidates];
        _brideClasses = new int[Candidates];
        _scores = new int[Candidates];
        for (var i = 0; i < Candidates; i++)
        {
            _brideMoons[i] = random.NextDouble() * 360.0;
            _brideClasses[i] = MoonClass.Of(_brideMoons[i]);
        }

        _classStarts = [.. MoonClass.All.Select(c => c.Start)];
        for (var i = 0; i < Candidates; i++)
        {
            if (ClassByEdges(_brideMoons[i]) != _brideClasses[i])
            {
                throw new InvalidOperationException($"The edge search disagrees with MoonClass.Of at {_brideMoons[i]}°.");
            }
        }
    }

    [Benchmark(Baseline = true)]
    public int RankStoredClasses()
    {
        var row = Row(MoonClass.Of(_groomMoon));
        for (var i = 0; i < _brideClasses.Length; i++)
        {
            _scores[i] = row[_brideClasses[i]];
        }

        return RankTop(_scores)[0];
    }

    [Benchmark]
    public int RankFromLongitudes()
    {
        var row = Row(MoonClass.Of(_groomMoon));
        for (var i = 0; i < _brideMoons.Length; i++)
        {
            _scores[i] = row[MoonClass.Of(_brideMoons[i])];
        }

        return RankTop(_scores)[0];
    }

    [Benchmark]
    public int RankFromLongitudesByEdges()
    {
        var row = Row(MoonClass.Of(_groomMoon));
        for (var i = 0; i < _brideMoons.Length; i++)
        {
            _scores[i] = row[ClassByEdges(_brideMoons[i])];
        }

        return RankTop(_scores)[0];
    }

    [Benchmark]
    public int RulesPerPairBaseline()
    {
        for (var i = 0; i < BaselineCandidates; i++)
        {
            _scores[i] = (int)(Ashtakoota.Match(_groomMoon, _brideMoons[i]).Total * 2);
        }

        return RankTop(_scores.AsSpan(0, BaselineCandidates))[0];
    }

    /// <summary>The class whose start is the last one at or below <paramref name="longitude"/> (the starts are sorted).</summary>
    private int ClassByEdges(double longitude)
    {
        var index = Array.BinarySearch(_classStarts, longitude);
        return index >= 0 ? index : ~index - 1;
    }

    /// <summary>The groom's row of the table in half points, copied once so the inner loop is a plain array read.</summary>
    private static int[] Row(int groomClass)
    {
        var row = new int[MoonClass.Count];
        for (var bride = 0; bride < MoonClass.Count; bride++)
        {
            row[bride] = (int)(MoonClassTable.Total(groomClass, bride) * 2);
        }

        return row;
    }

    /// <summary>Indices of the <see cref="Top"/> best scores, highest first, ties in candidate order (a counting sort's stable order).</summary>
    private static int[] RankTop(ReadOnlySpan<int> scores)
    {
        Span<int> counts = stackalloc int[MaxHalfPoints + 1];
        foreach (var s in scores)
        {
            counts[s]++;
        }

        // Lowest score that still reaches the top list: only candidates at or above it are collected.
        var cutoff = MaxHalfPoints;
        for (var taken = counts[cutoff]; taken < Top && cutoff > 0; taken += counts[--cutoff])
        {
        }

        var buckets = new List<int>[MaxHalfPoints + 1];
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] >= cutoff)
            {
                (buckets[scores[i]] ??= []).Add(i);
            }
        }

        var result = new int[Math.Min(Top, scores.Length)];
        var n = 0;
        for (var s = MaxHalfPoints; s >= cutoff && n < result.Length; s--)
        {
            if (buckets[s] is { } bucket)
            {
                foreach (var index in bucket)
                {
                    if (n == result.Length)
                    {
                        break;
                    }

                    result[n++] = index;
                }
            }
        }

        return result;
    }
}
