using System.CommandLine;
using System.Globalization;
using FaceAccord.Service.Retention;

namespace FaceAccord.Cli.Commands;

/// <summary>
/// <c>faceaccord retention sweep</c>: deletes every expired subject of every tenant now, for a deployment that runs
/// no server (the server sweeps on its own timer) or an operator who wants it done before a deadline.
/// </summary>
public static class RetentionCommand
{
    public static Command Create(CliOutput output)
    {
        var cmd = new Command("retention", "Retention limits: delete the subjects whose expiry has passed.");
        cmd.Subcommands.Add(SweepCommand(output));
        return cmd;
    }

    private static Command SweepCommand(CliOutput output)
    {
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var cmd = new Command("sweep", "Delete every expired subject (all tenants) with its templates and images; one audit tombstone per gallery.") { json, data };
        cmd.SetAction(r =>
        {
            // The store alone: deleting rows needs no model pack (a fresh machine would download one first).
            using var store = AuditCommand.OpenStore(CommonOptions.DataDirectory(r, data));
            var sweep = RetentionSweeper.ForStore(store).Sweep();
            if (r.GetValue(json))
            {
                output.WriteJson(sweep, indented: false);
            }
            else
            {
                output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"retention sweep at {sweep.AsOf.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}: deleted {sweep.Subjects} subject(s), {sweep.Faces} face(s) in {sweep.Galleries} gallery(ies)"));
            }

            return CliApp.Ok;
        });
        return cmd;
    }
}
