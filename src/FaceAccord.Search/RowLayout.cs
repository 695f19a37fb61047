namespace FaceAccord.Search;

/// <summary>How a <see cref="FaceRowStore"/> reuses rows: what its owner needs of a row number decides it.</summary>
internal enum RowLayout
{
    /// <summary>Rows 0..Count-1 are all live (a removal moves the last row into the hole), so a scan reads no gaps.</summary>
    Dense,

    /// <summary>A row keeps its number for its face's life (freed rows are reused), since the HNSW graph is keyed by it.</summary>
    Stable,
}
