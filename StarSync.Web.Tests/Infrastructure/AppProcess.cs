using System.Diagnostics;

namespace StarSync.Web.Tests.Infrastructure;

/// <summary>The built app started as its own process, for start-up failures a host factory cannot show.</summary>
public static class AppProcess
{
    /// <summary>Runs the app with <paramref name="environment"/> (plus a fresh data folder) until it exits; returns its exit code and stderr.</summary>
    public static async Task<(int ExitCode, string Stderr)> RunUntilExitAsync(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!,
        };
        start.Environment["STARSYNC_DATA_DIR"] = Path.Combine(Path.GetTempPath(), "starsync-tests", Guid.NewGuid().ToString("N"));
        start.Environment["PORT"] = "0";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stderr);
    }
}
