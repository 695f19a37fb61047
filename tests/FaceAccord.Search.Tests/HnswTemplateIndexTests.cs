namespace FaceAccord.Search.Tests;

public sealed class HnswTemplateIndexTests : TemplateIndexContract
{
    // An expansion above the contract's gallery sizes makes the graph search visit everything: exact answers.
    protected override ITemplateIndex Create(int dimensions) =>
        new HnswTemplateIndex(dimensions, new SearchOptions { HnswExpansionSearch = 1024 });

    [Fact]
    public void Recall_at_1_against_the_exact_scan_is_at_least_99_5_percent_on_20k_clustered_templates()
    {
        const int dims = 256;
        const int subjects = 2_000;
        const int perSubject = 10;
        var rng = new Random(31);
        var centers = Enumerable.Range(0, subjects).Select(_ => TestVectors.Unit(rng, dims)).ToArray();
        var faceKeys = new long[subjects * perSubject];
        var subjectKeys = new long[faceKeys.Length];
        var vectors = new float[faceKeys.Length * dims];
        using var exact = new ExactTemplateIndex(dims);
        for (int i = 0; i < faceKeys.Length; i++)
        {
            float[] v = TestVectors.Near(rng, centers[i % subjects], 1.3f);
            faceKeys[i] = i;
            subjectKeys[i] = i % subjects;
            v.CopyTo(vectors, i * dims);
            exact.Add(i, i % subjects, v);
        }

        // Built on every core, so each run's graph differs: the bar must hold for any build, not one lucky one.
        using var graph = new HnswTemplateIndex(dims);
        graph.AddRange(faceKeys, subjectKeys, vectors);

        const int queries = 1_000;
        int agree = 0;
        int sameFace = 0;
        for (int q = 0; q < queries; q++)
        {
            float[] query = TestVectors.Near(rng, centers[rng.Next(subjects)], 1.3f);
            var expected = exact.Search(query, 1, -1f)[0];
            var found = graph.Search(query, 1, -1f);
            if (found.Count == 1 && found[0].SubjectKey == expected.SubjectKey)
            {
                agree++;
            }

            if (found.Count == 1 && found[0].FaceKey == expected.FaceKey)
            {
                // Re-scored exactly: the very number the exact scan reports for that face.
                Assert.Equal(expected.Similarity, found[0].Similarity);
                sameFace++;
            }
        }

        Assert.True(agree >= queries * 0.995, $"recall@1 {agree}/{queries}");
        Assert.True(sameFace >= queries * 0.9, $"same best face {sameFace}/{queries}");
    }

    [Fact]
    public void Churn_of_the_same_keys_never_runs_out_of_graph_capacity()
    {
        var rng = new Random(32);
        using var index = new HnswTemplateIndex(16, new SearchOptions { HnswConnectivity = 8, HnswExpansionAdd = 16 });
        for (int round = 0; round < 5_000; round++)
        {
            index.Add(round % 50, round % 7, TestVectors.Unit(rng, 16));
            if (round % 3 == 0)
            {
                index.Remove((round + 25) % 50);
            }
        }

        Assert.InRange(index.Count, 1, 50);
        float[] probe = TestVectors.Unit(rng, 16);
        index.Add(999, 1, probe);
        Assert.Equal(999, index.Search(probe, 1, 0.99f)[0].FaceKey);
    }

    [Fact]
    public void More_concurrent_searches_than_graph_contexts_all_succeed()
    {
        var rng = new Random(33);
        using var index = new HnswTemplateIndex(32);
        for (int i = 0; i < 500; i++)
        {
            index.Add(i, i, TestVectors.Unit(rng, 32));
        }

        var queries = Enumerable.Range(0, index.Threads * 8).Select(_ => TestVectors.Unit(rng, 32)).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        int found = 0;
        var threads = queries.Select(q => new Thread(() =>
        {
            try
            {
                Interlocked.Add(ref found, index.Search(q, 1, -1f).Count);
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(failures);
        Assert.Equal(queries.Length, found);
    }

    [Fact]
    public void Memory_counts_the_native_graph()
    {
        var rng = new Random(34);
        using var index = new HnswTemplateIndex(128);
        for (int i = 0; i < 2000; i++)
        {
            index.Add(i, i, TestVectors.Unit(rng, 128));
        }

        // At least the codes themselves live in the graph; links come on top.
        Assert.True(index.MemoryBytes > 2000L * 128, $"{index.MemoryBytes} bytes");
    }
}
