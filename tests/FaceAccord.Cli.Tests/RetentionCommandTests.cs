using System.Text.Json;
using FaceAccord.TestSupport;
using Microsoft.Data.Sqlite;

namespace FaceAccord.Cli.Tests;

/// <summary><c>galleries create --retention-days</c> and <c>retention sweep</c> on one data directory, without a server.</summary>
public sealed class RetentionCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "fa-retention-cli-" + Guid.NewGuid().ToString("N"));

    public RetentionCommandTests()
    {
        _ = TestPack.Installed;
        Directory.CreateDirectory(_data);
        Directory.CreateSymbolicLink(Path.Combine(_data, "packs"), TestModelSources.Data.PacksDirectory);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task A_gallery_with_a_retention_period_is_swept_once_its_subject_has_expired()
    {
        var (code, _, err) = await CliRun.Async("tenants", "create", "--name", "Acme", "--sector", "commercial", "--country", "US", "--region", "US-WA", "--city", "Seattle", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        (code, var output, err) = await CliRun.Async("galleries", "create", "visitors", "--retention-days", "30", "--json", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        Assert.Equal(30, JsonDocument.Parse(output).RootElement.GetProperty("retentionDays").GetInt32());
        (code, _, err) = await CliRun.Async("enroll", "--gallery", "visitors", "--subject", "colin", TestPaths.Lfw("Colin_Powell", 1), "--purpose", "access-control", "--data", _data);
        Assert.True(code == CliApp.Ok, err);

        // Nothing has expired yet.
        (code, output, err) = await CliRun.Async("retention", "sweep", "--json", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        Assert.Equal(0, JsonDocument.Parse(output).RootElement.GetProperty("subjects").GetInt32());

        // Thirty days pass: moved in the file, as the CLI runs on the system clock.
        Execute("UPDATE subjects SET expires_at = expires_at - 31 * 864000000000;");
        (code, output, err) = await CliRun.Async("retention", "sweep", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        Assert.Contains("deleted 1 subject(s), 1 face(s) in 1 gallery(ies)", output, StringComparison.Ordinal);
        Assert.Equal(0L, Execute("SELECT count(*) FROM faces;"));

        (code, output, _) = await CliRun.Async("audit", "export", "--json", "--data", _data);
        Assert.Equal(CliApp.Ok, code);
        Assert.Contains("\"retention-expired\"", output, StringComparison.Ordinal);
        (code, _, err) = await CliRun.Async("audit", "verify", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
    }

    [Theory]
    [InlineData("-3")]
    [InlineData("0")]
    [InlineData("40000")]
    [InlineData("thirty")]
    public async Task A_bad_retention_period_exits_2_and_creates_no_gallery(string days)
    {
        var (code, _, _) = await CliRun.Async("tenants", "create", "--name", "Acme", "--sector", "commercial", "--country", "US", "--data", _data);
        Assert.Equal(CliApp.Ok, code);

        (code, _, var err) = await CliRun.Async("galleries", "create", "bad", "--retention-days", days, "--data", _data);

        Assert.Equal(CliApp.BadInput, code);
        Assert.Single(err.Trim().Split('\n'));
        (code, var output, _) = await CliRun.Async("galleries", "list", "--json", "--data", _data);
        Assert.Equal(CliApp.Ok, code);
        Assert.Equal(0, JsonDocument.Parse(output).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task A_sweep_of_a_folder_without_a_store_exits_2_and_creates_nothing()
    {
        string empty = Path.Combine(_data, "no-store-here");
        Directory.CreateDirectory(empty);

        var (code, _, err) = await CliRun.Async("retention", "sweep", "--data", empty);

        // Opening the store alone: no new database and no model pack fetched into the folder.
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("There is no store", err, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(empty));
    }

    private long Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "faceaccord.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Test-owned constant SQL.
        command.CommandText = sql;
#pragma warning restore CA2100
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
