using System.Diagnostics;

namespace StarSync.Bench;

/// <summary>
/// The runtime's state every few milliseconds on a thread of its own (thread-pool queue, threads, GC pauses and
/// collections), so slow moments of a run can be set against what the process was doing then. The sampler's own late
/// wake-ups are part of the record: a gap much longer than the period means this process got no CPU in time.
/// </summary>
public sealed class RuntimeSampler : IDisposable
{
    public readonly record struct Sample(long UnixMs, long Pending, int Threads, double PausedMs, int Gen0, int Gen1, int Gen2, double CpuMs);

    private readonly List<Sample> _samples = [];
    private readonly Thread _thread;
    private volatile bool _stop;

    public RuntimeSampler(TimeSpan period)
    {
        _thread = new Thread(() =>
        {
            var process = Process.GetCurrentProcess();
            while (!_stop)
            {
                process.Refresh();
                var sample = new Sample(
                    DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                    ThreadPool.PendingWorkItemCount,
                    ThreadPool.ThreadCount,
                    GC.GetTotalPauseDuration().TotalMilliseconds,
                    GC.CollectionCount(0),
                    GC.CollectionCount(1),
                    GC.CollectionCount(2),
                    process.TotalProcessorTime.TotalMilliseconds);
                lock (_samples)
                {
                    _samples.Add(sample);
                }

                Thread.Sleep(period);
            }
        })
        { IsBackground = true, Name = "runtime sampler", Priority = ThreadPriority.Highest };
        _thread.Start();
    }

    /// <summary>The samples taken from <paramref name="fromUnixMs"/> to <paramref name="toUnixMs"/>, with the one just before.</summary>
    public IReadOnlyList<Sample> Between(long fromUnixMs, long toUnixMs)
    {
        lock (_samples)
        {
            var first = Math.Max(0, _samples.FindLastIndex(s => s.UnixMs <= fromUnixMs));
            return [.. _samples.Skip(first).TakeWhile(s => s.UnixMs <= toUnixMs)];
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
