namespace FaceAccord.Governance.Policies;

/// <summary>
/// Folds the conditions of every matching rule into the fewest that demand as much: the most reviewers, the
/// shortest retention, the longest log retention; the result does not depend on the order rules matched in.
/// </summary>
internal static class ConditionMerger
{
    public static IReadOnlyList<PolicyCondition> Merge(IEnumerable<PolicyCondition> conditions)
    {
        var merged = new List<PolicyCondition>();
        foreach (var incoming in conditions)
        {
            var current = incoming;
            for (int i = merged.Count - 1; i >= 0; i--)
            {
                if (merged[i].Type == current.Type && merged[i].Combine(current) is { } combined)
                {
                    merged.RemoveAt(i);
                    current = combined;
                }
            }

            merged.Add(current);
        }

        return
        [
            .. merged
                .OrderBy(c => IndexOf(c.Type))
                .ThenBy(c => c.SortKey, StringComparer.Ordinal),
        ];
    }

    private static int IndexOf(string type)
    {
        for (int i = 0; i < PolicyCondition.Types.Count; i++)
        {
            if (PolicyCondition.Types[i] == type)
            {
                return i;
            }
        }

        return PolicyCondition.Types.Count;
    }
}
