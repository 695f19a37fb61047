using FaceAccord.Core;
using FaceAccord.Evaluation.Fairness.Audit;
using FaceAccord.TestSupport;

namespace FaceAccord.Evaluation.Tests.Fairness.Audit;

public sealed class LfwManifestTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fa-lfw-manifest-" + Guid.NewGuid().ToString("N"));

    public LfwManifestTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Labels_gender_per_image_and_race_per_person_leaving_every_ambiguous_label_empty()
    {
        string images = Path.Combine(_dir, "lfw");
        Person(images, "Ann_Lee", 2);       // female, caucasian
        Person(images, "Bo_Chan", 2);       // image 1 male, image 2 in both lists; race disputed
        Person(images, "Cy_Day", 1);        // in neither list; no race
        Person(images, "Di_Eve", 2);        // one image male, one female: both left empty
        Person(images, "Ed_Fox", 1);        // male, african
        string labels = Path.Combine(_dir, "labels");
        Directory.CreateDirectory(labels);

        // The published lists end lines with CRLF; the race file names one person missing from the images.
        File.WriteAllText(Path.Combine(labels, "male_names.txt"), "Bo_Chan_0001.jpg\r\nBo_Chan_0002.jpg\r\nDi_Eve_0001.jpg\r\nEd_Fox_0001.jpg\r\n");
        File.WriteAllText(Path.Combine(labels, "female_names.txt"), "Ann_Lee_0001.jpg\r\nAnn_Lee_0002.jpg\r\nBo_Chan_0002.jpg\r\nDi_Eve_0002.jpg\r\nGone_0001.jpg\r\n");
        File.WriteAllText(Path.Combine(labels, "lfw_race_dict.json"),
            """{"Ann_Lee": "caucasian", "Bo_Chan": "eastasian,caucasian", "Ed_Fox": "african", "Nobody_Here": "latino"}""");
        string manifest = Path.Combine(_dir, "out", "lfw.csv");

        var result = LfwManifest.Write(images, labels, manifest);

        Assert.Equal(new LfwManifest.Result(8, 5, 4, 1, 1, 1, 2, 1, 2), result);
        var m = AuditManifest.Load(manifest);
        Assert.Equal(["gender", "race"], m.GroupColumns);
        var rows = m.Entries.Select(e => (Path.GetFileName(e.Image), e.Subject, e.GroupValues[0], e.GroupValues[1])).ToList();
        Assert.Equal(
        [
            ("Ann_Lee_0001.jpg", "Ann_Lee", "female", "caucasian"),
            ("Ann_Lee_0002.jpg", "Ann_Lee", "female", "caucasian"),
            ("Bo_Chan_0001.jpg", "Bo_Chan", "male", ""),
            ("Bo_Chan_0002.jpg", "Bo_Chan", "", ""),
            ("Cy_Day_0001.jpg", "Cy_Day", "", ""),
            ("Di_Eve_0001.jpg", "Di_Eve", "", ""),
            ("Di_Eve_0002.jpg", "Di_Eve", "", ""),
            ("Ed_Fox_0001.jpg", "Ed_Fox", "male", "african"),
        ], rows);
    }

    [Fact]
    public void A_missing_label_file_is_reported_by_name()
    {
        string images = Path.Combine(_dir, "lfw");
        Person(images, "Ann_Lee", 1);

        var e = Assert.Throws<FaceAccordException>(() => LfwManifest.Write(images, Path.Combine(_dir, "nolabels"), Path.Combine(_dir, "m.csv")));

        Assert.Equal("labels-not-found", e.Code);
        Assert.Contains("male_names.txt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_race_file_that_is_not_an_object_of_strings_is_bad_input()
    {
        string images = Path.Combine(_dir, "lfw");
        Person(images, "Ann_Lee", 1);
        string labels = Path.Combine(_dir, "labels");
        Directory.CreateDirectory(labels);
        File.WriteAllText(Path.Combine(labels, "male_names.txt"), "");
        File.WriteAllText(Path.Combine(labels, "female_names.txt"), "");
        File.WriteAllText(Path.Combine(labels, "lfw_race_dict.json"), """{"Ann_Lee": 3}""");

        var e = Assert.Throws<FaceAccordException>(() => LfwManifest.Write(images, labels, Path.Combine(_dir, "m.csv")));

        Assert.Equal("labels-invalid", e.Code);
    }

    [Fact]
    public void The_real_LFW_labels_give_the_counts_the_data_set_documents()
    {
        string lfw = Path.Combine(TestPaths.Datasets, "lfw");
        string manifest = Path.Combine(_dir, "lfw.csv");

        var result = LfwManifest.Write(Path.Combine(lfw, "lfw-deepfunneled"), Path.Combine(lfw, "labels"), manifest);

        // 13,233 images of 5,749 people; five names in both lists and four images in neither are left empty;
        // 866 people have a race entry, 91 of them comma-separated (annotators disagreed).
        Assert.Equal(new LfwManifest.Result(13_233, 5_749, 13_224, 5, 4, 0, 775, 91, 0), result);
        var m = AuditManifest.Load(manifest);
        Assert.Equal(13_233, m.Entries.Count);
        Assert.All(m.Entries, e => Assert.Contains(e.GroupValues[0], new[] { "male", "female", "" }));
        Assert.DoesNotContain(m.Entries, e => e.GroupValues[1].Contains(',', StringComparison.Ordinal));
        Assert.Equal("caucasian", m.Entries.First(e => e.Subject == "Woody_Allen").GroupValues[1]);
        Assert.Equal("", m.Entries.First(e => e.Subject == "Tracee_Ellis_Ross").GroupValues[1]);
        Assert.Equal("female", m.Entries.First(e => e.Subject == "Tracee_Ellis_Ross").GroupValues[0]);
        Assert.Equal("", Assert.Single(m.Entries, e => e.Subject == "Tatiana_Shchegoleva").GroupValues[0]);
    }

    private static void Person(string root, string name, int images)
    {
        string folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        for (int i = 1; i <= images; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"{name}_{i:0000}.jpg"), "x");
        }
    }
}
