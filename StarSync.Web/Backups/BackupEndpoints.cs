using StarSync.Web.Auth;

namespace StarSync.Web.Backups;

/// <summary>The admin backup API: list, take and download backups of the embedded database.</summary>
public static class BackupEndpoints
{
    public sealed record BackupCreated(string Name, long Bytes, DateTimeOffset TakenAt, IReadOnlyDictionary<string, long> Documents);

    public static IEndpointRouteBuilder MapBackupEndpoints(this IEndpointRouteBuilder routes)
    {
        var backups = routes.MapGroup("/api/v1/admin/backups").WithTags("Admin").RequireAuthorization(Policies.Admin);
        backups.MapGet("", (DatabaseBackups service) => service.Supported ? Results.Ok(service.List()) : MongoAnswer())
            .WithSummary("The backups kept, newest first.")
            .Produces<IReadOnlyList<BackupSummary>>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        backups.MapPost("", CreateAsync)
            .WithSummary("Take a consistent backup of the embedded database now, while the app keeps running.")
            .Produces<BackupCreated>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);
        backups.MapGet("/{name}", (string name, DatabaseBackups service) =>
                service.Find(name) is { } path ? Results.File(path, "application/octet-stream", name) : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No backup by that name."))
            .WithSummary("Download one backup file.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> CreateAsync(DatabaseBackups service, HttpContext context, CancellationToken cancellationToken)
    {
        if (!service.Supported)
        {
            return MongoAnswer();
        }

        var actor = StarSyncClaims.AccountIdOf(context.User) ?? "unknown";
        var backup = await service.CreateAsync(actor, cancellationToken);
        var name = Path.GetFileName(backup.Path);
        return Results.Created($"/api/v1/admin/backups/{name}", new BackupCreated(name, backup.Bytes, backup.TakenAt, backup.Documents));
    }

    private static IResult MongoAnswer() => Results.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "This app runs on MongoDB.",
        detail: "Back MongoDB up with mongodump (or the hosting service's snapshots); see the README, \"Backups\".");
}
