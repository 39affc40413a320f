using StarSync.Engine.Astrology.Ephemeris;

namespace StarSync.Web.Hosting;

/// <summary>
/// What the app chose at start-up from its environment: everything unset means the embedded defaults.
/// Variable names are those of the original service (PORT) plus StarSync's own (STARSYNC_DATA_DIR, SE_EPHE_PATH).
/// </summary>
public sealed record HostingSettings(string DataFolder, string? ListenUrls, string EphemerisFolder)
{
    public const int DefaultPort = 5000;

    public static HostingSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var dataFolder = Path.GetFullPath(configuration["STARSYNC_DATA_DIR"] is { Length: > 0 } dir ? dir : "data");
        var ephemeris = configuration["SE_EPHE_PATH"] is { Length: > 0 } ephe ? ephe : EphemerisOptions.DebianDataFolder;

        // ASPNETCORE_URLS (or --urls) wins; otherwise PORT on every interface, 5000 by default.
        string? urls = null;
        if (string.IsNullOrEmpty(configuration["urls"]))
        {
            var port = configuration["PORT"] is { Length: > 0 } p && int.TryParse(p, out var n) && n is > 0 and < 65536 ? n : DefaultPort;
            urls = $"http://0.0.0.0:{port}";
        }

        return new HostingSettings(dataFolder, urls, ephemeris);
    }
}
