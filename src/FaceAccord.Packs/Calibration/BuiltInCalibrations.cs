using System.Reflection;

namespace FaceAccord.Packs.Calibration;

/// <summary>
/// Calibrations we measured on the development data (<c>faceaccord models calibrate</c>) and ship inside
/// the program, so a fresh install without those data sets still has thresholds. Each is tied to the
/// digest of the recipe it was measured with; one for another recipe is never installed.
/// </summary>
public static class BuiltInCalibrations
{
    private const string Prefix = "FaceAccord.Packs.Calibration.Calibrations.";

    /// <summary>Writes every shipped calibration of the recipe with <paramref name="recipeDigest"/> into the pack folder.</summary>
    public static int InstallInto(string packDirectory, string recipeDigest)
    {
        var assembly = typeof(BuiltInCalibrations).Assembly;
        int installed = 0;
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".digest", StringComparison.Ordinal)))
        {
            string digest = Read(assembly, name).Trim();
            if (!string.Equals(digest, recipeDigest, StringComparison.Ordinal))
            {
                continue;
            }

            string jsonName = name[..^".digest".Length] + ".json";
            string fileName = jsonName[Prefix.Length..];
            string target = Path.Combine(packDirectory, fileName);
            File.WriteAllText(target + ".tmp", Read(assembly, jsonName));
            File.Move(target + ".tmp", target, overwrite: true);
            installed++;
        }

        return installed;
    }

    /// <summary>The digest file written beside a calibration made by <c>models calibrate</c>.</summary>
    public static string DigestPathFor(string calibrationPath) => Path.ChangeExtension(calibrationPath, ".digest");

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
