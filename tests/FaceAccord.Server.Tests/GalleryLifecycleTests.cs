using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAccord.TestSupport;

namespace FaceAccord.Server.Tests;

/// <summary>Galleries, subjects and faces through the API, and what deleting really does.</summary>
[Collection(ServerCollection.Name)]
public sealed class GalleryLifecycleTests(ServerFixture server)
{
    [Fact]
    public async Task Deleting_a_subject_removes_it_from_search_at_once()
    {
        using var client = server.Client(server.KeyA);
        var gallery = await Api.CreateGalleryAsync(client, "lifecycle-" + Guid.NewGuid().ToString("N"));
        var subject = await Api.CreateSubjectAsync(client, gallery, "Colin_Powell");
        var enrolled = await Api.EnrollAsync(client, gallery, subject, await File.ReadAllBytesAsync(TestPaths.Lfw("Colin_Powell", 1)));
        Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);
        var face = await enrolled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(face.GetProperty("quality").GetProperty("enrollment").GetProperty("passed").GetBoolean());

        byte[] probe = await File.ReadAllBytesAsync(TestPaths.Lfw("Colin_Powell", 2));
        var found = await Api.IdentifyAsync(client, gallery, probe, "fpir=1");
        Assert.Equal("Colin_Powell", found.GetProperty("candidates")[0].GetProperty("externalId").GetString());

        var view = await client.GetFromJsonAsync<JsonElement>($"/v1/galleries/{gallery}/subjects/{subject}");
        Assert.Equal(1, view.GetProperty("faces").GetArrayLength());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/galleries/{gallery}/subjects/{subject}")).StatusCode);
        var after = await Api.IdentifyAsync(client, gallery, probe, "fpir=1");
        Assert.Equal(0, after.GetProperty("candidates").GetArrayLength());
        Assert.Empty(server.Store.ReadGalleryFaces(gallery));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/galleries/{gallery}/subjects/{subject}")).StatusCode);
    }

    [Fact]
    public async Task Deleting_a_face_and_a_gallery()
    {
        using var client = server.Client(server.KeyA);
        var gallery = await Api.CreateGalleryAsync(client, "faces-" + Guid.NewGuid().ToString("N"));
        var subject = await Api.CreateSubjectAsync(client, gallery, "George_W_Bush");
        var r1 = await Api.EnrollAsync(client, gallery, subject, await File.ReadAllBytesAsync(TestPaths.Lfw("George_W_Bush", 1)));
        var r2 = await Api.EnrollAsync(client, gallery, subject, await File.ReadAllBytesAsync(TestPaths.Lfw("George_W_Bush", 2)));
        var f1 = (await r1.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("faceId").GetGuid();
        Assert.Equal(HttpStatusCode.Created, r2.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/galleries/{gallery}/subjects/{subject}/faces/{f1}")).StatusCode);
        var g = await client.GetFromJsonAsync<JsonElement>($"/v1/galleries/{gallery}");
        Assert.Equal(1, g.GetProperty("faces").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/galleries/{gallery}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/galleries/{gallery}")).StatusCode);
        Assert.Empty(server.Store.ReadGalleryFaces(gallery));
    }

    [Fact]
    public async Task A_second_subject_with_the_same_external_id_conflicts()
    {
        using var client = server.Client(server.KeyA);
        var gallery = await Api.CreateGalleryAsync(client, "dupe-" + Guid.NewGuid().ToString("N"));
        await Api.CreateSubjectAsync(client, gallery, "same");
        var again = await client.PostAsJsonAsync($"/v1/galleries/{gallery}/subjects", new { externalId = "same" });
        await Api.AssertProblemAsync(again, HttpStatusCode.Conflict, "subject-exists");
    }

    [Fact]
    public async Task A_face_too_small_to_enrol_is_refused_naming_the_check()
    {
        using var client = server.Client(server.KeyA);
        var gallery = await Api.CreateGalleryAsync(client, "quality-" + Guid.NewGuid().ToString("N"));
        var subject = await Api.CreateSubjectAsync(client, gallery, "small");
        byte[] tiny = TinyCopy(TestPaths.Lfw("Colin_Powell", 1), 72);
        var response = await Api.EnrollAsync(client, gallery, subject, tiny);
        var problem = await Api.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "quality-refused");
        Assert.Contains("face-too-small", problem.GetProperty("failedChecks").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(server.Store.ReadGalleryFaces(gallery));
    }

    [Fact]
    public async Task Detect_and_verify_answer_like_the_cli()
    {
        using var client = server.Client(server.KeyA);
        byte[] a = await File.ReadAllBytesAsync(TestPaths.Lfw("Colin_Powell", 1));
        var raw = new ByteArrayContent(a);
        raw.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        var detect = await (await client.PostAsync("/v1/detect", raw)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(detect.GetProperty("faces").GetArrayLength() >= 1);
        var verify = await (await client.PostAsync("/v1/verify?fmr=1e-3", Api.Form(("imageA", a), ("imageB", await File.ReadAllBytesAsync(TestPaths.Lfw("Colin_Powell", 3))))))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1e-3, verify.GetProperty("fmrTarget").GetDouble());
        // The score is in the calibration's units (a normalised score for pack 2, not a cosine): finite, and decided against its threshold.
        Assert.True(double.IsFinite(verify.GetProperty("similarity").GetDouble()));
        Assert.Equal(verify.GetProperty("similarity").GetDouble() >= verify.GetProperty("threshold").GetDouble(), verify.GetProperty("match").GetBoolean());
    }

    [Fact]
    public async Task OpenApi_health_and_readiness_are_served()
    {
        using var anonymous = server.Client(null, null);
        var doc = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(doc.GetProperty("paths").TryGetProperty("/v1/galleries/{galleryId}/identify", out _));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/scalar")).StatusCode);
        Assert.Equal("ready", (await anonymous.GetFromJsonAsync<JsonElement>("/readyz")).GetProperty("status").GetString());
    }

    private static byte[] TinyCopy(string path, int size)
    {
        using var bitmap = SkiaSharp.SKBitmap.Decode(path);
        using var small = bitmap.Resize(new SkiaSharp.SKImageInfo(size, size), new SkiaSharp.SKSamplingOptions(SkiaSharp.SKFilterMode.Linear));
        using var image = SkiaSharp.SKImage.FromBitmap(small);
        return image.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90).ToArray();
    }
}
