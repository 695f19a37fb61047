namespace FaceAccord.Evaluation.Datasets;

/// <summary>Two images to compare and whether they show one person: a sampled evaluation pair.</summary>
/// <param name="ImageIdA">The image that comes first in the input list.</param>
/// <param name="ImageIdB">The image that comes later in the input list.</param>
/// <param name="IsSame">True for a genuine pair, false for an impostor pair.</param>
/// <param name="Group">Group of the pair: shared by both images of an impostor pair; the first image's for a genuine pair.</param>
public sealed record ImagePair(string ImageIdA, string ImageIdB, bool IsSame, string Group);
