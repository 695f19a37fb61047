using System.CommandLine;
using FaceAccord.Core;
using FaceAccord.Storage;
using FaceAccord.Storage.Encryption;

namespace FaceAccord.Cli.Commands;

/// <summary>
/// <c>faceaccord keys rotate-data-key</c>: replaces the data key templates and images are sealed with, re-sealing every
/// row in batches; run it again after an interruption and it finishes the same rotation.
/// </summary>
public static class KeysCommand
{
    public static Command Create(CliOutput output)
    {
        var cmd = new Command("keys", "The data key that seals templates and images at rest.");
        cmd.Subcommands.Add(RotateCommand(output));
        return cmd;
    }

    private static Command RotateCommand(CliOutput output)
    {
        var batch = new Option<int>("--batch") { Description = "Rows re-sealed per transaction.", DefaultValueFactory = _ => 500 };
        var prepare = new Option<bool>("--prepare")
        {
            Description = "Only write the new key into the key file beside the current one (still in use): give that file to every node of a "
                + "shared store and restart them, then run this again without --prepare.",
        };
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var models = CommonOptions.Models();
        var cmd = new Command("rotate-data-key",
            "Seal every template and image with a new data key (written to the key file beside the old one, which is dropped when done); resumable.")
        { batch, prepare, json, data, models };
        cmd.SetAction(r =>
        {
            if (r.GetValue(batch) is < 1 or > 100_000)
            {
                throw FaceAccordException.BadInput("batch-invalid", "--batch must be 1 to 100000.");
            }

            using var services = CliServices.Open(output, r, data, models, existingStore: true);
            var store = services.Get<IFaceAccordStore>() as IDataKeyStore
                ?? throw FaceAccordException.BadInput("store-not-supported", "This store's data keys cannot be rotated.");

            // The key file of --data (or $FACEACCORD_DATA_KEY_FILE), for a SQLite store and a PostgreSQL one alike.
            var source = DataKeySource.For(services.Settings.DatabasePath);
            if (r.GetValue(prepare))
            {
                string next = DataKeyRotation.Prepare(store, source);
                if (r.GetValue(json))
                {
                    output.WriteJson(new { current = store.DataKeyId, prepared = next }, indented: false);
                }
                else
                {
                    output.Out.WriteLine($"data key {next} written to {source.Description} beside {store.DataKeyId}, which stays in use; "
                        + "give this file to every node, restart them, then run keys rotate-data-key");
                }

                return CliApp.Ok;
            }

            var result = DataKeyRotation.Run(store, source, r.GetValue(batch));
            if (r.GetValue(json))
            {
                output.WriteJson(result, indented: false);
            }
            else
            {
                output.Out.WriteLine($"data key {result.From} -> {result.To}: {result.Resealed} row(s) re-sealed{(result.Resumed ? " (continued a prepared or interrupted rotation)" : "")}");
            }

            return CliApp.Ok;
        });
        return cmd;
    }
}
