using FaceAccord.Core;

namespace FaceAccord.Models;

/// <summary>
/// Where FaceAccord keeps what it downloads and makes (package sources, converted models, stores):
/// an explicit <c>--data</c> folder, else <c>$FACEACCORD_HOME</c>, else <c>~/.faceaccord</c>.
/// </summary>
public sealed class DataDirectory
{
    public const string EnvironmentVariable = "FACEACCORD_HOME";

    public DataDirectory(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    /// <summary>Extracted npm package sources, one folder per package and version.</summary>
    public string SourcesDirectory => Path.Combine(Root, "sources");

    /// <summary>Converted model packs, one folder per pack id.</summary>
    public string PacksDirectory => Path.Combine(Root, "packs");

    /// <summary>Resolves the data directory from an explicit choice, the environment, or the home folder.</summary>
    public static DataDirectory Resolve(string? explicitRoot = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitRoot))
        {
            return new DataDirectory(explicitRoot);
        }

        string? fromEnv = System.Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return new DataDirectory(fromEnv);
        }

        string home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home))
        {
            throw FaceAccordException.Environment(
                "data-directory-unknown",
                $"No home folder is known; set {EnvironmentVariable} or pass --data.");
        }

        return new DataDirectory(Path.Combine(home, ".faceaccord"));
    }
}
