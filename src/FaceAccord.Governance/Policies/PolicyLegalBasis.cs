namespace FaceAccord.Governance.Policies;

/// <summary>The legal basis a request claims (consent record, warrant, court order, ...) and its reference, for rules that require one.</summary>
public sealed record PolicyLegalBasis(string Type, string? Reference = null)
{
    /// <summary>No legal basis claimed: the default when a request names none.</summary>
    public static PolicyLegalBasis None { get; } = new(PolicyVocabulary.NoLegalBasis);
}
