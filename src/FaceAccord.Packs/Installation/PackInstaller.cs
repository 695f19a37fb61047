using FaceAccord.Core;
using FaceAccord.Models;
using FaceAccord.Models.Packs;
using FaceAccord.Models.Sources;
using FaceAccord.Packs.Calibration;
using FaceAccord.Packs.Development;
using FaceAccord.Packs.Recipes;

namespace FaceAccord.Packs.Installation;

/// <summary>
/// Installs a model pack on first use: convert (<see cref="ModelPackBuilder"/>), self-test every
/// embedder, then write the manifest, so that the manifest's presence means "complete and tested".
/// </summary>
public static class PackInstaller
{
    /// <summary>The installed pack that <see cref="PackCatalog.Selected"/> names (the default unless <c>$FACEACCORD_PACK</c> says otherwise).</summary>
    public static Task<InstalledPack> EnsureDefaultAsync(
        DataDirectory data,
        bool force = false,
        IProgress<(string Step, double Fraction)>? progress = null,
        CancellationToken cancellationToken = default) =>
        EnsureAsync(PackCatalog.Selected(), data, force, progress, cancellationToken);

    /// <summary>The installed <paramref name="pack"/>, installing it first if needed (or always, with <paramref name="force"/>).</summary>
    public static async Task<InstalledPack> EnsureAsync(
        PackDefinition pack,
        DataDirectory data,
        bool force = false,
        IProgress<(string Step, double Fraction)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(data);
        string packDir = Path.Combine(data.PacksDirectory, pack.Id);
        string manifestPath = Path.Combine(packDir, PackManifest.FileName);
        if (!force && IsCurrent(manifestPath, pack))
        {
            return InstalledPack.Load(packDir);
        }

        Directory.CreateDirectory(data.PacksDirectory);
        await using var exclusive = await InstallLock.AcquireAsync(Path.Combine(data.PacksDirectory, pack.Id + ".lock"), cancellationToken).ConfigureAwait(false);
        if (!force && IsCurrent(manifestPath, pack))
        {
            return InstalledPack.Load(packDir);
        }

        if (File.Exists(manifestPath))
        {
            File.Delete(manifestPath);
        }

        var built = await ModelPackBuilder.BuildAsync(pack, data, progress, cancellationToken).ConfigureAwait(false);

        string? datasets = DevelopmentData.Locate();
        var results = new List<SelfTestResult>();
        foreach (var m in built.Manifest.Models.Where(m => m.Role == ModelRole.Embedder))
        {
            progress?.Report(($"Self-testing {m.Id}", 0.95));
            results.Add(await Task.Run(() => EmbedderSelfTest.Run(built, m.Id, datasets), cancellationToken).ConfigureAwait(false));
        }

        var failedDefault = results.Where(r => !r.Passed && built.Manifest.DefaultEmbedders.Contains(r.ModelId)).ToList();
        var manifest = built.Manifest with { SelfTests = results };
        BuiltInCalibrations.InstallInto(packDir, pack.Digest);
        manifest.Save(manifestPath);
        if (failedDefault.Count > 0)
        {
            throw FaceAccordException.Environment(
                "embedder-self-test-failed",
                $"The pack's embedder {failedDefault[0].ModelId} failed its self-test and is refused: {failedDefault[0].Detail}");
        }

        return new InstalledPack(packDir, manifest);
    }

    private static bool IsCurrent(string manifestPath, PackDefinition pack) =>
        File.Exists(manifestPath) && PackManifest.Load(manifestPath).RecipeDigest == pack.Digest;
}
