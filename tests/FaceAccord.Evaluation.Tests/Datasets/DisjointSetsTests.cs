using FaceAccord.Evaluation.Datasets;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FaceAccord.Evaluation.Tests.Datasets;

public sealed class DisjointSetsTests
{
    // A fixed seed: the same inputs every run, so a property test passes or fails for good, never by the draw.
    private const string Replay = "(1029384756,5647382911)";

    [Fact]
    public void Links_close_transitively_and_sets_are_named_by_their_smallest_item()
    {
        var sets = new DisjointSets(6);

        Assert.True(sets.Union(4, 2));
        Assert.True(sets.Union(5, 4));
        Assert.False(sets.Union(2, 5));

        Assert.Equal([0, 1, 2, 3, 2, 2], Enumerable.Range(0, 6).Select(sets.Find));
    }

    [Fact]
    public void An_item_outside_the_range_is_refused()
    {
        var sets = new DisjointSets(3);

        Assert.Throws<ArgumentOutOfRangeException>(() => sets.Find(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => sets.Union(-1, 0));
    }

    [Property(Replay = Replay)]
    public Property Same_set_exactly_when_connected_by_links()
    {
        var links = Gen.Choose(0, 11).Two().ListOf();
        return Prop.ForAll(links.ToArbitrary(), list =>
        {
            var sets = new DisjointSets(12);
            foreach (var (a, b) in list)
            {
                sets.Union(a, b);
            }

            // Naive closure: label propagation until nothing changes, each item taking the smallest label it meets.
            int[] label = [.. Enumerable.Range(0, 12)];
            for (bool changed = true; changed;)
            {
                changed = false;
                foreach (var (a, b) in list)
                {
                    int m = Math.Min(label[a], label[b]);
                    changed |= label[a] != m || label[b] != m;
                    label[a] = label[b] = m;
                }
            }

            return Enumerable.Range(0, 12).All(i => sets.Find(i) == label[i]);
        });
    }
}
