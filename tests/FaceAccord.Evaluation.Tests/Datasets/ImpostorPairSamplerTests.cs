using FaceAccord.Evaluation.Datasets;
using FaceAccord.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FaceAccord.Evaluation.Tests.Datasets;

public sealed class ImpostorPairSamplerTests
{
    private static EvaluationImage[] Images(int perGroup, params string[] groups) =>
        [.. groups.SelectMany(g => Enumerable.Range(0, perGroup).Select(i => new EvaluationImage($"{g}/{i}", $"{g}-s{i}", g)))];

    private static bool Valid(IReadOnlyList<EvaluationImage> images, IReadOnlyList<ImagePair> pairs)
    {
        var byId = images.ToDictionary(i => i.ImageId);
        var index = images.Select((i, k) => (i.ImageId, k)).ToDictionary(x => x.ImageId, x => x.k);
        return pairs.All(p => !p.IsSame
                && byId[p.ImageIdA].Group == p.Group && byId[p.ImageIdB].Group == p.Group
                && byId[p.ImageIdA].SubjectId != byId[p.ImageIdB].SubjectId
                && index[p.ImageIdA] < index[p.ImageIdB])
            && pairs.Select(p => (p.ImageIdA, p.ImageIdB)).Distinct().Count() == pairs.Count;
    }

    [Fact]
    public void Small_groups_give_every_pair_of_different_subjects_in_input_order()
    {
        EvaluationImage[] images =
        [
            new("b1", "bob", "g"), new("a1", "ann", "g"), new("b2", "bob", "g"), new("c1", "cid", "h"), new("d1", "dee", "g"),
        ];

        var pairs = ImpostorPairSampler.Impostors(images, 100, seed: 1);

        Assert.Equal(
            new[] { ("b1", "a1"), ("b1", "d1"), ("a1", "b2"), ("a1", "d1"), ("b2", "d1") },
            pairs.Select(p => (p.ImageIdA, p.ImageIdB)));
        Assert.All(pairs, p => Assert.Equal("g", p.Group));
    }

    [Theory]
    [InlineData(40, 500)]
    [InlineData(40, 700)]
    [InlineData(200, 1000)]
    public void Large_groups_are_capped_and_sampled_reproducibly(int perGroup, int cap)
    {
        var images = Images(perGroup, "x", "y", "z");

        var first = ImpostorPairSampler.Impostors(images, cap, seed: 42);
        var again = ImpostorPairSampler.Impostors(images, cap, seed: 42);
        var other = ImpostorPairSampler.Impostors(images, cap, seed: 43);

        Assert.Equal(3 * cap, first.Count);
        Assert.All(first.GroupBy(p => p.Group), g => Assert.Equal(cap, g.Count()));
        Assert.True(Valid(images, first));
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData(10, 30, 600)]
    [InlineData(30, 100, 400)]
    public void Every_possible_pair_is_drawn_about_equally_often_across_seeds(int subjects, int cap, int seeds)
    {
        var images = Images(subjects, "g");
        int possible = subjects * (subjects - 1) / 2;
        var counts = new Dictionary<(string, string), int>();
        for (int seed = 0; seed < seeds; seed++)
        {
            foreach (var p in ImpostorPairSampler.Impostors(images, cap, seed))
            {
                counts[(p.ImageIdA, p.ImageIdB)] = counts.GetValueOrDefault((p.ImageIdA, p.ImageIdB)) + 1;
            }
        }

        // Each pair is expected in seeds·cap/possible samples; ±5 binomial standard deviations is the allowed spread.
        double expected = (double)seeds * cap / possible;
        double spread = 5 * Math.Sqrt(expected * (1 - ((double)cap / possible)));
        Assert.Equal(possible, counts.Count);
        Assert.All(counts.Values, n => Assert.InRange(n, expected - spread, expected + spread));
    }

    [Fact]
    public void Genuine_pairs_enumerate_each_subject_with_two_or_more_images()
    {
        EvaluationImage[] images =
        [
            new("b1", "bob", "g"), new("a1", "ann", "h"), new("b2", "bob", "g"), new("b3", "bob", "g"), new("a2", "ann", "h"),
            new("c1", "cid", "g"),
        ];

        var pairs = ImpostorPairSampler.Genuine(images);

        Assert.Equal(
            new[]
            {
                new ImagePair("a1", "a2", true, "h"), new ImagePair("b1", "b2", true, "g"),
                new ImagePair("b1", "b3", true, "g"), new ImagePair("b2", "b3", true, "g"),
            },
            pairs);
    }

    [Fact]
    public void Duplicate_images_are_refused()
    {
        EvaluationImage[] images = [new("a", "s1", "g"), new("a", "s2", "g")];

        Assert.Throws<ArgumentException>(() => ImpostorPairSampler.Impostors(images, 10, 0));
        Assert.Throws<ArgumentException>(() => ImpostorPairSampler.Genuine(images));
    }

    [Fact]
    public void UtkFace_cells_yield_capped_within_cell_impostor_pairs()
    {
        var images = UtkFaceFile.Scan(TestPaths.UtkFaceImages).Files.Select(f => f.ToEvaluationImage()).ToList();

        var pairs = ImpostorPairSampler.Impostors(images, 20_000, seed: 2025);

        Assert.Equal(8 * 20_000, pairs.Count);
        Assert.True(Valid(images, pairs));
        Assert.Empty(ImpostorPairSampler.Genuine(images));
    }

    [Property(Replay = ScoreGenerators.Replay, MaxTest = 200)]
    public Property Samples_hold_distinct_within_group_pairs_of_different_subjects_up_to_the_cap()
    {
        var gen = from items in Gen.ListOf(
                      from subject in Gen.Choose(0, 12)
                      from g in Gen.Elements("p", "q")
                      select (subject, g))
                  from cap in Gen.Choose(1, 40)
                  from seed in Gen.Choose(0, 1000)
                  select (items, cap, seed);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var images = t.items.Select((x, i) => new EvaluationImage($"img{i}", $"s{x.subject}", x.g)).ToList();
            var pairs = ImpostorPairSampler.Impostors(images, t.cap, t.seed);
            bool counts = images.GroupBy(i => i.Group).All(g =>
            {
                var m = g.ToList();
                long possible = m.SelectMany((a, i) => m.Skip(i + 1), (a, b) => (a, b)).LongCount(x => x.a.SubjectId != x.b.SubjectId);
                return pairs.Count(p => p.Group == g.Key) == Math.Min(possible, t.cap);
            });
            return counts && Valid(images, pairs) && pairs.SequenceEqual(ImpostorPairSampler.Impostors(images, t.cap, t.seed));
        });
    }
}
