using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Lite;
using StarSync.Engine.Storage.Mongo;

namespace StarSync.Web.Hosting;

/// <summary>The store the app runs on: MongoDB when <c>MONGODB_URI</c> is set, else the embedded LiteDB file.</summary>
/// <param name="Description">What was chosen, for the start-up log.</param>
/// <param name="Ping">Whether the store answers (the readiness probe).</param>
public sealed record StorageSetup(StoragePorts Ports, string Description, Func<CancellationToken, Task<bool>> Ping, IDisposable? Owned)
{
    public static async Task<StorageSetup> OpenAsync(IConfiguration configuration, HostingSettings hosting, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(hosting);
        if (configuration["MONGODB_URI"] is { Length: > 0 } uri)
        {
            var mongo = MongoStore.Connect(uri);
            var ports = await MongoStorage.OpenAsync(mongo, clock);
            return new StorageSetup(ports, $"MongoDB database '{mongo.Database.DatabaseNamespace.DatabaseName}' (replica set required)", mongo.PingAsync, null);
        }

        var lite = new LiteStore(hosting.DataFolder);
        return new StorageSetup(LiteStorage.Open(lite, clock), $"LiteDB at {lite.FilePath}", _ => Task.FromResult(lite.Ping()), lite);
    }

    /// <summary>The embedded database, when the app runs on one (null on MongoDB).</summary>
    public LiteStore? Lite => Owned as LiteStore;

    /// <summary>Registers every port as a singleton.</summary>
    public void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(this);
        services.AddSingleton(Ports);
        services.AddSingleton(Ports.Accounts);
        services.AddSingleton(Ports.AccountChanges);
        services.AddSingleton(Ports.RefreshTokens);
        services.AddSingleton(Ports.SingleUseTokens);
        services.AddSingleton(Ports.BirthProfiles);
        services.AddSingleton(Ports.SignInThrottle);
        services.AddSingleton(Ports.AuditLog);
        services.AddSingleton(Ports.TopUps);
        services.AddSingleton(Ports.WebhookEvents);
        services.AddSingleton(Ports.Ledger);
        services.AddSingleton(Ports.Horoscopes);
        services.AddSingleton(Ports.AstrologerProfiles);
        services.AddSingleton(Ports.PlatformSettings);
        services.AddSingleton(Ports.Consultations);
        services.AddSingleton(Ports.ConsultationMessages);
        services.AddSingleton(Ports.Reviews);
        services.AddSingleton(Ports.Reports);
    }
}
