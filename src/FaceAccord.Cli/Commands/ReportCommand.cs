using System.CommandLine;
using FaceAccord.Core;
using FaceAccord.Service.Reports;
using FaceAccord.Storage;

namespace FaceAccord.Cli.Commands;

/// <summary>
/// <c>faceaccord report accountability|transparency</c>: the reports a regulator or the public asks for, built from
/// the system's own records, as Markdown or self-contained HTML; <c>--publish</c> files the accountability report.
/// </summary>
public static class ReportCommand
{
    public static Command Create(CliOutput output)
    {
        var cmd = new Command("report", "Accountability and transparency reports from the pack, the calibration, the store and the audit log.");
        cmd.Subcommands.Add(AccountabilityCommand(output));
        cmd.Subcommands.Add(TransparencyCommand(output));
        return cmd;
    }

    private static Option<string> Format() => new("--format")
    {
        Description = "md (Markdown) or html (one self-contained page).",
        HelpName = "md|html",
        DefaultValueFactory = _ => "md",
    };

    private static Option<string?> Out() => new("--out") { Description = "Write the report to this file (default: standard output)." };

    private static Command AccountabilityCommand(CliOutput output)
    {
        var tenant = new Option<string?>("--tenant") { Description = "The agency's tenant id (default: $FACEACCORD_TENANT, else the store's only tenant)." };
        var fairness = new Option<string?>("--fairness") { Description = "fairness.json of the latest evaluation ('faceaccord fairness ... --out DIR')." };
        var format = Format();
        var outFile = Out();
        var publish = new Option<bool>("--publish")
        {
            Description = "File the report for this tenant and the model in use (stored with its SHA-256 and audited); "
                + "this meets the accountability-report condition of the Washington pack.",
        };
        var data = CommonOptions.Data();
        var models = CommonOptions.Models();
        var cmd = new Command("accountability", "Vendor, model pack, capabilities and limits, data, purposes, thresholds and per-group error rates, testing, data management (RCW 43.386.020).")
        { tenant, fairness, format, outFile, publish, data, models };
        cmd.SetAction(async (r, ct) =>
        {
            string kind = ParseFormat(r.GetValue(format));
            string? fairnessPath = r.GetValue(fairness);
            var evidence = fairnessPath is null ? null : FairnessEvidenceFile.Load(fairnessPath);
            using var services = CliServices.Open(output, r, data, models);
            var context = services.Context(r.GetValue(tenant), "legal-compliance");
            var reports = services.Get<ReportService>();

            // The report describes the installed pack and its calibration; it runs no model.
            await services.LoadModelsAsync(ct).ConfigureAwait(false);
            var doc = reports.BuildAccountability(context, evidence, fairnessPath is null ? null : Path.GetFullPath(fairnessPath));
            string markdown = MarkdownReportRenderer.Render(doc);
            await WriteAsync(output, r.GetValue(outFile), kind == "md" ? markdown : HtmlReportRenderer.Render(doc), ct).ConfigureAwait(false);
            if (r.GetValue(publish))
            {
                var stored = reports.Publish(context, markdown);
                output.Err.WriteLine($"published accountability report {stored.Id} for {stored.PackId} (sha256 {stored.Sha256})");
            }

            return CliApp.Ok;
        });
        return cmd;
    }

    private static Command TransparencyCommand(CliOutput output)
    {
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant (its id); default: all tenants." };
        var from = new Option<string?>("--from") { Description = "Period start, inclusive (ISO 8601; UTC unless an offset is given). Default: the first record." };
        var to = new Option<string?>("--to") { Description = "Period end, exclusive (ISO 8601). Default: now." };
        var format = Format();
        var outFile = Out();
        var data = CommonOptions.Data();
        var models = CommonOptions.Models();
        var cmd = new Command("transparency",
            $"Requests by purpose and operation, decisions, denials by rule, candidates returned, human reviews; the audit chain is verified first "
            + $"(exit {AuditCommand.ChainBroken} after writing the report when it is broken).")
        { tenant, from, to, format, outFile, data, models };
        cmd.SetAction(async (r, ct) =>
        {
            string kind = ParseFormat(r.GetValue(format));
            var start = AuditCommand.ParseTime(r.GetValue(from), "--from");
            var end = AuditCommand.ParseTime(r.GetValue(to), "--to");
            if (start is { } s && end is { } e && e <= s)
            {
                throw FaceAccordException.BadInput("period-invalid", "--to must be later than --from.");
            }

            using var services = CliServices.Open(output, r, data, models, existingStore: true);
            string scope = "all tenants";
            Guid? tenantId = null;
            if (r.GetValue(tenant) is { } text)
            {
                var found = (Guid.TryParse(text, out var id) ? services.Get<ITenantStore>().FindTenant(id) : null)
                    ?? throw FaceAccordException.NotFound("tenant-not-found", $"There is no tenant '{text}' in this store.");
                tenantId = found.Id;
                scope = $"{found.Profile.Name} ({found.Id})";
            }

            var figures = services.Get<ReportService>().Transparency(tenantId, start, end);
            var doc = TransparencyReport.Build(figures, scope, DateTimeOffset.UtcNow);
            await WriteAsync(output, r.GetValue(outFile), kind == "md" ? MarkdownReportRenderer.Render(doc) : HtmlReportRenderer.Render(doc), ct).ConfigureAwait(false);
            if (figures.Chain.Break is { } broken)
            {
                output.Error($"audit chain broken at entry {broken.Sequence} ({broken.Code}): the report says so; its figures may not be trusted.");
                return AuditCommand.ChainBroken;
            }

            return CliApp.Ok;
        });
        return cmd;
    }

    private static string ParseFormat(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        "md" or "markdown" => "md",
        "html" => "html",
        _ => throw FaceAccordException.BadInput("format-invalid", $"--format '{format}' is not md or html."),
    };

    private static async Task WriteAsync(CliOutput output, string? path, string text, CancellationToken ct)
    {
        if (path is null)
        {
            await output.Out.WriteAsync(text).ConfigureAwait(false);
            return;
        }

        await File.WriteAllTextAsync(path, text, ct).ConfigureAwait(false);
        output.Err.WriteLine($"wrote {Path.GetFullPath(path)}");
    }
}
