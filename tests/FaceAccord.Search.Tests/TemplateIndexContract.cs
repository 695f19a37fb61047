using FaceAccord.Core;

namespace FaceAccord.Search.Tests;

/// <summary>What every <see cref="ITemplateIndex"/> must do; each index runs these through its own subclass.</summary>
public abstract class TemplateIndexContract
{
    protected const int Dims = 64;

    /// <summary>An empty index; graph indexes get a search expansion above the test gallery sizes, so they are exact here.</summary>
    protected abstract ITemplateIndex Create(int dimensions);

    [Fact]
    public void An_empty_index_finds_nothing()
    {
        using var index = Create(Dims);
        Assert.Empty(index.Search(TestVectors.Unit(new Random(1), Dims), 5, -1f));
        Assert.Equal(0, index.Count);
        Assert.Equal(0, index.SubjectCount);
    }

    [Fact]
    public void The_best_face_of_a_subject_speaks_for_it()
    {
        var rng = new Random(11);
        float[] query = TestVectors.Unit(rng, Dims);
        using var index = Create(Dims);
        float[] strong = TestVectors.Near(rng, query, 0.2f);
        index.Add(1, 100, TestVectors.Near(rng, query, 2.0f)); // weak face of subject 100
        index.Add(2, 100, strong);
        index.Add(3, 200, TestVectors.Near(rng, query, 0.5f));

        var hits = index.Search(query, 5, -1f);

        Assert.Equal([100L, 200L], hits.Select(h => h.SubjectKey));
        Assert.Equal(2, hits[0].FaceKey);
        Assert.Equal(TestVectors.QuantizedScore(query, strong), hits[0].Similarity, 1e-6f);
        Assert.Equal(3, index.Count);
        Assert.Equal(2, index.SubjectCount);
    }

    [Fact]
    public void Removing_the_best_face_changes_the_answer_at_once()
    {
        var rng = new Random(12);
        float[] query = TestVectors.Unit(rng, Dims);
        using var index = Create(Dims);
        float[] weak = TestVectors.Near(rng, query, 1.5f);
        index.Add(1, 100, weak);
        index.Add(2, 100, TestVectors.Near(rng, query, 0.1f));
        index.Add(3, 200, TestVectors.Near(rng, query, 0.6f));

        Assert.True(index.Remove(2));
        Assert.False(index.Remove(2));

        var hits = index.Search(query, 5, -1f);
        Assert.Equal([200L, 100L], hits.Select(h => h.SubjectKey));
        Assert.Equal(1, hits[1].FaceKey);
        Assert.Equal(TestVectors.QuantizedScore(query, weak), hits[1].Similarity, 1e-6f);
        Assert.DoesNotContain(hits, h => h.FaceKey == 2);
    }

    [Fact]
    public void RemoveSubject_forgets_every_face_of_the_subject()
    {
        var rng = new Random(13);
        float[] query = TestVectors.Unit(rng, Dims);
        using var index = Create(Dims);
        for (int i = 0; i < 6; i++)
        {
            index.Add(i, i % 2 == 0 ? 7 : 8, TestVectors.Near(rng, query, 0.3f));
        }

        Assert.Equal(3, index.RemoveSubject(7));
        Assert.Equal(0, index.RemoveSubject(7));
        Assert.Equal(3, index.Count);
        Assert.Equal(1, index.SubjectCount);
        Assert.All(index.Search(query, 5, -1f), h => Assert.Equal(8, h.SubjectKey));
    }

    [Fact]
    public void A_threshold_above_every_score_returns_nothing_rather_than_the_nearest_stranger()
    {
        var rng = new Random(14);
        using var index = Create(Dims);
        for (int i = 0; i < 50; i++)
        {
            index.Add(i, i, TestVectors.Unit(rng, Dims));
        }

        float[] stranger = TestVectors.Unit(rng, Dims);
        var all = index.Search(stranger, 50, -1f);
        Assert.Equal(50, all.Count);
        Assert.Empty(index.Search(stranger, 5, all[0].Similarity + 1e-4f));
        var above = index.Search(stranger, 50, all[2].Similarity);
        Assert.Equal(3, above.Count);
        Assert.All(above, h => Assert.True(h.Similarity >= all[2].Similarity));
    }

    [Fact]
    public void Equal_scores_rank_the_lower_subject_key_first()
    {
        var rng = new Random(15);
        float[] v = TestVectors.Unit(rng, Dims);
        using var index = Create(Dims);
        index.Add(10, 30, v);
        index.Add(11, 10, v);
        index.Add(12, 20, v);
        index.Add(13, 20, v);

        var hits = index.Search(v, 3, -1f);

        Assert.Equal([10L, 20L, 30L], hits.Select(h => h.SubjectKey));
        Assert.Equal(12, hits[1].FaceKey); // within a subject, the lower face key
        Assert.Equal(hits[0].Similarity, hits[2].Similarity);
    }

    [Fact]
    public void Adding_a_present_key_replaces_the_face_and_its_subject()
    {
        var rng = new Random(16);
        float[] first = TestVectors.Unit(rng, Dims);
        float[] second = TestVectors.Unit(rng, Dims);
        using var index = Create(Dims);
        index.Add(1, 100, first);
        index.Add(1, 200, second);

        Assert.Equal(1, index.Count);
        Assert.Equal(1, index.SubjectCount);
        var hit = Assert.Single(index.Search(second, 5, 0.5f));
        Assert.Equal((200L, 1L), (hit.SubjectKey, hit.FaceKey));
        Assert.Empty(index.Search(first, 5, 0.5f));
    }

    [Fact]
    public void Random_writes_leave_the_same_answers_as_a_plain_model()
    {
        var rng = new Random(17);
        var centers = Enumerable.Range(0, 20).Select(_ => TestVectors.Unit(rng, Dims)).ToArray();
        var model = new ReferenceGallery();
        using var index = Create(Dims);
        for (int step = 0; step < 600; step++)
        {
            int op = rng.Next(10);
            long face = rng.Next(200);
            long subject = rng.Next(20);
            if (op < 7)
            {
                float[] v = TestVectors.Near(rng, centers[subject], 0.8f);
                index.Add(face, subject, v);
                model.Add(face, subject, v);
            }
            else if (op < 9)
            {
                Assert.Equal(model.Remove(face), index.Remove(face));
            }
            else
            {
                Assert.Equal(model.RemoveSubject(subject), index.RemoveSubject(subject));
            }

            if (step % 50 == 49)
            {
                Assert.Equal(model.Count, index.Count);
                Assert.Equal(model.SubjectCount, index.SubjectCount);
                for (int q = 0; q < 5; q++)
                {
                    float[] query = TestVectors.Near(rng, centers[rng.Next(20)], 0.8f);
                    Assert.Equal(model.Search(query, 5, 0.1f), index.Search(query, 5, 0.1f));
                }
            }
        }
    }

    [Fact]
    public void Wrong_dimensions_and_non_finite_values_are_bad_input()
    {
        using var index = Create(Dims);
        float[] good = TestVectors.Unit(new Random(18), Dims);
        float[] nan = [.. good];
        nan[5] = float.NaN;

        AssertBadInput("template-dimensions-mismatch", () => index.Add(1, 1, new float[Dims + 1]));
        AssertBadInput("template-not-finite", () => index.Add(1, 1, nan));
        AssertBadInput("template-zero", () => index.Add(1, 1, new float[Dims]));
        AssertBadInput("template-dimensions-mismatch", () => index.Search(new float[Dims - 1], 5, 0f));
        AssertBadInput("template-not-finite", () => index.Search(nan, 5, 0f));
        AssertBadInput("search-top-invalid", () => index.Search(good, 0, 0f));
        AssertBadInput("search-threshold-invalid", () => index.Search(good, 5, float.NaN));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void A_disposed_index_refuses_work()
    {
        var index = Create(Dims);
        index.Dispose();
        Assert.Throws<ObjectDisposedException>(() => index.Search(TestVectors.Unit(new Random(19), Dims), 1, 0f));
    }

    private static void AssertBadInput(string code, Action action)
    {
        var e = Assert.Throws<FaceAccordException>(action);
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Equal(code, e.Code);
    }
}
