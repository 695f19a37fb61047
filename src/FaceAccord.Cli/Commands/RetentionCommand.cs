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
        var models = CommonOptions.Models();
        var cmd = new Command("sweep", "Delete every expired subject (all tenants) with its templates, images and crops, one audit tombstone per gallery; and the probe crops of review cases decided longer ago than the crop period.") { json, data, models };
        cmd.SetAction(r =>
        {
            // Deleting rows needs no model pack (a fresh machine would download one first), and a mistyped --data no new store.
            using var services = CliServices.Open(output, r, data, models, existingStore: true);
            var sweep = services.Get<RetentionSweeper>().Sweep();
            if (r.GetValue(json))
            {
                output.WriteJson(sweep, indented: false);
            }
            else if (sweep.Skipped)
            {
                output.Out.WriteLine("retention sweep skipped: another node of the shared store is sweeping now; nothing was deleted");
            }
            else
            {
                output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"retention sweep at {sweep.AsOf.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}: deleted {sweep.Subjects} subject(s), {sweep.Faces} face(s) in {sweep.Galleries} gallery(ies); {sweep.ProbeCrops} probe crop(s) of {sweep.ReviewCases} decided review case(s)"));
            }

            return CliApp.Ok;
        });
        return cmd;
    }
}
