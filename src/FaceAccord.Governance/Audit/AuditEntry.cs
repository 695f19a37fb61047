namespace FaceAccord.Governance.Audit;

/// <summary>
/// A record as the log holds it: numbered, timed, and sealed by its hash, which also covers the previous
/// entry's hash, so no entry can change, vanish or move without breaking the chain after it.
/// </summary>
public sealed record AuditEntry(long Sequence, int FormatVersion, DateTimeOffset At, AuditRecord Record, byte[] PreviousHash, byte[] EntryHash)
{
    /// <summary>The entry hash as lowercase hex, the form operators copy into an external anchor.</summary>
    public string EntryHashHex => Convert.ToHexStringLower(EntryHash);
}
