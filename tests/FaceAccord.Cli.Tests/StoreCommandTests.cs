using System.Text.Json;
using FaceAccord.TestSupport;

namespace FaceAccord.Cli.Tests;

/// <summary>The store commands without a server: tenants, galleries, enrol and identify on one data directory.</summary>
public sealed class StoreCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "fa-store-cli-" + Guid.NewGuid().ToString("N"));

    public StoreCommandTests()
    {
        _ = TestPack.Installed;
        Directory.CreateDirectory(_data);
        Directory.CreateSymbolicLink(Path.Combine(_data, "packs"), TestModelSources.Data.PacksDirectory);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Tenant_gallery_enrol_identify_on_the_same_store()
    {
        var (code, output, err) = await CliRun.Async("tenants", "create", "--name", "Acme", "--sector", "commercial", "--country", "US", "--region", "US-WA", "--city", "Seattle", "--json", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        var created = JsonDocument.Parse(output).RootElement;
        Assert.StartsWith("fa_", created.GetProperty("apiKey").GetString(), StringComparison.Ordinal);
        Assert.True(created.GetProperty("tenantId").TryGetGuid(out _));
        Assert.DoesNotContain(created.GetProperty("apiKey").GetString()!, await File.ReadAllTextAsync(Path.Combine(_data, "faceaccord.db")), StringComparison.Ordinal);

        (code, _, err) = await CliRun.Async("galleries", "create", "staff", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        (code, output, err) = await CliRun.Async("consents", "add", "--subject", "colin", "--purpose", "access-control", "--notice-version", "v1",
            "--notice-sha256", new string('b', 64), "--signature", "written", "--evidence", "form-1", "--json", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        string consent = JsonDocument.Parse(output).RootElement.GetProperty("id").GetString()!;
        (code, _, err) = await CliRun.Async("enroll", "--gallery", "staff", "--subject", "colin", TestPaths.Lfw("Colin_Powell", 1), "--purpose", "access-control", "--legal-basis", "consent:" + consent, "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        (code, _, err) = await CliRun.Async("enroll", "--gallery", "staff", "--subject", "serena", TestPaths.Lfw("Serena_Williams", 1), "--purpose", "access-control", "--data", _data);
        Assert.True(code == CliApp.Ok, err);

        (code, output, err) = await CliRun.Async("identify", "--gallery", "staff", TestPaths.Lfw("Colin_Powell", 2), "--fpir", "1", "--purpose", "access-control", "--json", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        var result = JsonDocument.Parse(output).RootElement;
        Assert.Equal("colin", result.GetProperty("candidates")[0].GetProperty("externalId").GetString());
        Assert.Equal(2, result.GetProperty("gallerySubjects").GetInt32());

        (code, output, _) = await CliRun.Async("galleries", "list", "--json", "--data", _data);
        Assert.Equal(CliApp.Ok, code);
        Assert.Equal(2, JsonDocument.Parse(output).RootElement[0].GetProperty("subjects").GetInt32());

        // Every operation on faces left an entry in the hash-chained audit log, and the chain is intact.
        (code, output, err) = await CliRun.Async("audit", "verify", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        Assert.Contains("chain intact", output, StringComparison.Ordinal);
        (code, output, _) = await CliRun.Async("audit", "export", "--json", "--data", _data);
        Assert.Equal(CliApp.Ok, code);
        var operations = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("operation").GetString()).ToList();
        Assert.Contains("identify", operations);
        Assert.Equal(4, operations.Count(o => o == "enroll"));
    }

    [Fact]
    public async Task Reviewer_keys_are_issued_listed_and_revoked_from_the_command_line()
    {
        var (code, output, err) = await CliRun.Async("tenants", "create", "--name", "Berlin Zoo", "--sector", "commercial", "--country", "DE", "--json", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        string operatorKey = JsonDocument.Parse(output).RootElement.GetProperty("apiKey").GetString()!;

        (code, output, err) = await CliRun.Async("tenants", "keys", "add", "--role", "reviewer", "--json", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        var issued = JsonDocument.Parse(output).RootElement;
        Assert.Equal("reviewer", issued.GetProperty("role").GetString());
        string keyId = issued.GetProperty("keyId").GetString()!;
        Assert.StartsWith($"fa_{keyId}_", issued.GetProperty("apiKey").GetString(), StringComparison.Ordinal);

        (code, output, err) = await CliRun.Async("tenants", "keys", "list", "--json", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        var keys = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(["operator", "reviewer"], keys.Select(k => k.GetProperty("role").GetString()));
        Assert.DoesNotContain(operatorKey[(operatorKey.IndexOf('_', "fa_".Length) + 1)..], output, StringComparison.Ordinal); // the secret: after the hex key id
        Assert.All(keys, k => Assert.Equal(JsonValueKind.Null, k.GetProperty("revokedAt").ValueKind));

        (code, output, err) = await CliRun.Async("tenants", "keys", "revoke", keyId, "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        Assert.Contains($"key {keyId} (reviewer) revoked", output, StringComparison.Ordinal);
        (code, output, _) = await CliRun.Async("tenants", "keys", "list", "--data", _data);
        Assert.Equal(CliApp.Ok, code);
        Assert.Contains("revoked", output.Split('\n').Single(l => l.StartsWith(keyId, StringComparison.Ordinal)), StringComparison.Ordinal);

        // Bad requests: one line, exit 2, nothing issued.
        (code, _, err) = await CliRun.Async("tenants", "keys", "add", "--role", "admin", "--data", _data);
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("operator, reviewer", err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));
        (code, _, err) = await CliRun.Async("tenants", "keys", "revoke", "0123456789abcdef", "--data", _data);
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("no API key", err, StringComparison.Ordinal);
        (code, _, err) = await CliRun.Async("tenants", "keys", "list", "--tenant", Guid.NewGuid().ToString(), "--data", _data);
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("no tenant", err, StringComparison.Ordinal);
        (code, output, _) = await CliRun.Async("tenants", "keys", "list", "--json", "--data", _data);
        Assert.Equal(2, JsonDocument.Parse(output).RootElement.GetArrayLength());

        // Issuing and revoking are in the audit log, and the chain is intact.
        (code, output, _) = await CliRun.Async("audit", "export", "--json", "--data", _data);
        Assert.Equal(CliApp.Ok, code);
        var entries = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["api-key-issue", "api-key-issue", "api-key-revoke"], entries
            .Where(e => e.GetProperty("decision").GetString() == "allow" && e.GetProperty("operation").GetString() != "api-key-list")
            .Select(e => e.GetProperty("operation").GetString()));
        Assert.Contains(entries, e => e.GetProperty("operation").GetString() == "api-key-revoke" && e.GetProperty("problem").GetString() == "api-key-not-found"
            && e.GetProperty("status").GetInt32() == CliApp.BadInput);
        (code, _, err) = await CliRun.Async("audit", "verify", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
    }

    [Fact]
    public async Task Bad_store_requests_exit_2_with_one_line()
    {
        var (code, _, err) = await CliRun.Async("galleries", "create", "x", "--data", _data);
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("tenants create", err, StringComparison.Ordinal);

        (code, _, err) = await CliRun.Async("tenants", "create", "--name", "A", "--sector", "bakery", "--country", "US", "--data", _data);
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("Sector", err, StringComparison.Ordinal);

        (code, _, _) = await CliRun.Async("tenants", "create", "--name", "A", "--sector", "commercial", "--country", "US", "--data", _data);
        Assert.Equal(CliApp.Ok, code);
        (code, _, err) = await CliRun.Async("identify", "--gallery", "missing", TestPaths.Lfw("Colin_Powell", 2), "--purpose", "access-control", "--data", _data);
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("no gallery", err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));
    }
}
