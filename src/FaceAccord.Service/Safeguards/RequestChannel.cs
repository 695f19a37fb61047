namespace FaceAccord.Service.Safeguards;

/// <summary>
/// A front end's conventions for the one audit entry each operation seals: its name (<c>http</c>, <c>cli</c>,
/// <c>system</c>) and the status a caller gets for an outcome or an error (an HTTP status, or an exit code), so the
/// entry records what the caller actually got. <see cref="Sealed"/> tells the front end its request has its entry.
/// </summary>
public abstract class RequestChannel
{
    public abstract string Name { get; }

    public abstract int StatusOf(OperationOutcome outcome);

    public abstract int StatusOf(Exception error);

    /// <summary>Called once the operation's entry is written (committed with its change, or after its rollback).</summary>
    public virtual void Sealed()
    {
    }
}
