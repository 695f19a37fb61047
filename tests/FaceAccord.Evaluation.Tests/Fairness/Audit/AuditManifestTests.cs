using FaceAccord.Core;
using FaceAccord.Evaluation.Fairness.Audit;

namespace FaceAccord.Evaluation.Tests.Fairness.Audit;

public sealed class AuditManifestTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fa-manifest-" + Guid.NewGuid().ToString("N"));

    public AuditManifestTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "img"));
        foreach (string name in new[] { "a.jpg", "b.jpg", "c,d.jpg" })
        {
            File.WriteAllText(Path.Combine(_dir, "img", name), "x");
        }
    }

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Reads_relative_and_quoted_paths_and_labels_groups_by_column()
    {
        string path = Write("image,subject,race,gender", "img/a.jpg,s1,White,male", "", "\"img/c,d.jpg\",s2,Black,female");

        var m = AuditManifest.Load(path);

        Assert.Equal(["race", "gender"], m.GroupColumns);
        Assert.Equal(2, m.Entries.Count);
        Assert.Equal(Path.Combine(_dir, "img", "c,d.jpg"), m.Entries[1].Image);
        Assert.Equal(4, m.Entries[1].Line);
        Assert.Equal("race=Black|gender=female", m.LabelOf(m.Entries[1], [0, 1]));
        Assert.Equal("gender=male", m.LabelOf(m.Entries[0], [1]));
    }

    [Theory]
    [InlineData(1, "image,race", "img/a.jpg,White")]
    [InlineData(1, "image,subject,g,g", "img/a.jpg,s1,x,y")]
    [InlineData(2, "image,subject,g", "img/a.jpg,s1")]
    [InlineData(2, "image,subject,g", "img/a.jpg,s1,x,extra")]
    [InlineData(2, "image,subject,g", "img/a.jpg,,x")]
    [InlineData(2, "image,subject,g", "img/missing.jpg,s1,x")]
    [InlineData(2, "image,subject,g", "\"img/a.jpg,s1,x")]
    [InlineData(3, "image,subject,g", "img/a.jpg,s1,x", "img/a.jpg,s2,x")]
    [InlineData(3, "image,subject,g", "img/a.jpg,s1,x", "img/b.jpg,s1,y")]
    [InlineData(4, "image,subject,g,h", "img/a.jpg,s1,x,", "img/b.jpg,s1,,u", "\"img/c,d.jpg\",s1,x,v")]
    [InlineData(2, "image,subject,g", " ,s1,x")]
    public void A_malformed_manifest_is_bad_input_naming_the_line(int line, params string[] lines)
    {
        var e = Assert.Throws<FaceAccordException>(() => AuditManifest.Load(Write(lines)));

        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Equal("manifest-invalid", e.Code);
        Assert.Contains($"line {line}:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_group_value_means_unlabelled_and_contradicts_no_other_row_of_the_subject()
    {
        string path = Write("image,subject,gender,race", "img/a.jpg,s1,male,", "img/b.jpg,s1,,caucasian");

        var m = AuditManifest.Load(path);

        Assert.Equal(["male", ""], m.Entries[0].GroupValues);
        Assert.True(AuditManifest.IsLabelled(m.Entries[0], [0]));
        Assert.False(AuditManifest.IsLabelled(m.Entries[0], [0, 1]));
        Assert.True(AuditManifest.IsLabelled(m.Entries[1], [1]));
    }

    [Fact]
    public void A_header_without_rows_is_refused()
    {
        var e = Assert.Throws<FaceAccordException>(() => AuditManifest.Load(Write("image,subject,g")));
        Assert.Equal("manifest-invalid", e.Code);
    }

    private string Write(params string[] lines)
    {
        string path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllLines(path, lines);
        return path;
    }
}
