using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using FaceAccord.TestSupport;

namespace FaceAccord.Server.Tests;

/// <summary>Each kind of bad request gets its own 4xx problem+json; the server stays up and the store is unchanged.</summary>
[Collection(ServerCollection.Name)]
public sealed class BadInputTests(ServerFixture server)
{
    private static byte[] Face(int n = 1) => File.ReadAllBytes(TestPaths.Lfw("Aaron_Peirsol", n));

    private async Task<(Guid Gallery, Guid Subject)> SeedAsync(HttpClient client)
    {
        var gallery = await Api.CreateGalleryAsync(client, "bad-input-" + Guid.NewGuid().ToString("N"));
        var subject = await Api.CreateSubjectAsync(client, gallery, "aaron");
        Assert.Equal(HttpStatusCode.Created, (await Api.EnrollAsync(client, gallery, subject, Face())).StatusCode);
        return (gallery, subject);
    }

    private (int Subjects, int Faces) Counts(Guid gallery) =>
        (server.Store.CountSubjects(gallery), server.Store.ReadGalleryFaces(gallery).Count());

    private async Task AssertUnchangedAndAliveAsync(Guid gallery, (int, int) before)
    {
        Assert.Equal(before, Counts(gallery));
        using var anonymous = server.Client(null, null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Corrupt_image_is_refused()
    {
        using var client = server.Client(server.KeyA);
        var (gallery, subject) = await SeedAsync(client);
        var before = Counts(gallery);
        byte[] corrupt = Face()[..2000];
        await Api.AssertProblemAsync(await Api.EnrollAsync(client, gallery, subject, corrupt), HttpStatusCode.BadRequest, "image-unreadable");
        await Api.AssertProblemAsync(await Api.EnrollAsync(client, gallery, subject, Encoding.UTF8.GetBytes("not an image at all")), HttpStatusCode.BadRequest, "image-unreadable");
        await AssertUnchangedAndAliveAsync(gallery, before);
    }

    [Fact]
    public async Task A_50_MB_body_is_refused_before_it_is_read()
    {
        using var client = server.Client(server.KeyA);
        // A well-behaved client asks before uploading, so it reads the refusal instead of a reset connection.
        client.DefaultRequestHeaders.ExpectContinue = true;
        var (gallery, subject) = await SeedAsync(client);
        var before = Counts(gallery);
        var big = new ByteArrayContent(new byte[50 * 1024 * 1024]);
        big.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var response = await client.PostAsync($"/v1/galleries/{gallery}/subjects/{subject}/faces", big);
        await Api.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "request-too-large");
        await AssertUnchangedAndAliveAsync(gallery, before);
    }

    [Fact]
    public async Task Wrong_content_type_is_refused()
    {
        using var client = server.Client(server.KeyA);
        var (gallery, subject) = await SeedAsync(client);
        var before = Counts(gallery);
        var text = new StringContent("hello", Encoding.UTF8, "text/plain");
        await Api.AssertProblemAsync(await client.PostAsync($"/v1/galleries/{gallery}/subjects/{subject}/faces", text), HttpStatusCode.BadRequest, "unsupported-media-type");
        var notJson = new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded");
        await Api.AssertProblemAsync(await client.PostAsync($"/v1/galleries/{gallery}/subjects", notJson), HttpStatusCode.BadRequest, "unsupported-media-type");
        await AssertUnchangedAndAliveAsync(gallery, before);
    }

    [Fact]
    public async Task Malformed_json_is_refused()
    {
        using var client = server.Client(server.KeyA);
        var (gallery, _) = await SeedAsync(client);
        var before = Counts(gallery);
        var broken = new StringContent("{\"externalId\": \"x\", ", Encoding.UTF8, "application/json");
        await Api.AssertProblemAsync(await client.PostAsync($"/v1/galleries/{gallery}/subjects", broken), HttpStatusCode.BadRequest, "malformed-json");
        var wrongType = new StringContent("{\"externalId\": 42}", Encoding.UTF8, "application/json");
        await Api.AssertProblemAsync(await client.PostAsync($"/v1/galleries/{gallery}/subjects", wrongType), HttpStatusCode.BadRequest, "malformed-json");
        var empty = new StringContent("{}", Encoding.UTF8, "application/json");
        await Api.AssertProblemAsync(await client.PostAsync($"/v1/galleries/{gallery}/subjects", empty), HttpStatusCode.BadRequest, "external-id-invalid");
        await AssertUnchangedAndAliveAsync(gallery, before);
    }

    [Fact]
    public async Task Unknown_gallery_subject_and_route_are_404()
    {
        using var client = server.Client(server.KeyA);
        var (gallery, _) = await SeedAsync(client);
        var before = Counts(gallery);
        await Api.AssertProblemAsync(await client.GetAsync($"/v1/galleries/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "gallery-not-found");
        await Api.AssertProblemAsync(await client.GetAsync("/v1/galleries/not-an-id"), HttpStatusCode.NotFound, "gallery-not-found");
        await Api.AssertProblemAsync(await client.GetAsync($"/v1/galleries/{gallery}/subjects/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "subject-not-found");
        await Api.AssertProblemAsync(await client.PostAsync($"/v1/galleries/{Guid.NewGuid()}/identify", Api.Form(("image", Face(2)))), HttpStatusCode.NotFound, "gallery-not-found");
        await Api.AssertProblemAsync(await client.GetAsync("/v1/nothing-here"), HttpStatusCode.NotFound, "not-found");
        await AssertUnchangedAndAliveAsync(gallery, before);
    }

    [Fact]
    public async Task Another_tenants_ids_are_404()
    {
        using var a = server.Client(server.KeyA);
        using var b = server.Client(server.KeyB);
        var (gallery, subject) = await SeedAsync(a);
        var before = Counts(gallery);
        await Api.AssertProblemAsync(await b.GetAsync($"/v1/galleries/{gallery}"), HttpStatusCode.NotFound, "gallery-not-found");
        await Api.AssertProblemAsync(await b.DeleteAsync($"/v1/galleries/{gallery}"), HttpStatusCode.NotFound, "gallery-not-found");
        await Api.AssertProblemAsync(await b.DeleteAsync($"/v1/galleries/{gallery}/subjects/{subject}"), HttpStatusCode.NotFound, "gallery-not-found");
        await Api.AssertProblemAsync(await b.PostAsync($"/v1/galleries/{gallery}/identify", Api.Form(("image", Face(2)))), HttpStatusCode.NotFound, "gallery-not-found");
        await Api.AssertProblemAsync(await Api.EnrollAsync(b, gallery, subject, Face(2)), HttpStatusCode.NotFound, "gallery-not-found");
        Assert.DoesNotContain(await b.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/v1/galleries") ?? [], g => g.GetProperty("id").GetGuid() == gallery);
        await AssertUnchangedAndAliveAsync(gallery, before);
    }

    [Fact]
    public async Task Missing_or_wrong_key_and_missing_purpose_are_refused()
    {
        using var a = server.Client(server.KeyA);
        var (gallery, subject) = await SeedAsync(a);
        var before = Counts(gallery);
        using var none = server.Client(null);
        var r = await none.PostAsync($"/v1/galleries/{gallery}/subjects/{subject}/faces", Api.Form(("image", Face(2))));
        await Api.AssertProblemAsync(r, HttpStatusCode.Unauthorized, "api-key-missing");
        Assert.Contains(r.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        using var wrong = server.Client(server.KeyA[..^4] + "AAAA");
        await Api.AssertProblemAsync(await wrong.GetAsync($"/v1/galleries/{gallery}"), HttpStatusCode.Unauthorized, "api-key-invalid");
        using var garbage = server.Client("not-a-key");
        await Api.AssertProblemAsync(await garbage.GetAsync($"/v1/galleries/{gallery}"), HttpStatusCode.Unauthorized, "api-key-invalid");
        using var noPurpose = server.Client(server.KeyA, purpose: null);
        await Api.AssertProblemAsync(await noPurpose.GetAsync($"/v1/galleries/{gallery}"), HttpStatusCode.BadRequest, "purpose-missing");
        await AssertUnchangedAndAliveAsync(gallery, before);
    }

    [Fact]
    public async Task Bad_query_values_are_refused()
    {
        using var client = server.Client(server.KeyA);
        var (gallery, _) = await SeedAsync(client);
        await Api.AssertProblemAsync(await client.PostAsync($"/v1/galleries/{gallery}/identify?fpir=abc", Api.Form(("image", Face(2)))), HttpStatusCode.BadRequest, "fpir-invalid");
        await Api.AssertProblemAsync(await client.PostAsync($"/v1/galleries/{gallery}/identify?fpir=0", Api.Form(("image", Face(2)))), HttpStatusCode.BadRequest, "fpir-invalid");
        await Api.AssertProblemAsync(await client.PostAsync($"/v1/galleries/{gallery}/identify?top=0", Api.Form(("image", Face(2)))), HttpStatusCode.BadRequest, "top-invalid");
        await Api.AssertProblemAsync(await client.PostAsync("/v1/verify?fmr=0.5e-9", Api.Form(("imageA", Face(1)), ("imageB", Face(2)))), HttpStatusCode.UnprocessableEntity, "fmr-not-calibrated");
        await Api.AssertProblemAsync(await client.PostAsync("/v1/verify", Api.Form(("imageA", Face(1)))), HttpStatusCode.BadRequest, "image-missing");
    }
}
