namespace FaceAccord.Governance.Audit;

/// <summary>
/// The outcome of recomputing the chain: how many entries checked out, the hash they end at (worth recording
/// outside the store: a chain rewritten from some point on and re-hashed to the end is only caught against
/// such an anchor), and the first break if there is one.
/// </summary>
public sealed record AuditVerification(long Count, byte[] HeadHash, AuditBreak? Break)
{
    public bool Intact => Break is null;

    public string HeadHashHex => Convert.ToHexStringLower(HeadHash);
}
