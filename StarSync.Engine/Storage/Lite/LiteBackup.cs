using System.Globalization;
using LiteDB;

namespace StarSync.Engine.Storage.Lite;

/// <summary>A backup file written by <see cref="LiteBackup"/>.</summary>
/// <param name="Path">The backup's full path.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="TakenAt">The instant the copy reflects (UTC).</param>
/// <param name="Documents">Documents per collection in the copy, counted by opening it.</param>
public sealed record LiteBackupFile(string Path, long Bytes, DateTimeOffset TakenAt, IReadOnlyDictionary<string, long> Documents);

/// <summary>
/// An online backup of the embedded database: a consistent copy taken while the app keeps running.
/// </summary>
/// <remarks>
/// LiteDB 5 writes every committed change to its log file first and copies log pages into the data file only at a
/// checkpoint. So: switch automatic checkpoints off, run one checkpoint (under LiteDB's own exclusive lock, so the data
/// file then holds exactly the committed state — whole transactions, never half of one), and copy the data file while
/// new commits keep landing in the log only. Automatic checkpoints are switched back on afterwards, and in the copy,
/// which is then opened read-back to prove it is a readable database. Writers are never blocked for longer than the
/// one checkpoint.
/// </remarks>
public sealed class LiteBackup(LiteStore store)
{
    /// <summary>Backup file names: <c>starsync-YYYYMMDDTHHMMSSfffZ.db</c>, so they sort by time.</summary>
    public const string FilePrefix = "starsync-";

    // One backup at a time: two would fight over the checkpoint setting.
    private static readonly Lock Gate = new();

    /// <summary>Writes a backup into <paramref name="folder"/> and returns what it holds.</summary>
    public LiteBackupFile Create(string folder, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        var name = FilePrefix + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + ".db";
        var target = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, name));
        var partial = target + ".part";
        int previous;
        lock (Gate)
        {
            previous = store.Database.CheckpointSize;
            store.Database.CheckpointSize = 0;
            try
            {
                store.Database.Checkpoint();
                using var source = new FileStream(store.FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                source.CopyTo(copy);
                copy.Flush(flushToDisk: true);
            }
            finally
            {
                store.Database.CheckpointSize = previous;
            }
        }

        var documents = Finish(partial, previous);
        File.Move(partial, target);
        return new LiteBackupFile(target, new FileInfo(target).Length, now, documents);
    }

    /// <summary>The backups in <paramref name="folder"/>, newest first.</summary>
    public static IReadOnlyList<FileInfo> List(string folder) =>
        Directory.Exists(folder)
            ? new DirectoryInfo(folder).GetFiles(FilePrefix + "*.db").OrderByDescending(f => f.Name, StringComparer.Ordinal).ToList()
            : [];

    // Opens the copy on its own: restores the checkpoint setting it inherited as 0, and counts every collection,
    // which reads every page of every collection's index and fails on a damaged file.
    private static Dictionary<string, long> Finish(string path, int checkpointSize)
    {
        using var copy = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        copy.CheckpointSize = checkpointSize;
        var counts = copy.GetCollectionNames().Order(StringComparer.Ordinal).ToDictionary(n => n, n => (long)copy.GetCollection(n).LongCount(), StringComparer.Ordinal);
        copy.Checkpoint();
        return counts;
    }
}
