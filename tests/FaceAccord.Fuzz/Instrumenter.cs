using SharpFuzz;

namespace FaceAccord.Fuzz;

/// <summary>
/// Writes SharpFuzz's edge counters into a copy of the harness's assemblies, so the fuzzer sees which branches an
/// input reached. Only a copy: the same assemblies, uninstrumented, serve the tests that replay seeds and findings.
/// </summary>
public static class Instrumenter
{
    /// <summary>
    /// FaceAccord's own parsers, and YamlDotNet, whose parser is where policy YAML is first read. The shared framework
    /// (System.Text.Json, ASP.NET Core's form reader) and Skia's native codecs are not rewritten: inputs reach them and
    /// their failures are seen, but their branches do not guide the fuzzer.
    /// </summary>
    public static readonly string[] Assemblies =
    [
        "FaceAccord.Core.dll", "FaceAccord.Vision.dll", "FaceAccord.Models.dll", "FaceAccord.Governance.dll",
        "FaceAccord.Service.dll", "FaceAccord.Server.dll", "YamlDotNet.dll",
    ];

    /// <summary>Copies <paramref name="sourceDirectory"/> to <paramref name="targetDirectory"/> and instruments the copy.</summary>
    /// <returns>How many types were instrumented in each assembly.</returns>
    public static IReadOnlyDictionary<string, int> InstrumentCopy(string sourceDirectory, string targetDirectory)
    {
        if (Directory.Exists(targetDirectory))
        {
            Directory.Delete(targetDirectory, recursive: true);
        }

        foreach (string file in Directory.EnumerateFiles(sourceDirectory, "*", SearchOption.AllDirectories))
        {
            string copy = Path.Combine(targetDirectory, Path.GetRelativePath(sourceDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string assembly in Assemblies)
        {
            string path = Path.Combine(targetDirectory, assembly);
            counts[assembly] = Fuzzer.Instrument(path, _ => true, Options.Value).Count();
        }

        return counts;
    }
}
