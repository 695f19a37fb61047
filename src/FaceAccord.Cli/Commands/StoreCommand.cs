using System.CommandLine;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Service;
using FaceAccord.Storage.Encryption;
using FaceAccord.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAccord.Cli.Commands;

/// <summary><c>faceaccord store copy</c>: moves an installation from its SQLite store to a PostgreSQL database.</summary>
public static class StoreCommand
{
    /// <summary>Exit code when the copied audit chain does not verify (as <c>audit verify</c>'s).</summary>
    public const int ChainBroken = AuditCommand.ChainBroken;

    public static Command Create(CliOutput output)
    {
        var cmd = new Command("store", "Move a store between backends.");
        cmd.Subcommands.Add(CopyCommand(output));
        return cmd;
    }

    private static Command CopyCommand(CliOutput output)
    {
        var from = new Option<string>("--from") { Description = "The data directory of the SQLite store to copy (its faceaccord.db and data key).", Required = true };
        var to = new Option<string>("--to")
        {
            Description = "The empty PostgreSQL database to copy into: postgresql://user:password@host:port/database or an Npgsql connection string.",
            Required = true,
            HelpName = "URI",
        };
        var cmd = new Command(
            "copy",
            "Copy a SQLite store into an empty PostgreSQL database (ids, templates, consents, reviews, reports, the audit log entry by entry), "
            + "then verify the copied audit chain. Refuses a database that holds anything. The copy is sealed with the same data key: give every node "
            + "the source's key file (--data pointing at a copy of it, or $FACEACCORD_DATA_KEY_FILE).")
        { from, to };
        cmd.SetAction(r =>
        {
            string target = r.GetValue(to)!;
            if (!PostgresLocation.IsPostgres(target))
            {
                throw FaceAccordException.BadInput("store-uri-invalid", "--to takes postgresql://user:password@host:port/database or an Npgsql connection string.");
            }

            PostgresLocation location = PostgresLocation.Parse(target);
            var settings = new FaceAccordSettings(Path.GetFullPath(r.GetValue(from)!), FaceAccord.Models.DataDirectory.Resolve());
            var copied = SqliteToPostgresCopy.Run(settings.DatabasePath, location, DataKeySource.For(settings.DatabasePath));
            foreach (var (table, rows) in copied)
            {
                output.Out.WriteLine($"{table}: {rows}");
            }

            // The chain is verified on the target, through the same log reader 'audit verify --store' uses.
            using var services = new ServiceCollection().AddFaceAccord(settings with { Store = target }).BuildServiceProvider();
            AuditVerification result = services.GetRequiredService<AuditLog>().Verify([]);
            if (result.Break is { } broken)
            {
                output.Error($"copied to {location.Display}, but its audit chain is broken at entry {broken.Sequence} ({broken.Code}): {broken.Explanation}");
                return ChainBroken;
            }

            output.Out.WriteLine($"copied to {location.Display}: {result.Count} audit entries, chain intact (head {result.HeadHashHex})");
            return CliApp.Ok;
        });
        return cmd;
    }
}
