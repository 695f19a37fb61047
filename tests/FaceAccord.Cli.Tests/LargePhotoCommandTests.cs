using System.Text.Json;
using FaceAccord.TestSupport;

namespace FaceAccord.Cli.Tests;

/// <summary><c>detect</c> and <c>embed</c> on a synthetic studio portrait and its 12 MP copy (made at run time from an LFW photo).</summary>
public sealed class LargePhotoCommandTests
{
    public LargePhotoCommandTests() => _ = TestPack.Installed;

    [Fact]
    public async Task Detect_and_embed_report_one_face_of_a_phone_photo_in_its_own_pixels()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fa-large-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            byte[] portrait = SyntheticPhotos.Portrait(TestPaths.Lfw("Serena_Williams", 1));
            string portraitPath = Path.Combine(dir, "portrait.jpg"), phonePath = Path.Combine(dir, "phone.jpg");
            await File.WriteAllBytesAsync(portraitPath, portrait);
            await File.WriteAllBytesAsync(phonePath, SyntheticPhotos.PhoneCopy(portrait, 4032, 3024));

            var (code, stdout, err) = await CliRun.Async("detect", phonePath, "--json");
            Assert.True(code == CliApp.Ok, err);
            var image = JsonDocument.Parse(stdout).RootElement[0];
            Assert.Equal((4032, 3024), (image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32()));
            var face = Assert.Single(image.GetProperty("faces").EnumerateArray().ToList());

            // The face fills a third of the portrait's height, which fills the copy's height: about 1000 px, not a working-scale 250.
            Assert.InRange(face.GetProperty("box").GetProperty("width").GetSingle(), 800, 1400);
            Assert.InRange(face.GetProperty("quality").GetProperty("interOcularDistance").GetDouble(), 250, 600);

            string output = Path.Combine(dir, "out.jsonl");
            (code, _, err) = await CliRun.Async("embed", portraitPath, phonePath, "--out", output);
            Assert.True(code == CliApp.Ok, err);
            var lines = (await File.ReadAllLinesAsync(output)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.All(lines, l => Assert.Equal(1, l.GetProperty("faces").GetInt32()));
            var a = lines[0].GetProperty("template").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            var b = lines[1].GetProperty("template").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            Assert.True(a.Zip(b, (x, y) => x * y).Sum() >= 0.95f);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
