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
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var models = CommonOptions.Models();
        var cmd = new Command("rotate-data-key",
            "Seal every template and image with a new data key (written to the key file beside the old one, which is dropped when done); resumable.")
        { batch, json, data, models };
        cmd.SetAction(r =>
        {
            if (r.GetValue(batch) is < 1 or > 100_000)
            {
                throw Core.FaceAccordException.BadInput("batch-invalid", "--batch must be 1 to 100000.");
            }

            using var services = CliServices.Open(output, r, data, models, existingStore: true);
            var store = services.Get<IFaceAccordStore>() as SqliteFaceStore
                ?? throw FaceAccordException.BadInput("store-not-supported", "keys rotate works on the SQLite store of --data; a PostgreSQL store's keys are not rotated by this command yet.");
            var result = DataKeyRotation.Run(store, DataKeySource.For(store.DatabasePath), r.GetValue(batch));
            if (r.GetValue(json))
            {
                output.WriteJson(result, indented: false);
            }
            else
            {
                output.Out.WriteLine($"data key {result.From} -> {result.To}: {result.Resealed} row(s) re-sealed{(result.Resumed ? " (finished an interrupted rotation)" : "")}");
            }

            return CliApp.Ok;
        });
        return cmd;
    }
}
