namespace FaceAccord.Storage;

/// <summary>
/// Makes a store change and its audit entry one transaction. <see cref="Begin"/> opens a unit of work on the calling
/// flow (thread or async flow): every store call made on that flow until the unit is disposed joins one transaction,
/// the audit append included, which reads the chain's head and extends it inside that transaction. A backend may
/// begin the transaction lazily at the first write, so work done before it (embedding a face) holds no lock.
/// Committed whole by <see cref="IStoreTransaction.Commit"/>, rolled back whole when disposed without it.
/// A <see cref="Begin"/> inside an open unit joins it: only the outermost commit commits, and an inner unit disposed
/// without committing dooms the whole.
/// </summary>
public interface IUnitOfWork
{
    IStoreTransaction Begin();
}

/// <summary>One unit of work; dispose it (using) so an exception rolls everything back.</summary>
public interface IStoreTransaction : IDisposable
{
    void Commit();

    /// <summary>Runs <paramref name="action"/> once the outermost unit has committed; never after a rollback.</summary>
    void AfterCommit(Action action);
}
