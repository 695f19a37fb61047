using System.CommandLine;
using FaceAccord.Models;
using FaceAccord.Packs.Installation;

namespace FaceAccord.Bench.Pipeline;

/// <summary><c>pack</c>: installs the default model pack before anything is timed, so no measured run pays for a first-use conversion.</summary>
public static class PackCommand
{
    public static Option<string?> DataOption() => new("--data") { Description = "Data directory (default: $FACEACCORD_HOME or ~/.faceaccord)." };

    public static Command Create()
    {
        var data = DataOption();
        var cmd = new Command("pack", "Install the default model pack if it is missing.") { data };
        cmd.SetAction(async (r, ct) =>
        {
            var pack = await PackInstaller.EnsureDefaultAsync(DataDirectory.Resolve(r.GetValue(data)), cancellationToken: ct).ConfigureAwait(false);
            Console.Error.WriteLine($"pack: {pack.Manifest.PackId} in {pack.Directory}");
            return 0;
        });
        return cmd;
    }
}
