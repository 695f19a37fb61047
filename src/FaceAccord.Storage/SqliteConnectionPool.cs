using System.Globalization;
using FaceAccord.Core;
using Microsoft.Data.Sqlite;

namespace FaceAccord.Storage;

/// <summary>
/// Open connections to one database file, each configured once with the pragmas the store's guarantees rest
/// on (WAL, full fsync, foreign keys, secure delete, busy wait), and reused so callers never pay to open one.
/// </summary>
internal sealed class SqliteConnectionPool : IDisposable
{
    /// <summary>How long a statement waits for another process's lock before failing.</summary>
    public const int BusyTimeoutMilliseconds = 10_000;

    private const int MaxIdle = 16;

    private readonly string _connectionString;
    private readonly string _databasePath;
    private readonly Stack<SqliteConnection> _idle = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    public SqliteConnectionPool(string databasePath)
    {
        _databasePath = databasePath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false, // this class is the pool; closing must really close so disposal frees the file
        }.ToString();
    }

    public ConnectionLease Rent()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idle.TryPop(out SqliteConnection? idle))
            {
                return new ConnectionLease(this, idle);
            }
        }

        return new ConnectionLease(this, OpenConfigured());
    }

    public void Return(SqliteConnection connection)
    {
        if (connection.State == System.Data.ConnectionState.Open)
        {
            lock (_gate)
            {
                if (!_disposed && _idle.Count < MaxIdle)
                {
                    _idle.Push(connection);
                    return;
                }
            }
        }

        connection.Dispose();
    }

    public void Dispose()
    {
        SqliteConnection[] idle;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }

        foreach (SqliteConnection connection in idle)
        {
            connection.Dispose();
        }
    }

    private SqliteConnection OpenConfigured()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};"));

            // WAL lets readers run beside the writer; the mode is stored in the file, so this is a no-op after the first time.
            using (SqliteCommand wal = SqliteCommands.Create(connection, null, "PRAGMA journal_mode = WAL;"))
            {
                string? mode = wal.ExecuteScalar() as string;
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw FaceAccordException.Environment(
                        "store-wal-unavailable",
                        $"The store at {_databasePath} cannot use write-ahead logging (journal mode is '{mode}'); put it on a local file system.");
                }
            }

            // FULL: a commit is fsynced before it returns, so an acknowledged write survives kill -9 and power loss.
            // secure_delete: erased faces and images are overwritten with zeros, not merely unlinked.
            Execute(connection, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = SqliteCommands.Create(connection, null, sql);
        command.ExecuteNonQuery();
    }
}
