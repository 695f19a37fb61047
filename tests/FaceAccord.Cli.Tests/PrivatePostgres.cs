using System.Diagnostics;
using FaceAccord.TestSupport;

namespace FaceAccord.Cli.Tests;

/// <summary>
/// A PostgreSQL cluster of one test's own (scripts/postgres-cluster in a temporary folder), for faults the shared test
/// server must not suffer: stopped and started again under load. Stopped and removed on dispose.
/// </summary>
internal sealed class PrivatePostgres : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fa-private-pg-" + Guid.NewGuid().ToString("N"));

    public PrivatePostgres() => Uri = Cluster("start");

    /// <summary>The store URI of the cluster's faceaccord database (with its password).</summary>
    public string Uri { get; }

    /// <summary>Stops the server (fast shutdown: open transactions are rolled back, connections cut) and waits until it is down.</summary>
    public void Stop() => Cluster("stop");

    /// <summary>Starts it again on the same port and data; returns once it accepts connections.</summary>
    public void Start() => Cluster("start");

    public void Dispose()
    {
        Cluster("stop");
        Directory.Delete(_dir, recursive: true);
        foreach (string log in Directory.GetFiles(Path.GetDirectoryName(_dir)!, Path.GetFileName(_dir) + ".*"))
        {
            File.Delete(log);
        }
    }

    private string Cluster(string action)
    {
        string script = Path.Combine(TestPaths.RepositoryRoot, "scripts", "postgres-cluster");
        var start = new ProcessStartInfo("bash", [script, action, _dir]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("bash could not run scripts/postgres-cluster.");
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"scripts/postgres-cluster {action} failed (PostgreSQL 15 with pgvector is needed: scripts/install-postgres): {error.Result}");
        return output.Trim();
    }
}
