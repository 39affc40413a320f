using Microsoft.Extensions.Diagnostics.HealthChecks;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Storage.Lite;

namespace StarSync.Web.Hosting;

/// <summary>Ready = the store answers and the ephemeris computes a position.</summary>
internal sealed class StoreReadinessCheck(LiteStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.Ping() ? HealthCheckResult.Healthy("LiteDB answers.") : HealthCheckResult.Unhealthy("LiteDB does not answer."));
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
