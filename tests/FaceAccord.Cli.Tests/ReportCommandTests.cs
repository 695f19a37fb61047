using System.Text.Json;
using FaceAccord.Cli.Commands;
using FaceAccord.TestSupport;
using Microsoft.Data.Sqlite;

namespace FaceAccord.Cli.Tests;

/// <summary><c>faceaccord report</c>: the reports from a store, publishing, and one clear line with exit 2 for bad input.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "fa-report-cli-" + Guid.NewGuid().ToString("N"));

    public ReportCommandTests()
    {
        _ = TestPack.Installed;
        Directory.CreateDirectory(_data);
        Directory.CreateSymbolicLink(Path.Combine(_data, "packs"), TestModelSources.Data.PacksDirectory);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Publishing_writes_the_report_files_it_and_the_transparency_report_counts_it()
    {
        string tenant = await CreateAgencyAsync();
        string md = Path.Combine(_data, "accountability.md");
        var (code, _, err) = await CliRun.Async("report", "accountability", "--tenant", tenant, "--publish", "--out", md, "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        Assert.Contains("published accountability report", err, StringComparison.Ordinal);
        string text = await File.ReadAllTextAsync(md);
        Assert.Contains(TestPack.Installed.Manifest.PackId, text, StringComparison.Ordinal);
        Assert.Contains("## Thresholds in force and false-match rates per group", text, StringComparison.Ordinal);

        (code, var output, err) = await CliRun.Async("report", "accountability", "--tenant", tenant, "--format", "html", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        Assert.StartsWith("<!DOCTYPE html>", output, StringComparison.Ordinal);

        (code, output, err) = await CliRun.Async("report", "transparency", "--tenant", tenant, "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        Assert.Contains("| **Accountability reports published** | 1 |", output, StringComparison.Ordinal);
        // The tenant's first key, two reports built, the publication.
        Assert.Contains("intact: 4 entries verified", output, StringComparison.Ordinal);

        // A period that ends before anything happened counts nothing.
        (code, output, err) = await CliRun.Async("report", "transparency", "--from", "2000-01-01", "--to", "2000-02-01", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        Assert.Contains("| **Accountability reports published** | 0 |", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_audit_chain_still_yields_the_report_but_exits_4()
    {
        string tenant = await CreateAgencyAsync();
        var (code, _, err) = await CliRun.Async("report", "accountability", "--tenant", tenant, "--publish", "--out", Path.Combine(_data, "a.md"), "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        using (var raw = new SqliteConnection($"Data Source={Path.Combine(_data, "faceaccord.db")};Pooling=False"))
        {
            raw.Open();
            using var tamper = raw.CreateCommand();
            tamper.CommandText = "DROP TRIGGER IF EXISTS audit_log_no_update; UPDATE audit_log SET operation = 'detect' WHERE seq = 1;";
            tamper.ExecuteNonQuery();
        }

        (code, var output, err) = await CliRun.Async("report", "transparency", "--data", _data);
        Assert.Equal(AuditCommand.ChainBroken, code);
        Assert.Contains("**Warning:** The audit log's hash chain is BROKEN", output, StringComparison.Ordinal);
        Assert.Contains("audit chain broken", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("transparency", "--from", "yesterday")]
    [InlineData("transparency", "--to", "2026-13-45")]
    [InlineData("transparency", "--from", "2026-03-02", "--to", "2026-03-01")]
    [InlineData("transparency", "--format", "pdf")]
    [InlineData("transparency", "--tenant", "not-a-tenant")]
    [InlineData("transparency", "--tenant", "0b3e8f9e-50a1-4ad8-9b43-6f1f5b0c8a11")]
    [InlineData("accountability", "--tenant", "0b3e8f9e-50a1-4ad8-9b43-6f1f5b0c8a11")]
    [InlineData("accountability", "--fairness", "/nonexistent/fairness.json")]
    [InlineData("accountability", "--format", "docx")]
    public async Task Bad_input_exits_2_with_one_line(params string[] args)
    {
        await CreateAgencyAsync();
        var (code, _, err) = await CliRun.Async(["report", .. args, "--data", _data]);
        Assert.Equal(CliApp.BadInput, code);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public async Task An_unreadable_fairness_file_or_a_missing_store_exits_2()
    {
        string bad = Path.Combine(_data, "fairness.json");
        await File.WriteAllTextAsync(bad, "[1, 2");
        var (code, _, err) = await CliRun.Async("report", "accountability", "--fairness", bad, "--data", _data);
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("not a fairness audit", err, StringComparison.Ordinal);

        (code, _, err) = await CliRun.Async("report", "transparency", "--data", _data);
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("no store", err, StringComparison.Ordinal);
    }

    private async Task<string> CreateAgencyAsync()
    {
        var (code, output, err) = await CliRun.Async("tenants", "create", "--name", "Seattle records", "--sector", "public-agency", "--country", "US",
            "--region", "US-WA", "--city", "Seattle", "--json", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        return JsonDocument.Parse(output).RootElement.GetProperty("tenantId").GetString()!;
    }

    [Fact]
    public async Task Html_escapes_a_hostile_tenant_name_and_inlines_the_fairness_chart()
    {
        var (code, output, err) = await CliRun.Async("tenants", "create", "--name", "<script>alert('x')</script>", "--sector", "public-agency", "--country", "US",
            "--region", "US-WA", "--city", "Seattle", "--json", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        string tenant = JsonDocument.Parse(output).RootElement.GetProperty("tenantId").GetString()!;
        string fairness = WriteFairness();
        (code, string html, err) = await CliRun.Async("report", "accountability", "--tenant", tenant, "--fairness", fairness, "--format", "html", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        (code, string md, err) = await CliRun.Async("report", "accountability", "--tenant", tenant, "--fairness", fairness, "--data", _data);
        Assert.True(code == CliApp.Ok, err);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,iVBOR", html, StringComparison.Ordinal);
        Assert.Contains("| group=a | 3 | 10 | 1,000 | 0.002 \\[0.001, 0.003\\] | 0.1 \\[0.05, 0.15\\] |", md, StringComparison.Ordinal);
        Assert.Contains("| **Highest / lowest group FMR** | 4 |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_fairness_files_are_refused_with_their_own_codes()
    {
        Assert.Equal("fairness-not-found", Assert.Throws<Core.FaceAccordException>(() => FairnessEvidenceFile.Load(Path.Combine(_data, "nope.json"))).Code);
        string garbage = Path.Combine(_data, $"garbage-{Guid.NewGuid():N}.json");
        File.WriteAllText(garbage, "{ not json");
        Assert.Equal("fairness-invalid", Assert.Throws<Core.FaceAccordException>(() => FairnessEvidenceFile.Load(garbage)).Code);
        File.WriteAllText(garbage, "{\"seed\": 1}");
        Assert.Equal("fairness-invalid", Assert.Throws<Core.FaceAccordException>(() => FairnessEvidenceFile.Load(garbage)).Code);
    }

    /// <summary>A small fairness.json in the shape 'faceaccord fairness --out' writes, with two groups of known rates.</summary>
    private string WriteFairness()
    {
        string path = Path.Combine(_data, $"fairness-{Guid.NewGuid():N}.json");
        string json = $$"""
        {
          "model": "{{FaceAccord.Service.Recognition.PackSelection.ModelId(null)}}", "manifest": "m.csv", "seed": 0, "maxImpostorsPerGroup": 1000,
          "targetFmr": 0.001, "threshold": 0.93, "calibration": "worst-group", "bootstrapResamples": 200, "confidenceLevel": 0.95,
          "images": 40, "imagesWithoutFace": 0,
          "breakdowns": [{
            "columns": ["group"], "unlabelledImages": 0,
            "groups": [
              { "group": "group=a", "images": 20, "subjects": 3, "genuinePairs": 10, "impostorPairs": 1000, "falseMatches": 2, "falseNonMatches": 1,
                "failedGenuine": 0, "failedImpostor": 0, "fmr": 0.002, "fmrLower": 0.001, "fmrUpper": 0.003, "fnmr": 0.1, "fnmrLower": 0.05, "fnmrUpper": 0.15, "fnmrAtFmr": [] },
              { "group": "group=b", "images": 20, "subjects": 3, "genuinePairs": 10, "impostorPairs": 2000, "falseMatches": 1, "falseNonMatches": 2,
                "failedGenuine": 0, "failedImpostor": 0, "fmr": 0.0005, "fmrLower": 0, "fmrUpper": 0.001, "fnmr": 0.2, "fnmrLower": 0.1, "fnmrUpper": 0.3, "fnmrAtFmr": [] }
            ],
            "summary": null,
            "fmrDifferentials": { "groups": 2, "fmrMaxMinRatio": 4, "fmrInequity": 2, "giniFmr": 0.6, "fmrMaxDifference": 0.0015 },
            "summaryNote": "test data"
          }],
          "worstGroup": null
        }
        """;
        File.WriteAllText(path, json);
        return path;
    }
}
