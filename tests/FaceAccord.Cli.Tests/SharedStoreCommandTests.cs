using System.Text.Json;
using FaceAccord.TestSupport;
using FaceAccord.Tests.Shared;

namespace FaceAccord.Cli.Tests;

/// <summary>
/// <c>--store</c>: the same commands on a PostgreSQL store, <c>store copy</c> from a SQLite data directory, and the
/// refusals (malformed URI exit 2, wrong password exit 1) that never print the password.
/// </summary>
public sealed class SharedStoreCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "fa-shared-cli-" + Guid.NewGuid().ToString("N"));
    private readonly string _schema;
    private readonly string _store;

    public SharedStoreCommandTests()
    {
        _ = TestPack.Installed;
        Directory.CreateDirectory(_data);
        Directory.CreateSymbolicLink(Path.Combine(_data, "packs"), TestModelSources.Data.PacksDirectory);
        _store = PostgresTestServer.CreateSchema(out _schema);
    }

    public void Dispose()
    {
        Directory.Delete(_data, recursive: true);
        PostgresTestServer.DropSchema(_schema);
    }

    [Fact]
    public async Task A_sqlite_store_copied_to_postgres_answers_the_same_commands_and_a_second_copy_is_refused()
    {
        var (code, _, err) = await CliRun.Async("tenants", "create", "--name", "Acme", "--sector", "commercial", "--country", "US", "--region", "US-CA", "--json", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        (code, _, err) = await CliRun.Async("galleries", "create", "staff", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        (code, _, err) = await CliRun.Async("enroll", "--gallery", "staff", "--subject", "colin", TestPaths.Lfw("Colin_Powell", 1), "--purpose", "access-control", "--data", _data);
        Assert.True(code == CliApp.Ok, err);

        (code, string output, err) = await CliRun.Async("store", "copy", "--from", _data, "--to", _store);
        Assert.True(code == CliApp.Ok, err);
        Assert.Contains("chain intact", output, StringComparison.Ordinal);
        Assert.Contains("faces: 1", output, StringComparison.Ordinal);

        // The copy answers on its own: a new enrolment and an identification through --store, one verified chain.
        (code, _, err) = await CliRun.Async("enroll", "--gallery", "staff", "--subject", "serena", TestPaths.Lfw("Serena_Williams", 1), "--purpose", "access-control", "--data", _data, "--store", _store);
        Assert.True(code == CliApp.Ok, err);
        (code, output, err) = await CliRun.Async("identify", "--gallery", "staff", TestPaths.Lfw("Colin_Powell", 2), "--fpir", "1", "--purpose", "access-control", "--json", "--data", _data, "--store", _store);
        Assert.True(code == CliApp.Ok, err);
        var result = JsonDocument.Parse(output).RootElement;
        Assert.Equal("colin", result.GetProperty("candidates")[0].GetProperty("externalId").GetString());
        Assert.Equal(2, result.GetProperty("gallerySubjects").GetInt32());
        (code, output, err) = await CliRun.Async("audit", "verify", "--data", _data, "--store", _store);
        Assert.True(code == CliApp.Ok, err);
        Assert.Contains("chain intact", output, StringComparison.Ordinal);

        (code, _, err) = await CliRun.Async("store", "copy", "--from", _data, "--to", _store);
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("already holds data", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_data_key_of_a_postgres_store_is_prepared_then_rotated()
    {
        var (code, _, err) = await CliRun.Async("tenants", "create", "--name", "Acme", "--sector", "commercial", "--country", "US", "--json", "--data", _data, "--store", _store);
        Assert.True(code == CliApp.Ok, err);
        (code, string output, err) = await CliRun.Async("keys", "rotate-data-key", "--prepare", "--json", "--data", _data, "--store", _store);
        Assert.True(code == CliApp.Ok, err);
        var prepared = JsonDocument.Parse(output).RootElement;
        string next = prepared.GetProperty("prepared").GetString()!;
        Assert.NotEqual(prepared.GetProperty("current").GetString(), next);

        (code, output, err) = await CliRun.Async("keys", "rotate-data-key", "--json", "--data", _data, "--store", _store);
        Assert.True(code == CliApp.Ok, err);
        var rotated = JsonDocument.Parse(output).RootElement;
        Assert.Equal(prepared.GetProperty("current").GetString(), rotated.GetProperty("from").GetString());
        Assert.Equal(next, rotated.GetProperty("to").GetString());
        Assert.Equal(1, PostgresTestServer.Scalar(_store, $"SELECT count(*) FROM data_keys WHERE key_id = '{next}' AND state = 'current'"));
        (code, _, err) = await CliRun.Async("audit", "verify", "--data", _data, "--store", _store);
        Assert.True(code == CliApp.Ok, err);
    }

    [Fact]
    public async Task A_wrong_password_or_malformed_store_is_one_line_without_the_password()
    {
        var server = new Uri(PostgresTestServer.StoreUri);
        const string Secret = "wrong-secret-91c2";
        var (code, _, err) = await CliRun.Async("tenants", "list", "--data", _data, "--store", $"postgresql://faceaccord:{Secret}@127.0.0.1:{server.Port}/faceaccord");
        Assert.Equal(1, code);
        Assert.Contains("password was refused", err, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));

        (code, _, err) = await CliRun.Async("tenants", "list", "--data", _data, "--store", $"postgresql://faceaccord:{Secret}@");
        Assert.Equal(CliApp.BadInput, code);
        Assert.DoesNotContain(Secret, err, StringComparison.Ordinal);

        (code, _, err) = await CliRun.Async("tenants", "list", "--data", _data, "--store", "/some/directory");
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("--data", err, StringComparison.Ordinal);
    }
}
