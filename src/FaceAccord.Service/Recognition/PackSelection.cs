using FaceAccord.Models;
using FaceAccord.Models.Packs;
using FaceAccord.Packs.Installation;
using FaceAccord.Packs.Recipes;
using FaceAccord.Vision;

namespace FaceAccord.Service.Recognition;

/// <summary>
/// Which model pack the service runs and where packs live (<c>$FACEACCORD_HOME</c> or <c>--models DIR</c>, apart from
/// any store). The one place that names the pack: choosing another default is a change here only.
/// </summary>
public sealed record PackSelection(DataDirectory Models)
{
    /// <summary>The pack served: <c>$FACEACCORD_PACK</c> when set, else the catalog's default.</summary>
    public static PackDefinition Pack => PackCatalog.Selected();

    public static string PackId => Pack.Id;

    /// <summary>The template space a pipeline with <paramref name="options"/> produces, known without loading any model.</summary>
    public static string ModelId(PipelineOptions? options) =>
        $"{PackId}/{string.Join('+', options?.Embedders ?? Pack.DefaultEmbedders)}";

    /// <summary>The installed pack, fetched, converted and self-tested first if it is not there yet.</summary>
    public Task<InstalledPack> EnsureInstalledAsync(IProgress<(string Step, double Fraction)>? progress, CancellationToken cancellationToken) =>
        PackInstaller.EnsureDefaultAsync(Models, false, progress, cancellationToken);
}
