using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Lite;
using StarSync.Web.Hosting;

namespace StarSync.Web.Backups;

/// <summary>Where backups go, how many are kept, and how often one is taken on its own.</summary>
public sealed class BackupOptions
{
    /// <summary>The backup folder; relative paths are under the data folder. Default: <c>backups</c>.</summary>
    public string Folder { get; set; } = "backups";

    /// <summary>How many backups are kept; older ones are deleted after a new one is written. Default 14.</summary>
    public int Keep { get; set; } = 14;

    /// <summary>How often a backup is taken without anyone asking; zero switches that off. Default daily.</summary>
    public TimeSpan Every { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>A backup as listed to admins.</summary>
public sealed record BackupSummary(string Name, long Bytes, DateTimeOffset TakenAt);

/// <summary>
/// Online backups of the embedded database (see <see cref="LiteBackup"/>), from the admin portal, the API and a
/// daily schedule. On MongoDB the database's own tools do this job (README, "Backups").
/// </summary>
public sealed partial class DatabaseBackups(StorageSetup storage, HostingSettings hosting, IOptions<BackupOptions> options, IAuditLog audit, TimeProvider clock, ILogger<DatabaseBackups> logger)
{
    /// <summary>Whether this app can take backups itself (it runs on the embedded database).</summary>
    public bool Supported => storage.Lite is not null;

    /// <summary>The backup folder.</summary>
    public string Folder { get; } = Path.GetFullPath(Path.Combine(hosting.DataFolder, options.Value.Folder));

    /// <summary>Takes a backup now, then deletes the ones beyond the number kept.</summary>
    /// <exception cref="InvalidOperationException">The app runs on MongoDB.</exception>
    public async Task<LiteBackupFile> CreateAsync(string actor, CancellationToken cancellationToken = default)
    {
        var lite = storage.Lite ?? throw new InvalidOperationException("Backups of MongoDB are taken with mongodump or the hosting service's snapshots.");
        // The copy is synchronous file work: off the request thread.
        var backup = await Task.Run(() => new LiteBackup(lite).Create(Folder, clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Backup {Path} written ({Bytes} bytes).", backup.Path, backup.Bytes);
        await audit.AppendAsync(new NewAuditEntry("backup.created", actor, Detail: $"{Path.GetFileName(backup.Path)}, {backup.Bytes} bytes, {backup.Documents.GetValueOrDefault("ledgerEntries")} ledger entries"), cancellationToken).ConfigureAwait(false);
        foreach (var old in LiteBackup.List(Folder).Skip(Math.Max(1, options.Value.Keep)))
        {
            old.Delete();
        }

        return backup;
    }

    /// <summary>The backups kept, newest first.</summary>
    public IReadOnlyList<BackupSummary> List() =>
        LiteBackup.List(Folder).Select(f => new BackupSummary(f.Name, f.Length, new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero))).ToList();

    /// <summary>The file of the backup called <paramref name="name"/>, or null when there is none by that exact name.</summary>
    public string? Find(string name)
    {
        if (name is null || !BackupName().IsMatch(name))
        {
            return null;
        }

        var path = Path.Combine(Folder, name);
        return File.Exists(path) ? path : null;
    }

    [GeneratedRegex("^starsync-[0-9]{8}T[0-9]{9}Z\\.db$", RegexOptions.CultureInvariant)]
    private static partial Regex BackupName();
}

/// <summary>Takes a backup every <see cref="BackupOptions.Every"/> while the app runs on the embedded database.</summary>
public sealed class ScheduledBackups(DatabaseBackups backups, IOptions<BackupOptions> options, TimeProvider clock, ILogger<ScheduledBackups> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.Every;
        if (!backups.Supported || every <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await backups.CreateAsync("system", stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or LiteDB.LiteException)
            {
                logger.LogError(e, "The scheduled backup failed.");
            }
        }
    }
}
