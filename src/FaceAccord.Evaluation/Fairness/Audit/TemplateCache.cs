using System.Security.Cryptography;
using System.Text;
using FaceAccord.Core;
using FaceAccord.Evaluation.Runs;
using FaceAccord.Vision;

namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>
/// Templates of earlier audit runs kept in one file, so repeating an audit (another seed, a worst-group
/// calibration) does not embed thousands of images again; embedding is by far the slowest step.
/// </summary>
/// <remarks>
/// Entries are keyed by the SHA-256 of the image's bytes, not by its path or file time: a data set folder copied or
/// re-created with new file times (which happens to shared evaluation data) keeps its cache, and a changed image
/// never reuses a stale template. An entry is reused only when the cache's fingerprint (model id and pack) matches;
/// anything else is recomputed. Identical files share one entry, which is right because embedding is a function of
/// the bytes. The file is rewritten whole (temporary file renamed over it), keeping entries of images not asked
/// for this time. A file that cannot be read is ignored. Hashing reads each image once per run: reading all
/// 13,233 LFW images took about 7 s here, against 17 minutes to embed them.
/// </remarks>
public static class TemplateCache
{
    private const string Magic = "FaceAccord template cache";
    private const int Version = 2;

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
        var keyOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in paths.Distinct(StringComparer.Ordinal))
        {
            // An unreadable image has no key: it is left to compute, which reports it as it would without a cache.
            string? key = ContentKey(path);
            if (key is not null && entries.TryGetValue(key, out var vector))
            {
                result[path] = vector is null ? null : new FaceTemplate(modelId, vector);
            }
            else
            {
                missing.Add(path);
                if (key is not null)
                {
                    keyOf[path] = key;
                }
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
                if (keyOf.TryGetValue(path, out string? key))
                {
                    entries[key] = template?.Vector.ToArray();
                }
            }

            Write(cachePath, fingerprint, entries);
        }

        return (result, reused);
    }

    private static string? ContentKey(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexString(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Refuses (<c>cache-invalid</c>) a path that must not be written over: a folder, or an existing file that is not
    /// a template cache (a mistyped path to a manifest or calibration file). Callers check before embedding, so the
    /// refusal costs nothing; a cache of another version, pack or a truncated one is ours to rewrite.
    /// </summary>
    public static void RequireUsable(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw FaceAccordException.BadInput("cache-invalid", $"{path} is a folder; --cache names a file.");
        }

        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            return;
        }

        string? magic;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            magic = reader.ReadString();
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException)
        {
            magic = null;
        }

        if (magic != Magic)
        {
            throw FaceAccordException.BadInput(
                "cache-invalid", $"{path} is not a FaceAccord template cache, so it is not written over; name a new file for --cache.");
        }
    }

    /// <summary>Templates of <paramref name="paths"/> by <paramref name="pipeline"/>, through the cache file when one is named.</summary>
    public static IReadOnlyDictionary<string, FaceTemplate?> Of(
        FacePipeline pipeline, IReadOnlyCollection<string> paths, string? cachePath, Action<int, int> progress)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        IReadOnlyDictionary<string, FaceTemplate?> Compute(IReadOnlyCollection<string> todo) => ImageTemplates.Compute(pipeline, todo, progress);
        return cachePath is null
            ? Compute(paths)
            : GetOrCompute(cachePath, $"{pipeline.ModelId}|{pipeline.Pack.Manifest.RecipeDigest}", pipeline.ModelId, paths, Compute).Templates;
    }

    private static Dictionary<string, float[]?> Read(string path, string fingerprint)
    {
        var entries = new Dictionary<string, float[]?>(StringComparer.Ordinal);
        RequireUsable(path);
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
                string key = Convert.ToHexString(reader.ReadBytes(SHA256.HashSizeInBytes));
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

                entries[key] = vector;
            }

            return entries;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or ArgumentException)
        {
            // Our own cache, truncated or damaged: it only costs a recomputation.
            return new Dictionary<string, float[]?>(StringComparer.Ordinal);
        }
    }

    private static void Write(string path, string fingerprint, Dictionary<string, float[]?> entries)
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
                foreach (var (key, vector) in entries.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    writer.Write(Convert.FromHexString(key));
                    writer.Write(vector?.Length ?? 0);
                    foreach (float v in vector ?? [])
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
}
