using Npgsql;

namespace FaceAccord.Storage.Postgres;

/// <summary>
/// The PostgreSQL unit of work: one connection and one transaction, begun at the first write (taking the store's
/// write lock then) so that work done before it (reads, embedding a face) holds no lock. Actions registered with
/// <see cref="AfterCommit"/> run once the commit is durable. A connection lost at the commit is <c>store-unavailable</c>
/// (503, not acknowledged), never a raw driver error: the server rolled back, or committed without telling, and the
/// caller was promised nothing either way.
/// </summary>
internal sealed class PostgresUnitOfWork(NpgsqlDataSource source, PostgresLocation location, Action onClosed) : IStoreTransaction
{
    private readonly List<Action> _afterCommit = [];
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;
    private bool _doomed;
    private bool _closed;

    /// <summary>The connection and transaction once the unit has written; null before.</summary>
    public (NpgsqlConnection Connection, NpgsqlTransaction Transaction)? Current =>
        _transaction is { } t ? (_connection!, t) : null;

    /// <summary>The transaction writes join, begun now (with the write lock) if this is the unit's first write.</summary>
    public (NpgsqlConnection Connection, NpgsqlTransaction Transaction) Writer()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_transaction is null)
        {
            try
            {
                _connection = source.OpenConnection();
                _transaction = _connection.BeginTransaction();
                PostgresFaceStore.LockWriters(_connection, _transaction);
            }
            catch
            {
                _transaction?.Dispose();
                _transaction = null;
                _connection?.Dispose();
                _connection = null;
                throw;
            }
        }

        return (_connection!, _transaction);
    }

    public void AfterCommit(Action action) => _afterCommit.Add(action);

    /// <summary>A unit begun inside this one: its commit is the outer one's to make, its failure dooms the whole.</summary>
    public IStoreTransaction Join() => new Nested(this);

    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_doomed)
        {
            throw new InvalidOperationException("A unit of work joined by this one failed; it cannot commit.");
        }

        try
        {
            _transaction?.Commit();
        }
        catch (Exception ex) when (PostgresFaceStore.IsConnectionLoss(ex))
        {
            throw PostgresFaceStore.Unavailable(location, ex);
        }

        Close();
        foreach (Action action in _afterCommit)
        {
            action();
        }
    }

    public void Dispose()
    {
        if (!_closed)
        {
            // Not committed: roll back whatever was written (a broken connection has rolled back already, and a
            // transaction whose commit failed is completed: neither has anything left to undo).
            try
            {
                _transaction?.Rollback();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
            }

            Close();
        }
    }

    private void Close()
    {
        _closed = true;
        _transaction?.Dispose();
        _connection?.Dispose();
        _connection = null;
        _transaction = null;
        onClosed();
    }

    private sealed class Nested(PostgresUnitOfWork outer) : IStoreTransaction
    {
        private bool _committed;

        public void Commit() => _committed = true;

        public void AfterCommit(Action action) => outer.AfterCommit(action);

        public void Dispose()
        {
            if (!_committed)
            {
                outer._doomed = true;
            }
        }
    }
}
