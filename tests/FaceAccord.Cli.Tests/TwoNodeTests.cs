using System.Diagnostics;
using FaceAccord.TestSupport;
using Xunit.Abstractions;

namespace FaceAccord.Cli.Tests;

/// <summary>
/// The two-node check with the product's executable: two <c>faceaccord serve --store URI</c> processes on
/// different ports, one PostgreSQL database. 50 LFW people (seeded choice) enrolled through node A are each identified
/// through node B by one request sent as soon as A acknowledged the enrolment (no retry, so the person was visible on B
/// at once); 10 of them erased through node B are returned by neither node; the audit chain both nodes appended to
/// concurrently verifies with <c>faceaccord audit verify --store</c>.
/// </summary>
public sealed class TwoNodeTests(ITestOutputHelper output) : IDisposable
{
    private const int People = 50;
    private const int Erased = 10;

    private readonly MultiNodeStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task People_enrolled_through_one_node_are_identified_through_the_other_at_once_and_the_erased_by_neither()
    {
        string key = await _store.CreateTenantAsync();
        await using var a = await ServeNode.StartAsync(_store.NodeData("a"), _store.Uri);
        await using var b = await ServeNode.StartAsync(_store.NodeData("b"), _store.Uri);
        using var onA = a.Client(key);
        using var onB = b.Client(key);
        var gallery = await NodeApi.CreateGalleryAsync(onA, "visitors");

        // Node B writes (consents of walk-in visitors) all the while node A enrols: two writers on one audit chain.
        using var enrolling = new CancellationTokenSource();
        var walkIns = Task.Run(async () =>
        {
            int recorded = 0;
            while (!enrolling.IsCancellationRequested)
            {
                await NodeApi.RecordConsentAsync(onB, $"walk-in-{recorded++}");
            }

            return recorded;
        });

        var enrolled = new List<(string Name, Guid Subject, byte[] Probe)>();
        var visibleAfter = new List<double>();
        int rankOne = 0;
        foreach (var (name, images) in LfwPeople.Sample(People, n => n >= 3, seed: 1212))
        {
            var subject = await NodeApi.CreateSubjectAsync(onA, gallery, name);
            Assert.NotNull(await NodeApi.EnrollFirstUsableAsync(onA, gallery, subject, images[..^1]));
            var acknowledged = Stopwatch.StartNew();
            byte[] probe = await File.ReadAllBytesAsync(images[^1]);
            var candidates = await NodeApi.IdentifyAsync(onB, gallery, probe, top: 1);
            visibleAfter.Add(acknowledged.Elapsed.TotalMilliseconds);
            rankOne += candidates.Count > 0 && candidates[0] == subject ? 1 : 0;
            enrolled.Add((name, subject, probe));
        }

        await enrolling.CancelAsync();
        int walkInConsents = await walkIns;
        visibleAfter.Sort();
        output.WriteLine($"{enrolled.Count} enrolled through A, rank-1 through B {rankOne}/{enrolled.Count}; A's acknowledgement to B's answer "
            + $"p50 {visibleAfter[visibleAfter.Count / 2]:0} ms, max {visibleAfter[^1]:0} ms; {walkInConsents} consents written through B meanwhile");
        Assert.True(rankOne * 100 >= 95 * enrolled.Count, $"rank-1 {rankOne} of {enrolled.Count}");
        Assert.True(walkInConsents > 1, "node B wrote nothing while node A enrolled");

        // Erased through node B: neither node returns them afterwards, and both still return everyone else.
        var erased = enrolled.Take(Erased).ToList();
        foreach (var person in erased)
        {
            Assert.Equal(1, await NodeApi.EraseAsync(onB, person.Name));
        }

        var erasedIds = erased.Select(p => p.Subject).ToHashSet();
        foreach (var node in new[] { onA, onB })
        {
            foreach (var person in erased)
            {
                var all = await NodeApi.IdentifyAsync(node, gallery, person.Probe, top: People);
                Assert.Equal(People - Erased, all.Count);
                Assert.DoesNotContain(all, erasedIds.Contains);
            }
        }

        // Both nodes wrote one chain, concurrently; the CLI verifies it in the store.
        var (code, said, err) = await CliRun.Async("audit", "verify", "--data", _store.NodeData("a"), "--store", _store.Uri);
        Assert.True(code == CliApp.Ok, err + a.Log + b.Log);
        Assert.Contains("chain intact", said, StringComparison.Ordinal);
    }

}
