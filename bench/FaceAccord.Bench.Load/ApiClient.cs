using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAccord.Core;

namespace FaceAccord.Bench.Load;

/// <summary>
/// The few FaceAccord API calls the load test makes, over one shared <see cref="HttpClient"/>. Set-up calls
/// check their answer and throw; the timed calls hand back the raw response so the runner measures and judges it.
/// </summary>
public sealed class ApiClient(HttpClient http)
{
    private const string Purpose = "identity-verification";
    private static readonly MediaTypeHeaderValue Jpeg = new("image/jpeg");

    /// <summary>One pooled connection per client, the tenant's key and purpose on every request, the run's timeout.</summary>
    public static HttpClient CreateHttpClient(Uri url, string apiKey, int clients, int timeoutSeconds)
    {
        ArgumentNullException.ThrowIfNull(url);
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients + LoadSettings.SetupConcurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        var client = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = url,
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        client.DefaultRequestHeaders.Add("FaceAccord-Purpose", Purpose);
        return client;
    }

    public async Task<Guid> CreateGalleryAsync(string name, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("v1/galleries", new { name }, ct).ConfigureAwait(false);
        return await CreatedIdAsync(response, "create gallery", ct).ConfigureAwait(false);
    }

    public async Task<Guid> CreateSubjectAsync(Guid gallery, string externalId, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync($"v1/galleries/{gallery}/subjects", new { externalId }, ct).ConfigureAwait(false);
        return await CreatedIdAsync(response, "create subject", ct).ConfigureAwait(false);
    }

    public async Task DeleteSubjectAsync(Guid gallery, Guid subject, CancellationToken ct)
    {
        using var response = await http.DeleteAsync($"v1/galleries/{gallery}/subjects/{subject}", ct).ConfigureAwait(false);
        await EnsureAsync(response, HttpStatusCode.NoContent, "delete subject", ct).ConfigureAwait(false);
    }

    /// <summary>Enrols a face: true when stored, false when the face fails the enrolment quality rule (422).</summary>
    public async Task<bool> TryEnrollAsync(Guid gallery, Guid subject, byte[] image, CancellationToken ct)
    {
        using var form = Form(("image", image));
        using var response = await http.PostAsync($"v1/galleries/{gallery}/subjects/{subject}/faces", form, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
        {
            return false;
        }

        await EnsureAsync(response, HttpStatusCode.Created, "enrol face", ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>How many faces the server finds in an image: a probe with none would be answered 422, which is no test of load.</summary>
    public async Task<int> CountFacesAsync(byte[] image, CancellationToken ct)
    {
        using var form = Form(("image", image));
        using var response = await http.PostAsync("v1/detect", form, ct).ConfigureAwait(false);
        await EnsureAsync(response, HttpStatusCode.OK, "detect", ct).ConfigureAwait(false);
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), cancellationToken: ct).ConfigureAwait(false);
        return json.RootElement.GetProperty("faces").GetArrayLength();
    }

    public async Task<HttpResponseMessage> VerifyAsync(byte[] imageA, byte[] imageB, CancellationToken ct)
    {
        using var form = Form(("imageA", imageA), ("imageB", imageB));
        return await http.PostAsync("v1/verify?fmr=1e-3", form, ct).ConfigureAwait(false);
    }

    public async Task<HttpResponseMessage> IdentifyAsync(Guid gallery, byte[] image, CancellationToken ct)
    {
        using var form = Form(("image", image));
        return await http.PostAsync($"v1/galleries/{gallery}/identify?top=5&fpir=1e-2", form, ct).ConfigureAwait(false);
    }

    /// <summary>A consent for the client's purpose, recorded for <paramref name="externalId"/>; one that ends at <paramref name="expiresAt"/> when given.</summary>
    public Task<HttpResponseMessage> RecordConsentAsync(string externalId, DateTimeOffset? expiresAt, CancellationToken ct) =>
        http.PostAsJsonAsync("v1/consents", new
        {
            subjectExternalId = externalId,
            purposes = new[] { Purpose },
            noticeVersion = "soak-notice-1",
            noticeText = "We keep a template of your face to confirm who you are; you may withdraw at any time.",
            signatureMethod = "electronic-signature",
            evidenceReference = "soak-" + externalId,
            expiresAt,
        }, ct);

    /// <summary>A subject on the legal basis consent, naming the consent by id.</summary>
    public Task<HttpResponseMessage> CreateConsentedSubjectAsync(Guid gallery, string externalId, Guid consent, CancellationToken ct) =>
        http.PostAsJsonAsync($"v1/galleries/{gallery}/subjects", new { externalId, legalBasis = new { type = "consent", reference = consent.ToString() } }, ct);

    public async Task<HttpResponseMessage> EnrollAsync(Guid gallery, Guid subject, byte[] image, CancellationToken ct)
    {
        using var form = Form(("image", image));
        return await http.PostAsync($"v1/galleries/{gallery}/subjects/{subject}/faces", form, ct).ConfigureAwait(false);
    }

    /// <summary>A data-subject deletion request for the person in every gallery of the tenant.</summary>
    public Task<HttpResponseMessage> EraseAsync(string externalId, CancellationToken ct) =>
        http.PostAsJsonAsync("v1/deletion-requests", new { subjectExternalId = externalId }, ct);

    public Task<HttpResponseMessage> WithdrawConsentAsync(Guid consent, CancellationToken ct) =>
        http.PostAsJsonAsync($"v1/consents/{consent}/withdrawal", new { reason = "soak test" }, ct);

    /// <summary>The <c>id</c> of a 201 answer's JSON body, or null for any other answer.</summary>
    public static async Task<Guid?> IdOfCreatedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return null;
        }

        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), cancellationToken: ct).ConfigureAwait(false);
        return json.RootElement.GetProperty("id").GetGuid();
    }

    private static MultipartFormDataContent Form(params (string Field, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (field, bytes) in files)
        {
            // ByteArrayContent wraps the pre-loaded bytes without copying them.
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = Jpeg;
            form.Add(part, field, field + ".jpg");
        }

        return form;
    }

    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        await EnsureAsync(response, HttpStatusCode.Created, what, ct).ConfigureAwait(false);
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), cancellationToken: ct).ConfigureAwait(false);
        return json.RootElement.GetProperty("id").GetGuid();
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken ct)
    {
        if (response.StatusCode != expected)
        {
            string body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            throw FaceAccordException.Environment("load-setup-failed",
                $"{what}: the server answered {(int)response.StatusCode} instead of {(int)expected}: {body[..Math.Min(body.Length, 300)]}");
        }
    }
}
