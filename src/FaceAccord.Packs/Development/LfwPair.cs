namespace FaceAccord.Packs.Development;

/// <summary>One line of an LFW pairs file resolved to image paths, so a protocol run never re-reads the text.</summary>
/// <param name="ImagePathA">Path of the first image, <c>&lt;root&gt;/&lt;Name&gt;/&lt;Name&gt;_&lt;NNNN&gt;.jpg</c>.</param>
/// <param name="ImagePathB">Path of the second image.</param>
/// <param name="IsSame">True for a matched (same person) pair.</param>
/// <param name="Fold">Zero-based fold; always 0 in a View 1 file.</param>
public sealed record LfwPair(string ImagePathA, string ImagePathB, bool IsSame, int Fold);
