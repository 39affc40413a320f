using LiteDB;

namespace StarSync.Engine.Storage.Lite;

/// <summary>
/// The embedded LiteDB database: one Direct-mode <see cref="LiteDatabase"/> per file per process (a second
/// instance on the same file would corrupt it), so register this as a singleton. It maps documents with its own
/// <see cref="BsonMapper"/>, never the process-wide <see cref="BsonMapper.Global"/>.
/// </summary>
public sealed class LiteStore : IDisposable
{
    public const string FileName = "starsync.db";

    /// <summary>LiteDB's automatic checkpoint threshold, in 8 KiB log pages (its default is 1,000).</summary>
    public const int CheckpointPages = 10_000;

    public LiteStore(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        FilePath = Path.GetFullPath(Path.Combine(dataFolder, FileName));
        Database = new LiteDatabase(new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct }, LiteDocuments.CreateMapper());
        LedgerState = new LiteLedgerState(Database.Collation);
        // LiteDB copies its log into the data file once the log holds this many 8 KiB pages, under its exclusive lock,
        // and then empties its page cache, so every page is read from the file again. At its default of 1,000 pages that
        // happened every ~70 postings of one writer and cost a quarter of the ledger's posting rate; at 10,000 (a log of
        // at most ~80 MiB) one writer posted ~2,000–2,250 a second instead of ~1,500–1,650 (back-to-back runs of
        // StarSync.Bench ledger), at the price of a longer pause (~0.1 s) for the writers caught by each checkpoint.
        // The setting is stored in the file; LiteBackup pauses and restores it.
        Database.CheckpointSize = CheckpointPages;
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>The database (thread-safe in Direct mode).</summary>
    public LiteDatabase Database { get; }

    /// <summary>What every <see cref="LiteLedgerStore"/> over this database shares: the posting lock and the committed balances.</summary>
    internal LiteLedgerState LedgerState { get; }

    /// <summary>Whether the store answers a read: a round trip through the engine's locks and pages.</summary>
    public bool Ping()
    {
        try
        {
            _ = Database.GetCollectionNames().Count();
            return true;
        }
        catch (LiteException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose() => Database.Dispose();
}
