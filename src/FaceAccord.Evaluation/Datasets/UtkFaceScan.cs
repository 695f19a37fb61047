namespace FaceAccord.Evaluation.Datasets;

/// <summary>The UTKFace files a folder yielded plus how many names were skipped, so silent losses show up.</summary>
/// <param name="Files">Well-named files, ordered by file name (ordinal).</param>
/// <param name="Skipped">Files whose names do not follow the UTKFace pattern.</param>
public sealed record UtkFaceScan(IReadOnlyList<UtkFaceFile> Files, int Skipped);
