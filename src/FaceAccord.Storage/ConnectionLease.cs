using Microsoft.Data.Sqlite;

namespace FaceAccord.Storage;

/// <summary>A connection borrowed from the pool for one operation; disposing it gives the connection back.</summary>
internal readonly struct ConnectionLease : IDisposable
{
    private readonly SqliteConnectionPool _pool;

    public ConnectionLease(SqliteConnectionPool pool, SqliteConnection connection)
    {
        _pool = pool;
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    public void Dispose() => _pool.Return(Connection);
}
