using FaceAccord.Governance.Audit;
using FaceAccord.Storage;
using Microsoft.Data.Sqlite;

namespace FaceAccord.Cli.Tests;

/// <summary>
/// The anchoring workflow an operator runs: record the head with <c>audit verify --json</c> somewhere else, and later
/// pass it back with <c>--anchor</c>, which catches a rewrite of the newest entry that the chain alone cannot.
/// </summary>
public sealed class AuditAnchorCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "fa-anchor-cli-" + Guid.NewGuid().ToString("N"));

    public AuditAnchorCommandTests() => Directory.CreateDirectory(_data);

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private string Database => Path.Combine(_data, "faceaccord.db");

    [Fact]
    public async Task A_recorded_head_catches_a_rewritten_and_rehashed_newest_entry()
    {
        using (SqliteFaceStore store = SqliteFaceStore.Open(Database))
        {
            var log = new AuditLog(store);
            for (int i = 0; i < 3; i++)
            {
                log.Append(new AuditRecord { KeyId = "cli", Operation = "identify", Purpose = "access-control", Mode = "one-off", Decision = AuditDecision.Allow });
            }
        }

        var (code, head, err) = await CliRun.Async("audit", "verify", "--json", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        string anchors = Path.Combine(_data, "anchors.jsonl");
        await File.WriteAllTextAsync(anchors, head.Trim() + "\n\n");

        await File.AppendAllTextAsync(anchors, head);
        (code, var output, err) = await CliRun.Async("audit", "verify", "--anchor", anchors, "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        Assert.Contains("2 anchors matched", output, StringComparison.Ordinal);

        RewriteAndRehashNewest();

        (code, _, _) = await CliRun.Async("audit", "verify", "--data", _data);
        Assert.Equal(CliApp.Ok, code); // the chain alone cannot tell
        (code, _, err) = await CliRun.Async("audit", "verify", "--anchor", anchors, "--data", _data);
        Assert.Equal(Commands.AuditCommand.ChainBroken, code);
        Assert.Contains("entry 3", err, StringComparison.Ordinal);
        Assert.Contains("anchor-mismatch", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"count\":3}")]
    [InlineData("{\"count\":3,\"headHash\":\"abc\"}")]
    public async Task A_malformed_anchor_file_is_bad_input_naming_the_line(string line)
    {
        SqliteFaceStore.Open(Database).Dispose();
        string anchors = Path.Combine(_data, "anchors.jsonl");
        await File.WriteAllTextAsync(anchors, line + "\n");

        var (code, _, err) = await CliRun.Async("audit", "verify", "--anchor", anchors, "--data", _data);

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("line 1", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_head_recorded_before_the_first_entry_anchors_nothing_and_later_heads_still_check()
    {
        SqliteFaceStore.Open(Database).Dispose();
        var (code, empty, err) = await CliRun.Async("audit", "verify", "--json", "--data", _data);
        Assert.True(code == CliApp.Ok, err);
        Assert.Contains("\"count\": 0", empty, StringComparison.Ordinal);
        using (SqliteFaceStore store = SqliteFaceStore.Open(Database))
        {
            new AuditLog(store).Append(new AuditRecord { KeyId = "cli", Operation = "identify", Purpose = "access-control", Mode = "one-off", Decision = AuditDecision.Allow });
        }

        (code, var head, err) = await CliRun.Async("audit", "verify", "--json", "--data", _data);
        Assert.True(code == CliApp.Ok, err);

        // Written as some editors do, with a byte-order mark first.
        string anchors = Path.Combine(_data, "anchors.jsonl");
        await File.WriteAllTextAsync(anchors, empty + head, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        (code, var output, err) = await CliRun.Async("audit", "verify", "--anchor", anchors, "--data", _data);

        Assert.True(code == CliApp.Ok, err);
        Assert.Contains("1 anchor matched", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n// nothing recorded yet\n")]
    public async Task An_anchor_file_with_no_recorded_head_is_bad_input_not_a_silent_pass(string text)
    {
        SqliteFaceStore.Open(Database).Dispose();
        string anchors = Path.Combine(_data, "anchors.jsonl");
        await File.WriteAllTextAsync(anchors, text);

        var (code, _, err) = await CliRun.Async("audit", "verify", "--anchor", anchors, "--data", _data);

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("holds no 'audit verify --json' output", err, StringComparison.Ordinal);
    }

    private void RewriteAndRehashNewest()
    {
        AuditRow original;
        using (SqliteFaceStore store = SqliteFaceStore.Open(Database))
        {
            original = store.ReadAudit(AuditQuery.All).Last();
        }

        byte[] hash = AuditCanonicalForm.ComputeHash(original with { Operation = "detect" });
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER IF EXISTS audit_log_no_update; UPDATE audit_log SET operation = 'detect', entry_hash = $hash WHERE seq = $seq;";
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$seq", original.Sequence);
        Assert.Equal(1, command.ExecuteNonQuery());
    }
}
