namespace FaceAccord.Governance.Audit;

/// <summary>The first place the chain fails to check out: which sequence number, how, and in words.</summary>
public sealed record AuditBreak(long Sequence, AuditBreakKind Kind, string Explanation)
{
    /// <summary>Stable slug of <see cref="Kind"/> for machine-readable output.</summary>
    public string Code => Kind switch
    {
        AuditBreakKind.SequenceGap => "sequence-gap",
        AuditBreakKind.HashMismatch => "hash-mismatch",
        AuditBreakKind.PreviousHashMismatch => "previous-hash-mismatch",
        AuditBreakKind.UnknownFormat => "unknown-format",
        AuditBreakKind.Unreadable => "unreadable",
        AuditBreakKind.Truncated => "truncated",
        AuditBreakKind.AnchorMismatch => "anchor-mismatch",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };
}
