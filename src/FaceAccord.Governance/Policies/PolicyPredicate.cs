namespace FaceAccord.Governance.Policies;

/// <summary>
/// The small condition language of a rule's <c>when</c>: a field equals / is in / is not in some values, combined
/// with all / any / not. Absent optional fields (region, city) equal nothing and are in nothing.
/// </summary>
internal abstract class PolicyPredicate
{
    public abstract bool Matches(PolicyRequest request);

    /// <summary><c>field</c> with <c>equals</c> or <c>in</c> (or, negated, <c>not-in</c>).</summary>
    public sealed class Field(PolicyField field, IReadOnlyList<string> values, bool negated) : PolicyPredicate
    {
        public override bool Matches(PolicyRequest request)
        {
            string? actual = field.Read(request);
            bool found = false;
            if (actual is not null)
            {
                foreach (string value in values)
                {
                    // Vocabulary terms are lower case and codes upper case; cities are matched whatever their case.
                    if (string.Equals(actual, value, StringComparison.OrdinalIgnoreCase))
                    {
                        found = true;
                        break;
                    }
                }
            }

            return found != negated;
        }
    }

    /// <summary><c>all</c>: every part matches.</summary>
    public sealed class All(IReadOnlyList<PolicyPredicate> parts) : PolicyPredicate
    {
        public override bool Matches(PolicyRequest request) => parts.All(p => p.Matches(request));
    }

    /// <summary><c>any</c>: at least one part matches.</summary>
    public sealed class Any(IReadOnlyList<PolicyPredicate> parts) : PolicyPredicate
    {
        public override bool Matches(PolicyRequest request) => parts.Any(p => p.Matches(request));
    }

    /// <summary><c>not</c>: the part does not match.</summary>
    public sealed class Not(PolicyPredicate part) : PolicyPredicate
    {
        public override bool Matches(PolicyRequest request) => !part.Matches(request);
    }

    /// <summary>A rule without <c>when</c> applies to every request its pack applies to.</summary>
    public sealed class Always : PolicyPredicate
    {
        public static Always Instance { get; } = new();

        public override bool Matches(PolicyRequest request) => true;
    }
}
