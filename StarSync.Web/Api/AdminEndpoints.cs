using System.Diagnostics;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Web.Auth;
using StarSync.Web.Hosting;

namespace StarSync.Web.Api;

public sealed record AdminHealthResponse(
    string Status,
    StoreHealth Store,
    EphemerisHealth Ephemeris,
    long UptimeSeconds,
    int LiveCircuits,
    int SignedInSessions,
    long WorkingSetBytes);

public sealed record StoreHealth(string Kind, bool Reachable, double LatencyMs);

public sealed record EphemerisHealth(string Version, string DataFolder, bool Computes);

/// <summary>Admin-only API. The admin portal issue extends it; health exists from the accounts issue on.</summary>
public static class AdminEndpoints
{
    // The process start, not this class's first use (a static field initialiser may run lazily).
    private static readonly DateTimeOffset Started = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);
        admin.MapGet("/health", HealthAsync)
            .WithSummary("Store and ephemeris status, uptime, live circuits and signed-in sessions on this node.")
            .Produces<AdminHealthResponse>();
        return routes;
    }

    private static async Task<IResult> HealthAsync(StorageSetup storage, SwissEphemeris ephemeris, SessionCircuitRegistry circuits, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var reachable = await storage.Ping(cancellationToken);
        var latency = clock.Elapsed.TotalMilliseconds;
        bool computes;
        try
        {
            await ephemeris.RunAsync(c => c.Tropical(2451545.0, SwissEphemeris.Body.Sun)).WaitAsync(cancellationToken);
            computes = true;
        }
        catch (EphemerisCalculationException)
        {
            computes = false;
        }

        return Results.Ok(new AdminHealthResponse(
            reachable && computes ? "healthy" : "unhealthy",
            new StoreHealth(storage.Description.StartsWith("MongoDB", StringComparison.Ordinal) ? "mongodb" : "litedb", reachable, Math.Round(latency, 3)),
            new EphemerisHealth(ephemeris.Version, ephemeris.DataFolder, computes),
            (long)(DateTimeOffset.UtcNow - Started).TotalSeconds,
            circuits.CircuitCount,
            circuits.SessionCount,
            Environment.WorkingSet));
    }
}
