namespace FaceAccord.Search;

/// <summary>The one place that decides which index a gallery gets, so the service and tools never pick differently.</summary>
public static class TemplateIndexFactory
{
    /// <summary>A tiered index: exact scan below <see cref="SearchOptions.HnswThreshold"/> faces, HNSW from there on.</summary>
    public static ITemplateIndex Create(int dimensions, SearchOptions? options = null) => new TieredTemplateIndex(dimensions, options);
}
