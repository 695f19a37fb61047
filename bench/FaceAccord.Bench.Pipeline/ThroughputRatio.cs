namespace FaceAccord.Bench.Pipeline;

/// <summary>FaceAccord's throughput over Human's for one FaceAccord variant.</summary>
public sealed record ThroughputRatio(string Variant, string ModelId, double FaceAccordImagesPerSec, double HumanImagesPerSec, double Ratio, bool MeetsTarget);
