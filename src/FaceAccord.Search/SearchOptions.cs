using FaceAccord.Core;

namespace FaceAccord.Search;

/// <summary>
/// How a gallery's index trades exactness for speed: below <see cref="HnswThreshold"/> faces an exact scan is both
/// exact and fast enough; above it an HNSW graph keeps identification latency flat as the gallery grows.
/// Defaults are the measured choice of bench/search (see bench/search/README.md).
/// </summary>
public sealed record SearchOptions
{
    /// <summary>
    /// Faces at which the tiered index builds its HNSW graph. Measured on 2 cores: the exact scan takes about
    /// 0.028 ms per 1,000 faces (1.4 ms at 50k, 33 ms at 1M) and needs no build; a graph answers in 0.2 ms but
    /// costs 20–70 s of both cores to build at 50k and 30–180% more memory.
    /// </summary>
    public int HnswThreshold { get; init; } = 50_000;

    /// <summary>Graph links per node (HNSW "M"); 12 lost recall on clustered templates (98.1% at 20k), 16 keeps 99.8–100%.</summary>
    public int HnswConnectivity { get; init; } = 16;

    /// <summary>Candidate list while inserting (HNSW "efConstruction"); at 100k faces 128 took 264 s to build and 64 took 65 s (on a busy machine), both at recall@1 100%.</summary>
    public int HnswExpansionAdd { get; init; } = 64;

    /// <summary>
    /// Candidate list while searching (HNSW "ef"); every candidate is re-scored exactly. Graphs are built on every
    /// core, so each build differs: on the unit test's 20k synthetic clustered templates 64 gave recall@1 99.2–99.9%
    /// over 9 builds (one under the promised 99.5%), 96 gave 100% on all 8 measured; on LFW queries 32 already reaches 100% at 1M.
    /// </summary>
    public int HnswExpansionSearch { get; init; } = 96;

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
