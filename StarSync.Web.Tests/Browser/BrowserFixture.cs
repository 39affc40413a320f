using Microsoft.Playwright;
using StarSync.Web.Tests.Infrastructure;

namespace StarSync.Web.Tests.Browser;

/// <summary>
/// One real app (Kestrel on a free loopback port, its own data folder) and one headless Debian chromium for all the
/// browser tests. Each test opens its own browser context, so cookies and viewport never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Generous: the first page load compiles and warms the app on a slow CI machine.</summary>
    public const float TimeoutMs = 30_000;

    private IPlaywright? _playwright;

    public StarSyncAppFactory App { get; } = new()
    {
        // A short presence grace so a closed astrologer tab is seen going offline within a test's wait.
        Settings = { ["Presence:GraceSeconds"] = PresenceGraceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    public const int PresenceGraceSeconds = 4;

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        BaseAddress = App.StartKestrel();
        _playwright = await Playwright.CreateAsync();
        var arguments = new List<string>
        {
            // Keep chromium off the network: it otherwise keeps resolving update hosts on a closed machine.
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            "--disable-background-networking",
            "--disable-component-update",
        };
        if (Environment.UserName == "root")
        {
            arguments.Add("--no-sandbox");
        }

        // Assertions wait as long as actions do: on a loaded two-core machine a render can take more than the 5 s default.
        Assertions.SetDefaultExpectTimeout(TimeoutMs);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = arguments,
        });
    }

    /// <summary>A fresh page in its own context at the given viewport, with the app's address as base URL.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900, string? colorScheme = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = 1,
            IsMobile = width < 600,
            HasTouch = width < 600,
            ColorScheme = colorScheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(TimeoutMs);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
