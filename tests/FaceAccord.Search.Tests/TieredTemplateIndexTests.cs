using System.Collections.Concurrent;

namespace FaceAccord.Search.Tests;

public sealed class TieredTemplateIndexTests : TemplateIndexContract
{
    // The contract runs below the threshold: the exact scan.
    protected override ITemplateIndex Create(int dimensions) => new TieredTemplateIndex(dimensions);

    // The graph is built on every core, so each run's graph differs: tests assert what holds for any build (the
    // scores and faces reported, see GraphAnswers) and recall over many queries with a wide margin. With an expansion
    // far above the gallery size only an unreachable node is missed; at these sizes recall measures 100%.
    private const double RecallBar = 0.9;

    private static SearchOptions SmallThreshold(int threshold) =>
        new() { HnswThreshold = threshold, HnswExpansionSearch = 2048 };

    [Fact]
    public async Task Crossing_the_threshold_switches_to_the_graph_with_the_same_scores()
    {
        var rng = new Random(41);
        const int dims = 48;
        using var index = new TieredTemplateIndex(dims, SmallThreshold(400));
        var model = new ReferenceGallery();
        for (int i = 0; i < 399; i++)
        {
            float[] v = TestVectors.Unit(rng, dims);
            index.Add(i, i / 2, v);
            model.Add(i, i / 2, v);
        }

        var queries = Enumerable.Range(0, 200).Select(_ => TestVectors.Unit(rng, dims)).ToArray();
        foreach (float[] q in queries)
        {
            Assert.Equal(model.Search(q, 5, -1f), index.Search(q, 5, -1f));
        }

        Assert.False(index.UsesGraph);

        float[] last = TestVectors.Unit(rng, dims);
        index.Add(399, 199, last);
        model.Add(399, 199, last);
        await index.GraphBuild;

        Assert.True(index.UsesGraph);
        Assert.Equal(400, index.Count);
        Assert.Equal(200, index.SubjectCount);
        // Every face the graph reports carries the score the exact scan gave it: scores did not move in the switch.
        int agree = queries.Count(q => GraphAnswers.CheckAndCompareTop(model, q, index.Search(q, 5, -1f), 5, -1f));
        Assert.True(agree >= queries.Length * RecallBar, $"top subject agrees on {agree}/{queries.Length} queries");
    }

    [Fact]
    public async Task Writes_made_while_the_graph_builds_are_carried_over()
    {
        var rng = new Random(42);
        const int dims = 48;
        using var index = new TieredTemplateIndex(dims, SmallThreshold(300));
        var model = new ReferenceGallery();
        for (int i = 0; i < 300; i++)
        {
            float[] v = TestVectors.Unit(rng, dims);
            index.Add(i, i % 60, v);
            model.Add(i, i % 60, v);
        }

        // The build has started; these land in the exact index and the replay log.
        for (int i = 300; i < 400; i++)
        {
            float[] v = TestVectors.Unit(rng, dims);
            index.Add(i, i % 60, v);
            model.Add(i, i % 60, v);
        }

        for (long face = 0; face < 400; face += 7)
        {
            Assert.Equal(model.Remove(face), index.Remove(face));
        }

        Assert.Equal(model.RemoveSubject(5), index.RemoveSubject(5));
        await index.GraphBuild;

        Assert.True(index.UsesGraph);
        Assert.Equal(model.Count, index.Count);
        Assert.Equal(model.SubjectCount, index.SubjectCount);
        // Removed faces and subject 5 are gone for good (a report of one fails the check); faces added during the
        // build are found by their own template.
        var live = model.FaceKeys.ToList();
        int agree = live.Count(face =>
        {
            float[] v = model.VectorOf(face);
            return GraphAnswers.CheckAndCompareTop(model, v, index.Search(v, 5, 0f), 5, 0f);
        });
        Assert.True(agree >= live.Count * RecallBar, $"top subject agrees for {agree}/{live.Count} faces");
    }

    [Fact]
    public async Task Concurrent_adds_searches_and_removes_through_the_switch_see_their_own_writes()
    {
        const int dims = 32;
        const int roundsAfterSwitch = 100;
        using var index = new TieredTemplateIndex(dims, SmallThreshold(600));
        var failures = new ConcurrentBag<string>();
        int probes = 0;
        int missed = 0;
        int writing = 3;

        // Writers own disjoint key ranges: add a face, find it, remove it, make sure it is gone. They stop by count,
        // not by the clock: each keeps going until the graph has taken over and it has done more rounds against it,
        // so the switch is crossed however slowly a busy machine runs them.
        var writers = Enumerable.Range(0, 3).Select(w => new Thread(() =>
        {
            var rng = new Random(100 + w);
            long key = w * 1_000_000L;
            try
            {
                for (int after = 0; after < roundsAfterSwitch;)
                {
                    float[] keep = TestVectors.Unit(rng, dims);
                    index.Add(key++, key % 500, keep);
                    float[] v = TestVectors.Unit(rng, dims);
                    long probe = key++;
                    index.Add(probe, -1 - w, v);
                    var hit = index.Search(v, 1, 0.99f);
                    Interlocked.Increment(ref probes);
                    if (hit.Count != 1 || hit[0].FaceKey != probe)
                    {
                        // The exact scan always finds it; the graph almost always: counted against a bar below.
                        Interlocked.Increment(ref missed);
                    }

                    index.Remove(probe);
                    if (index.Search(v, 3, 0.99f).Any(h => h.FaceKey == probe))
                    {
                        failures.Add($"writer {w}: removed face {probe} still found");
                    }

                    if (index.UsesGraph || index.GraphBuild.IsFaulted)
                    {
                        after++;
                    }
                }
            }
            catch (Exception e)
            {
                failures.Add(e.ToString());
            }
            finally
            {
                Interlocked.Decrement(ref writing);
            }
        })).ToList();

        var readers = Enumerable.Range(0, 2).Select(r => new Thread(() =>
        {
            var rng = new Random(200 + r);
            try
            {
                while (Volatile.Read(ref writing) > 0)
                {
                    var hits = index.Search(TestVectors.Unit(rng, dims), 5, -1f);
                    if (hits.Count > 1 && hits.Zip(hits.Skip(1)).Any(p => p.First.Similarity < p.Second.Similarity))
                    {
                        failures.Add("hits out of order");
                    }
                }
            }
            catch (Exception e)
            {
                failures.Add(e.ToString());
            }
        })).ToList();

        writers.Concat(readers).ToList().ForEach(t => t.Start());
        writers.Concat(readers).ToList().ForEach(t => t.Join());
        await index.GraphBuild;

        Assert.Empty(failures);
        Assert.True(index.UsesGraph, $"{index.Count} faces after the run");
        Assert.True(missed <= probes * (1 - RecallBar), $"{missed} of {probes} freshly added faces not found by their own template");
    }

    [Fact]
    public void The_factory_builds_the_tiered_index_and_options_are_checked()
    {
        using var index = TemplateIndexFactory.Create(1152, new SearchOptions());
        Assert.IsType<TieredTemplateIndex>(index);
        Assert.Equal(1152, index.Dimensions);
        var e = Assert.Throws<Core.FaceAccordException>(() => TemplateIndexFactory.Create(8, new SearchOptions { HnswThreshold = 0 }));
        Assert.Equal("search-options-invalid", e.Code);
    }
}
