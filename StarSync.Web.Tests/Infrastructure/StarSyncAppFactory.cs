using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StarSync.Web.Tests.Infrastructure;

/// <summary>
/// The real app with its own temporary data folder. In-memory by default; call <see cref="StartKestrel"/> for a
/// real socket (browser tests), then read the address from <see cref="ServerAddress"/>.
/// </summary>
public class StarSyncAppFactory : WebApplicationFactory<Program>
{
    private bool _kestrel;

    /// <summary>Extra configuration for this host (set before the first client is created).</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal)
    {
        // Tests sign in far more often than people do; the limiter gets its own test with a low limit.
        ["Auth:SignInsPerMinutePerAddress"] = "100000",
    };

    /// <summary>The host's recent warnings and errors (for the message of a failing test).</summary>
    public RecentServerLog ServerLog { get; } = new();

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "starsync-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Switches to a real Kestrel server on a free loopback port and starts it.</summary>
    public Uri StartKestrel()
    {
        _kestrel = true;
        UseKestrel(0);
        StartServer();
        return ServerAddress;
    }

    /// <summary>The base address clients use (a real http://127.0.0.1:port after <see cref="StartKestrel"/>).</summary>
    public Uri ServerAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("STARSYNC_DATA_DIR", DataFolder);
        // BCrypt at its cheapest: the production cost (12) is asserted by its own test.
        builder.UseSetting("Auth:BcryptWorkFactor", "4");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        // Set urls so the app does not bind its default port; Kestrel(0) picks a free one.
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseEnvironment(_kestrel ? "Development" : "Testing");
        builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(ServerLog)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a closing handle: the temp folder is cleaned by the OS eventually.
            }
        }
    }
}
