using StarSync.Web.Hosting;

namespace StarSync.Web.Assets;

/// <summary>Chooses the asset store: Cloudinary when CLOUDINARY_URL is set, else files in the data folder.</summary>
public static class AssetSetup
{
    /// <exception cref="InvalidOperationException">CLOUDINARY_URL is set but malformed.</exception>
    public static IServiceCollection AddStarSyncAssets(this IServiceCollection services, IConfiguration configuration, HostingSettings hosting)
    {
        services.AddSingleton<ProfileImageProcessor>();
        services.AddSingleton<AvatarService>();
        if (configuration["CLOUDINARY_URL"] is { Length: > 0 } url)
        {
            var account = CloudinaryAccount.Parse(url);
            var apiBase = configuration["CLOUDINARY_API_BASE"] is { Length: > 0 } custom ? new Uri(custom) : CloudinaryAssetStore.DefaultApiBase;
            // One long-lived client whose pooled connections are renewed, so DNS changes are picked up (the
            // recommended shape for a singleton HttpClient).
            services.AddSingleton<IAssetStore>(provider => new CloudinaryAssetStore(
                new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { BaseAddress = apiBase, Timeout = TimeSpan.FromSeconds(30) },
                account,
                provider.GetRequiredService<TimeProvider>()));
        }
        else
        {
            services.AddSingleton<IAssetStore>(new LocalAssetStore(hosting.DataFolder));
        }

        return services;
    }
}
