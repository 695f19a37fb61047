namespace FaceAccord.Evaluation.Datasets;

/// <summary>
/// Builds the pair lists behind per-group error rates: seeded within-group impostor pairs (capped per group,
/// so a large group cannot drown the rest) and every genuine pair. The same input and seed always give the
/// same pairs, in the same order.
/// </summary>
public static class ImpostorPairSampler
{
    /// <summary>
    /// Impostor pairs of two different subjects in the same group. A group with at most
    /// <paramref name="maxPairsPerGroup"/> possible pairs yields all of them; a larger one a uniform sample
    /// without replacement drawn from <c>new Random(seed)</c>, groups visited in ordinal order of name.
    /// Output: groups in ordinal order, pairs in input order of their first, then second image.
    /// </summary>
    public static IReadOnlyList<ImagePair> Impostors(IReadOnlyList<EvaluationImage> images, int maxPairsPerGroup, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPairsPerGroup, 1);
        CheckDistinct(images);
        var random = new Random(seed);
        var result = new List<ImagePair>();
        var byGroup = images.Select((image, index) => (image, index))
            .GroupBy(x => x.image.Group, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in byGroup)
        {
            EvaluationImage[] members = [.. group.OrderBy(x => x.index).Select(x => x.image)];
            foreach (var (a, b) in Choose(members, maxPairsPerGroup, random))
            {
                result.Add(new ImagePair(members[a].ImageId, members[b].ImageId, false, group.Key));
            }
        }

        return result;
    }

    /// <summary>
    /// Every genuine pair: all two-image combinations of each subject with at least two images. Output:
    /// subjects in ordinal order, pairs in input order.
    /// </summary>
    public static IReadOnlyList<ImagePair> Genuine(IReadOnlyList<EvaluationImage> images)
    {
        CheckDistinct(images);
        var result = new List<ImagePair>();
        foreach (var subject in images.GroupBy(i => i.SubjectId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            EvaluationImage[] shots = [.. subject];
            for (int a = 0; a < shots.Length; a++)
            {
                for (int b = a + 1; b < shots.Length; b++)
                {
                    result.Add(new ImagePair(shots[a].ImageId, shots[b].ImageId, true, shots[a].Group));
                }
            }
        }

        return result;
    }

    // Index pairs (a < b) of different subjects, at most `cap` of them, sorted.
    private static List<(int A, int B)> Choose(EvaluationImage[] members, int cap, Random random)
    {
        int n = members.Length;
        long sameSubject = members.GroupBy(m => m.SubjectId, StringComparer.Ordinal)
            .Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
        long possible = ((long)n * (n - 1) / 2) - sameSubject;

        if (possible <= 2L * cap)
        {
            var all = new List<(int A, int B)>((int)possible);
            for (int a = 0; a < n; a++)
            {
                for (int b = a + 1; b < n; b++)
                {
                    if (!string.Equals(members[a].SubjectId, members[b].SubjectId, StringComparison.Ordinal))
                    {
                        all.Add((a, b));
                    }
                }
            }

            if (all.Count > cap)
            {
                // Partial Fisher–Yates: the first `cap` slots become a uniform sample without replacement.
                for (int i = 0; i < cap; i++)
                {
                    int j = random.Next(i, all.Count);
                    (all[i], all[j]) = (all[j], all[i]);
                }

                all.RemoveRange(cap, all.Count - cap);
                all.Sort();
            }

            return all;
        }

        // Fewer than half of the possible pairs are wanted, so rejection needs under two draws per pair on average
        // (more only when one subject owns most of the group's images).
        var seen = new HashSet<long>();
        var chosen = new List<(int A, int B)>(cap);
        while (chosen.Count < cap)
        {
            int a = random.Next(n);
            int b = random.Next(n - 1);
            if (b >= a)
            {
                b++;
            }

            (a, b) = a < b ? (a, b) : (b, a);
            if (!string.Equals(members[a].SubjectId, members[b].SubjectId, StringComparison.Ordinal)
                && seen.Add(((long)a * n) + b))
            {
                chosen.Add((a, b));
            }
        }

        chosen.Sort();
        return chosen;
    }

    private static void CheckDistinct(IReadOnlyList<EvaluationImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            if (!ids.Add(image.ImageId))
            {
                throw new ArgumentException($"Image '{image.ImageId}' appears more than once.", nameof(images));
            }
        }
    }
}
