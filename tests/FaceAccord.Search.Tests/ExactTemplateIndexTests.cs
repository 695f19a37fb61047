namespace FaceAccord.Search.Tests;

public sealed class ExactTemplateIndexTests : TemplateIndexContract
{
    protected override ITemplateIndex Create(int dimensions) => new ExactTemplateIndex(dimensions);

    [Fact]
    public void A_scan_split_over_cores_gives_the_single_core_answer()
    {
        var rng = new Random(21);
        const int dims = 96;
        var centers = Enumerable.Range(0, 300).Select(_ => TestVectors.Unit(rng, dims)).ToArray();
        using var single = new ExactTemplateIndex(dims, parallelMinRows: int.MaxValue);
        using var split = new ExactTemplateIndex(dims, parallelMinRows: 16);
        for (int i = 0; i < 3000; i++)
        {
            float[] v = TestVectors.Near(rng, centers[i % 300], 1.0f);
            single.Add(i, i % 300, v);
            split.Add(i, i % 300, v);
        }

        for (int q = 0; q < 20; q++)
        {
            float[] query = TestVectors.Near(rng, centers[rng.Next(300)], 1.0f);
            Assert.Equal(single.Search(query, 10, 0f), split.Search(query, 10, 0f));
        }
    }

    [Fact]
    public void Memory_stays_within_one_byte_a_dimension_plus_64_bytes_a_template_at_100k()
    {
        const int dims = 1152;
        const int count = 100_000;
        var rng = new Random(22);
        float[] v = new float[dims];
        using var index = new ExactTemplateIndex(dims);
        for (int i = 0; i < count; i++)
        {
            // Every face its own subject: the most key and table memory per face.
            for (int j = 0; j < dims; j++)
            {
                v[j] = (float)(rng.NextDouble() - 0.5);
            }

            index.Add(i * 7919L, -i, v);
        }

        double perTemplate = index.MemoryBytes / (double)count;
        Assert.Equal(count, index.SubjectCount);
        Assert.InRange(perTemplate, dims, dims + 64);
    }

    [Fact]
    public void Removal_moves_the_last_row_without_losing_any_face()
    {
        var rng = new Random(23);
        const int dims = 32;
        var model = new ReferenceGallery();
        using var index = new ExactTemplateIndex(dims);
        for (int i = 0; i < 700; i++)
        {
            float[] v = TestVectors.Unit(rng, dims);
            index.Add(i, i / 3, v);
            model.Add(i, i / 3, v);
        }

        foreach (long face in Enumerable.Range(0, 700).Where(i => i % 4 == 1).Select(i => (long)i))
        {
            Assert.True(index.Remove(face));
            model.Remove(face);
        }

        foreach (long face in model.FaceKeys)
        {
            var hit = index.Search(model.VectorOf(face), 1, 0.99f);
            Assert.Equal(face, Assert.Single(hit).FaceKey);
        }
    }
}
