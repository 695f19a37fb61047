using FaceAccord.Core;

namespace FaceAccord.Search;

/// <summary>
/// How a gallery's index trades exactness for speed: below <see cref="HnswThreshold"/> faces an exact scan is both
/// exact and fast enough; above it an HNSW graph keeps identification latency flat as the gallery grows.
/// Defaults are the measured choice of bench/search (see bench/search/README.md).
/// </summary>
public sealed record SearchOptions
{
    /// <summary>Faces at which the tiered index builds its HNSW graph (the exact scan costs about 0.1 ms per 1,000 faces).</summary>
    public int HnswThreshold { get; init; } = 50_000;

    /// <summary>Graph links per node (HNSW "M"); more links raise recall and memory.</summary>
    public int HnswConnectivity { get; init; } = 16;

    /// <summary>Candidate list while inserting (HNSW "efConstruction"); higher builds slower and better graphs.</summary>
    public int HnswExpansionAdd { get; init; } = 64;

    /// <summary>Candidate list while searching (HNSW "ef"); every one of them is re-scored exactly.</summary>
    public int HnswExpansionSearch { get; init; } = 64;

    /// <summary>Refuses settings that cannot work, once, where the options are read.</summary>
    public void Validate()
    {
        if (HnswThreshold < 1)
        {
            throw FaceAccordException.BadInput("search-options-invalid", "HnswThreshold must be at least 1.");
        }

        if (HnswConnectivity is < 2 or > 256)
        {
            throw FaceAccordException.BadInput("search-options-invalid", "HnswConnectivity must be between 2 and 256.");
        }

        if (HnswExpansionAdd is < 1 or > 4096 || HnswExpansionSearch is < 1 or > 4096)
        {
            throw FaceAccordException.BadInput("search-options-invalid", "HnswExpansionAdd and HnswExpansionSearch must be between 1 and 4096.");
        }
    }
}
