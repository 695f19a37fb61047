using System.Diagnostics;
using Npgsql;

namespace FaceAccord.Tests.Shared;

/// <summary>
/// The PostgreSQL server the tests run against: <c>$FACEACCORD_TEST_POSTGRES</c> (a store URI; CI starts a private
/// cluster and sets it), else a private cluster this process starts with scripts/postgres-cluster in a folder under the
/// temporary directory, shared by every test process (started once, under a file lock). Never skipped: without a
/// server every test that needs one fails, saying why. Each test gets a schema of its own, dropped when it ends.
/// </summary>
public static class PostgresTestServer
{
    public const string Variable = "FACEACCORD_TEST_POSTGRES";

    private static readonly Lazy<string> Uri = new(Locate);

    /// <summary>The server's store URI (postgresql://user:password@127.0.0.1:port/database).</summary>
    public static string StoreUri => Uri.Value;

    /// <summary>A fresh empty schema; its connection string (key=value, its search path first) opens a store in it.</summary>
    public static string CreateSchema(out string schema)
    {
        schema = "t_" + Guid.NewGuid().ToString("N");
        using var connection = new NpgsqlConnection(Admin());
        connection.Open();
        using (var create = new NpgsqlCommand($"CREATE SCHEMA {schema};", connection))
        {
            create.ExecuteNonQuery();
        }

        var builder = new NpgsqlConnectionStringBuilder(Admin()) { SearchPath = $"{schema},public" };
        return builder.ConnectionString;
    }

    public static void DropSchema(string schema)
    {
        using var connection = new NpgsqlConnection(Admin());
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE;", connection);
        drop.ExecuteNonQuery();
    }

    /// <summary>One value read with <paramref name="sql"/> in <paramref name="connectionString"/>'s schema.</summary>
    public static long Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
#pragma warning disable CA2100 // Test SQL.
        using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The URI as an Npgsql connection string, pooled off so dropped schemas leave no connections behind.</summary>
    private static string Admin()
    {
        var uri = new System.Uri(StoreUri);
        string[] user = uri.UserInfo.Split(':', 2);
        return new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port,
            Database = uri.AbsolutePath.TrimStart('/'),
            Username = System.Uri.UnescapeDataString(user[0]),
            Password = System.Uri.UnescapeDataString(user[1]),
            Pooling = false,
            Timeout = 15,
        }.ConnectionString;
    }

    private static string Locate()
    {
        string? given = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given.Trim();
        }

        string script = Path.Combine(RepositoryRoot(), "scripts", "postgres-cluster");
        string folder = Path.Combine(Path.GetTempPath(), "faceaccord-test-postgres");
        using var lockFile = AcquireLock(folder + ".lock");
        var start = new ProcessStartInfo("bash", [script, "start", folder]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started to run scripts/postgres-cluster.");
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !output.StartsWith("postgresql://", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"No PostgreSQL server for the tests: set ${Variable} to a store URI, or install PostgreSQL 15 with pgvector "
                + $"(scripts/install-postgres) so scripts/postgres-cluster can start one. It said: {error.Trim()}");
        }

        return output.Trim();
    }

    private static FileStream AcquireLock(string path)
    {
        // Test processes run side by side; the first starts the cluster, the others wait and find it running.
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FaceAccord.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (FaceAccord.slnx) is not above the test binaries.");
    }
}
