using System.Runtime.CompilerServices;

namespace FaceAccord.Governance.Tests.Policies;

/// <summary>Finds files of the repository (packs, docs) from this source file's location, wherever the tests were built.</summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot([CallerFilePath] string here = "")
    {
        foreach (string start in new[] { System.IO.Path.GetDirectoryName(here)!, AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "FaceAccord.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("No FaceAccord.slnx above the test sources, the test binaries or the working directory.");
    }
}
