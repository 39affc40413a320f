using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace StarSync.Bench;

/// <summary>
/// The real StarSync app (its own <c>Program</c>, so its exact composition) run inside this process on Kestrel on a
/// free 127.0.0.1 port. The host is caught as it is built (the hosting diagnostic event the test host factory also
/// listens to), so it can be stopped cleanly.
/// </summary>
public sealed class InProcessApp : IAsyncDisposable
{
    private readonly Task _run;
    private readonly IHost _host;

    private InProcessApp(Task run, IHost host, Uri baseAddress)
    {
        _run = run;
        _host = host;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts the app with <paramref name="arguments"/> (command-line configuration) and waits until it listens.</summary>
    public static async Task<InProcessApp> StartAsync(IReadOnlyList<string> arguments)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        // The app's assembly name, so the static web assets manifest of StarSync.Web is found (not one named after the bench).
        string[] args = [.. arguments, $"--urls={baseAddress}", $"--applicationName={typeof(Program).Assembly.GetName().Name}"];

        var built = new TaskCompletionSource<IHost>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new HostObserver(built));
        var entry = typeof(Program).Assembly.EntryPoint ?? throw new InvalidOperationException("StarSync.Web has no entry point.");
        var run = Task.Factory.StartNew(
            () =>
            {
                var exit = entry.Invoke(null, [args]);
                var code = exit is Task<int> task ? task.GetAwaiter().GetResult() : exit as int? ?? 0;
                if (code != 0)
                {
                    throw new InvalidOperationException($"The app exited with code {code}.");
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        var first = await Task.WhenAny(built.Task, run, Task.Delay(TimeSpan.FromMinutes(2)));
        if (first != built.Task)
        {
            await run.WaitAsync(TimeSpan.FromSeconds(1));
            throw new TimeoutException("The app was not built within 2 minutes.");
        }

        var host = await built.Task;
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            if (await Task.WhenAny(started.Task, run, Task.Delay(TimeSpan.FromMinutes(2))) != started.Task)
            {
                await run.WaitAsync(TimeSpan.FromSeconds(1));
                throw new TimeoutException("The app did not start within 2 minutes.");
            }
        }

        return new InProcessApp(run, host, baseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        _host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await _run.WaitAsync(TimeSpan.FromMinutes(1));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class HostObserver(TaskCompletionSource<IHost> built) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "Microsoft.Extensions.Hosting")
            {
                value.Subscribe(this);
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value is { Key: "HostBuilt", Value: IHost host })
            {
                built.TrySetResult(host);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
