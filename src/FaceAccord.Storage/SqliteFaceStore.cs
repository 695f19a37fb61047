using FaceAccord.Core;
using FaceAccord.Storage.Encryption;
using Microsoft.Data.Sqlite;

namespace FaceAccord.Storage;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with full fsync, so a single-machine deployment needs no
/// database server yet loses no acknowledged write to a crash and leaves no erased face readable on disk.
/// Safe for concurrent callers: readers run in parallel, writers are serialised in process and across processes.
/// </summary>
public sealed partial class SqliteFaceStore : IFaceAccordStore
{
    private readonly SqliteConnectionPool _pool;
    private readonly TimeProvider _time;

    // SQLite admits one writer at a time anyway; queueing here avoids busy-retry spins between our own threads. A
    // semaphore, not a lock: a unit of work holds it from its first write to its commit, across calls.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    // The unit of work open on the calling flow, which every store call on that flow joins.
    private readonly AsyncLocal<SqliteUnitOfWork?> _unit = new();

    // The keys rows are sealed and opened with; replaced whole when a rotation adopts a new key.
    private DataKeyRing _keys;

    private SqliteFaceStore(string databasePath, SqliteConnectionPool pool, TimeProvider time, int schemaVersion, DataKeyRing keys)
    {
        DatabasePath = databasePath;
        _pool = pool;
        _time = time;
        SchemaVersion = schemaVersion;
        _keys = keys;
    }

    /// <summary>The schema version this code creates and understands.</summary>
    public static int LatestSchemaVersion => SchemaMigrations.Latest;

    /// <summary>Full path of the database file (its <c>-wal</c> and <c>-shm</c> companions sit beside it).</summary>
    public string DatabasePath { get; }

    /// <summary>The schema version of the open database (always <see cref="LatestSchemaVersion"/> after a successful open).</summary>
    public int SchemaVersion { get; }

    /// <summary>
    /// Opens (creating when absent, owner-only on Unix) the database at <paramref name="databasePath"/> and applies
    /// pending migrations. Throws FaceAccordException (Environment) with code <c>store-too-new</c> for a database of
    /// a newer FaceAccord, <c>store-migration-failed</c> when a migration fails, <c>store-unavailable</c> when the
    /// file cannot be opened.
    /// </summary>
    public static SqliteFaceStore Open(string databasePath, TimeProvider? timeProvider = null) =>
        Open(databasePath, DataKeySource.For(databasePath ?? throw new ArgumentNullException(nameof(databasePath))), timeProvider);

    /// <summary>
    /// Opens the store with the data keys of <paramref name="keys"/>: <c>data-key-missing</c> / <c>data-key-mismatch</c>
    /// (Environment) when they are not the keys the store was sealed with; rows from before encryption are sealed now.
    /// </summary>
    public static SqliteFaceStore Open(string databasePath, DataKeySource keys, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(keys);
        TimeProvider time = timeProvider ?? TimeProvider.System;
        string fullPath = Path.GetFullPath(databasePath);
        SqliteConnectionPool? pool = null;
        try
        {
            CreateOwnerOnlyFile(fullPath);
            pool = new SqliteConnectionPool(fullPath);
            int version;
            DataKeyRing ring;
            using (ConnectionLease lease = pool.Rent())
            {
                version = SchemaMigrator.Migrate(lease.Connection, SchemaMigrations.All, time, fullPath);
                ring = OpenKeys(lease.Connection, keys, fullPath, time);
            }

            var store = new SqliteFaceStore(fullPath, pool, time, version, ring);
            pool = null;

            // Rows written before encryption existed (no key id) are sealed before anyone reads them.
            while (store.HasUnsealedRows() && store.SealPending(500) > 0)
            {
            }

            return store;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw FaceAccordException.Environment("store-unavailable", $"The store at {fullPath} cannot be opened: {ex.Message}", ex);
        }
        finally
        {
            pool?.Dispose();
        }
    }

    /// <summary>
    /// Copies the write-ahead log into the database and truncates it, waiting for readers; afterwards erased rows
    /// exist nowhere on disk. False when a reader kept it from completing.
    /// </summary>
    public bool Checkpoint()
    {
        _writeGate.Wait();
        try
        {
            using ConnectionLease lease = _pool.Rent();
            return RunTruncatingCheckpoint(lease.Connection);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public IStoreTransaction Begin()
    {
        if (_unit.Value is { } open)
        {
            return open.Join();
        }

        var unit = new SqliteUnitOfWork(_pool, _writeGate, () => _unit.Value = null);
        _unit.Value = unit;
        return unit;
    }

    public void Dispose()
    {
        _pool.Dispose();
        _writeGate.Dispose();
    }

    /// <summary>Reads back the pragmas of <paramref name="connections"/> pooled connections, all held at once so each is distinct.</summary>
    internal List<ConnectionSettings> ReadConnectionSettings(int connections)
    {
        var leases = new List<ConnectionLease>();
        try
        {
            var settings = new List<ConnectionSettings>();
            for (int i = 0; i < connections; i++)
            {
                leases.Add(_pool.Rent());
                using SqliteCommand select = SqliteCommands.Create(
                    leases[i].Connection,
                    null,
                    "SELECT (SELECT journal_mode FROM pragma_journal_mode), (SELECT synchronous FROM pragma_synchronous), "
                    + "(SELECT foreign_keys FROM pragma_foreign_keys), (SELECT secure_delete FROM pragma_secure_delete), "
                    + "(SELECT timeout FROM pragma_busy_timeout);");
                using SqliteDataReader reader = select.ExecuteReader();
                reader.Read();
                settings.Add(new ConnectionSettings(
                    reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2) != 0, reader.GetInt64(3) != 0, reader.GetInt32(4)));
            }

            return settings;
        }
        finally
        {
            foreach (ConnectionLease lease in leases)
            {
                lease.Dispose();
            }
        }
    }

    private static void CreateOwnerOnlyFile(string fullPath)
    {
        string? directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        if (File.Exists(fullPath))
        {
            return;
        }

        // Created here rather than by SQLite so the file, and the -wal/-shm files SQLite gives the same mode, start 0600.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var created = new FileStream(fullPath, options);
        }
        catch (IOException) when (File.Exists(fullPath))
        {
            // Another process created it first; SQLite opens it either way.
        }
    }

    private static bool RunTruncatingCheckpoint(SqliteConnection connection)
    {
        using SqliteCommand command = SqliteCommands.Create(connection, null, "PRAGMA wal_checkpoint(TRUNCATE);");
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() && reader.GetInt32(0) == 0;
    }

    /// <summary>
    /// After an erasure, pushes the zeroed pages into the database and empties the log, without waiting: with a
    /// reader active it does what it can and the next checkpoint finishes the job.
    /// </summary>
    private void EraseFromLog()
    {
        // Inside a unit of work the rows are gone only once it commits; the log is emptied then.
        if (_unit.Value is { } unit)
        {
            unit.AfterCommit(EraseFromLogNow);
            return;
        }

        EraseFromLogNow();
    }

    private void EraseFromLogNow()
    {
        using ConnectionLease lease = _pool.Rent();
        SqliteConnection connection = lease.Connection;
        using (SqliteCommand noWait = SqliteCommands.Create(connection, null, "PRAGMA busy_timeout = 0;"))
        {
            noWait.ExecuteNonQuery();
        }

        try
        {
            RunTruncatingCheckpoint(connection);
        }
        catch (SqliteException)
        {
            // The delete itself is committed; a checkpoint that fails now is redone by the next one, so the caller hears success.
        }
        finally
        {
            using SqliteCommand restore = SqliteCommands.Create(
                connection,
                null,
                $"PRAGMA busy_timeout = {SqliteConnectionPool.BusyTimeoutMilliseconds};");
            restore.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the open unit of work, or else in one IMMEDIATE transaction of its own:
    /// committed whole, or rolled back on any exception.
    /// </summary>
    private T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        if (_unit.Value is { } unit)
        {
            var (connection, transaction) = unit.Writer();
            return work(connection, transaction);
        }

        _writeGate.Wait();
        try
        {
            using ConnectionLease lease = _pool.Rent();
            using SqliteTransaction transaction = lease.Connection.BeginTransaction();
            T result = work(lease.Connection, transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Reads on the open unit of work's transaction once it has written (so it sees its own writes), else on a pooled connection.</summary>
    private T Read<T>(Func<SqliteConnection, SqliteTransaction?, T> work)
    {
        if (_unit.Value?.Current is { } joined)
        {
            return work(joined.Connection, joined.Transaction);
        }

        using ConnectionLease lease = _pool.Rent();
        return work(lease.Connection, null);
    }
}
