using System.Net;
using System.Net.Http.Headers;
using FaceAccord.Governance.Audit;
using FaceAccord.TestSupport;
using Microsoft.Data.Sqlite;

namespace FaceAccord.Server.Tests;

/// <summary>
/// Every /v1 request leaves exactly one audit entry with the status the client got, whether an operation refused it
/// or the request never reached one (no key, a body too large, an unknown route); the old request log is gone.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class RequestAuditTests(ServerFixture server)
{
    [Fact]
    public async Task The_entries_of_refused_requests_carry_the_status_the_client_got()
    {
        var (tenant, key) = server.Tenants.Create("Audited " + Guid.NewGuid().ToString("N")[..6], "commercial", "US", "US-CA", "Oakland");
        string reviewerKey = server.Tenants.IssueKey(tenant.Id, Core.KeyRole.Reviewer).ApiKey;
        using var client = server.Client(key, "access-control");

        // A well-behaved client asks before uploading, so it reads a refusal instead of a reset connection.
        client.DefaultRequestHeaders.ExpectContinue = true;
        byte[] face = File.ReadAllBytes(TestPaths.Lfw("Colin_Powell", 1));

        // 400 before the service (a missing image field) and inside it (a purpose the vocabulary does not know).
        var entry = await OneEntryAsync(() => client.PostAsync("/v1/verify", Api.Form(("imageA", face))), HttpStatusCode.BadRequest, tenant.Id);
        Assert.Equal(("image-missing", "verify", AuditDecision.Error), (entry.Problem, entry.Operation, entry.Decision));
        using (var unknownPurpose = server.Client(key, "palm-reading"))
        {
            entry = await OneEntryAsync(() => unknownPurpose.PostAsync("/v1/detect", Api.Form(("image", face))), HttpStatusCode.BadRequest, tenant.Id);
            Assert.Equal(("detect", "http"), (entry.Operation, entry.Channel));
        }

        // 401: the tenant is unknown, the key id tried is named.
        using (var wrong = server.Client("fa_0123456789abcdef_" + new string('x', 43), "access-control"))
        {
            entry = await OneEntryAsync(() => wrong.GetAsync("/v1/galleries"), HttpStatusCode.Unauthorized, null);
            Assert.Equal(("api-key-invalid", "0123456789abcdef", AuditDecision.Deny), (entry.Problem, entry.KeyId, entry.Decision));
        }

        // 403: a reviewer key asking for an operator's operation.
        using (var reviewer = server.Client(reviewerKey, "access-control"))
        {
            entry = await OneEntryAsync(() => reviewer.GetAsync("/v1/galleries"), HttpStatusCode.Forbidden, tenant.Id);
            Assert.Equal("key-role-forbidden", entry.Problem);
        }

        // 404: an unknown gallery (the service) and an unknown route (before any operation).
        entry = await OneEntryAsync(() => client.GetAsync($"/v1/galleries/{Guid.NewGuid()}"), HttpStatusCode.NotFound, tenant.Id);
        Assert.Equal(("gallery-not-found", "gallery-read"), (entry.Problem, entry.Operation));
        entry = await OneEntryAsync(() => client.GetAsync("/v1/no-such-thing/John_Smith"), HttpStatusCode.NotFound, tenant.Id);
        Assert.DoesNotContain("John_Smith", entry.Detail!.Value.GetRawText(), StringComparison.Ordinal);

        // 413: a body larger than the server accepts.
        var big = new ByteArrayContent(new byte[21 * 1024 * 1024]);
        big.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        entry = await OneEntryAsync(() => client.PostAsync("/v1/detect", big), HttpStatusCode.RequestEntityTooLarge, tenant.Id);
        Assert.Equal(("request-too-large", "detect"), (entry.Problem, entry.Operation));

        Assert.True(server.Audit.Verify().Intact);
    }

    [Fact]
    public void The_request_log_table_is_gone()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataRoot, "faceaccord.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'requests';";
        Assert.Equal(0L, command.ExecuteScalar());
    }

    /// <summary>Sends the request and returns the one entry it added, after checking it carries <paramref name="status"/>.</summary>
    private async Task<AuditRecord> OneEntryAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode status, Guid? tenantId)
    {
        long before = server.Audit.Export().LongCount();
        using var response = await send();
        Assert.Equal(status, response.StatusCode);
        var added = server.Audit.Export().Skip((int)before).Select(e => e.Record).Where(r => r.TenantId == tenantId).ToList();
        var entry = Assert.Single(added);
        Assert.Equal((int)status, entry.Status);
        return entry;
    }
}
