using FaceAccord.Models.Packs;
using FaceAccord.Packs.Installation;
using FaceAccord.Vision;

namespace FaceAccord.TestSupport;

/// <summary>The default model pack, installed once per data directory through the product's installer.</summary>
public static class TestPack
{
    private static readonly Lazy<InstalledPack> Pack = new(() =>
        PackInstaller.EnsureDefaultAsync(TestModelSources.Data).GetAwaiter().GetResult());

    private static readonly Lazy<FacePipeline> DefaultPipeline = new(() => FacePipeline.Open(Pack.Value));

    public static InstalledPack Installed => Pack.Value;

    /// <summary>A shared pipeline with the pack's default settings.</summary>
    public static FacePipeline Pipeline => DefaultPipeline.Value;
}
