namespace FaceAccord.Governance.Audit;

/// <summary>How the chain is broken, so an operator knows whether an entry was edited, removed or moved.</summary>
public enum AuditBreakKind
{
    /// <summary>A sequence number is missing: the entry was deleted (or the rows were renumbered).</summary>
    SequenceGap,

    /// <summary>The entry's fields no longer produce its stored hash: it was edited (or swapped with another).</summary>
    HashMismatch,

    /// <summary>The entry is self-consistent but does not point at the entry before it: something before it was rewritten and re-hashed.</summary>
    PreviousHashMismatch,

    /// <summary>The entry claims a serialisation version this FaceAccord does not know.</summary>
    UnknownFormat,

    /// <summary>A field holds a value of the wrong shape and the entry cannot even be read back.</summary>
    Unreadable,

    /// <summary>Entries were issued after the last one present: the newest entries were removed.</summary>
    Truncated,

    /// <summary>The entry no longer hashes to the head recorded outside the store: the log was rewritten from there and re-hashed.</summary>
    AnchorMismatch,
}
