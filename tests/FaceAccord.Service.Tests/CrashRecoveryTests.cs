using System.Diagnostics;
using FaceAccord.Governance.Audit;
using FaceAccord.Models;
using FaceAccord.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace FaceAccord.Service.Tests;

/// <summary>
/// kill -9 at 200 random points while a child process erases people, withdraws consents and sweeps expired subjects
/// on one store: afterwards every deleted subject and face has its tombstone, every tombstone its deletion, the audit
/// chain verifies and SQLite finds the file intact. Deletions and their tombstones share one transaction.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private const int KillPoints = 200;

    private readonly string _data = Path.Combine(Path.GetTempPath(), "fa-crash-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Every_deletion_has_its_tombstone_and_every_tombstone_its_deletion_after_200_kills()
    {
        var random = new Random(20261204);
        int killedWhileWorking = 0;
        for (int i = 0; i < KillPoints; i++)
        {
            using Process probe = Start(i);
            string? line = await probe.StandardOutput.ReadLineAsync();
            if (line != "ready")
            {
                Assert.Fail($"kill point {i}: the probe did not start: {line} {await probe.StandardError.ReadToEndAsync()}");
            }

            // A random moment in its work: most fall inside an erasure, a withdrawal, a sweep or an enrolment.
            await Task.Delay(random.Next(0, 120));
            if (!probe.HasExited)
            {
                probe.Kill(); // SIGKILL: no finaliser, no flush, no rollback but SQLite's own on reopening.
                killedWhileWorking++;
            }

            await probe.WaitForExitAsync();
        }

        var settings = new FaceAccordSettings(_data, new DataDirectory(Path.Combine(_data, "no-models")));
        using var provider = new ServiceCollection().AddFaceAccord(settings).BuildServiceProvider();
        var store = (SqliteFaceStore)provider.GetRequiredService<IFaceAccordStore>();
        var audit = provider.GetRequiredService<AuditLog>();
        var verification = audit.Verify();
        Assert.True(verification.Intact, verification.Break?.Explanation);

        var created = new HashSet<Guid>();
        var enrolledFaces = new HashSet<Guid>();
        var tombstoned = new HashSet<Guid>();
        var tombstonedFaces = new HashSet<Guid>();
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
                tombstoned.UnionWith(tombstone.SubjectIds);
                tombstonedFaces.UnionWith(tombstone.FaceIds);
            }
        }

        var gallery = store.ListAllGalleries().Single();
        var present = store.ListSubjects(gallery.Id).Select(s => s.Id).ToHashSet();
        var presentFaces = store.ReadGalleryFaces(gallery.Id).Select(f => f.Id).ToHashSet();
        output.WriteLine($"{KillPoints} kill points ({killedWhileWorking} while working): {created.Count} subjects and {enrolledFaces.Count} faces enrolled, "
            + $"{tombstoned.Count} subjects and {tombstonedFaces.Count} faces tombstoned, {present.Count} subjects left");

        Assert.True(tombstoned.Count > 50, $"only {tombstoned.Count} deletions happened: the kills did not land in enough deletions to mean much");
        // Deleted without a tombstone; a tombstone without its deletion; a subject no entry records; the same for faces.
        Assert.DoesNotContain(created, id => !present.Contains(id) && !tombstoned.Contains(id));
        Assert.DoesNotContain(tombstoned, present.Contains);
        Assert.DoesNotContain(present, id => !created.Contains(id));
        Assert.DoesNotContain(enrolledFaces, id => !presentFaces.Contains(id) && !tombstonedFaces.Contains(id));
        Assert.DoesNotContain(tombstonedFaces, presentFaces.Contains);

        using var raw = new SqliteConnection($"Data Source={store.DatabasePath};Mode=ReadOnly;Pooling=False");
        raw.Open();
        using var check = raw.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", check.ExecuteScalar());
    }

    private Process Start(int seed)
    {
        string probe = Path.Combine(AppContext.BaseDirectory, "FaceAccord.Service.CrashProbe.dll");
        Assert.True(File.Exists(probe), $"the crash probe is built beside the tests, expected at {probe}");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(probe);
        start.ArgumentList.Add(_data);
        start.ArgumentList.Add(seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Process.Start(start) ?? throw new InvalidOperationException("The crash probe did not start.");
    }
}
