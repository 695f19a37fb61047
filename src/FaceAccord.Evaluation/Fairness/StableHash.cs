namespace FaceAccord.Evaluation.Fairness;

/// <summary>
/// A hash of a label that is the same in every process (string.GetHashCode is randomised per process), so a
/// per-group random stream depends on the seed and the group's name alone, never on which groups come first.
/// </summary>
internal static class StableHash
{
    /// <summary>FNV-1a over the UTF-16 code units of <paramref name="text"/>, folded with <paramref name="seed"/> into an int seed.</summary>
    public static int Seed(int seed, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ulong h = 14695981039346656037UL ^ (uint)seed;
        foreach (char c in text)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return (int)(h ^ (h >> 32));
    }
}
