namespace FaceAccord.Bench.Load.Soak;

/// <summary>Everything one soak run depends on, recorded in its result so a figure can be traced back to how it was made.</summary>
public sealed record SoakSettings(
    Uri Url,
    string ApiKey,
    string LfwDirectory,
    int People,
    double OperationsPerSecond,
    int MaxInFlight,
    int DurationSeconds,
    int WarmupSeconds,
    int SampleSeconds,
    int ServerPid,
    int ConsentSeconds,
    int Seed,
    int TimeoutSeconds,
    string OutDirectory)
{
    /// <summary>How far RSS may stray from its level at the end of the warm-up, either way, for the run to call it flat.</summary>
    public const double FlatTolerance = 0.10;
}
