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

    /// <summary>
    /// Makes <paramref name="targetDirectory"/> a copy of the build in <paramref name="sourceDirectory"/> and instruments
    /// it. Only the harness's entry files and the assemblies to rewrite are copied; everything else (most of it native
    /// libraries for every platform, about 700 MB) is linked, since the rewrite must never reach the originals.
    /// </summary>
    /// <returns>How many types were instrumented in each assembly.</returns>
    public static IReadOnlyDictionary<string, int> InstrumentCopy(string sourceDirectory, string targetDirectory)
    {
        if (Directory.Exists(targetDirectory))
        {
            Directory.Delete(targetDirectory, recursive: true);
        }

        string[] copied = [.. Assemblies, "FaceAccord.Fuzz.dll", "FaceAccord.Fuzz.deps.json", "FaceAccord.Fuzz.runtimeconfig.json"];
        foreach (string file in Directory.EnumerateFiles(sourceDirectory, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(sourceDirectory, file);
            string target = Path.Combine(targetDirectory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (copied.Contains(relative, StringComparer.Ordinal))
            {
                File.Copy(file, target);
            }
            else
            {
                File.CreateSymbolicLink(target, Path.GetFullPath(file));
            }
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
