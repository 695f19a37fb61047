using FaceAccord.Evaluation.Tests.Datasets;
using FaceAccord.Evaluation.Fairness;
using FaceAccord.Evaluation.Fairness.Audit;

namespace FaceAccord.Evaluation.Tests.Fairness.Audit;

public sealed class UtkFaceManifestTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fa-utkman-" + Guid.NewGuid().ToString("N"));

    public UtkFaceManifestTests()
    {
        // Photo 1 three times (a re-encode relabelled 32, a re-crop), photo 2 twice with different genders, photo 3
        // once plus a byte-identical copy, photo 4 once: 8 files, 7 distinct, 4 photographs.
        string images = Path.Combine(_dir, "images");
        Directory.CreateDirectory(images);
        var one = SyntheticPhotos.Photo(21);
        var two = SyntheticPhotos.Photo(22);
        Save("30_1_2_100", SyntheticPhotos.Jpeg(SyntheticPhotos.Crop(one, 20, 20, 200), 90));
        Save("32_1_2_200", SyntheticPhotos.Jpeg(SyntheticPhotos.Brighten(SyntheticPhotos.Crop(one, 20, 20, 200), 0.9, 12), 45));
        Save("30_1_2_300", SyntheticPhotos.Jpeg(SyntheticPhotos.Crop(one, 28, 24, 195), 70));
        Save("40_0_0_400", SyntheticPhotos.Jpeg(SyntheticPhotos.Crop(two, 20, 20, 200), 90));
        Save("41_1_0_500", SyntheticPhotos.Jpeg(SyntheticPhotos.Crop(two, 20, 20, 200), 60));
        byte[] three = SyntheticPhotos.Jpeg(SyntheticPhotos.Crop(SyntheticPhotos.Photo(23), 20, 20, 200), 90);
        Save("50_0_1_600", three);
        Save("50_0_1_700", three);
        Save("60_1_3_800", SyntheticPhotos.Jpeg(SyntheticPhotos.Crop(SyntheticPhotos.Photo(24), 20, 20, 200), 90));

        void Save(string name, byte[] jpeg) => File.WriteAllBytes(Path.Combine(images, name + ".jpg.chip.jpg"), jpeg);
    }

    private string Images => Path.Combine(_dir, "images");

    private string ManifestPath => Path.Combine(_dir, "utk.csv");

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Copies_of_one_photograph_share_a_subject_and_disagreeing_labels_are_left_empty()
    {
        var result = UtkFaceManifest.Write(Images, ManifestPath);

        Assert.Equal((7, 0, 1, 4), (result.Images, result.SkippedNames, result.DuplicateCopies, result.Subjects));
        Assert.Equal((2, 5, 3, 2, 0), (result.MergedClusters, result.MergedImages, result.LargestCluster, result.LabelConflictImages, result.Unfingerprinted));
        var rows = File.ReadAllLines(ManifestPath).Skip(1).Select(l => l.Split(',')).ToDictionary(f => Path.GetFileName(f[0])[..10], f => f[1..]);
        Assert.Equal(["30_1_2_100.jpg.chip.jpg", "Asian", "female"], rows["30_1_2_100"]);
        Assert.Equal(["30_1_2_100.jpg.chip.jpg", "Asian", "female"], rows["32_1_2_200"]);
        Assert.Equal(["30_1_2_100.jpg.chip.jpg", "Asian", "female"], rows["30_1_2_300"]);
        Assert.Equal(["40_0_0_400.jpg.chip.jpg", "White", ""], rows["40_0_0_400"]);
        Assert.Equal(["40_0_0_400.jpg.chip.jpg", "White", ""], rows["41_1_0_500"]);
        Assert.Equal(["50_0_1_600.jpg.chip.jpg", "Black", "male"], rows["50_0_1_600"]);
        Assert.Equal(["60_1_3_800.jpg.chip.jpg", "Indian", "female"], rows["60_1_3_800"]);
        Assert.False(rows.ContainsKey("50_0_1_700"));

        var links = File.ReadAllLines(result.NearDuplicatesPath!);
        Assert.Equal("image_a,image_b,similarity", links[0]);
        Assert.Contains(links, l => l.StartsWith("30_1_2_100.jpg.chip.jpg,32_1_2_200.jpg.chip.jpg,", StringComparison.Ordinal));
        Assert.Equal(UtkFaceManifest.NearDuplicatesPathFor(ManifestPath), result.NearDuplicatesPath);

        // The audit reads it: one subject per photograph, and the conflicting labels are simply "not labelled".
        var manifest = AuditManifest.Load(ManifestPath);
        Assert.Equal(4, manifest.Entries.Select(e => e.Subject).Distinct().Count());
    }

    [Fact]
    public void Without_dedupe_each_distinct_file_is_its_own_subject()
    {
        var result = UtkFaceManifest.Write(Images, ManifestPath, dedupe: false);

        Assert.Equal((7, 1, 7, 0, null), (result.Images, result.DuplicateCopies, result.Subjects, result.MergedClusters, result.NearDuplicatesPath));
        var rows = File.ReadAllLines(ManifestPath).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows, f => Assert.Equal(Path.GetFileName(f[0]), f[1]));
        Assert.DoesNotContain(rows, f => f[2].Length == 0 || f[3].Length == 0);
        Assert.False(File.Exists(UtkFaceManifest.NearDuplicatesPathFor(ManifestPath)));
    }

    [Fact]
    public void The_holdout_split_and_the_bootstrap_keep_a_merged_photograph_together()
    {
        UtkFaceManifest.Write(Images, ManifestPath);
        var manifest = AuditManifest.Load(ManifestPath);
        int[] all = [0, 1];
        var photo = manifest.Entries.Where(e => Path.GetFileName(e.Image).StartsWith("30_", StringComparison.Ordinal) || Path.GetFileName(e.Image).StartsWith("32_", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, photo.Count);

        // The split keys on the subject column: the three copies are held out together or not at all, for every seed.
        for (int seed = 0; seed < 50; seed++)
        {
            var heldOut = SubjectSplit.HeldOut(
                manifest.Entries.Where(e => AuditManifest.IsLabelled(e, all)).Select(e => (e.Subject, manifest.LabelOf(e, all))), 0.5, seed);
            Assert.Single(photo.Select(e => heldOut.Contains(e.Subject)).Distinct());
        }

        // Pairs inside the merged photograph are genuine: a perfect score there is a match, not a false match, and the
        // bootstrap resamples the photograph as one subject.
        var comparisons = new[]
        {
            new GroupedComparison(photo[0].Subject, photo[1].Subject, IsGenuine: photo[0].Subject == photo[1].Subject, 1.0, "g"),
            new GroupedComparison(photo[0].Subject, "60_1_3_800.jpg.chip.jpg", IsGenuine: false, 0.1, "g"),
        };
        var rates = SubjectBootstrap.Intervals(comparisons, 0.5, seed: 1, resamples: 50).Single();
        Assert.Equal((1, 1, 0, 0), (rates.Rates.GenuinePairs, rates.Rates.ImpostorPairs, rates.Rates.FalseMatches, rates.Rates.FalseNonMatches));
    }

    [Fact]
    public void A_missing_folder_is_not_found()
    {
        var e = Assert.Throws<Core.FaceAccordException>(() => UtkFaceManifest.Write(Path.Combine(_dir, "nope"), ManifestPath));

        Assert.Equal("dataset-not-found", e.Code);
    }
}
