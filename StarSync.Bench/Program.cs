using BenchmarkDotNet.Running;

namespace StarSync.Bench;

internal static class BenchProgram
{
    /// <summary>
    /// BenchmarkDotNet benchmarks (<c>--filter '*Name*'</c>), or a load driver by name: <c>kill-switch</c>, <c>ledger</c>,
    /// <c>consultations</c>.
    /// </summary>
    private static async Task<int> Main(string[] args)
    {
        if (args is ["consultations", .. var options])
        {
            // Optional: --pairs N --minutes N --minute-seconds N --tick-ms N --parallelism N --messages N --concurrency N --browser-pairs N --browser-messages N --no-browser.
            return await ConsultationLoad.RunAsync(ConsultationLoadOptions.Parse(options));
        }

        if (args is ["kill-switch", ..])
        {
            await KillSwitchLatency.RunAsync();
            return 0;
        }

        if (args is ["ledger", .. var rest])
        {
            // Optional: writers, then seconds per phase (defaults 8 and 5).
            await LedgerThroughput.RunAsync(
                rest.Length > 0 ? int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 8,
                rest.Length > 1 ? double.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
        return 0;
    }
}
