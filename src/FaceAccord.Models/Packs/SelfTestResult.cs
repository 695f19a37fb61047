namespace FaceAccord.Models.Packs;

/// <summary>What the install-time self-test measured for one embedder, and whether it passed.</summary>
public sealed record SelfTestResult(
    string ModelId,
    bool Passed,
    int GenuinePairs,
    int ImpostorPairs,
    double GenuineMean,
    double ImpostorMean,
    double Separation,
    string Detail);
