namespace FaceAccord.Governance.Policies;

/// <summary>
/// Everything the policy engine decides on: who asks (tenant), what they want to do (operation), why (purpose),
/// how (mode, setting), with what effect (consequential) and on what legal basis.
/// </summary>
public sealed record PolicyRequest
{
    public required PolicyTenant Tenant { get; init; }

    public required string Operation { get; init; }

    public required string Purpose { get; init; }

    public string Mode { get; init; } = PolicyVocabulary.DefaultMode;

    public string Setting { get; init; } = PolicyVocabulary.DefaultSetting;

    /// <summary>Whether a decision with legal or similarly significant effects on a person rests on the result.</summary>
    public bool Consequential { get; init; }

    public PolicyLegalBasis LegalBasis { get; init; } = PolicyLegalBasis.None;
}
