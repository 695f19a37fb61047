namespace FaceAccord.TestSupport;

/// <summary>Locates the repository and the shared evaluation data beside it, from wherever tests run.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The repository root (the folder holding FaceAccord.slnx).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary><c>../shared/datasets</c> beside the repository, or <c>$FACEACCORD_DATASETS</c>.</summary>
    public static string Datasets
    {
        get
        {
            string? fromEnv = Environment.GetEnvironmentVariable("FACEACCORD_DATASETS");
            string path = !string.IsNullOrEmpty(fromEnv) ? fromEnv : Path.Combine(RepositoryRoot, "..", "shared", "datasets");
            path = Path.GetFullPath(path);
            if (!Directory.Exists(path))
            {
                throw new DirectoryNotFoundException($"The shared evaluation data is not at {path}; tests need ../shared/datasets beside the repository.");
            }

            return path;
        }
    }

    public static string LfwImages => Path.Combine(Datasets, "lfw", "lfw-deepfunneled");

    public static string LfwDevTrain => Path.Combine(Datasets, "lfw", "pairsDevTrain.txt");

    public static string LfwDevTest => Path.Combine(Datasets, "lfw", "pairsDevTest.txt");

    public static string UtkFaceImages => Path.Combine(Datasets, "utkface-dev", "images");

    public static string DetectionDev => Path.Combine(Datasets, "detection-dev");

    /// <summary>An LFW image by person and number, e.g. <c>Lfw("Aaron_Peirsol", 1)</c>.</summary>
    public static string Lfw(string person, int number) =>
        Path.Combine(LfwImages, person, $"{person}_{number:0000}.jpg");

    private static string FindRepositoryRoot()
    {
        // Tests built into an artifacts folder elsewhere still run from inside the repository.
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "FaceAccord.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException($"No FaceAccord.slnx above {AppContext.BaseDirectory} or the working directory.");
    }
}
