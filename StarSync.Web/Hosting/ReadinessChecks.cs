using Microsoft.Extensions.Diagnostics.HealthChecks;
using StarSync.Engine.Astrology.Ephemeris;

namespace StarSync.Web.Hosting;

/// <summary>Ready = the store answers and the ephemeris computes a position.</summary>
internal sealed class StoreReadinessCheck(StorageSetup storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await storage.Ping(cancellationToken)
            ? HealthCheckResult.Healthy($"{storage.Description} answers.")
            : HealthCheckResult.Unhealthy($"{storage.Description} does not answer.");
}

internal sealed class EphemerisReadinessCheck(SwissEphemeris ephemeris) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // J2000: a cheap calculation that needs the data files.
            var sun = await ephemeris.RunAsync(c => c.Tropical(2451545.0, SwissEphemeris.Body.Sun)).WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Swiss Ephemeris {ephemeris.Version}, Sun at J2000 {sun.Longitude:F2}°.");
        }
        catch (EphemerisCalculationException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
