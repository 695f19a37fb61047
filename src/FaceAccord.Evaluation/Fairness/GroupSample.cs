using FaceAccord.Core;

namespace FaceAccord.Evaluation.Fairness;

/// <summary>
/// The comparisons of one group indexed by subject, so counting and subject resampling share one validated,
/// order-independent layout.
/// </summary>
internal sealed class GroupSample
{
    private GroupSample(string name, int subjects, int[] a, int[] b, bool[] genuine, double[] scores)
    {
        Name = name;
        SubjectCount = subjects;
        SubjectA = a;
        SubjectB = b;
        IsGenuine = genuine;
        Scores = scores;
    }

    public string Name { get; }

    public int SubjectCount { get; }

    /// <summary>Index of each pair's first subject into the group's ordinally sorted subject ids.</summary>
    public int[] SubjectA { get; }

    public int[] SubjectB { get; }

    public bool[] IsGenuine { get; }

    public double[] Scores { get; }

    /// <summary>
    /// The error rule of the audit: a genuine pair errs when failed or below the threshold; an impostor pair
    /// errs only when it has a score at or above the threshold (a failed impostor comparison cannot match).
    /// </summary>
    public static bool IsError(bool genuine, double score, double threshold)
    {
        bool accepted = double.IsFinite(score) && score >= threshold;
        return genuine ? !accepted : accepted;
    }

    /// <summary>Validates the comparisons and splits them by group, groups in ordinal order of their labels.</summary>
    public static List<GroupSample> Split(IEnumerable<GroupedComparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var byGroup = new SortedDictionary<string, List<GroupedComparison>>(StringComparer.Ordinal);
        foreach (var c in comparisons)
        {
            Validate(c);
            if (!byGroup.TryGetValue(c.Group, out var list))
            {
                byGroup[c.Group] = list = [];
            }

            list.Add(c);
        }

        var samples = new List<GroupSample>(byGroup.Count);
        foreach (var (name, list) in byGroup)
        {
            var ids = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var c in list)
            {
                ids.Add(c.SubjectA);
                ids.Add(c.SubjectB);
            }

            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string id in ids)
            {
                index[id] = index.Count;
            }

            var a = new int[list.Count];
            var b = new int[list.Count];
            var genuine = new bool[list.Count];
            var scores = new double[list.Count];
            for (int i = 0; i < list.Count; i++)
            {
                a[i] = index[list[i].SubjectA];
                b[i] = index[list[i].SubjectB];
                genuine[i] = list[i].IsGenuine;
                scores[i] = list[i].Score;
            }

            samples.Add(new GroupSample(name, ids.Count, a, b, genuine, scores));
        }

        return samples;
    }

    /// <summary>Counts the group's pairs and errors at <paramref name="threshold"/>.</summary>
    public GroupRates RatesAt(double threshold)
    {
        int genuine = 0, impostor = 0, fnm = 0, fm = 0, failedGenuine = 0, failedImpostor = 0;
        for (int i = 0; i < Scores.Length; i++)
        {
            bool failed = !double.IsFinite(Scores[i]);
            bool error = IsError(IsGenuine[i], Scores[i], threshold);
            if (IsGenuine[i])
            {
                genuine++;
                fnm += error ? 1 : 0;
                failedGenuine += failed ? 1 : 0;
            }
            else
            {
                impostor++;
                fm += error ? 1 : 0;
                failedImpostor += failed ? 1 : 0;
            }
        }

        return new GroupRates(Name, genuine, impostor, fnm, fm, failedGenuine, failedImpostor);
    }

    private static void Validate(GroupedComparison c)
    {
        if (string.IsNullOrWhiteSpace(c.Group) || string.IsNullOrWhiteSpace(c.SubjectA) || string.IsNullOrWhiteSpace(c.SubjectB))
        {
            throw FaceAccordException.BadInput(
                "comparison-invalid", "Every comparison needs a group label and two subject ids.");
        }

        // Subject resampling relies on this: a genuine pair belongs to one subject, an impostor pair to two.
        if (c.IsGenuine != string.Equals(c.SubjectA, c.SubjectB, StringComparison.Ordinal))
        {
            throw FaceAccordException.BadInput(
                "comparison-invalid",
                c.IsGenuine
                    ? $"The genuine comparison of '{c.SubjectA}' and '{c.SubjectB}' names two different subjects."
                    : $"The impostor comparison of '{c.SubjectA}' names the same subject twice.");
        }
    }
}
