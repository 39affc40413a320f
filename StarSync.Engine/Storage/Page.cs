namespace StarSync.Engine.Storage;

/// <summary>One page of a query's results.</summary>
/// <param name="Items">The results on this page, in the query's order.</param>
/// <param name="Total">How many results the query has over all pages.</param>
/// <param name="Skip">How many results come before this page.</param>
/// <param name="Take">The page size asked for.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total, int Skip, int Take)
{
    /// <summary>Whether results follow this page.</summary>
    public bool HasMore => Skip + Items.Count < Total;
}

/// <summary>The bounds every paged query is held to.</summary>
public static class Paging
{
    /// <summary>The largest page any store returns.</summary>
    public const int MaxTake = 200;

    /// <summary>Throws unless <paramref name="skip"/> ≥ 0 and 1 ≤ <paramref name="take"/> ≤ <see cref="MaxTake"/>.</summary>
    public static void Require(int skip, int take)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(take, MaxTake);
    }
}
