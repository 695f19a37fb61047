using System.Collections.Concurrent;
using FaceAccord.Governance.Audit;
using FaceAccord.Storage;

namespace FaceAccord.Governance.Tests.Audit;

public sealed class AuditConcurrencyTests : IDisposable
{
    private readonly TempAuditStore _db = new();

    [Fact]
    public void Threads_appending_through_two_stores_on_one_file_keep_one_valid_chain()
    {
        const int ThreadsPerStore = 4;
        const int AppendsEach = 30;

        // Two store instances share no in-process lock, as two processes would not: only SQLite's write lock orders them.
        using SqliteFaceStore first = _db.Open();
        using SqliteFaceStore second = _db.Open();
        var logs = new[] { new AuditLog(first), new AuditLog(second) };
        var appended = new ConcurrentBag<AuditEntry>();
        using var start = new Barrier((2 * ThreadsPerStore) + 1);

        var threads = Enumerable.Range(0, 2 * ThreadsPerStore).Select(t => new Thread(() =>
        {
            AuditLog log = logs[t % 2];
            start.SignalAndWait();
            for (int i = 0; i < AppendsEach; i++)
            {
                appended.Add(log.Append(SampleRecords.Varied((t * AppendsEach) + i)));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        start.SignalAndWait();
        threads.ForEach(t => t.Join());

        const int Total = 2 * ThreadsPerStore * AppendsEach;
        AuditVerification result = logs[0].Verify();
        Assert.True(result.Intact, result.Break?.Explanation);
        Assert.Equal(Total, result.Count);
        Assert.Equal(Enumerable.Range(1, Total).Select(i => (long)i), appended.Select(e => e.Sequence).Order());

        // What each writer was told it appended is exactly what the chain holds.
        Dictionary<long, AuditEntry> stored = logs[1].Export().ToDictionary(e => e.Sequence);
        Assert.All(appended, e => Assert.Equal(stored[e.Sequence].EntryHash, e.EntryHash));
    }

    public void Dispose() => _db.Dispose();
}
