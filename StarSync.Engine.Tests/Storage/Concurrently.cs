namespace StarSync.Engine.Tests.Storage;

/// <summary>Runs one operation on many dedicated threads released at the same instant, to make races likely.</summary>
public static class Concurrently
{
    public static IReadOnlyList<T> Run<T>(int count, Func<int, Task<T>> operation)
    {
        var results = new T[count];
        var errors = new Exception?[count];
        using var start = new Barrier(count);
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                results[i] = operation(i).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var failures = errors.OfType<Exception>().ToList();
        return failures.Count == 0 ? results : throw new AggregateException(failures);
    }
}
