namespace FaceAccord.Bench.Pipeline;

/// <summary>Human's side: two single-threaded processes at once (= 2 cores), each on its own half of the list.</summary>
/// <param name="ImagesPerSec">Sum of both processes' images/s, as the harness's bench2.sh reports it.</param>
/// <param name="WallSeconds">The longer process's whole life: Node start, model load, warm-up and run.</param>
public sealed record HumanSummary(
    string Engine,
    int Processes,
    double ImagesPerSec,
    IReadOnlyList<double> MsMedianPerProcess,
    IReadOnlyList<double> MsP90PerProcess,
    int ImagesWithFace,
    IReadOnlyList<double> PeakRssMiBPerProcess,
    double PeakRssMiBTotal,
    double WallSeconds,
    IReadOnlyList<double?> LoadAverageAtStart,
    string? NodeVersion,
    HumanEngineInfo? Info);
