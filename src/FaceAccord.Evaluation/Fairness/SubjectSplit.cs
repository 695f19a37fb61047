namespace FaceAccord.Evaluation.Fairness;

/// <summary>
/// Splits subjects into a calibration part and a held-out part, so a threshold chosen on one part is judged on
/// people it has never seen; splitting by subject (never by image or pair) keeps one person out of both parts.
/// </summary>
/// <remarks>
/// Stratified: within each stratum (the subject's group label) the subjects are sorted ordinally and shuffled by a
/// <see cref="Random"/> seeded from the seed and the stratum's name, and the first round(fraction·n) (midpoint away
/// from zero) are held out. The split therefore depends only on the seed and the set of (subject, stratum) pairs:
/// not on their order, not on the other strata.
/// </remarks>
public static class SubjectSplit
{
    /// <summary>The held-out subjects of <paramref name="subjects"/>, a <paramref name="fraction"/> of each stratum.</summary>
    /// <param name="subjects">(subject, stratum) pairs; repeats are allowed, but a subject must keep one stratum.</param>
    /// <param name="fraction">Share of each stratum held out, in (0, 1).</param>
    /// <param name="seed">Seed of the shuffles.</param>
    public static IReadOnlySet<string> HeldOut(IEnumerable<(string Subject, string Stratum)> subjects, double fraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A held-out fraction lies in (0, 1).");
        }

        var stratumOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var strata = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (subject, stratum) in subjects)
        {
            ArgumentNullException.ThrowIfNull(subject);
            ArgumentNullException.ThrowIfNull(stratum);
            if (stratumOf.TryGetValue(subject, out string? known))
            {
                if (!string.Equals(known, stratum, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Subject '{subject}' is in two strata, '{known}' and '{stratum}'.", nameof(subjects));
                }

                continue;
            }

            stratumOf[subject] = stratum;
            if (!strata.TryGetValue(stratum, out var members))
            {
                strata[stratum] = members = new SortedSet<string>(StringComparer.Ordinal);
            }

            members.Add(subject);
        }

        var heldOut = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (stratum, members) in strata)
        {
            string[] order = [.. members];
            var random = new Random(StableHash.Seed(seed, stratum));
            random.Shuffle(order);
            int take = (int)Math.Round(fraction * order.Length, MidpointRounding.AwayFromZero);
            heldOut.UnionWith(order.Take(take));
        }

        return heldOut;
    }
}
