namespace FaceAccord.Models.Packs;

/// <summary>One file a model was made from, with its hash, so provenance can be re-checked.</summary>
public sealed record SourceFile(string Path, string Sha256);
