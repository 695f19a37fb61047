using System.Text.Json;
using FaceAccord.Tests.Shared;
using Npgsql;

namespace FaceAccord.Cli.Tests;

/// <summary>
/// A fresh PostgreSQL schema for several nodes, and each node's own data directory (its faceaccord.json and a copy of
/// the one data key every node of a store must be given), all removed afterwards.
/// </summary>
internal sealed class MultiNodeStore : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fa-nodes-" + Guid.NewGuid().ToString("N"));
    private readonly string? _schema;

    /// <param name="uri">A whole database of the test's own (a private cluster), else a fresh schema on the test server.</param>
    public MultiNodeStore(string? uri = null)
    {
        Uri = uri ?? PostgresTestServer.CreateSchema(out _schema);
        Directory.CreateDirectory(NodeData("a"));
    }

    /// <summary>The store's connection string (never printed: it holds the password).</summary>
    public string Uri { get; }

    /// <summary>Node <paramref name="name"/>'s data directory; any node but "a" gets a copy of a's data key once there is one.</summary>
    public string NodeData(string name)
    {
        string dir = Path.Combine(_root, name);
        string key = Path.Combine(_root, "a", "faceaccord.key");
        if (!Directory.Exists(dir))
        {
            Directory.CreateDirectory(dir);
            if (File.Exists(key))
            {
                File.Copy(key, Path.Combine(dir, "faceaccord.key")); // Keeps the file's owner-only mode.
            }
        }

        return dir;
    }

    /// <summary>Creates a tenant through node a's data directory (which creates the data key); its API key.</summary>
    public async Task<string> CreateTenantAsync()
    {
        var (code, output, err) = await CliRun.Async("tenants", "create", "--name", "Nodes", "--sector", "commercial", "--country", "US",
            "--region", "US-CA", "--json", "--data", NodeData("a"), "--store", Uri);
        Assert.True(code == CliApp.Ok, err);
        return JsonDocument.Parse(output).RootElement.GetProperty("apiKey").GetString()!;
    }

    public long Scalar(string sql) => PostgresTestServer.Scalar(KeyValue(Uri), sql);

    /// <summary>Nothing half-written: each stored subject and face has its audit entry, each audited enrolment its row.</summary>
    public void AssertNothingHalfWritten()
    {
        Assert.Equal(0, Scalar("SELECT count(*) FROM subjects s WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.operation = 'enroll' "
            + "AND a.detail IS NOT NULL AND (a.detail::jsonb ->> 'subject')::uuid = s.id)"));
        Assert.Equal(0, Scalar("SELECT count(*) FROM faces f WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.operation = 'enroll' "
            + "AND a.detail IS NOT NULL AND (a.detail::jsonb ->> 'face')::uuid = f.id)"));
        Assert.Equal(0, Scalar("SELECT count(*) FROM audit_log a WHERE a.operation = 'enroll' AND a.detail IS NOT NULL AND a.detail::jsonb ? 'face' "
            + "AND NOT EXISTS (SELECT 1 FROM faces f WHERE f.id = (a.detail::jsonb ->> 'face')::uuid)"));
        Assert.Equal(0, Scalar("SELECT count(*) FROM audit_log a WHERE a.operation = 'enroll' AND a.detail IS NOT NULL AND NOT a.detail::jsonb ? 'face' "
            + "AND a.detail::jsonb ? 'subject' AND NOT EXISTS (SELECT 1 FROM subjects s WHERE s.id = (a.detail::jsonb ->> 'subject')::uuid)"));
    }

    /// <summary>Every acknowledged subject and face is in the store.</summary>
    public void AssertPresent(IEnumerable<Guid> subjects, IEnumerable<Guid> faces)
    {
        foreach (var subject in subjects)
        {
            Assert.True(Scalar($"SELECT count(*) FROM subjects WHERE id = '{subject}'") == 1, $"acknowledged subject {subject} is not in the store");
        }

        foreach (var face in faces)
        {
            Assert.True(Scalar($"SELECT count(*) FROM faces WHERE id = '{face}'") == 1, $"acknowledged face {face} is not in the store");
        }
    }

    /// <summary><c>faceaccord audit verify --store</c> passes.</summary>
    public async Task AssertChainIntactAsync()
    {
        var (code, said, err) = await CliRun.Async("audit", "verify", "--data", NodeData("a"), "--store", Uri);
        Assert.True(code == CliApp.Ok, err);
        Assert.Contains("chain intact", said, StringComparison.Ordinal);
    }

    /// <summary>A postgresql:// URI as the key=value connection string the test's own connections take; key=value passes unchanged.</summary>
    private static string KeyValue(string store)
    {
        if (!store.StartsWith("postgresql://", StringComparison.Ordinal))
        {
            return store;
        }

        var uri = new System.Uri(store);
        string[] user = uri.UserInfo.Split(':', 2);
        return new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port,
            Database = uri.AbsolutePath.TrimStart('/'),
            Username = System.Uri.UnescapeDataString(user[0]),
            Password = System.Uri.UnescapeDataString(user[1]),
            Pooling = false,
        }.ConnectionString;
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        if (_schema is not null)
        {
            PostgresTestServer.DropSchema(_schema);
        }
    }
}
