using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FaceAccord.Packs.Development;
using FaceAccord.TestSupport;

namespace FaceAccord.Server.Tests;

/// <summary>The independent-testing API: a 1,000-pair batch scored exactly as verify scores it, for testers only.</summary>
[Collection(ServerCollection.Name)]
public sealed class IndependentTestingTests(ServerFixture server)
{
    private static MultipartFormDataContent Batch(List<(string A, string B)> pairs)
    {
        var form = new MultipartFormDataContent();
        for (int i = 0; i < pairs.Count; i++)
        {
            foreach (var (field, path) in new[] { ($"a{i}", pairs[i].A), ($"b{i}", pairs[i].B) })
            {
                var part = new ByteArrayContent(File.ReadAllBytes(path));
                part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                form.Add(part, field, Path.GetFileName(path));
            }
        }

        return form;
    }

    [Fact]
    public async Task A_1000_pair_batch_gets_the_scores_verify_gives()
    {
        var devTrain = LfwPairsFile.Parse(TestPaths.LfwDevTrain, TestPaths.LfwImages);
        var chosen = devTrain.Pairs.Where(p => p.IsSame).Take(500).Concat(devTrain.Pairs.Where(p => !p.IsSame).Take(500))
            .Select(p => (p.ImagePathA, p.ImagePathB)).ToList();
        Assert.Equal(1000, chosen.Count);
        using var tester = server.Client(server.KeyTester, "research-evaluation");
        // 2,000 images on 2 cores take about a minute; a busy machine may need several.
        tester.Timeout = TimeSpan.FromMinutes(10);
        int requestsBefore = Evaluations();

        var response = await tester.PostAsync("/v1/testing/comparisons", Batch(chosen));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var result = JsonDocument.Parse(body).RootElement;
        var pairs = result.GetProperty("pairs");
        Assert.Equal(1000, pairs.GetArrayLength());
        Assert.NotEmpty(result.GetProperty("thresholds").EnumerateArray());

        // Every 50th pair is re-scored through the verify path: the numbers must be identical.
        for (int i = 0; i < chosen.Count; i += 50)
        {
            var verify = server.Identification.Verify(server.ContextA, File.ReadAllBytes(chosen[i].Item1), File.ReadAllBytes(chosen[i].Item2), 1e-3);
            Assert.Equal(verify.Similarity, pairs[i].GetProperty("similarity").GetDouble());
        }

        double genuine = Enumerable.Range(0, 500).Average(i => pairs[i].GetProperty("similarity").GetDouble());
        double impostor = Enumerable.Range(500, 500).Average(i => pairs[i].GetProperty("similarity").GetDouble());
        Assert.True(genuine > impostor + 0.1, $"genuine mean {genuine:0.000}, impostor mean {impostor:0.000}");
        Assert.Equal(requestsBefore + 1, Evaluations());
    }

    [Fact]
    public async Task Other_tenants_are_refused_before_uploading()
    {
        using var commercial = server.Client(server.KeyA);
        var response = await commercial.PostAsync("/v1/testing/comparisons",
            Batch([(TestPaths.Lfw("Colin_Powell", 1), TestPaths.Lfw("Colin_Powell", 2))]));
        await Api.AssertProblemAsync(response, HttpStatusCode.Forbidden, "testing-only");
    }

    [Fact]
    public async Task A_pair_without_a_face_gets_its_own_error()
    {
        using var tester = server.Client(server.KeyTester, "research-evaluation");
        string noFace = Path.Combine(Path.GetTempPath(), "fa-noface-" + Guid.NewGuid().ToString("N") + ".png");
        using (var bitmap = new SkiaSharp.SKBitmap(120, 120))
        {
            bitmap.Erase(SkiaSharp.SKColors.Gray);
            using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
            await File.WriteAllBytesAsync(noFace, image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100).ToArray());
        }

        try
        {
            var response = await tester.PostAsync("/v1/testing/comparisons",
                Batch([(TestPaths.Lfw("Colin_Powell", 1), TestPaths.Lfw("Colin_Powell", 2)), (noFace, TestPaths.Lfw("Colin_Powell", 2))]));
            var pairs = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("pairs");
            Assert.Equal(JsonValueKind.Number, pairs[0].GetProperty("similarity").ValueKind);
            Assert.Equal("no-face", pairs[1].GetProperty("code").GetString());
        }
        finally
        {
            File.Delete(noFace);
        }
    }

    [Fact]
    public async Task A_pair_missing_its_second_image_or_an_empty_batch_is_refused()
    {
        using var tester = server.Client(server.KeyTester, "research-evaluation");
        var half = new MultipartFormDataContent();
        var part = new ByteArrayContent(File.ReadAllBytes(TestPaths.Lfw("Colin_Powell", 1)));
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        half.Add(part, "a0", "a0.jpg");
        await Api.AssertProblemAsync(await tester.PostAsync("/v1/testing/comparisons", half), HttpStatusCode.BadRequest, "pairs-invalid");
        await Api.AssertProblemAsync(await tester.PostAsync("/v1/testing/comparisons", new MultipartFormDataContent { { new StringContent("x"), "note" } }), HttpStatusCode.BadRequest, "pairs-invalid");
        var json = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        await Api.AssertProblemAsync(await tester.PostAsync("/v1/testing/comparisons", json), HttpStatusCode.BadRequest, "unsupported-media-type");
    }

    private int Evaluations() =>
        server.Audit.Export(new Storage.AuditQuery(server.TenantTester)).Count(e => e.Record.Operation == "evaluate" && e.Record.Status == 200);
}
