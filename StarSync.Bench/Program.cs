using BenchmarkDotNet.Running;

namespace StarSync.Bench;

internal static class BenchProgram
{
    /// <summary>
    /// BenchmarkDotNet benchmarks (<c>--filter '*Name*'</c>), or a load driver by name: <c>kill-switch</c>.
    /// </summary>
    private static async Task Main(string[] args)
    {
        if (args is ["kill-switch", ..])
        {
            await KillSwitchLatency.RunAsync();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
    }
}
