using System.Text;
using System.Text.Json;
using FaceAccord.TestSupport;

namespace FaceAccord.Cli.Tests;

public sealed class BatchCommandTests
{
    public BatchCommandTests() => _ = TestPack.Installed;

    [Fact]
    public async Task Embed_reads_folders_recursively_through_symlinks_and_reports_bad_files_on_their_own_line()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fa-embed-" + Guid.NewGuid().ToString("N"));
        string linked = Path.Combine(Path.GetTempPath(), "fa-embed-linked-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "nested"));
        Directory.CreateDirectory(linked);
        try
        {
            File.Copy(TestPaths.Lfw("Aaron_Peirsol", 1), Path.Combine(dir, "nested", "a.jpg"));
            File.Copy(TestPaths.Lfw("Serena_Williams", 1), Path.Combine(linked, "b.jpg"));
            Directory.CreateSymbolicLink(Path.Combine(dir, "link"), linked);
            await File.WriteAllTextAsync(Path.Combine(dir, "broken.jpg"), "not an image");
            string output = Path.Combine(dir, "out.jsonl");

            var (code, _, err) = await CliRun.Async("embed", dir, "--out", output);

            Assert.True(code == CliApp.Ok, err);
            var lines = (await File.ReadAllLinesAsync(output)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(3, lines.Count);
            var broken = lines.Single(l => l.GetProperty("image").GetString()!.EndsWith("broken.jpg", StringComparison.Ordinal));
            Assert.Equal(JsonValueKind.Null, broken.GetProperty("template").ValueKind);
            Assert.False(string.IsNullOrEmpty(broken.GetProperty("error").GetString()));
            var faces = lines.Where(l => l.GetProperty("template").ValueKind == JsonValueKind.Array).ToList();
            Assert.Equal(2, faces.Count);
            Assert.Contains(faces, l => l.GetProperty("image").GetString()!.Contains("link", StringComparison.Ordinal));
            Assert.All(faces, l => Assert.Equal(1, l.GetProperty("faces").GetInt32()));
        }
        finally
        {
            Directory.Delete(dir, true);
            Directory.Delete(linked, true);
        }
    }

    [Fact]
    public async Task Eval_lfw_runs_the_ten_fold_View_2_layout_and_prints_the_documented_fields()
    {
        // A small View 2 file: 10 folds of 3 matched + 3 mismatched pairs taken from DevTest.
        var lines = File.ReadAllLines(TestPaths.LfwDevTest).Skip(1).ToList();
        var matched = lines.Take(500).ToList();
        var mismatched = lines.Skip(500).ToList();
        var sb = new StringBuilder("10\t3\n");
        for (int fold = 0; fold < 10; fold++)
        {
            foreach (string l in matched.Skip(fold * 3).Take(3))
            {
                sb.Append(l).Append('\n');
            }

            foreach (string l in mismatched.Skip(fold * 3).Take(3))
            {
                sb.Append(l).Append('\n');
            }
        }

        string pairs = Path.GetTempFileName();
        string chart = Path.ChangeExtension(pairs, ".png");
        await File.WriteAllTextAsync(pairs, sb.ToString());
        try
        {
            var (code, stdout, err) = await CliRun.Async("eval", "lfw", "--images", TestPaths.LfwImages, "--pairs", pairs, "--chart", chart, "--json");
            Assert.True(new FileInfo(chart).Length > 1000, "a PNG chart is written");
            Assert.True(code == CliApp.Ok, err);
            var root = JsonDocument.Parse(stdout).RootElement;
            Assert.Equal(60, root.GetProperty("pairs").GetInt32());
            Assert.Equal(10, root.GetProperty("folds").GetInt32());
            Assert.InRange(root.GetProperty("accuracy").GetDouble(), 0.9, 1.0);
            Assert.Equal(JsonValueKind.Number, root.GetProperty("accuracyStd").ValueKind);
            Assert.True(root.TryGetProperty("tarAtFar1e3", out _));
            Assert.True(root.TryGetProperty("eer", out _));
            Assert.Equal(0, root.GetProperty("imagesWithoutFace").GetInt32());
        }
        finally
        {
            File.Delete(pairs);
            File.Delete(chart);
        }
    }
}
