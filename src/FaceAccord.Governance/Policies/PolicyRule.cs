namespace FaceAccord.Governance.Policies;

/// <summary>
/// One provision of a pack: the text it encodes (citation), what it means in plain words, when it applies, and
/// whether it denies or attaches conditions.
/// </summary>
public sealed class PolicyRule
{
    internal PolicyRule(string id, string citation, string explanation, PolicyPredicate when, PolicyEffect effect, IReadOnlyList<PolicyCondition> conditions)
    {
        Id = id;
        Citation = citation;
        Explanation = explanation;
        When = when;
        Effect = effect;
        Conditions = conditions;
    }

    public string Id { get; }

    public string Citation { get; }

    public string Explanation { get; }

    public PolicyEffect Effect { get; }

    /// <summary>The obligations an allow-with-conditions rule attaches; empty for a deny rule.</summary>
    public IReadOnlyList<PolicyCondition> Conditions { get; }

    internal PolicyPredicate When { get; }

    public bool Matches(PolicyRequest request) => When.Matches(request);
}
