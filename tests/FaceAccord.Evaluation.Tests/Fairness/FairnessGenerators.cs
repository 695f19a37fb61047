using FaceAccord.Evaluation.Fairness;
using FsCheck;
using FsCheck.Fluent;

namespace FaceAccord.Evaluation.Tests.Fairness;

/// <summary>FsCheck generators of grouped comparisons: each group has several subjects, genuine pairs for every
/// subject and impostor pairs for every two subjects, so each group has both rates.</summary>
internal static class FairnessGenerators
{
    /// <summary>The comparisons of one group; subject ids carry the group label so groups never share a subject.</summary>
    public static Gen<GroupedComparison[]> Group(string label) => Group(label, 3, 7);

    /// <summary>The comparisons of one group of <paramref name="minSubjects"/> to <paramref name="maxSubjects"/> subjects.</summary>
    public static Gen<GroupedComparison[]> Group(string label, int minSubjects, int maxSubjects) =>
        from subjects in Gen.Choose(minSubjects, maxSubjects)
        from genuinePerSubject in Gen.Choose(1, 2)
        from genuine in Gen.ArrayOf(ScoreGenerators.ScoreOrFailed, subjects * genuinePerSubject)
        from impostor in Gen.ArrayOf(ScoreGenerators.ScoreOrFailed, subjects * (subjects - 1) / 2)
        select Build(label, subjects, genuinePerSubject, genuine, impostor);

    /// <summary>Two to four groups with independent comparisons.</summary>
    public static Gen<GroupedComparison[]> Groups { get; } =
        from count in Gen.Choose(2, 4)
        from groups in Gen.CollectToArray(Enumerable.Range(0, count), i => Group($"group={i}"))
        select groups.SelectMany(g => g).ToArray();

    /// <summary>The same comparisons relabelled for another group, subjects renamed with it.</summary>
    public static GroupedComparison[] Relabel(GroupedComparison[] comparisons, string label) =>
        [.. comparisons.Select(c => c with { SubjectA = label + "/" + c.SubjectA, SubjectB = label + "/" + c.SubjectB, Group = label })];

    private static GroupedComparison[] Build(string label, int subjects, int genuinePerSubject, double[] genuine, double[] impostor)
    {
        var list = new List<GroupedComparison>();
        for (int s = 0; s < subjects; s++)
        {
            for (int k = 0; k < genuinePerSubject; k++)
            {
                list.Add(new GroupedComparison($"{label}/s{s}", $"{label}/s{s}", true, genuine[(s * genuinePerSubject) + k], label));
            }
        }

        int next = 0;
        for (int a = 0; a < subjects; a++)
        {
            for (int b = a + 1; b < subjects; b++)
            {
                list.Add(new GroupedComparison($"{label}/s{a}", $"{label}/s{b}", false, impostor[next++], label));
            }
        }

        return [.. list];
    }
}
