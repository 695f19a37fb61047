using System.Diagnostics;
using System.Globalization;
using FaceAccord.Governance.Audit;
using FaceAccord.Models;
using FaceAccord.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace FaceAccord.Service.Tests;

/// <summary>
/// kill -9 at seeded random points while a child process erases people, withdraws consents and sweeps expired
/// subjects on one store, each child reopening what the last kill left: afterwards every deleted subject and face has
/// exactly one tombstone, every tombstone its deletion, the audit chain verifies and SQLite finds the file intact.
/// A kill point is the n-th store call of a child (see tests/FaceAccord.Service.CrashProbe), so the run is the same
/// every time. A child's cost is mostly .NET start-up, so the test run kills 50 children; FACEACCORD_CRASH_POINTS=200
/// runs the 200 (docs/service.md has the figures), FACEACCORD_CRASH_SEED other points.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private const int DefaultKillPoints = 50;
    private const int DefaultSeed = 20261204;

    // A kill point is drawn from the first this-many store calls of a child: a few operations' worth each time.
    private const int MaxCallsPerChild = 120;

    private readonly string _data = Path.Combine(Path.GetTempPath(), "fa-crash-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Every_deletion_has_its_tombstone_and_every_tombstone_its_deletion_after_kill_9_at_random_points()
    {
        int killPoints = Setting("FACEACCORD_CRASH_POINTS", DefaultKillPoints);
        var random = new Random(Setting("FACEACCORD_CRASH_SEED", DefaultSeed));
        int pendingDeletion = 0, beforeCommit = 0;
        for (int i = 0; i < killPoints; i++)
        {
            string point = await KillAsync(i, random.Next(1, MaxCallsPerChild + 1));
            pendingDeletion += point.EndsWith(" pending-deletion", StringComparison.Ordinal) ? 1 : 0;
            beforeCommit += point.Contains(" Commit", StringComparison.Ordinal) ? 1 : 0;
        }

        var settings = new FaceAccordSettings(_data, new DataDirectory(Path.Combine(_data, "no-models")));
        using var provider = new ServiceCollection().AddFaceAccord(settings).BuildServiceProvider();
        var store = (SqliteFaceStore)provider.GetRequiredService<IFaceAccordStore>();
        var audit = provider.GetRequiredService<AuditLog>();
        var verification = audit.Verify();
        Assert.True(verification.Intact, verification.Break?.Explanation);

        var created = new HashSet<Guid>();
        var enrolledFaces = new HashSet<Guid>();
        var tombstoned = new List<Guid>();
        var tombstonedFaces = new List<Guid>();
        foreach (var entry in audit.Export().Select(e => e.Record).Where(r => r.Decision == AuditDecision.Allow))
        {
            if (entry.Operation == "enroll" && entry.Detail is { } detail)
            {
                if (detail.TryGetProperty("face", out var face))
                {
                    enrolledFaces.Add(face.GetGuid());
                }
                else
                {
                    created.Add(detail.GetProperty("subject").GetGuid());
                }
            }

            if (AuditTombstone.TryRead(entry.Detail, out var tombstone))
            {
                tombstoned.AddRange(tombstone.SubjectIds);
                tombstonedFaces.AddRange(tombstone.FaceIds);
            }
        }

        var gallery = store.ListAllGalleries().Single();
        var present = store.ListSubjects(gallery.Id).Select(s => s.Id).ToHashSet();
        var presentFaces = store.ReadGalleryFaces(gallery.Id).Select(f => f.Id).ToHashSet();
        var deletedUntombstoned = created.Where(id => !present.Contains(id) && !tombstoned.Contains(id)).ToList();
        var tombstonedPresent = tombstoned.Where(present.Contains).ToList();
        var facesDeletedUntombstoned = enrolledFaces.Where(id => !presentFaces.Contains(id) && !tombstonedFaces.Contains(id)).ToList();
        var facesTombstonedPresent = tombstonedFaces.Where(presentFaces.Contains).ToList();
        output.WriteLine($"{killPoints} kill points ({pendingDeletion} between a deletion and its commit, {beforeCommit} just before a commit): "
            + $"{created.Count} subjects and {enrolledFaces.Count} faces enrolled, {tombstoned.Count} subjects and {tombstonedFaces.Count} faces tombstoned, "
            + $"{present.Count} subjects left; {deletedUntombstoned.Count + facesDeletedUntombstoned.Count} deletions without tombstone, "
            + $"{tombstonedPresent.Count + facesTombstonedPresent.Count} tombstones without deletion");

        // Enough kills inside the window that matters, or the test proves nothing.
        Assert.True(pendingDeletion >= killPoints / 20, $"only {pendingDeletion} kill points fell between a deletion and its commit");
        Assert.True(tombstoned.Count >= killPoints / 4, $"only {tombstoned.Count} subjects were deleted");
        Assert.Empty(deletedUntombstoned);
        Assert.Empty(facesDeletedUntombstoned);
        Assert.Empty(tombstonedPresent);
        Assert.Empty(facesTombstonedPresent);

        // A tombstone written twice for one subject is one whose deletion was lost and done again later.
        Assert.Equal(tombstoned.Count, tombstoned.Distinct().Count());
        Assert.Equal(tombstonedFaces.Count, tombstonedFaces.Distinct().Count());
        Assert.DoesNotContain(present, id => !created.Contains(id));

        using var raw = new SqliteConnection($"Data Source={store.DatabasePath};Mode=ReadOnly;Pooling=False");
        raw.Open();
        using var check = raw.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", check.ExecuteScalar());
        check.CommandText = "SELECT count(*) FROM pragma_foreign_key_check;";
        Assert.Equal(0L, check.ExecuteScalar());
    }

    /// <summary>Runs a child to its kill point and kills it with SIGKILL; the point it announced.</summary>
    private async Task<string> KillAsync(int seed, int killAt)
    {
        string probe = Path.Combine(AppContext.BaseDirectory, "FaceAccord.Service.CrashProbe.dll");
        Assert.True(File.Exists(probe), $"the crash probe is built beside the tests, expected at {probe}");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(probe);
        start.ArgumentList.Add(_data);
        start.ArgumentList.Add(seed.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(killAt.ToString(CultureInfo.InvariantCulture));
        using var child = Process.Start(start) ?? throw new InvalidOperationException("The crash probe did not start.");
        Task<string> errors = child.StandardError.ReadToEndAsync();
        string? line;
        while ((line = await child.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith("kill-point ", StringComparison.Ordinal))
        {
        }

        if (line is null)
        {
            await child.WaitForExitAsync();
            Assert.Fail($"child {seed} ended (exit {child.ExitCode}) before its kill point {killAt}: {await errors}");
        }

        child.Kill(); // SIGKILL: no finaliser, no flush, no rollback but SQLite's own when the next child opens the file.
        await child.WaitForExitAsync();
        await errors;
        return line;
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out int value) && value > 0 ? value : fallback;
}
