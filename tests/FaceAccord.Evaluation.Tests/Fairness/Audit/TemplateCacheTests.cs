using FaceAccord.Core;
using FaceAccord.Evaluation.Fairness.Audit;

namespace FaceAccord.Evaluation.Tests.Fairness.Audit;

public sealed class TemplateCacheTests : IDisposable
{
    private const string Model = "test/model";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fa-cache-" + Guid.NewGuid().ToString("N"));
    private readonly string _cache;
    private readonly string[] _images;
    private readonly List<string> _computed = [];

    public TemplateCacheTests()
    {
        Directory.CreateDirectory(_dir);
        _cache = Path.Combine(_dir, "cache", "templates.bin");
        _images = [.. Enumerable.Range(0, 3).Select(i => Path.Combine(_dir, $"{i}.jpg"))];
        foreach (string image in _images)
        {
            File.WriteAllText(image, "bytes of " + Path.GetFileName(image));
        }
    }

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Reuses_templates_of_unchanged_images_exactly_and_recomputes_changed_ones()
    {
        var (first, reused) = TemplateCache.GetOrCompute(_cache, "fp", Model, _images, Compute);
        Assert.Equal(0, reused);
        Assert.Equal(3, _computed.Count);

        // Image 1 is rewritten (new length), so only it is embedded again.
        File.WriteAllText(_images[1], "changed");
        _computed.Clear();
        var (second, reusedAgain) = TemplateCache.GetOrCompute(_cache, "fp", Model, _images, Compute);

        Assert.Equal(2, reusedAgain);
        Assert.Equal([_images[1]], _computed);
        Assert.Null(second[_images[2]]);
        Assert.Equal(first[_images[0]]!.Vector.ToArray(), second[_images[0]]!.Vector.ToArray());
        Assert.Equal(Model, second[_images[0]]!.ModelId);
    }

    [Fact]
    public void A_folder_recreated_with_new_file_times_or_moved_keeps_its_templates()
    {
        var (first, _) = TemplateCache.GetOrCompute(_cache, "fp", Model, _images, Compute);
        string moved = Path.Combine(_dir, "moved");
        Directory.CreateDirectory(moved);
        string[] copies = [.. _images.Select(i => Path.Combine(moved, Path.GetFileName(i)))];
        for (int i = 0; i < copies.Length; i++)
        {
            File.Copy(_images[i], copies[i]);
            File.SetLastWriteTimeUtc(copies[i], new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        }

        _computed.Clear();
        var (second, reused) = TemplateCache.GetOrCompute(_cache, "fp", Model, copies, Compute);

        Assert.Equal(3, reused);
        Assert.Empty(_computed);
        Assert.Equal(first[_images[1]]!.Vector.ToArray(), second[copies[1]]!.Vector.ToArray());
        Assert.Null(second[copies[2]]);
    }

    [Fact]
    public void An_image_rewritten_with_the_same_length_is_embedded_again()
    {
        TemplateCache.GetOrCompute(_cache, "fp", Model, _images, Compute);
        var time = File.GetLastWriteTimeUtc(_images[0]);
        File.WriteAllText(_images[0], "bytes of X.jpg");
        File.SetLastWriteTimeUtc(_images[0], time);
        _computed.Clear();

        TemplateCache.GetOrCompute(_cache, "fp", Model, _images, Compute);

        Assert.Equal([_images[0]], _computed);
    }

    [Fact]
    public void Another_fingerprint_or_a_damaged_cache_means_embedding_again()
    {
        TemplateCache.GetOrCompute(_cache, "fp", Model, _images, Compute);
        _computed.Clear();

        TemplateCache.GetOrCompute(_cache, "other-pack", Model, _images, Compute);
        Assert.Equal(3, _computed.Count);

        // Cut short in the middle of its entries: still ours, rewritten whole.
        byte[] whole = File.ReadAllBytes(_cache);
        File.WriteAllBytes(_cache, whole[..(whole.Length - 5)]);
        _computed.Clear();
        var (templates, reused) = TemplateCache.GetOrCompute(_cache, "other-pack", Model, _images, Compute);
        Assert.Equal((0, 3, 3), (reused, _computed.Count, templates.Count));
        Assert.Equal(whole.Length, new FileInfo(_cache).Length);
    }

    [Fact]
    public void A_file_that_is_not_a_cache_or_a_folder_is_refused_before_anything_is_embedded_and_left_as_it_was()
    {
        string manifest = Path.Combine(_dir, "manifest.csv");
        File.WriteAllText(manifest, "image,subject,race\na.jpg,a,x\n");

        foreach (string path in new[] { manifest, _dir })
        {
            var e = Assert.Throws<FaceAccord.Core.FaceAccordException>(() => TemplateCache.GetOrCompute(path, "fp", Model, _images, Compute));
            Assert.Equal("cache-invalid", e.Code);
        }

        Assert.Empty(_computed);
        Assert.Equal("image,subject,race\na.jpg,a,x\n", File.ReadAllText(manifest));

        // An empty file (made with touch) is an empty cache.
        string empty = Path.Combine(_dir, "empty.cache");
        File.WriteAllBytes(empty, []);
        TemplateCache.RequireUsable(empty);
    }

    [Fact]
    public void Keeps_entries_of_images_not_asked_for_this_time()
    {
        TemplateCache.GetOrCompute(_cache, "fp", Model, _images[..2], Compute);
        TemplateCache.GetOrCompute(_cache, "fp", Model, _images[2..], Compute);
        _computed.Clear();

        var (_, reused) = TemplateCache.GetOrCompute(_cache, "fp", Model, _images, Compute);

        Assert.Equal(3, reused);
        Assert.Empty(_computed);
    }

    // Image i gets the vector (i + 1, 0.5); the image named 2.jpg has no face.
    private Dictionary<string, FaceTemplate?> Compute(IReadOnlyCollection<string> paths)
    {
        _computed.AddRange(paths);
        return paths.ToDictionary(
            p => p,
            p => Path.GetFileName(p) == "2.jpg" ? null : new FaceTemplate(Model, [int.Parse(Path.GetFileNameWithoutExtension(p), System.Globalization.CultureInfo.InvariantCulture) + 1, 0.5f]));
    }
}
