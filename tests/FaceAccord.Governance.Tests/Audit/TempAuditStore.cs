using FaceAccord.Governance.Audit;
using FaceAccord.Storage;
using Microsoft.Data.Sqlite;

namespace FaceAccord.Governance.Tests.Audit;

/// <summary>A store file in its own temporary folder, plus the raw access a tamperer would have to it.</summary>
internal sealed class TempAuditStore : IDisposable
{
    public TempAuditStore()
    {
        Directory = Path.Combine(Path.GetTempPath(), "faceaccord-audit-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        DatabasePath = Path.Combine(Directory, "faceaccord.db");
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    public SqliteFaceStore Open() => SqliteFaceStore.Open(DatabasePath);

    /// <summary>Opens the store, appends <paramref name="count"/> varied entries, closes it, and returns what was appended.</summary>
    public List<AuditEntry> Seed(int count, TimeProvider? clock = null)
    {
        using SqliteFaceStore store = Open();
        var log = new AuditLog(store, clock ?? new ManualClock());
        return Enumerable.Range(1, count).Select(i => log.Append(SampleRecords.Varied(i))).ToList();
    }

    /// <summary>Opens the store and verifies its chain.</summary>
    public AuditVerification Verify()
    {
        using SqliteFaceStore store = Open();
        return new AuditLog(store).Verify();
    }

    /// <summary>A plain connection to the file, bypassing the store, as anyone with the file has.</summary>
    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Runs SQL on the raw file, as a tamperer would: first dropping the append-only triggers, then editing.</summary>
    public void Tamper(string sql)
    {
        using SqliteConnection connection = OpenRaw();
        Execute(connection, "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; DROP TRIGGER IF EXISTS audit_log_chain_insert;");
        Execute(connection, sql);
    }

    public static int Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
#pragma warning disable CA2100 // Test SQL written in the tests themselves.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test over it is not.
        }
    }
}
