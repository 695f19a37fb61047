using System.Text.Json;
using FaceAccord.TestSupport;

namespace FaceAccord.Cli.Tests;

/// <summary><c>faceaccord consents</c> and <c>faceaccord erase</c> on a store, as an operator runs them without a server.</summary>
public sealed class ConsentCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "fa-consent-cli-" + Guid.NewGuid().ToString("N"));

    public ConsentCommandTests()
    {
        _ = TestPack.Installed;
        Directory.CreateDirectory(_data);
        Directory.CreateSymbolicLink(Path.Combine(_data, "packs"), TestModelSources.Data.PacksDirectory);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private Task<(int Code, string Out, string Err)> Run(params string[] args) => CliRun.Async([.. args, "--data", _data]);

    private async Task<string> AddConsent(string subject)
    {
        string notice = Path.Combine(_data, "notice.txt");
        await File.WriteAllTextAsync(notice, "We keep a template of your face to open the staff door.");
        var (code, output, err) = await Run("consents", "add", "--subject", subject, "--purpose", "access-control", "--purpose", "employee-timekeeping",
            "--notice-version", "2026-01", "--notice-file", notice, "--signature", "electronic-signature", "--evidence", "esign-" + subject, "--json");
        Assert.True(code == CliApp.Ok, err);
        var consent = JsonDocument.Parse(output).RootElement;
        Assert.Equal(["access-control", "employee-timekeeping"], consent.GetProperty("purposes").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(64, consent.GetProperty("noticeSha256").GetString()!.Length);
        return consent.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Consent_enrol_withdraw_and_erase_on_one_store()
    {
        var (code, _, err) = await Run("tenants", "create", "--name", "Acme", "--sector", "commercial", "--country", "US", "--region", "US-WA", "--city", "Seattle");
        Assert.True(code == CliApp.Ok, err);
        (code, _, err) = await Run("galleries", "create", "staff");
        Assert.True(code == CliApp.Ok, err);

        // A consent that does not exist, or is another person's, does not let anyone be enrolled.
        string colin = await AddConsent("colin");
        (code, _, err) = await Run("enroll", "--gallery", "staff", "--subject", "serena", TestPaths.Lfw("Serena_Williams", 1), "--purpose", "access-control", "--legal-basis", "consent:" + colin);
        Assert.Equal(CliApp.Denied, code);
        Assert.Contains("not given by the person", err, StringComparison.Ordinal);
        (code, _, _) = await Run("enroll", "--gallery", "staff", "--subject", "colin", TestPaths.Lfw("Colin_Powell", 1), "--purpose", "access-control", "--legal-basis", "consent:form-1");
        Assert.Equal(CliApp.Denied, code);

        (code, _, err) = await Run("enroll", "--gallery", "staff", "--subject", "colin", TestPaths.Lfw("Colin_Powell", 1), "--purpose", "access-control", "--legal-basis", "consent:" + colin);
        Assert.True(code == CliApp.Ok, err);
        string serena = await AddConsent("serena");
        (code, _, err) = await Run("enroll", "--gallery", "staff", "--subject", "serena", TestPaths.Lfw("Serena_Williams", 1), TestPaths.Lfw("Serena_Williams", 2), "--purpose", "access-control", "--legal-basis", "consent:" + serena);
        Assert.True(code == CliApp.Ok, err);

        var (listed, output, _) = await Run("consents", "list", "--subject", "colin");
        Assert.Equal(CliApp.Ok, listed);
        Assert.StartsWith(colin, output, StringComparison.Ordinal);
        Assert.Contains("active", output, StringComparison.Ordinal);

        (code, output, err) = await Run("consents", "withdraw", colin, "--reason", "left", "--json");
        Assert.True(code == CliApp.Ok, err);
        var withdrawal = JsonDocument.Parse(output).RootElement;
        Assert.Equal(1, withdrawal.GetProperty("subjectsDeleted").GetArrayLength());
        Assert.Equal(1, withdrawal.GetProperty("facesDeleted").GetInt32());
        (code, _, err) = await Run("consents", "withdraw", colin);
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("already withdrawn", err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));

        (code, output, err) = await Run("erase", "--subject", "serena", "--gallery", "staff", "--json");
        Assert.True(code == CliApp.Ok, err);
        var receipt = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, receipt.GetProperty("facesDeleted").GetInt32());
        Assert.Equal(0, receipt.GetProperty("consentsWithdrawn").GetArrayLength());
        (code, output, _) = await Run("erase", "--subject", "serena");
        Assert.Equal(CliApp.Ok, code);
        Assert.Contains("deleted 0 subject(s) and 0 face(s)", output, StringComparison.Ordinal);
        Assert.Contains("withdrew 1 consent(s)", output, StringComparison.Ordinal);

        (code, output, _) = await Run("galleries", "list", "--json");
        Assert.Equal(CliApp.Ok, code);
        Assert.Equal(0, JsonDocument.Parse(output).RootElement[0].GetProperty("subjects").GetInt32());
        (code, output, err) = await Run("audit", "verify");
        Assert.True(code == CliApp.Ok, err);
        Assert.Contains("chain intact", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_consent_commands_exit_2_with_one_line()
    {
        var (code, _, _) = await Run("tenants", "create", "--name", "Acme", "--sector", "commercial", "--country", "US");
        Assert.Equal(CliApp.Ok, code);
        (code, _, var err) = await Run("consents", "add", "--subject", "x", "--purpose", "door-opening", "--notice-version", "1", "--notice-sha256", new string('c', 64), "--signature", "written", "--evidence", "e");
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("not a purpose", err, StringComparison.Ordinal);
        (code, _, err) = await Run("consents", "add", "--subject", "x", "--purpose", "access-control", "--notice-version", "1", "--signature", "written", "--evidence", "e");
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("noticeText", err, StringComparison.Ordinal);
        (code, _, err) = await Run("consents", "add", "--subject", "x", "--purpose", "access-control", "--notice-version", "1", "--notice-sha256", new string('c', 64), "--signature", "written", "--evidence", "e", "--granted-at", "yesterday");
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("--granted-at", err, StringComparison.Ordinal);
        (code, _, err) = await Run("consents", "withdraw", "nope");
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("no consent", err, StringComparison.Ordinal);
        (code, _, err) = await Run("consents", "withdraw", Guid.NewGuid().ToString());
        Assert.Equal(CliApp.BadInput, code);
        (code, _, err) = await Run("erase", "--subject", "x", "--gallery", "missing");
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("no gallery", err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));
    }
}
