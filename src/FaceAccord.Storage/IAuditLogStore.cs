namespace FaceAccord.Storage;

/// <summary>
/// The storage half of the audit log: append-only rows, one writer at a time. Kept apart from the other
/// store interfaces so the governance layer depends on exactly this, and so the hashing rules stay
/// in one place (the caller's seal) while the store makes reading the head and inserting one atomic step.
/// </summary>
public interface IAuditLogStore
{
    /// <summary>
    /// Appends one entry in one IMMEDIATE transaction (the open unit of work's, when there is one, so the entry commits
    /// with the change it records): reads the chain's head, asks <paramref name="seal"/> for the row that extends it,
    /// and inserts that row, so no other writer (thread or process) can slip in between.
    /// The row must carry the next sequence number and the head's hash as its previous hash.
    /// </summary>
    AuditRow AppendAudit(Func<AuditChainHead, AuditRow> seal);

    /// <summary>The last entry and the highest sequence number ever issued, without locking writers out.</summary>
    AuditChainHead ReadAuditHead();

    /// <summary>
    /// Streams entries in sequence order. A row that cannot be read back (a field of the wrong shape) ends the
    /// stream with FaceAccordException code <c>audit-entry-unreadable</c>.
    /// </summary>
    IEnumerable<AuditRow> ReadAudit(AuditQuery query);
}

/// <summary>
/// One audit entry exactly as stored; the list columns and <see cref="DetailJson"/> are JSON texts whose bytes
/// the entry hash covers, so the store never has to understand them.
/// </summary>
public sealed record AuditRow(
    long Sequence,
    int FormatVersion,
    DateTimeOffset At,
    Guid? TenantId,
    string KeyId,
    string Operation,
    string? Purpose,
    string? Mode,
    string? LegalBasisType,
    string? LegalBasisReference,
    string Decision,
    string RuleIdsJson,
    Guid? GalleryId,
    int CandidateCount,
    string CandidateIdsJson,
    string ReviewerIdsJson,
    string? DetailJson,
    byte[] PreviousHash,
    byte[] EntryHash,
    string? Channel = null,
    int? Status = null,
    string? Problem = null);

/// <summary>Where the chain ends now: what the next entry must link to, and how far numbering has ever gone.</summary>
public sealed record AuditChainHead(long LastSequence, byte[] LastHash, long HighestSequenceIssued)
{
    /// <summary>Length of every hash in the chain (SHA-256).</summary>
    public const int HashLength = 32;

    /// <summary>The head of an empty log: the first entry links to 32 zero bytes.</summary>
    public static AuditChainHead Genesis => new(0, new byte[HashLength], 0);
}

/// <summary>Which entries to stream: optionally one tenant's, optionally from (inclusive) and until (exclusive) a time.</summary>
public sealed record AuditQuery(Guid? TenantId = null, DateTimeOffset? From = null, DateTimeOffset? Until = null)
{
    /// <summary>Every entry of every tenant.</summary>
    public static AuditQuery All { get; } = new();
}
