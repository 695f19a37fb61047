using FaceAccord.Evaluation.Datasets;
using FaceAccord.TestSupport;

namespace FaceAccord.Evaluation.Tests.Datasets;

public sealed class UtkFaceFileTests
{
    [Theory]
    [InlineData("/d/18_0_0_20170110231228322.jpg.chip.jpg", 18, UtkGender.Male, UtkRace.White, "race=White|gender=male")]
    [InlineData("70_1_1_20170120134017893.jpg.chip.jpg", 70, UtkGender.Female, UtkRace.Black, "race=Black|gender=female")]
    [InlineData("5_1_2_1.jpg.chip.jpg", 5, UtkGender.Female, UtkRace.Asian, "race=Asian|gender=female")]
    [InlineData("33_0_3_20170104223441516.jpg.chip.jpg", 33, UtkGender.Male, UtkRace.Indian, "race=Indian|gender=male")]
    [InlineData("24_0_1_20170116220224657 .jpg.chip.jpg", 24, UtkGender.Male, UtkRace.Black, "race=Black|gender=male")]
    public void Well_formed_names_give_their_labels(string path, int age, UtkGender gender, UtkRace race, string group)
    {
        Assert.True(UtkFaceFile.TryParse(path, out var file));

        Assert.Equal(new UtkFaceFile(path, age, gender, race), file);
        Assert.Equal(group, file.GroupLabel);
        Assert.Equal(new EvaluationImage(path, Path.GetFileName(path), group), file.ToEvaluationImage());
    }

    [Theory]
    [InlineData("39_1_20170116174525125.jpg.chip.jpg")]
    [InlineData("18_0_4_20170110231228322.jpg.chip.jpg")]
    [InlineData("18_2_0_20170110231228322.jpg.chip.jpg")]
    [InlineData("-18_0_0_20170110231228322.jpg.chip.jpg")]
    [InlineData("121_0_0_20170110231228322.jpg.chip.jpg")]
    [InlineData("18_0_0_2017x.jpg.chip.jpg")]
    [InlineData("18_0_0_.jpg.chip.jpg")]
    [InlineData("18_0_0_20170110231228322_1.jpg.chip.jpg")]
    [InlineData("18_0_0_20170110231228322.jpg")]
    [InlineData("18 _0_0_20170110231228322.jpg.chip.jpg")]
    [InlineData("")]
    public void Malformed_names_are_rejected(string name)
    {
        Assert.False(UtkFaceFile.TryParse(name, out var file));
        Assert.Null(file);
    }

    [Fact]
    public void Parse_counts_skipped_names_and_orders_by_file_name()
    {
        var scan = UtkFaceFile.Parse(
        [
            "/x/30_1_3_2.jpg.chip.jpg", "/x/notes.txt", "/y/20_0_1_9.jpg.chip.jpg", "/x/39_1_20170116174525125.jpg.chip.jpg",
        ]);

        Assert.Equal(2, scan.Skipped);
        Assert.Equal(new[] { "/y/20_0_1_9.jpg.chip.jpg", "/x/30_1_3_2.jpg.chip.jpg" }, scan.Files.Select(f => f.Path));
    }

    [Fact]
    public void The_shared_subset_has_750_adults_per_race_and_gender_cell()
    {
        var scan = UtkFaceFile.Scan(TestPaths.UtkFaceImages);

        Assert.Equal(0, scan.Skipped);
        Assert.Equal(6000, scan.Files.Count);
        var cells = scan.Files.GroupBy(f => f.GroupLabel).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(8, cells.Count);
        Assert.All(cells.Values, n => Assert.Equal(750, n));
        Assert.InRange(scan.Files.Min(f => f.Age), 18, 70);
        Assert.InRange(scan.Files.Max(f => f.Age), 18, 70);
        Assert.All(scan.Files, f => Assert.True(File.Exists(f.Path)));
    }

    [Fact]
    public void A_missing_folder_is_not_found()
    {
        var e = Assert.Throws<Core.FaceAccordException>(() => UtkFaceFile.Scan("/nonexistent-utkface-folder"));

        Assert.Equal("dataset-not-found", e.Code);
    }
}
