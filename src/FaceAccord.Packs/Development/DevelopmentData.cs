namespace FaceAccord.Packs.Development;

/// <summary>
/// Finds the development data sets (LFW View 1, UTKFace dev subset) used by self-tests and
/// calibration: <c>$FACEACCORD_DATASETS</c>, else a <c>shared/datasets</c> folder beside or above
/// the working directory or the program.
/// </summary>
public static class DevelopmentData
{
    public const string EnvironmentVariable = "FACEACCORD_DATASETS";

    /// <summary>The datasets folder, or null when none is reachable from here.</summary>
    public static string? Locate()
    {
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(env))
        {
            return Directory.Exists(env) ? Path.GetFullPath(env) : null;
        }

        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "datasets");
                if (File.Exists(Path.Combine(candidate, "lfw", "pairsDevTrain.txt")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
