using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace FaceAccord.Server.Tests;

/// <summary>Small request helpers so tests read as the API calls they make.</summary>
public static class Api
{
    public static MultipartFormDataContent Form(params (string Field, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (field, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(part, field, field + ".jpg");
        }

        return form;
    }

    public static async Task<Guid> CreateGalleryAsync(HttpClient client, string name)
    {
        var response = await client.PostAsJsonAsync("/v1/galleries", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Records the person's consent for the client's declared purpose (or those given) and returns its id.</summary>
    public static async Task<Guid> RecordConsentAsync(HttpClient client, string externalId, params string[] purposes)
    {
        if (purposes.Length == 0)
        {
            purposes = client.DefaultRequestHeaders.TryGetValues("FaceAccord-Purpose", out var declared) ? [.. declared] : ["identity-verification"];
        }

        var response = await client.PostAsJsonAsync("/v1/consents", new
        {
            subjectExternalId = externalId,
            purposes,
            noticeVersion = "test-notice-1",
            noticeText = "We keep a template of your face to let you in; you may withdraw at any time.",
            signatureMethod = "electronic-signature",
            evidenceReference = "test-signature-" + externalId,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Creates a subject on the legal basis consent, recording the person's consent first.</summary>
    public static async Task<Guid> CreateSubjectAsync(HttpClient client, Guid gallery, string externalId)
    {
        var consent = await RecordConsentAsync(client, externalId);
        var response = await client.PostAsJsonAsync($"/v1/galleries/{gallery}/subjects", new { externalId, legalBasis = new { type = "consent", reference = consent.ToString() } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> EnrollAsync(HttpClient client, Guid gallery, Guid subject, byte[] image) =>
        client.PostAsync($"/v1/galleries/{gallery}/subjects/{subject}/faces", Form(("image", image)));

    public static async Task<JsonElement> IdentifyAsync(HttpClient client, Guid gallery, byte[] image, string query)
    {
        var response = await client.PostAsync($"/v1/galleries/{gallery}/identify?{query}", Form(("image", image)));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Asserts a problem+json answer with this status and stable type, and returns it.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("urn:faceaccord:problem:" + code, problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }
}
