namespace FaceAccord.Bench.Load;

/// <summary>Everything one load run depends on, recorded in its result so a figure can be traced back to how it was made.</summary>
public sealed record LoadSettings(
    Uri Url,
    string ApiKey,
    string LfwDirectory,
    int People,
    int Clients,
    int DurationSeconds,
    int Seed,
    int TimeoutSeconds,
    string OutDirectory)
{
    /// <summary>Share of requests that are a 1:1 verify; the rest are 1:N identify.</summary>
    public const double VerifyShare = 0.5;

    /// <summary>Images of each enrolled person, besides the enrolled one, kept in memory as probes.</summary>
    public const int ProbesPerPerson = 3;

    /// <summary>Requests in flight while the gallery is built: enough to keep 2 server cores busy, few enough to stay under the rate limit.</summary>
    public const int SetupConcurrency = 4;
}
