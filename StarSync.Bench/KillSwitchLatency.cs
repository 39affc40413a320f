using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Lite;
using StarSync.Web.Auth;

namespace StarSync.Bench;

/// <summary>
/// Load driver: the time from a second sign-in (the store's StartSession returning) to the old session's live circuit
/// being told to leave (its redirect callback running), through the real path: LiteDB store → account change feed →
/// revocation listener → circuit registry → circuit. Many accounts, each with a live circuit, signed in again one
/// after another and also in bursts. The browser's own reload after that is one network round trip on top.
/// </summary>
public static class KillSwitchLatency
{
    public static async Task RunAsync(int accounts = 300)
    {
        var folder = Path.Combine(Path.GetTempPath(), "starsync-killswitch-" + Guid.NewGuid().ToString("N"));
        using var store = new LiteStore(folder);
        var ports = LiteStorage.Open(store, TimeProvider.System);
        var validation = new SessionValidation(ports.Accounts, Options.Create(new AuthOptions()), TimeProvider.System);
        var registry = new SessionCircuitRegistry();
        using var listener = new SessionRevocationListener(ports.AccountChanges, ports.Accounts, validation, registry, NullLogger<SessionRevocationListener>.Instance);
        await listener.StartAsync(CancellationToken.None);
        await listener.Subscribed;

        var client = new SessionClient("Chrome on Android", "203.0.113.x");
        var sequential = await MeasureAsync(ports, registry, client, accounts, burst: 1);
        var bursts = await MeasureAsync(ports, registry, client, accounts, burst: 25);
        await listener.StopAsync(CancellationToken.None);

        Report("one sign-in at a time", sequential);
        Report("bursts of 25 concurrent sign-ins", bursts);
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<List<double>> MeasureAsync(StoragePorts ports, SessionCircuitRegistry registry, SessionClient client, int count, int burst)
    {
        var latencies = new List<double>(count);
        for (var done = 0; done < count; done += burst)
        {
            var round = await Task.WhenAll(Enumerable.Range(0, Math.Min(burst, count - done)).Select(async _ =>
            {
                var account = (await ports.Accounts.CreateAsync(new NewAccount { Email = $"{Guid.NewGuid():N}@example.com", Name = "Load", Role = AccountRole.User, PasswordHash = "x" })).Account!;
                var first = (await ports.Accounts.StartSessionAsync(account.Id, client)).Session!;
                var circuit = new CircuitSession();
                circuit.Bind(account.Id, first.Id);
                var left = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                await circuit.AttachAsync(_ =>
                {
                    left.TrySetResult(Stopwatch.GetTimestamp());
                    return Task.CompletedTask;
                });
                registry.Register(first.Id, new SessionCircuitRegistry.CircuitEntry(circuit, null));

                await ports.Accounts.StartSessionAsync(account.Id, client);
                var signedIn = Stopwatch.GetTimestamp();
                var leftAt = await left.Task.WaitAsync(TimeSpan.FromSeconds(10));
                return Stopwatch.GetElapsedTime(signedIn, leftAt).TotalMilliseconds;
            }));
            latencies.AddRange(round);
        }

        return latencies;
    }

    private static void Report(string what, List<double> latencies)
    {
        latencies.Sort();
        double P(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        Console.WriteLine($"Kill switch, {what}: n={latencies.Count}, p50={P(0.50):F3} ms, p95={P(0.95):F3} ms, p99={P(0.99):F3} ms, max={latencies[^1]:F3} ms");
    }
}
