namespace FaceAccord.TestSupport;

/// <summary>LFW people chosen with a fixed seed: enrolled ones (at least two images) and never-enrolled ones (exactly one).</summary>
public static class LfwPeople
{
    public static IReadOnlyList<(string Name, string[] Images)> All { get; } = Directory.GetDirectories(TestPaths.LfwImages)
        .Select(d => (Path.GetFileName(d), Directory.GetFiles(d, "*.jpg").Order(StringComparer.Ordinal).ToArray()))
        .OrderBy(p => p.Item1, StringComparer.Ordinal)
        .ToList();

    public static IReadOnlyList<(string Name, string[] Images)> Sample(int count, Func<int, bool> imageCount, int seed)
    {
        var pool = All.Where(p => imageCount(p.Images.Length)).ToArray();
        new Random(seed).Shuffle(pool);
        return pool.Take(count).ToList();
    }
}
