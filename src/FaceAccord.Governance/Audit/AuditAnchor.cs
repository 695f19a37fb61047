namespace FaceAccord.Governance.Audit;

/// <summary>
/// A head of the chain recorded outside the store (printed by <c>audit verify --json</c> and kept by an auditor, a
/// ticket or a write-once bucket). The chain alone cannot reveal someone who rewrites the newest entries and
/// re-hashes to the end; an anchor can, because the entry at <see cref="Sequence"/> must still hash to <see cref="Hash"/>.
/// </summary>
public sealed record AuditAnchor(long Sequence, byte[] Hash)
{
    /// <summary>Parses the hex hash of an anchor; <c>anchor-invalid</c> names what is wrong.</summary>
    public static AuditAnchor Parse(long sequence, string? hashHex)
    {
        if (sequence < 1)
        {
            throw Core.FaceAccordException.BadInput("anchor-invalid", $"An anchor names an entry number of 1 or more, not {sequence}.");
        }

        if (hashHex is not { Length: 64 } || !hashHex.All(Uri.IsHexDigit))
        {
            throw Core.FaceAccordException.BadInput("anchor-invalid", $"The anchor of entry {sequence} needs a SHA-256 hash as 64 hex digits.");
        }

        return new AuditAnchor(sequence, Convert.FromHexString(hashHex));
    }
}
