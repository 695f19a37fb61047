using System.CommandLine;
using System.Globalization;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Storage;

namespace FaceAccord.Cli.Commands;

/// <summary>
/// <c>faceaccord audit verify|export</c>: proves the audit log is intact and hands it to an auditor. Opens the
/// store file directly, so it works on a copied data directory with no model pack and no running server.
/// </summary>
public static class AuditCommand
{
    /// <summary>
    /// Exit code of <c>audit verify</c> when the chain is broken, kept apart from 1 (the check could not run) and
    /// 2 (no store there) so a scheduled check can tell tampering from a missing file.
    /// </summary>
    public const int ChainBroken = 4;

    public sealed record VerifyResult(bool Intact, long Count, string HeadHash, BreakLine? Break);

    public sealed record BreakLine(long Sequence, string Kind, string Explanation);

    public static Command Create(CliOutput output)
    {
        var cmd = new Command("audit", "The tamper-evident audit log: verify its hash chain, export its entries.");
        cmd.Subcommands.Add(VerifyCommand(output));
        cmd.Subcommands.Add(ExportCommand(output));
        return cmd;
    }

    private static Command VerifyCommand(CliOutput output)
    {
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var models = CommonOptions.Models();
        var anchors = new Option<FileInfo[]>("--anchor")
        {
            Description = "Files of heads recorded earlier, one 'audit verify --json' output per line (kept outside the store, e.g. "
                + "'faceaccord audit verify --json >> /elsewhere/anchors.jsonl' from a schedule); each anchored entry must still hash "
                + "to its recorded head, which catches a rewrite of the newest entries that the chain alone cannot.",
            AllowMultipleArgumentsPerToken = true,
        };
        var cmd = new Command(
            "verify",
            $"Recompute the hash chain from the first entry. Exit 0: intact (prints the count and the head hash; keep that hash "
            + $"elsewhere and pass it back with --anchor). Exit {ChainBroken}: broken, naming the first broken entry.")
        { json, data, models, anchors };
        cmd.SetAction(r =>
        {
            var recorded = (r.GetValue(anchors) ?? []).SelectMany(AuditAnchorFile.Read).ToList();
            using var services = CliServices.Open(output, r, data, models, existingStore: true);
            AuditVerification result = services.Get<AuditLog>().Verify(recorded);
            if (r.GetValue(json))
            {
                output.WriteJson(new VerifyResult(
                    result.Intact,
                    result.Count,
                    result.HeadHashHex,
                    result.Break is { } b ? new BreakLine(b.Sequence, b.Code, b.Explanation) : null));
            }
            else if (result.Intact)
            {
                output.Out.WriteLine($"{result.Count} entries, chain intact (head {result.HeadHashHex})"
                    + (recorded.Count > 0 ? $", {recorded.Count} anchor{(recorded.Count == 1 ? "" : "s")} matched" : ""));
            }

            if (result.Break is { } broken)
            {
                output.Error($"audit chain broken at entry {broken.Sequence} ({broken.Code}): {broken.Explanation}; the {result.Count} entries before it check out.");
                return ChainBroken;
            }

            return CliApp.Ok;
        });
        return cmd;
    }

    private static Command ExportCommand(CliOutput output)
    {
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's entries (its id)." };
        var from = new Option<string?>("--from") { Description = "Only entries at or after this time (ISO 8601; UTC unless an offset is given)." };
        var until = new Option<string?>("--until") { Description = "Only entries before this time (ISO 8601; UTC unless an offset is given)." };
        var json = new Option<bool>("--json") { Description = "Print JSON Lines: one entry object per line, hashes in hex (otherwise one readable line per entry)." };
        var data = CommonOptions.Data();
        var models = CommonOptions.Models();
        var cmd = new Command("export", "Print the log's entries in sequence order. Export does not verify; run 'audit verify' for that.")
        { tenant, from, until, json, data, models };
        cmd.SetAction(r =>
        {
            var query = new AuditQuery(ParseTenant(r.GetValue(tenant)), ParseTime(r.GetValue(from), "--from"), ParseTime(r.GetValue(until), "--until"));
            using var services = CliServices.Open(output, r, data, models, existingStore: true);
            IEnumerable<AuditEntry> entries = services.Get<AuditLog>().Export(query);
            if (r.GetValue(json))
            {
                AuditJsonLines.Write(output.Out, entries);
                return CliApp.Ok;
            }

            foreach (AuditEntry e in entries)
            {
                AuditRecord a = e.Record;
                string rules = a.RuleIds.Count == 0 ? "-" : string.Join(',', a.RuleIds);
                output.Out.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{e.Sequence}  {e.At.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}  {a.TenantId?.ToString() ?? "-"}  {a.KeyId}  {a.Operation}  {a.Purpose ?? "-"}  {a.Decision.ToString().ToLowerInvariant()}  {rules}  candidates={a.CandidateCount}"));
            }

            return CliApp.Ok;
        });
        return cmd;
    }

    private static Guid? ParseTenant(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return Guid.TryParse(text, out Guid id) ? id : throw FaceAccordException.BadInput("tenant-invalid", $"--tenant '{text}' is not a tenant id.");
    }

    internal static DateTimeOffset? ParseTime(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time)
            ? time
            : throw FaceAccordException.BadInput("time-invalid", $"{option} '{text}' is not an ISO 8601 time, e.g. 2026-03-01T00:00:00Z.");
    }
}
