using FaceAccord.Vision.Scoring;

namespace FaceAccord.Packs.Calibration;

/// <summary>
/// The cohort a calibration's scores were normalised against (adaptive S-norm): centroids of development templates,
/// each the mean of at least <see cref="MinMembers"/> of them, stored as base64 little-endian float32 rows.
/// </summary>
public sealed record ScoreCohort
{
    public required string Method { get; init; }

    public required int TopK { get; init; }

    public required int Dimensions { get; init; }

    public required int Count { get; init; }

    /// <summary>Fewest development templates averaged into one cohort vector.</summary>
    public required int MinMembers { get; init; }

    /// <summary>What the centroids were computed from.</summary>
    public required string Source { get; init; }

    public required string Vectors { get; init; }

    public static ScoreCohort From(float[] centroids, int dimensions, int topK, int minMembers, string source) => new()
    {
        Method = "adaptive-s-norm",
        TopK = topK,
        Dimensions = dimensions,
        Count = centroids.Length / dimensions,
        MinMembers = minMembers,
        Source = source,
        Vectors = Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(centroids.AsSpan())),
    };

    /// <summary>The scorer these centroids define.</summary>
    public TemplateScorer Scorer()
    {
        byte[] bytes = Convert.FromBase64String(Vectors);
        if (bytes.Length != Count * Dimensions * sizeof(float))
        {
            throw new InvalidDataException($"The cohort holds {bytes.Length} bytes, not {Count} vectors of {Dimensions}.");
        }

        var vectors = new float[Count * Dimensions];
        Buffer.BlockCopy(bytes, 0, vectors, 0, bytes.Length);
        return TemplateScorer.AdaptiveSNorm(vectors, Dimensions, TopK);
    }
}
