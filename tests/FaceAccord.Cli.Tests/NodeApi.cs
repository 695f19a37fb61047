using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAccord.TestSupport;

namespace FaceAccord.Cli.Tests;

/// <summary>The API calls the multi-node tests make against a <see cref="ServeNode"/>, so the tests read as those calls.</summary>
internal static class NodeApi
{
    public static async Task<Guid> CreateGalleryAsync(HttpClient client, string name)
    {
        var response = await client.PostAsJsonAsync("/v1/galleries", new { name });
        return await IdAsync(response, HttpStatusCode.Created);
    }

    /// <summary>Records the person's consent for the client's declared purpose; its id.</summary>
    public static async Task<Guid> RecordConsentAsync(HttpClient client, string externalId)
    {
        var response = await client.PostAsJsonAsync("/v1/consents", new
        {
            subjectExternalId = externalId,
            purposes = client.DefaultRequestHeaders.GetValues("FaceAccord-Purpose").ToArray(),
            noticeVersion = "notice-1",
            noticeText = "We keep a template of your face to let you in; you may withdraw at any time.",
            signatureMethod = "electronic-signature",
            evidenceReference = "signature-" + externalId,
        });
        return await IdAsync(response, HttpStatusCode.Created);
    }

    /// <summary>A subject on the legal basis of the person's consent, recorded first.</summary>
    public static async Task<Guid> CreateSubjectAsync(HttpClient client, Guid gallery, string externalId)
    {
        var consent = await RecordConsentAsync(client, externalId);
        var response = await client.PostAsJsonAsync($"/v1/galleries/{gallery}/subjects", new { externalId, legalBasis = new { type = "consent", reference = consent.ToString() } });
        return await IdAsync(response, HttpStatusCode.Created);
    }

    /// <summary>Enrols the first of <paramref name="images"/> the quality rule accepts; its face id, or null if none passed.</summary>
    public static async Task<Guid?> EnrollFirstUsableAsync(HttpClient client, Guid gallery, Guid subject, IEnumerable<string> images)
    {
        foreach (string image in images)
        {
            var response = await EnrollAsync(client, gallery, subject, await File.ReadAllBytesAsync(image));
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
            {
                continue; // No usable face in this photo: the person's next one.
            }

            return await IdAsync(response, HttpStatusCode.Created, "faceId");
        }

        return null;
    }

    /// <summary>
    /// First photos of seeded LFW people that the quality rule accepts, found by enrolling them to a "probe" subject of
    /// <paramref name="gallery"/>, so load tests send no photo that would be refused (a refusal is no write at all).
    /// </summary>
    public static async Task<List<byte[]>> UsablePhotosAsync(HttpClient client, Guid gallery, int seed)
    {
        var photos = new List<byte[]>();
        var probe = await CreateSubjectAsync(client, gallery, "probe");
        foreach (var (_, images) in LfwPeople.Sample(6, n => n >= 2, seed))
        {
            byte[] photo = await File.ReadAllBytesAsync(images[0]);
            if ((await EnrollAsync(client, gallery, probe, photo)).IsSuccessStatusCode)
            {
                photos.Add(photo);
            }
        }

        Assert.True(photos.Count >= 3, $"only {photos.Count} usable photos");
        return photos;
    }

    public static Task<HttpResponseMessage> EnrollAsync(HttpClient client, Guid gallery, Guid subject, byte[] image) =>
        client.PostAsync($"/v1/galleries/{gallery}/subjects/{subject}/faces", Image(image));

    /// <summary>Closed-set identification (fpir=1: ranked, no threshold); the candidates' subject ids, best first.</summary>
    public static async Task<IReadOnlyList<Guid>> IdentifyAsync(HttpClient client, Guid gallery, byte[] image, int top)
    {
        var response = await client.PostAsync($"/v1/galleries/{gallery}/identify?top={top}&fpir=1", Image(image));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"identify answered {response.StatusCode}: {body}");
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("subjectId").GetGuid())];
    }

    /// <summary>A person's deletion request; the number of subjects it deleted.</summary>
    public static async Task<int> EraseAsync(HttpClient client, string externalId)
    {
        var response = await client.PostAsJsonAsync("/v1/deletion-requests", new { subjectExternalId = externalId });
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"deletion request answered {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("subjectsDeleted").GetArrayLength();
    }

    private static MultipartFormDataContent Image(byte[] bytes)
    {
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return new MultipartFormDataContent { { part, "image", "image.jpg" } };
    }

    private static async Task<Guid> IdAsync(HttpResponseMessage response, HttpStatusCode expected, string property = "id")
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.RequestUri} answered {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty(property).GetGuid();
    }
}
