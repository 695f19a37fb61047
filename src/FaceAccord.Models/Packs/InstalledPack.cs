namespace FaceAccord.Models.Packs;

/// <summary>A model pack on disk: its folder and its manifest, ready to open sessions from.</summary>
public sealed record InstalledPack(string Directory, PackManifest Manifest)
{
    public static InstalledPack Load(string directory) =>
        new(directory, PackManifest.Load(Path.Combine(directory, PackManifest.FileName)));
}
