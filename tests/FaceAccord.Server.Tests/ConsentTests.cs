using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FaceAccord.Governance.Audit;
using FaceAccord.Service;
using FaceAccord.Service.Tenants;
using FaceAccord.Storage;
using FaceAccord.Tests.Shared;
using FaceAccord.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAccord.Server.Tests;

/// <summary>
/// Consent and deletion end to end, for an Illinois business under BIPA: enrolment needs a recorded consent of that
/// person for that purpose; withdrawing it, or a deletion request, removes the person's templates and images at once
/// and leaves only a tombstone of ids in an audit log that still verifies; a consent given until a date limits how
/// long the subject is kept. These tests run their own server on their own store; the collection's server lends its
/// loaded model pack.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ConsentTests(ServerFixture server) : IAsyncLifetime
{
    private const string Purpose = "access-control";

    private readonly string _dir = Path.Combine(server.DataRoot, "consents-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private Uri _base = null!;

    private IServiceProvider Services => _app!.Services;

    private IFaceAccordStore Store => Services.GetRequiredService<IFaceAccordStore>();

    private AuditLog Audit => Services.GetRequiredService<AuditLog>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _app = server.Another(_dir);
        await _app.StartAsync();
        _base = new Uri(_app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private HttpClient Client(string? key, string? purpose = Purpose)
    {
        var client = new HttpClient { BaseAddress = _base, Timeout = TimeSpan.FromMinutes(2) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (purpose is not null)
        {
            client.DefaultRequestHeaders.Add("FaceAccord-Purpose", purpose);
        }

        return client;
    }

    private HttpClient Tenant(string country, string region, string city, out Guid tenantId)
    {
        var (tenant, key) = Services.GetRequiredService<TenantService>().Create($"{city} shop {Guid.NewGuid().ToString("N")[..6]}", "commercial", country, region, city);
        tenantId = tenant.Id;
        return Client(key);
    }

    private static byte[] Face(string person, int n) => File.ReadAllBytes(TestPaths.Lfw(person, n));

    private HttpClient ChicagoShop(out Guid tenantId) => Tenant("US", "US-IL", "Chicago", out tenantId);

    private static Task<HttpResponseMessage> CreateSubject(HttpClient client, Guid gallery, string externalId, string? type, string? reference) =>
        client.PostAsJsonAsync($"/v1/galleries/{gallery}/subjects", type is null
            ? new { externalId }
            : (object)new { externalId, legalBasis = new { type, reference } });

    private static async Task<Guid> Created(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private static List<string?> RuleIds(JsonElement problem) =>
        [.. problem.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString())];

    [Fact]
    public async Task Illinois_enrolment_needs_a_recorded_consent_of_that_person_for_that_purpose()
    {
        using var shop = ChicagoShop(out _);
        var gallery = await Api.CreateGalleryAsync(shop, "members");

        var none = await Api.AssertProblemAsync(await CreateSubject(shop, gallery, "ada", null, null), HttpStatusCode.Forbidden, "policy-denied");
        Assert.Contains("us-il-bipa-15b-written-release", RuleIds(none));

        var invented = await Api.AssertProblemAsync(await CreateSubject(shop, gallery, "ada", "consent", "form-2291"), HttpStatusCode.Forbidden, "condition-unmet");
        Assert.Contains("us-il-bipa-15b-consent-record", RuleIds(invented));
        Assert.Contains("names no consent record", invented.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Api.AssertProblemAsync(await CreateSubject(shop, gallery, "ada", "consent", Guid.NewGuid().ToString()), HttpStatusCode.Forbidden, "condition-unmet");

        var grace = await Api.RecordConsentAsync(shop, "grace");
        var otherPerson = await Api.AssertProblemAsync(await CreateSubject(shop, gallery, "ada", "consent", grace.ToString()), HttpStatusCode.Forbidden, "condition-unmet");
        Assert.Contains("not given by the person", otherPerson.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var marketing = await Api.RecordConsentAsync(shop, "ada", "marketing");
        var otherPurpose = await Api.AssertProblemAsync(await CreateSubject(shop, gallery, "ada", "consent", marketing.ToString()), HttpStatusCode.Forbidden, "condition-unmet");
        Assert.Contains("does not cover the purpose 'access-control'", otherPurpose.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Another tenant's consent of the same person is no consent here.
        using var elsewhere = ChicagoShop(out _);
        var foreign = await Api.RecordConsentAsync(elsewhere, "ada");
        await Api.AssertProblemAsync(await CreateSubject(shop, gallery, "ada", "consent", foreign.ToString()), HttpStatusCode.Forbidden, "condition-unmet");

        var consent = await Api.RecordConsentAsync(shop, "ada");
        var subject = await Created(await CreateSubject(shop, gallery, "ada", "consent", consent.ToString().ToUpperInvariant()));
        var stored = Store.FindSubject(gallery, subject)!;
        Assert.Equal(consent.ToString(), stored.LegalBasis!.Reference);
        Assert.Equal(HttpStatusCode.Created, (await Api.EnrollAsync(shop, gallery, subject, Face("Colin_Powell", 1))).StatusCode);
    }

    [Fact]
    public async Task A_consent_given_until_a_date_is_the_latest_the_subject_is_kept()
    {
        using var shop = ChicagoShop(out _);
        var gallery = await Api.CreateGalleryAsync(shop, "members");
        var until = DateTimeOffset.UtcNow.AddDays(30);
        var response = await shop.PostAsJsonAsync("/v1/consents", new
        {
            subjectExternalId = "ada",
            purposes = new[] { Purpose },
            noticeVersion = "test-notice-1",
            noticeText = "We keep a template of your face for 30 days to let you in.",
            signatureMethod = "written",
            evidenceReference = "paper-form-77",
            expiresAt = until,
        });
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var consent = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();

        var subject = await Created(await CreateSubject(shop, gallery, "ada", "consent", consent.ToString()));

        // BIPA alone would keep the template 1,095 days after the last interaction; the consent ends sooner.
        var expiresAt = Store.FindSubject(gallery, subject)!.ExpiresAt;
        Assert.NotNull(expiresAt);
        Assert.True(Math.Abs((expiresAt!.Value - until).TotalSeconds) < 1, $"{expiresAt} vs {until}");
        var view = await shop.GetFromJsonAsync<JsonElement>($"/v1/galleries/{gallery}/subjects/{subject}");
        Assert.Equal(expiresAt.Value.ToUnixTimeSeconds(), view.GetProperty("expiresAt").GetDateTimeOffset().ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Where_no_policy_asks_for_consent_a_claimed_consent_must_still_exist()
    {
        using var client = Tenant("US", "US-CA", "Oakland", out _);
        var gallery = await Api.CreateGalleryAsync(client, "claims-" + Guid.NewGuid().ToString("N"));
        var problem = await Api.AssertProblemAsync(await CreateSubject(client, gallery, "ada", "consent", "test"), HttpStatusCode.Forbidden, "consent-invalid");
        Assert.Contains("names no consent record", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await CreateSubject(client, gallery, "ada", null, null)).StatusCode);
    }

    [Fact]
    public async Task Withdrawal_deletes_the_subject_at_once_and_leaves_only_a_tombstone()
    {
        using var shop = ChicagoShop(out var tenantId);
        var gallery = await Api.CreateGalleryAsync(shop, "members");
        var consent = await Api.RecordConsentAsync(shop, "colin-ext-7731");
        var subject = await Created(await CreateSubject(shop, gallery, "colin-ext-7731", "consent", consent.ToString()));
        var enrolled = await Api.EnrollAsync(shop, gallery, subject, Face("Colin_Powell", 1));
        Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);
        var face = (await enrolled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("faceId").GetGuid();
        var other = await Api.CreateSubjectAsync(shop, gallery, "serena");
        Assert.Equal(HttpStatusCode.Created, (await Api.EnrollAsync(shop, gallery, other, Face("Serena_Williams", 1))).StatusCode);
        var before = await Api.IdentifyAsync(shop, gallery, Face("Colin_Powell", 2), "fpir=1");
        Assert.Equal(subject, before.GetProperty("candidates")[0].GetProperty("subjectId").GetGuid());

        var response = await shop.PostAsJsonAsync($"/v1/consents/{consent}/withdrawal", new { reason = "moved to Springfield" });
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var withdrawal = JsonDocument.Parse(body).RootElement;
        Assert.Equal("withdrawn", withdrawal.GetProperty("consent").GetProperty("status").GetString());
        Assert.Equal(subject, Assert.Single(withdrawal.GetProperty("subjectsDeleted").EnumerateArray()).GetProperty("subjectId").GetGuid());
        Assert.Equal(1, withdrawal.GetProperty("facesDeleted").GetInt32());

        Assert.Null(Store.FindSubject(gallery, subject));
        Assert.Empty(Store.ListFaces(gallery, subject));
        await Api.AssertProblemAsync(await shop.GetAsync($"/v1/galleries/{gallery}/subjects/{subject}"), HttpStatusCode.NotFound, "subject-not-found");
        var after = await Api.IdentifyAsync(shop, gallery, Face("Colin_Powell", 2), "fpir=1");
        Assert.DoesNotContain(after.GetProperty("candidates").EnumerateArray(), c => c.GetProperty("subjectId").GetGuid() == subject);
        Assert.NotNull(Store.FindSubject(gallery, other));

        var entry = Audit.Export(new AuditQuery(tenantId)).Last(e => e.Record.Operation == "delete");
        Assert.Equal(AuditDecision.Allow, entry.Record.Decision);
        Assert.Equal("data-subject-request", entry.Record.Purpose);
        Assert.True(AuditTombstone.TryRead(entry.Record.Detail, out var tombstone));
        Assert.Equal(AuditDeletionReason.ConsentWithdrawn, tombstone!.Reason);
        Assert.Equal([subject], tombstone.SubjectIds);
        Assert.Equal([face], tombstone.FaceIds);
        string detail = entry.Record.Detail!.Value.GetRawText();
        Assert.DoesNotContain("colin-ext-7731", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Springfield", detail, StringComparison.Ordinal);
        Assert.True(Audit.Verify().Intact);

        await Api.AssertProblemAsync(await shop.PostAsync($"/v1/consents/{consent}/withdrawal", null), HttpStatusCode.Conflict, "consent-withdrawn");
        await Api.AssertProblemAsync(await CreateSubject(shop, gallery, "colin-ext-7731", "consent", consent.ToString()), HttpStatusCode.Forbidden, "condition-unmet");
        var read = await shop.GetFromJsonAsync<JsonElement>($"/v1/consents/{consent}");
        Assert.Equal("moved to Springfield", read.GetProperty("withdrawalReason").GetString());
    }

    [Fact]
    public async Task A_deletion_request_erases_templates_and_images_from_disk_and_answers_with_a_receipt()
    {
        using var shop = ChicagoShop(out var tenantId);
        var photos = await Created(await shop.PostAsJsonAsync("/v1/galleries", new { name = "photos", storeImages = true }));
        var doors = await Api.CreateGalleryAsync(shop, "doors");
        const string person = "member-4410";
        var consent = await Api.RecordConsentAsync(shop, person);
        var inPhotos = await Created(await CreateSubject(shop, photos, person, "consent", consent.ToString()));
        var inDoors = await Created(await CreateSubject(shop, doors, person, "consent", consent.ToString()));
        byte[] marker = Encoding.ASCII.GetBytes($"ERASE-ME-{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.Created, (await Api.EnrollAsync(shop, photos, inPhotos, WithComment(Face("Colin_Powell", 1), marker))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Api.EnrollAsync(shop, photos, inPhotos, Face("Colin_Powell", 2))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Api.EnrollAsync(shop, doors, inDoors, Face("Colin_Powell", 3))).StatusCode);
        var bystander = await Api.CreateSubjectAsync(shop, photos, "bystander");
        var faces = Store.ListFaces(photos, inPhotos).Concat(Store.ListFaces(doors, inDoors)).ToList();
        string db = Path.Combine(_dir, FaceAccordSettings.DatabaseFileName);

        // Sealed at rest: neither the JPEG nor any template is on disk in the clear, only their ciphertexts are.
        Assert.False(OnDisk(marker), "the planted image bytes were stored in the clear");
        Assert.All(faces, f => Assert.False(OnDisk(DatabaseBytes.HalfBytes(f.Template)), "a template was stored in the clear"));
        var templates = faces.Select(f => DatabaseBytes.Stored(db, "SELECT template FROM faces WHERE id = $id;", f.Id)[..64]).ToList();
        // Runs from the sealed bytes' start: a large value is split over overflow pages, so the whole is never contiguous.
        var image = DatabaseBytes.Stored(db, "SELECT i.bytes FROM face_images i JOIN faces f ON f.key = i.face_key WHERE f.id = $id;", faces[0].Id)[..64];
        Assert.All(templates, t => Assert.True(OnDisk(t), "the sealed template should be on disk before the request, or this test proves nothing"));
        Assert.True(OnDisk(image), "the sealed image should be on disk before the request, or this test proves nothing");

        var response = await shop.PostAsJsonAsync("/v1/deletion-requests", new { subjectExternalId = person });
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var receipt = JsonDocument.Parse(body).RootElement;
        Assert.Equal(2, receipt.GetProperty("subjectsDeleted").GetArrayLength());
        Assert.Equal(3, receipt.GetProperty("facesDeleted").GetInt32());
        Assert.Equal(new[] { photos, doors }.Order(), receipt.GetProperty("galleriesSearched").EnumerateArray().Select(g => g.GetGuid()).Order());
        Assert.Equal(consent, Assert.Single(receipt.GetProperty("consentsWithdrawn").EnumerateArray()).GetGuid());
        Assert.True(receipt.GetProperty("completedAt").GetDateTimeOffset() <= DateTimeOffset.UtcNow);

        Assert.False(OnDisk(image), "the image survived the deletion request");
        Assert.All(templates, t => Assert.False(OnDisk(t), "a template survived the deletion request"));
        Assert.Null(Store.FindSubject(photos, inPhotos));
        Assert.Null(Store.FindSubject(doors, inDoors));
        Assert.NotNull(Store.FindSubject(photos, bystander));
        Assert.Equal("withdrawn", (await shop.GetFromJsonAsync<JsonElement>($"/v1/consents/{consent}")).GetProperty("status").GetString());

        var entry = Audit.Export(new AuditQuery(tenantId)).Last(e => e.Record.Operation == "delete");
        Assert.True(AuditTombstone.TryRead(entry.Record.Detail, out var tombstone));
        Assert.Equal(AuditDeletionReason.DataSubjectRequest, tombstone!.Reason);
        Assert.Equal(new[] { inPhotos, inDoors }.Order(), tombstone.SubjectIds.Order());
        Assert.Equal(3, tombstone.FaceIds.Count);
        Assert.Equal(receipt.GetProperty("requestId").GetGuid(), entry.Record.Detail!.Value.GetProperty("requestId").GetGuid());
        Assert.DoesNotContain(person, entry.Record.Detail!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.True(Audit.Verify().Intact);

        // Repeating the request, or asking for a person never enrolled, deletes nothing and says so the same way.
        foreach (string who in new[] { person, "never-enrolled" })
        {
            var again = await shop.PostAsJsonAsync("/v1/deletion-requests", new { subjectExternalId = who });
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            var empty = await again.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(0, empty.GetProperty("subjectsDeleted").GetArrayLength());
            Assert.Equal(0, empty.GetProperty("facesDeleted").GetInt32());
            Assert.Equal(0, empty.GetProperty("consentsWithdrawn").GetArrayLength());
        }
    }

    [Fact]
    public async Task A_deletion_request_for_one_gallery_leaves_the_others_and_the_consent()
    {
        using var shop = ChicagoShop(out _);
        var a = await Api.CreateGalleryAsync(shop, "a");
        var b = await Api.CreateGalleryAsync(shop, "b");
        var consent = await Api.RecordConsentAsync(shop, "p-1");
        var inA = await Created(await CreateSubject(shop, a, "p-1", "consent", consent.ToString()));
        var inB = await Created(await CreateSubject(shop, b, "p-1", "consent", consent.ToString()));

        var receipt = await (await shop.PostAsJsonAsync("/v1/deletion-requests", new { subjectExternalId = "p-1", galleryId = a })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(inA, Assert.Single(receipt.GetProperty("subjectsDeleted").EnumerateArray()).GetProperty("subjectId").GetGuid());
        Assert.Equal(a, Assert.Single(receipt.GetProperty("galleriesSearched").EnumerateArray()).GetGuid());
        Assert.Null(Store.FindSubject(a, inA));
        Assert.NotNull(Store.FindSubject(b, inB));
        Assert.Equal("active", (await shop.GetFromJsonAsync<JsonElement>($"/v1/consents/{consent}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Bad_consent_and_deletion_requests_get_problems_not_crashes()
    {
        using var shop = ChicagoShop(out _);
        var valid = new Dictionary<string, object?>
        {
            ["subjectExternalId"] = "p-9",
            ["purposes"] = new[] { Purpose },
            ["noticeVersion"] = "v1",
            ["noticeText"] = "notice",
            ["signatureMethod"] = "written",
            ["evidenceReference"] = "binder 1",
        };
        Dictionary<string, object?> With(string field, object? value) => new(valid) { [field] = value };

        await Api.AssertProblemAsync(await shop.PostAsync("/v1/consents", new StringContent("{\"subjectExternalId\":", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "malformed-json");
        await Api.AssertProblemAsync(await shop.PostAsync("/v1/consents", new StringContent("x", Encoding.UTF8, "text/plain")), HttpStatusCode.BadRequest, "unsupported-media-type");
        await Api.AssertProblemAsync(await shop.PostAsJsonAsync("/v1/consents", With("subjectExternalId", null)), HttpStatusCode.BadRequest, "subject-external-id-invalid");
        await Api.AssertProblemAsync(await shop.PostAsJsonAsync("/v1/consents", With("purposes", null)), HttpStatusCode.BadRequest, "consent-purposes-required");
        var unknown = await Api.AssertProblemAsync(await shop.PostAsJsonAsync("/v1/consents", With("purposes", new[] { "door-opening" })), HttpStatusCode.BadRequest, "consent-purpose-unknown");
        Assert.Contains("access-control", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Api.AssertProblemAsync(await shop.PostAsJsonAsync("/v1/consents", With("noticeText", null)), HttpStatusCode.BadRequest, "notice-required");
        await Api.AssertProblemAsync(await shop.PostAsJsonAsync("/v1/consents", With("noticeSha256", new string('0', 64))), HttpStatusCode.BadRequest, "notice-sha256-mismatch");
        await Api.AssertProblemAsync(await shop.PostAsJsonAsync("/v1/consents", With("noticeSha256", "abc")), HttpStatusCode.BadRequest, "notice-sha256-invalid");
        await Api.AssertProblemAsync(await shop.PostAsJsonAsync("/v1/consents", With("signatureMethod", "verbal")), HttpStatusCode.BadRequest, "signature-method-invalid");
        await Api.AssertProblemAsync(await shop.PostAsJsonAsync("/v1/consents", With("evidenceReference", " ")), HttpStatusCode.BadRequest, "evidence-reference-required");
        await Api.AssertProblemAsync(await shop.PostAsJsonAsync("/v1/consents", With("grantedAt", DateTimeOffset.UtcNow.AddDays(2))), HttpStatusCode.BadRequest, "granted-at-invalid");
        await Api.AssertProblemAsync(await shop.PostAsJsonAsync("/v1/consents", With("expiresAt", DateTimeOffset.UtcNow.AddDays(-2))), HttpStatusCode.BadRequest, "expires-at-invalid");
        await Api.AssertProblemAsync(await shop.PostAsJsonAsync("/v1/consents", With("purposes", "access-control")), HttpStatusCode.BadRequest, "malformed-json");
        await Api.AssertProblemAsync(await shop.PostAsJsonAsync("/v1/consents", With("evidenceReference", 17)), HttpStatusCode.BadRequest, "malformed-json");
        await Api.AssertProblemAsync(await shop.PostAsJsonAsync("/v1/consents", With("evidenceReference", new string('e', 201))), HttpStatusCode.BadRequest, "evidence-reference-required");
        await Api.AssertProblemAsync(await shop.PostAsJsonAsync("/v1/consents", With("subjectExternalId", new string('p', 201))), HttpStatusCode.BadRequest, "subject-external-id-invalid");
        await Api.AssertProblemAsync(await shop.PostAsJsonAsync("/v1/consents", With("noticeVersion", new string('v', 201))), HttpStatusCode.BadRequest, "notice-version-required");

        var created = await shop.PostAsJsonAsync("/v1/consents", valid);
        var id = await Created(created);
        Assert.Equal($"/v1/consents/{id}", created.Headers.Location?.OriginalString);
        var listed = await shop.GetFromJsonAsync<JsonElement>("/v1/consents?subjectExternalId=p-9");
        Assert.Equal(id, Assert.Single(listed.EnumerateArray()).GetProperty("id").GetGuid());
        await Api.AssertProblemAsync(await shop.GetAsync("/v1/consents"), HttpStatusCode.BadRequest, "subject-external-id-invalid");
        await Api.AssertProblemAsync(await shop.GetAsync("/v1/consents/not-an-id"), HttpStatusCode.NotFound, "consent-not-found");
        await Api.AssertProblemAsync(await shop.GetAsync($"/v1/consents/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "consent-not-found");
        await Api.AssertProblemAsync(await shop.PostAsync($"/v1/consents/{Guid.NewGuid()}/withdrawal", null), HttpStatusCode.NotFound, "consent-not-found");
        await Api.AssertProblemAsync(await shop.PostAsync($"/v1/consents/{id}/withdrawal", new StringContent("{", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "malformed-json");
        await Api.AssertProblemAsync(await shop.PostAsJsonAsync($"/v1/consents/{id}/withdrawal", new { reason = new string('r', 501) }), HttpStatusCode.BadRequest, "reason-invalid");
        await Api.AssertProblemAsync(await shop.PostAsJsonAsync($"/v1/consents/{id}/withdrawal", new { reason = 5 }), HttpStatusCode.BadRequest, "malformed-json");

        // Another tenant's consent is not found, and cannot be withdrawn or listed.
        using var other = Tenant("DE", "DE-BE", "Berlin", out _);
        await Api.AssertProblemAsync(await other.GetAsync($"/v1/consents/{id}"), HttpStatusCode.NotFound, "consent-not-found");
        await Api.AssertProblemAsync(await other.PostAsync($"/v1/consents/{id}/withdrawal", null), HttpStatusCode.NotFound, "consent-not-found");
        Assert.Equal(0, (await other.GetFromJsonAsync<JsonElement>("/v1/consents?subjectExternalId=p-9")).GetArrayLength());
        Assert.Equal("active", (await shop.GetFromJsonAsync<JsonElement>($"/v1/consents/{id}")).GetProperty("status").GetString());

        await Api.AssertProblemAsync(await shop.PostAsJsonAsync("/v1/deletion-requests", new { galleryId = (string?)null }), HttpStatusCode.BadRequest, "subject-external-id-invalid");
        await Api.AssertProblemAsync(await shop.PostAsync("/v1/deletion-requests", new StringContent("[", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "malformed-json");
        await Api.AssertProblemAsync(await shop.PostAsJsonAsync("/v1/deletion-requests", new { subjectExternalId = "p-9", galleryId = Guid.NewGuid() }), HttpStatusCode.NotFound, "gallery-not-found");
        await Api.AssertProblemAsync(await shop.PostAsJsonAsync("/v1/deletion-requests", new { subjectExternalId = "p-9", galleryId = "photos" }), HttpStatusCode.NotFound, "gallery-not-found");
        await Api.AssertProblemAsync(await shop.PostAsJsonAsync("/v1/deletion-requests", new { subjectExternalId = "p-9", galleryId = 12 }), HttpStatusCode.BadRequest, "malformed-json");
        await Api.AssertProblemAsync(await shop.PostAsJsonAsync("/v1/deletion-requests", new { subjectExternalId = new string('p', 201) }), HttpStatusCode.BadRequest, "subject-external-id-invalid");

        using var anonymous = Client(null, null);
        var doc = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        foreach (string path in new[] { "/v1/consents", "/v1/consents/{consentId}", "/v1/consents/{consentId}/withdrawal", "/v1/deletion-requests" })
        {
            Assert.True(doc.GetProperty("paths").TryGetProperty(path, out _), path);
        }
    }

    /// <summary>The JPEG with a comment segment holding <paramref name="marker"/> right after its start marker: a byte pattern to look for on disk.</summary>
    private static byte[] WithComment(byte[] jpeg, byte[] marker)
    {
        var payload = Enumerable.Repeat(marker, 64).SelectMany(m => m).ToArray();
        int length = payload.Length + 2;
        return [.. jpeg[..2], 0xFF, 0xFE, (byte)(length >> 8), (byte)length, .. payload, .. jpeg[2..]];
    }

    private bool OnDisk(byte[] pattern) => DatabaseBytes.OnDisk(Path.Combine(_dir, FaceAccordSettings.DatabaseFileName), pattern);
}
