using FaceAccord.Models;
using FaceAccord.Models.Packs;
using FaceAccord.Packs.Installation;
using FaceAccord.Vision;

namespace FaceAccord.Cli.Commands;

/// <summary>Gets commands a ready pipeline: installs the default pack on first use, with progress on stderr.</summary>
public static class PipelineLoader
{
    public static async Task<InstalledPack> EnsurePackAsync(CliOutput output, DataDirectory data, bool force = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        return await output.WithProgressAsync("Installing the model pack", report =>
            PackInstaller.EnsureDefaultAsync(data, force, new Progress<(string Step, double Fraction)>(p => report(p.Step, p.Fraction)), ct)).ConfigureAwait(false);
    }

    public static async Task<FacePipeline> OpenAsync(CliOutput output, DataDirectory data, PipelineOptions options, CancellationToken ct = default)
    {
        var pack = await EnsurePackAsync(output, data, false, ct).ConfigureAwait(false);
        return FacePipeline.Open(pack, options);
    }
}
