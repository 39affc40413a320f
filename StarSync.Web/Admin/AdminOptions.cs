namespace StarSync.Web.Admin;

/// <summary>Admin settings (section "Admin").</summary>
public sealed class AdminOptions
{
    /// <summary>How long an astrologer's invitation link stays valid (default 72 hours).</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromHours(72);

    /// <summary>How often a node re-reads the platform settings another node may have saved.</summary>
    public TimeSpan SettingsRefresh { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Registers the admin services.</summary>
public static class AdminSetup
{
    public static IServiceCollection AddStarSyncAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection("Admin"))
            .Validate(o => o.InvitationLifetime > TimeSpan.Zero && o.InvitationLifetime <= TimeSpan.FromDays(30), "Admin:InvitationLifetime must be between 0 and 30 days.")
            .ValidateOnStart();
        services.AddSingleton<Invitations>();
        services.AddSingleton<AstrologerAdmin>();
        services.AddSingleton<UserAdmin>();
        services.AddSingleton<PlatformSettingsService>();
        services.AddHostedService(sp => sp.GetRequiredService<PlatformSettingsService>());
        // Top-up limits and the tax line come from the platform settings from now on.
        services.AddSingleton<Payments.TopUpTerms, PlatformTopUpTerms>();
        services.AddSingleton<SystemHealth>();
        return services;
    }
}
