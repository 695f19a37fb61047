namespace FaceAccord.Search;

/// <summary>
/// The reader-writer lock and disposed flag every index wraps its entry points in: one <c>using</c> line per call
/// instead of a try/finally and a disposed check repeated in each index.
/// </summary>
// The lock outlives Close on purpose: a call racing with Dispose gets ObjectDisposedException, not a disposed lock.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The lock is never disposed; see above.")]
internal sealed class IndexLock(object owner)
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private bool _closed;

    /// <summary>Shared access; throws <see cref="ObjectDisposedException"/> once the owner is disposed.</summary>
    public Scope Read() => Enter(write: false);

    /// <summary>A value read under shared access.</summary>
    public T Read<T>(Func<T> read)
    {
        using var held = Read();
        return read();
    }

    /// <summary>Exclusive access; throws <see cref="ObjectDisposedException"/> once the owner is disposed.</summary>
    public Scope Write() => Enter(write: true);

    /// <summary>A change made under exclusive access.</summary>
    public T Write<T>(Func<T> write)
    {
        using var held = Write();
        return write();
    }

    /// <summary>Marks the owner disposed; true only the first time, when the owner releases what it holds.</summary>
    public bool Close()
    {
        _lock.EnterWriteLock();
        try
        {
            bool first = !_closed;
            _closed = true;
            return first;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private Scope Enter(bool write)
    {
        if (write)
        {
            _lock.EnterWriteLock();
        }
        else
        {
            _lock.EnterReadLock();
        }

        var scope = new Scope(_lock, write);
        if (_closed)
        {
            scope.Dispose();
            throw new ObjectDisposedException(owner.GetType().FullName);
        }

        return scope;
    }

    /// <summary>A held lock, released by <see cref="Dispose"/>; a struct, so taking it allocates nothing.</summary>
    public readonly struct Scope(ReaderWriterLockSlim held, bool write) : IDisposable
    {
        public void Dispose()
        {
            if (write)
            {
                held.ExitWriteLock();
            }
            else
            {
                held.ExitReadLock();
            }
        }
    }
}
