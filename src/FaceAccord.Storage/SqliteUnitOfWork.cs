using Microsoft.Data.Sqlite;

namespace FaceAccord.Storage;

/// <summary>
/// The SQLite unit of work: one connection and one IMMEDIATE transaction, begun at the first write so that work done
/// before it (reads, embedding a face) holds no lock, and held with the store's write gate until commit or rollback.
/// Actions registered with <see cref="AfterCommit"/> (emptying the log after an erasure) run once the commit is durable.
/// </summary>
internal sealed class SqliteUnitOfWork(SqliteConnectionPool pool, SemaphoreSlim writeGate, Action onClosed) : IStoreTransaction
{
    private readonly List<Action> _afterCommit = [];
    private ConnectionLease? _lease;
    private SqliteTransaction? _transaction;
    private bool _doomed;
    private bool _closed;

    /// <summary>The connection and transaction once the unit has written; null before.</summary>
    public (SqliteConnection Connection, SqliteTransaction Transaction)? Current =>
        _transaction is { } t ? (_lease!.Value.Connection, t) : null;

    /// <summary>The transaction writes join, begun now if this is the unit's first write.</summary>
    public (SqliteConnection Connection, SqliteTransaction Transaction) Writer()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_transaction is null)
        {
            writeGate.Wait();
            try
            {
                _lease = pool.Rent();
                _transaction = _lease.Value.Connection.BeginTransaction();
            }
            catch
            {
                _lease?.Dispose();
                _lease = null;
                writeGate.Release();
                throw;
            }
        }

        return (_lease!.Value.Connection, _transaction);
    }

    public void AfterCommit(Action action) => _afterCommit.Add(action);

    /// <summary>A unit begun inside this one: its commit is the outer one's to make, its failure dooms the whole.</summary>
    public IStoreTransaction Join()
    {
        return new Nested(this);
    }

    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_doomed)
        {
            throw new InvalidOperationException("A unit of work joined by this one failed; it cannot commit.");
        }

        _transaction?.Commit();
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
            // Not committed: roll back whatever was written.
            _transaction?.Rollback();
            Close();
        }
    }

    private void Close()
    {
        _closed = true;
        _transaction?.Dispose();
        bool wrote = _lease is not null;
        _lease?.Dispose();
        _lease = null;
        _transaction = null;
        if (wrote)
        {
            writeGate.Release();
        }

        onClosed();
    }

    private sealed class Nested(SqliteUnitOfWork outer) : IStoreTransaction
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
