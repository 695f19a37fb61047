using FaceAccord.Governance.Policies;
using FsCheck;
using FsCheck.Fluent;

namespace FaceAccord.Governance.Tests.Policies;

/// <summary>Random but valid policy requests and conditions, drawn from the vocabularies and the jurisdictions the packs name.</summary>
internal static class PolicyGenerators
{
    public const string Replay = "(1357924680,1122334455)";

    private static readonly (string Country, string? Region, string? City)[] Places =
    [
        ("US", "US-WA", "Seattle"), ("US", "US-CA", "San Francisco"), ("US", "US-CA", "Oakland"), ("US", "US-IL", "Chicago"),
        ("US", "US-OR", "Portland"), ("US", "US-ME", "Portland"), ("US", "US-NY", null), ("PR", null, null),
        ("DE", "DE-BE", "Berlin"), ("FR", null, "Paris"), ("IE", null, null), ("GB", null, "London"), ("CH", null, null),
    ];

    public static Gen<PolicyRequest> Request { get; } =
        from place in Gen.Elements(Places)
        from sector in Gen.Elements(PolicyVocabulary.Sectors.Terms.ToArray())
        from publicAccommodation in Gen.Elements(true, false)
        from operation in Gen.Elements(PolicyVocabulary.Operations.Terms.ToArray())
        from purpose in Gen.Elements(PolicyVocabulary.Purposes.Terms.ToArray())
        from mode in Gen.Elements(PolicyVocabulary.Modes.Terms.ToArray())
        from setting in Gen.Elements(PolicyVocabulary.Settings.Terms.ToArray())
        from consequential in Gen.Elements(true, false)
        from basis in Gen.Elements(PolicyVocabulary.LegalBasisTypes.Terms.ToArray())
        select new PolicyRequest
        {
            Tenant = new PolicyTenant(sector, place.Country, place.Region, place.City, publicAccommodation),
            Operation = operation,
            Purpose = purpose,
            Mode = mode,
            Setting = setting,
            Consequential = consequential,
            LegalBasis = new PolicyLegalBasis(basis, basis == PolicyVocabulary.NoLegalBasis ? null : "REF-1"),
        };

    public static Gen<PolicyCondition> Condition { get; } = Gen.OneOf(
        Gen.Choose(1, 5).Select(n => (PolicyCondition)new HumanReviewCondition(n)),
        Gen.Choose(1, 2000).Select(n => (PolicyCondition)new RetentionCondition(n)),
        Gen.Choose(1, 2000).Select(n => (PolicyCondition)new LogRetentionCondition(n)),
        Gen.Constant((PolicyCondition)new AccountabilityReportCondition()),
        Gen.Constant((PolicyCondition)new ConsentRequiredCondition()),
        from mask in Gen.Choose(1, 31)
        from within in Gen.Elements<int?>(null, 24, 48, 72)
        select (PolicyCondition)new LegalBasisRequiredCondition(
            [.. PolicyVocabulary.LegalBasisTypes.Terms.Skip(1).Where((_, i) => (mask & (1 << i)) != 0)], within));
}
