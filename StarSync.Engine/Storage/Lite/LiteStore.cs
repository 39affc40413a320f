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

    public LiteStore(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        FilePath = Path.GetFullPath(Path.Combine(dataFolder, FileName));
        Database = new LiteDatabase(new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct }, LiteDocuments.CreateMapper());
        LedgerState = new LiteLedgerState(Database.Collation);
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
