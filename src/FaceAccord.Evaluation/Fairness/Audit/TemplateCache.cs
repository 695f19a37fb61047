using System.Text;
using FaceAccord.Core;

namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>
/// Templates of earlier audit runs kept in one file, so repeating an audit (another seed, a worst-group
/// calibration) does not embed thousands of images again; embedding is by far the slowest step.
/// </summary>
/// <remarks>
/// An entry is reused only when the cache's fingerprint (model id and pack) matches and the image's length and
/// last-write time are those recorded; anything else is recomputed. The file is rewritten whole (temporary file
/// renamed over it), keeping entries of images not asked for this time. A file that cannot be read is ignored.
/// </remarks>
public static class TemplateCache
{
    private const string Magic = "FaceAccord template cache";
    private const int Version = 1;

    /// <summary>Templates of <paramref name="paths"/>: cached ones, and <paramref name="compute"/> for the rest.</summary>
    /// <param name="cachePath">The cache file; created when missing.</param>
    /// <param name="fingerprint">What made the templates (model id and pack digest); a different one discards the cache.</param>
    /// <param name="modelId">The model id the templates carry.</param>
    /// <param name="paths">Full image paths.</param>
    /// <param name="compute">Embeds the images not cached (null for an image without a face).</param>
    /// <returns>All templates and how many came from the cache.</returns>
    public static (IReadOnlyDictionary<string, FaceTemplate?> Templates, int Reused) GetOrCompute(
        string cachePath,
        string fingerprint,
        string modelId,
        IReadOnlyCollection<string> paths,
        Func<IReadOnlyCollection<string>, IReadOnlyDictionary<string, FaceTemplate?>> compute)
    {
        ArgumentException.ThrowIfNullOrEmpty(cachePath);
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(compute);
        var entries = Read(cachePath, fingerprint);
        var result = new Dictionary<string, FaceTemplate?>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (string path in paths.Distinct(StringComparer.Ordinal))
        {
            var stamp = Stamp(path);
            if (entries.TryGetValue(path, out var e) && e.Length == stamp.Length && e.Ticks == stamp.Ticks)
            {
                result[path] = e.Vector is null ? null : new FaceTemplate(modelId, e.Vector);
            }
            else
            {
                missing.Add(path);
            }
        }

        int reused = result.Count;
        if (missing.Count > 0)
        {
            var computed = compute(missing);
            foreach (string path in missing)
            {
                var template = computed[path];
                result[path] = template;
                var stamp = Stamp(path);
                entries[path] = new Entry(stamp.Length, stamp.Ticks, template?.Vector.ToArray());
            }

            Write(cachePath, fingerprint, entries);
        }

        return (result, reused);
    }

    private static (long Length, long Ticks) Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc.Ticks) : (-1, 0);
    }

    private static Dictionary<string, Entry> Read(string path, string fingerprint)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return entries;
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadInt32() != Version || reader.ReadString() != fingerprint)
            {
                return entries;
            }

            int count = reader.ReadInt32();
            for (int i = 0; i < count; i++)
            {
                string image = reader.ReadString();
                long length = reader.ReadInt64();
                long ticks = reader.ReadInt64();
                int dims = reader.ReadInt32();
                float[]? vector = null;
                if (dims > 0)
                {
                    vector = new float[dims];
                    for (int d = 0; d < dims; d++)
                    {
                        vector[d] = reader.ReadSingle();
                    }
                }

                entries[image] = new Entry(length, ticks, vector);
            }

            return entries;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or ArgumentException)
        {
            // A cache is disposable: a truncated or foreign file only costs a recomputation.
            return new Dictionary<string, Entry>(StringComparer.Ordinal);
        }
    }

    private static void Write(string path, string fingerprint, Dictionary<string, Entry> entries)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var writer = new BinaryWriter(File.Create(temp), Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(Version);
                writer.Write(fingerprint);
                writer.Write(entries.Count);
                foreach (var (image, e) in entries.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    writer.Write(image);
                    writer.Write(e.Length);
                    writer.Write(e.Ticks);
                    writer.Write(e.Vector?.Length ?? 0);
                    foreach (float v in e.Vector ?? [])
                    {
                        writer.Write(v);
                    }
                }
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private sealed record Entry(long Length, long Ticks, float[]? Vector);
}
