using System.Text.Json;
using FaceAccord.Tests.Shared;

namespace FaceAccord.Cli.Tests;

/// <summary>
/// A fresh PostgreSQL schema for several nodes, and each node's own data directory (its faceaccord.json and a copy of
/// the one data key every node of a store must be given), all removed afterwards.
/// </summary>
internal sealed class MultiNodeStore : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fa-nodes-" + Guid.NewGuid().ToString("N"));
    private readonly string _schema;

    public MultiNodeStore()
    {
        Uri = PostgresTestServer.CreateSchema(out _schema);
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

    public long Scalar(string sql) => PostgresTestServer.Scalar(Uri, sql);

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        PostgresTestServer.DropSchema(_schema);
    }
}
