using System.Text.Json;
using FaceAccord.TestSupport;

namespace FaceAccord.Cli.Tests;

/// <summary>
/// The model pack lives apart from the store (<c>--models</c> or <c>$FACEACCORD_HOME</c>): a new store never fetches a
/// pack, and the commands that need no model run with a models folder that cannot even be created.
/// </summary>
public sealed class ModelFreeCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fa-model-free-" + Guid.NewGuid().ToString("N"));

    public ModelFreeCommandTests()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "a-file"), "not a folder");
    }

    private string Data => Path.Combine(_root, "store");

    // A folder inside a plain file: nothing, not even root, can install a pack there.
    private string NoModels => Path.Combine(_root, "a-file", "models");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Commands_that_need_no_model_never_load_or_fetch_one()
    {
        var tenant = await Ok("tenants", "create", "--name", "Acme", "--sector", "commercial", "--country", "US", "--region", "US-CA", "--city", "Oakland", "--json");
        Assert.StartsWith("fa_", JsonDocument.Parse(tenant).RootElement.GetProperty("apiKey").GetString(), StringComparison.Ordinal);
        await Ok("tenants", "list");
        string reviewer = JsonDocument.Parse(await Ok("tenants", "keys", "add", "--role", "reviewer", "--json")).RootElement.GetProperty("keyId").GetString()!;
        await Ok("tenants", "keys", "list");
        await Ok("tenants", "keys", "revoke", reviewer);
        await Ok("galleries", "create", "staff");
        await Ok("galleries", "list", "--json");

        // A command that does need the model uses that same folder, and says it cannot install there.
        var (code, _, err) = await CliRun.Async("enroll", "--gallery", "staff", "--subject", "ada", TestPaths.Lfw("Colin_Powell", 1), "--purpose", "access-control",
            "--data", Data, "--models", NoModels);
        Assert.NotEqual(CliApp.Ok, code);
        Assert.StartsWith("faceaccord: ", err.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);

        string consent = JsonDocument.Parse(await Ok("consents", "add", "--subject", "ada", "--purpose", "access-control", "--notice-version", "v1",
            "--notice-sha256", new string('c', 64), "--signature", "written", "--evidence", "form-1", "--json")).RootElement.GetProperty("id").GetString()!;
        await Ok("consents", "list", "--subject", "ada");
        await Ok("consents", "withdraw", consent);
        await Ok("erase", "--subject", "ada");
        await Ok("retention", "sweep");
        await Ok("report", "transparency");
        await Ok("audit", "export", "--json");
        Assert.Contains("chain intact", await Ok("audit", "verify"), StringComparison.Ordinal);
        await Ok("galleries", "delete", "staff", "--purpose", "access-control");

        Assert.False(Directory.Exists(Path.Combine(Data, "packs")));
        Assert.False(Directory.Exists(Path.Combine(Data, "sources")));
    }

    private async Task<string> Ok(params string[] args)
    {
        var (code, output, err) = await CliRun.Async([.. args, "--data", Data, "--models", NoModels]);
        Assert.True(code == CliApp.Ok, $"{string.Join(' ', args)}: {err}");
        return output;
    }
}
