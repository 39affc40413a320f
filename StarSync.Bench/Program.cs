using BenchmarkDotNet.Running;

namespace StarSync.Bench;

internal static class BenchProgram
{
    /// <summary>
    /// BenchmarkDotNet benchmarks (<c>--filter '*Name*'</c>), or a load driver by name: <c>kill-switch</c>, <c>ledger</c>.
    /// </summary>
    private static async Task Main(string[] args)
    {
        if (args is ["kill-switch", ..])
        {
            await KillSwitchLatency.RunAsync();
            return;
        }

        if (args is ["ledger", .. var rest])
        {
            // Optional: writers, then seconds per phase (defaults 8 and 5).
            await LedgerThroughput.RunAsync(
                rest.Length > 0 ? int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 8,
                rest.Length > 1 ? double.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
    }
}
