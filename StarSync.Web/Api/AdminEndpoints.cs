using StarSync.Web.Admin;
using StarSync.Web.Auth;

namespace StarSync.Web.Api;

/// <summary>Admin-only API: health here; astrologers, users, settings and the audit log in <see cref="AdminPortalEndpoints"/>.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);
        admin.MapGet("/health", HealthAsync)
            .WithSummary("Store, ephemeris, ledger check, payments in the last 24 h, circuits and sign-ins on this node, memory, CPU and uptime.")
            .Produces<AdminHealthResponse>();
        routes.MapAdminPortalEndpoints();
        return routes;
    }

    private static async Task<IResult> HealthAsync(SystemHealth health, CancellationToken cancellationToken) =>
        Results.Ok(await health.CheckAsync(cancellationToken));
}
