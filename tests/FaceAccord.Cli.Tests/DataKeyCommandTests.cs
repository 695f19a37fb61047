using System.Text.Json;

namespace FaceAccord.Cli.Tests;

/// <summary><c>faceaccord keys rotate-data-key</c>, and a store whose key file is gone refusing to open with one line.</summary>
public sealed class DataKeyCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "fa-data-key-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task The_data_key_rotates_and_without_its_key_file_the_store_is_refused()
    {
        var (code, _, err) = await CliRun.Async("tenants", "create", "--name", "Acme", "--sector", "commercial", "--country", "US", "--json", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        string keyFile = Path.Combine(_data, "faceaccord.key");
        string before = await File.ReadAllTextAsync(keyFile);

        (code, var output, err) = await CliRun.Async("keys", "rotate-data-key", "--json", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        var result = JsonDocument.Parse(output).RootElement;
        Assert.NotEqual(result.GetProperty("from").GetString(), result.GetProperty("to").GetString());
        Assert.NotEqual(before, await File.ReadAllTextAsync(keyFile));
        (code, _, err) = await CliRun.Async("audit", "verify", "--data", _data);
        Assert.True(code == CliApp.Ok, err);

        File.Move(keyFile, keyFile + ".backup");
        (code, output, err) = await CliRun.Async("tenants", "list", "--data", _data);
        Assert.Equal(CliApp.InternalError, code);
        Assert.Empty(output);
        string line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("data key", line, StringComparison.Ordinal);
        Assert.False(File.Exists(keyFile), "a refused open must not make a new key");

        File.Move(keyFile + ".backup", keyFile);
        (code, _, err) = await CliRun.Async("tenants", "list", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
    }
}
