using System.Text.Json;
using FaceAccord.TestSupport;

namespace FaceAccord.Cli.Tests;

public sealed class ExitCodeTests
{
    public ExitCodeTests() => _ = TestPack.Installed;

    [Fact]
    public async Task Unknown_command_is_bad_input()
    {
        var (code, _, err) = await CliRun.Async("frobnicate");
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("frobnicate", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_image_file_is_bad_input_with_one_line()
    {
        var (code, _, err) = await CliRun.Async("detect", "/nonexistent/face.jpg", "--json");
        Assert.Equal(CliApp.BadInput, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains("/nonexistent/face.jpg", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_file_as_image_is_bad_input()
    {
        string path = Path.Combine(Path.GetTempPath(), $"fa-{Guid.NewGuid():N}.jpg");
        await File.WriteAllTextAsync(path, "this is not a photo");
        try
        {
            var (code, stdout, _) = await CliRun.Async("detect", path, "--json");
            Assert.Equal(CliApp.BadInput, code);
            Assert.Equal(string.Empty, stdout);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("--probe-crop-days", "-1", "ProbeCropRetentionDays")]
    [InlineData("--probe-crop-days", "3651", "ProbeCropRetentionDays")]
    [InlineData("--fairness", "/nonexistent/fairness.json", "/nonexistent/fairness.json")]
    public async Task Serve_refuses_a_bad_crop_period_or_a_missing_fairness_file_before_it_listens(string option, string value, string named)
    {
        string data = Path.Combine(Path.GetTempPath(), $"fa-serve-{Guid.NewGuid():N}");
        try
        {
            var (code, _, err) = await CliRun.Async("serve", "--data", data, "--urls", "http://127.0.0.1:0", option, value);
            Assert.Equal(CliApp.BadInput, code);
            Assert.Contains(named, err, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1.5")]
    [InlineData("-1e-3")]
    public async Task Impossible_false_match_rate_is_bad_input(string fmr)
    {
        string a = TestPaths.Lfw("Aaron_Peirsol", 1);
        var (code, _, err) = await CliRun.Async("verify", a, a, "--fmr", fmr, "--json");
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("--fmr", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_prints_the_documented_json_and_matches_the_same_person()
    {
        var (code, stdout, err) = await CliRun.Async("verify", TestPaths.Lfw("Aaron_Peirsol", 1), TestPaths.Lfw("Aaron_Peirsol", 2), "--json");
        Assert.True(code == CliApp.Ok, err);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        foreach (string name in new[] { "similarity", "threshold", "fmrTarget", "match", "model" })
        {
            Assert.True(root.TryGetProperty(name, out _), name);
        }

        Assert.True(root.GetProperty("match").GetBoolean());
        Assert.Equal(1e-4, root.GetProperty("fmrTarget").GetDouble());
    }

    [Fact]
    public async Task Overall_calibration_is_selectable_and_never_stricter_than_worst_group()
    {
        string a = TestPaths.Lfw("Aaron_Peirsol", 1), b = TestPaths.Lfw("Aaron_Peirsol", 2);
        var worst = await CliRun.Async("verify", a, b, "--fmr", "1e-3", "--json");
        var overall = await CliRun.Async("verify", a, b, "--fmr", "1e-3", "--calibration", "overall", "--json");
        Assert.Equal(CliApp.Ok, overall.Code);
        double tw = JsonDocument.Parse(worst.Out).RootElement.GetProperty("threshold").GetDouble();
        double to = JsonDocument.Parse(overall.Out).RootElement.GetProperty("threshold").GetDouble();
        Assert.True(to <= tw, $"overall {to} vs worst-group {tw}");
        var bogus = await CliRun.Async("verify", a, b, "--calibration", "loose");
        Assert.Equal(CliApp.BadInput, bogus.Code);
        Assert.Contains("worst-group or overall", bogus.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uncalibrated_false_match_rate_is_refused_with_the_rates_available()
    {
        var (code, _, err) = await CliRun.Async("verify", TestPaths.Lfw("Aaron_Peirsol", 1), TestPaths.Lfw("Aaron_Peirsol", 2), "--fmr", "1e-5", "--json");
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("1e-5", err.Replace("1E-05", "1e-5", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Verify_rejects_different_people()
    {
        var (code, stdout, err) = await CliRun.Async("verify", TestPaths.Lfw("Aaron_Peirsol", 1), TestPaths.Lfw("Serena_Williams", 1), "--json");
        Assert.True(code == CliApp.Ok, err);
        using var doc = JsonDocument.Parse(stdout);
        Assert.False(doc.RootElement.GetProperty("match").GetBoolean());
    }

    [Fact]
    public async Task Malformed_pairs_file_is_bad_input()
    {
        string pairs = Path.GetTempFileName();
        await File.WriteAllTextAsync(pairs, "3\nonly one line\n");
        try
        {
            var (code, _, err) = await CliRun.Async("eval", "lfw", "--images", TestPaths.LfwImages, "--pairs", pairs, "--json");
            Assert.Equal(CliApp.BadInput, code);
            Assert.Contains("line", err, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(pairs);
        }
    }

    [Fact]
    public async Task Detect_json_has_faces_with_boxes_landmarks_and_quality()
    {
        var (code, stdout, err) = await CliRun.Async("detect", TestPaths.Lfw("Aaron_Peirsol", 1), "--json");
        Assert.True(code == CliApp.Ok, err);
        using var doc = JsonDocument.Parse(stdout);
        var image = Assert.Single(doc.RootElement.EnumerateArray().ToList());
        Assert.Equal(250, image.GetProperty("width").GetInt32());
        var face = image.GetProperty("faces")[0];
        Assert.InRange(face.GetProperty("box").GetProperty("x").GetDouble(), 40, 125);
        Assert.Equal(2, face.GetProperty("landmarks").GetProperty("leftEye").GetArrayLength());
        Assert.True(face.TryGetProperty("quality", out _));
    }

    [Fact]
    public async Task Models_list_shows_the_installed_pack()
    {
        var (code, stdout, _) = await CliRun.Async("models", "list", "--json");
        Assert.Equal(CliApp.Ok, code);
        Assert.Contains("faceaccord-default", stdout, StringComparison.Ordinal);
    }
}
