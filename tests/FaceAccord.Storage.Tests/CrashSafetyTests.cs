using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace FaceAccord.Storage.Tests;

public sealed class CrashSafetyTests : IDisposable
{
    private const int MinimumAcknowledged = 20;
    private readonly TempDatabase _db = new();
    private readonly ITestOutputHelper _output;

    public CrashSafetyTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Every_acknowledged_face_survives_a_kill_9()
    {
        var galleries = new ConcurrentQueue<Guid>();
        var subjects = new ConcurrentQueue<Guid>();
        var acknowledged = new ConcurrentQueue<Guid>();
        var errors = new ConcurrentQueue<string>();

        using Process probe = StartProbe();
        Task stdout = Task.Run(async () =>
        {
            while (await probe.StandardOutput.ReadLineAsync() is { } line)
            {
                // A line cut short by the kill fails to parse and is simply not an acknowledgement.
                string[] parts = line.Split(' ');
                if (parts.Length == 2 && Guid.TryParseExact(parts[1], "D", out Guid id))
                {
                    (parts[0] switch { "gallery" => galleries, "subject" => subjects, "face" => acknowledged, _ => null })?.Enqueue(id);
                }
            }
        });
        Task stderr = Task.Run(async () =>
        {
            while (await probe.StandardError.ReadLineAsync() is { } line)
            {
                errors.Enqueue(line);
            }
        });

        // Let it write for about a second once it is writing, with enough faces that the test means something.
        var clock = Stopwatch.StartNew();
        while (acknowledged.Count < MinimumAcknowledged && !probe.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20);
        }

        Assert.False(probe.HasExited, $"the probe stopped on its own: {string.Join('\n', errors)}");
        await Task.Delay(1000);
        probe.Kill(); // SIGKILL on Unix: no finalisers, no flush, no close.
        await probe.WaitForExitAsync();
        await Task.WhenAll(stdout, stderr);

        Assert.True(acknowledged.Count >= MinimumAcknowledged, $"only {acknowledged.Count} faces acknowledged: {string.Join('\n', errors)}");
        Assert.True(File.Exists(_db.Path + "-wal"), "a killed writer leaves its log behind; without one the kill came too late to test recovery");

        using (SqliteConnection raw = _db.OpenRaw())
        using (SqliteCommand check = raw.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", check.ExecuteScalar());
        }

        using SqliteFaceStore store = _db.Open();
        Guid gallery = Assert.Single(galleries);
        HashSet<Guid> present = subjects.SelectMany(s => store.ListFaces(gallery, s)).Select(f => f.Id).ToHashSet();
        Guid[] lost = acknowledged.Where(id => !present.Contains(id)).ToArray();
        _output.WriteLine($"acknowledged {acknowledged.Count} faces before the kill; {present.Count} present after reopening");
        Assert.True(lost.Length == 0, $"{lost.Length} of {acknowledged.Count} acknowledged faces were lost");
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM pragma_foreign_key_check;"));
    }

    private Process StartProbe()
    {
        string probe = Path.Combine(AppContext.BaseDirectory, "FaceAccord.Storage.CrashProbe.dll");
        Assert.True(File.Exists(probe), $"the crash probe is built beside the tests, expected at {probe}");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(probe);
        start.ArgumentList.Add(_db.Path);
        start.ArgumentList.Add("2");
        return Process.Start(start) ?? throw new InvalidOperationException("The crash probe did not start.");
    }

    public void Dispose() => _db.Dispose();
}
