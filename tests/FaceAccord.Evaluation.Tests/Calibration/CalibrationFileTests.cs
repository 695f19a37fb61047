using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Evaluation.Calibration;
using FaceAccord.Packs.Calibration;

namespace FaceAccord.Evaluation.Tests.Calibration;

public sealed class CalibrationFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faceaccord-eval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // 20,000 impostors in two groups of 10,000 (groups estimable down to 1e-3, overall to 1e-3) and 100 genuine.
    private static CalibrationFile Sample()
    {
        var calibration = new ScoreCalibration("human-faceres@3.0.4", ["utkface-dev", "lfw View 1 DevTrain"]);
        for (int i = 0; i < 10_000; i++)
        {
            calibration.AddImpostor(-0.5 + (i * 0.00008), "race=Asian|gender=male");
            calibration.AddImpostor(-0.4 + (i * 0.00009), "race=Indian|gender=female");
        }

        for (int i = 0; i < 100; i++)
        {
            calibration.AddGenuine(0.3 + (i * 0.006));
        }

        return calibration.Build(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero), [1e-2, 1e-3, 1e-4, 1e-5]);
    }

    [Fact]
    public void ThresholdFor_serves_calibrated_targets_by_mode()
    {
        var file = Sample();
        var row = file.Thresholds.Single(r => r.TargetFmr == 1e-3);

        Assert.Equal(row.WorstGroup!.Threshold, file.ThresholdFor(1e-3));
        Assert.Equal(row.WorstGroup.Threshold, file.ThresholdFor(0.001, CalibrationMode.WorstGroup));
        Assert.Equal(row.Overall!.Threshold, file.ThresholdFor(1e-3, CalibrationMode.Overall));
        Assert.True(file.ThresholdFor(1e-3) > file.ThresholdFor(1e-3, CalibrationMode.Overall));
        Assert.True(file.ThresholdFor(1e-3) > file.ThresholdFor(1e-2));
    }

    [Theory]
    [InlineData(1e-4, CalibrationMode.WorstGroup, "worst-group thresholds exist for FMR 0.01, 0.001")]
    [InlineData(1e-4, CalibrationMode.Overall, "overall thresholds exist for FMR 0.01, 0.001")]
    [InlineData(5e-3, CalibrationMode.WorstGroup, "no worst-group threshold for FMR 0.005")]
    [InlineData(0.0, CalibrationMode.Overall, "no overall threshold for FMR 0")]
    public void Uncalibrated_rates_are_refused_listing_the_available_ones(double fmr, CalibrationMode mode, string fragment)
    {
        var e = Assert.Throws<FaceAccordException>(() => Sample().ThresholdFor(fmr, mode));

        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Equal("fmr-not-calibrated", e.Code);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.Contains("human-faceres@3.0.4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_then_Load_keeps_every_field_in_camelCase_json()
    {
        var file = Sample();
        string path = Path.Combine(_dir, "calibration.json");

        file.Save(path);
        var loaded = CalibrationFile.Load(path);

        Assert.Equal(file.ModelId, loaded.ModelId);
        Assert.Equal(file.Datasets, loaded.Datasets);
        Assert.Equal(file.CreatedAt, loaded.CreatedAt);
        Assert.Equal(file.Genuine, loaded.Genuine);
        Assert.Equal(file.Impostor, loaded.Impostor);
        Assert.Equal(file.ImpostorByGroup.OrderBy(g => g.Key), loaded.ImpostorByGroup.OrderBy(g => g.Key));
        Assert.Equal(file.Histograms.Genuine.Counts, loaded.Histograms.Genuine.Counts);
        Assert.Equal(file.Histograms.ImpostorByGroup.Keys, loaded.Histograms.ImpostorByGroup.Keys);
        Assert.Equal(file.Thresholds.Count, loaded.Thresholds.Count);
        foreach (var (a, b) in file.Thresholds.Zip(loaded.Thresholds))
        {
            Assert.Equal(a.TargetFmr, b.TargetFmr);
            Assert.Equal(a.Overall, b.Overall);
            Assert.Equal(a.WorstGroup, b.WorstGroup);
            Assert.Equal(a.Groups, b.Groups);
            Assert.Equal(a.NotEstimable, b.NotEstimable);
        }

        Assert.Equal(file.ThresholdFor(1e-3), loaded.ThresholdFor(1e-3));
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        Assert.Equal("human-faceres@3.0.4", root.GetProperty("modelId").GetString());
        Assert.Equal(1, root.GetProperty("formatVersion").GetInt32());
        Assert.Equal(10_000, root.GetProperty("impostorByGroup").GetProperty("race=Asian|gender=male").GetProperty("pairs").GetInt32());
        Assert.Equal(0.01, root.GetProperty("thresholds")[0].GetProperty("targetFmr").GetDouble());
        Assert.Equal(200, root.GetProperty("histograms").GetProperty("impostor").GetProperty("counts").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("thresholds")[2].GetProperty("overall").ValueKind);
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Save_replaces_an_existing_file()
    {
        string path = Path.Combine(_dir, "calibration.json");
        File.WriteAllText(path, "old");

        Sample().Save(path);

        Assert.Equal("human-faceres@3.0.4", CalibrationFile.Load(path).ModelId);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("null")]
    public void Broken_files_are_refused(string text)
    {
        string path = Path.Combine(_dir, "calibration.json");
        File.WriteAllText(path, text);

        var e = Assert.Throws<FaceAccordException>(() => CalibrationFile.Load(path));

        Assert.Equal("calibration-invalid", e.Code);
    }

    [Theory]
    [InlineData("\"formatVersion\": 1", "\"formatVersion\": 2")]
    [InlineData("\"modelId\": \"human-faceres@3.0.4\"", "\"modelId\": null")]
    [InlineData("\"modelId\": \"human-faceres@3.0.4\"", "\"modelId\": \" \"")]
    [InlineData("\"targetFmr\": 0.01", "\"targetFmr\": 2")]
    public void Edited_files_that_break_the_contract_are_refused(string find, string replace)
    {
        string path = Path.Combine(_dir, "calibration.json");
        Sample().Save(path);
        string text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));

        var e = Assert.Throws<FaceAccordException>(() => CalibrationFile.Load(path));

        Assert.Equal("calibration-invalid", e.Code);
    }

    [Fact]
    public void A_missing_file_is_not_found()
    {
        var e = Assert.Throws<FaceAccordException>(() => CalibrationFile.Load(Path.Combine(_dir, "absent.json")));

        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Equal("calibration-not-found", e.Code);
    }
}
