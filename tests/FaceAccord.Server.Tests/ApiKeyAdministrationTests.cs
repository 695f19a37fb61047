using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Service;
using FaceAccord.Service.Reports;
using FaceAccord.Service.Safeguards;
using FaceAccord.Service.Tenants;
using FaceAccord.Storage;

namespace FaceAccord.Server.Tests;

/// <summary>Issuing, listing and revoking a tenant's keys: roles checked, secrets never shown twice, every change audited.</summary>
[Collection(ServerCollection.Name)]
public sealed class ApiKeyAdministrationTests(ServerFixture server)
{
    private TenantService Tenants => server.Tenants;

    private Tenant NewTenant() => Tenants.Create("Keys " + Guid.NewGuid().ToString("N")[..8], "commercial", "US", "US-CA", "Fresno").Tenant;

    [Fact]
    public void A_key_is_issued_with_its_role_listed_without_its_secret_and_revoked_once()
    {
        var tenant = NewTenant();
        var reviewer = Tenants.IssueKey(tenant.Id, KeyRoles.Parse(" Reviewer "));
        Assert.Equal(KeyRoles.Reviewer, reviewer.Role);
        Assert.Equal(KeyRole.Reviewer, Tenants.Authenticate(reviewer.ApiKey)!.Role);

        var keys = Tenants.ListKeys(tenant.Id);
        Assert.Equal([KeyRoles.Operator, KeyRoles.Reviewer], keys.Select(k => k.Role));
        string listed = JsonSerializer.Serialize(keys, ServiceJson.Options);
        Assert.DoesNotContain(reviewer.ApiKey[$"fa_{reviewer.KeyId}_".Length..], listed, StringComparison.Ordinal); // the secret (base64url may hold '_')

        var revoked = Tenants.RevokeKey(tenant.Id, reviewer.KeyId);
        Assert.NotNull(revoked.RevokedAt);
        Assert.Null(Tenants.Authenticate(reviewer.ApiKey));
        Assert.Equal(revoked.RevokedAt, Tenants.RevokeKey(tenant.Id, reviewer.KeyId).RevokedAt);

        // Every key issued is audited, the tenant's first included; a second revocation says it changed nothing.
        var log = server.Audit.Export(new AuditQuery(tenant.Id)).Select(e => e.Record).ToList();
        var issued = log.Where(r => r.Operation == OperationKind.ApiKeyIssue.Name).Select(r => r.Detail!.Value).ToList();
        Assert.Equal(keys.Select(k => (k.KeyId, k.Role)), issued.Select(d => (d.GetProperty("apiKey").GetString()!, d.GetProperty("role").GetString()!)));
        var revocations = log.Where(r => r.Operation == OperationKind.ApiKeyRevoke.Name).Select(r => r.Detail!.Value).ToList();
        Assert.Equal(2, revocations.Count);
        Assert.False(revocations[0].TryGetProperty("alreadyRevokedAt", out _));
        Assert.True(revocations[1].TryGetProperty("alreadyRevokedAt", out _));
        Assert.True(server.Audit.Verify().Intact);

        // Administration is not a request about faces: the transparency report does not count it.
        var figures = TransparencyFigures.Compute(server.Audit, server.Store, tenant.Id, null, null);
        Assert.Empty(figures.Requests);
    }

    [Fact]
    public void Bad_key_requests_are_refused_clearly_and_change_nothing()
    {
        var tenant = NewTenant();
        var other = NewTenant();
        var badRole = Assert.Throws<FaceAccordException>(() => Tenants.IssueKey(tenant.Id, KeyRoles.Parse("admin")));
        Assert.Equal("api-key-role-invalid", badRole.Code);
        Assert.Equal(ErrorKind.BadInput, badRole.Kind);
        Assert.Single(Tenants.ListKeys(tenant.Id));

        Assert.Equal("tenant-not-found", Assert.Throws<FaceAccordException>(() => Tenants.IssueKey(Guid.NewGuid(), KeyRole.Reviewer)).Code);
        Assert.Equal("tenant-not-found", Assert.Throws<FaceAccordException>(() => Tenants.ListKeys(Guid.NewGuid())).Code);

        // Another tenant's key is not found through this tenant, and stays valid.
        var theirs = Tenants.IssueKey(other.Id, KeyRole.Operator);
        var notFound = Assert.Throws<FaceAccordException>(() => Tenants.RevokeKey(tenant.Id, theirs.KeyId));
        Assert.Equal("api-key-not-found", notFound.Code);
        Assert.Equal(ErrorKind.NotFound, notFound.Kind);
        Assert.NotNull(Tenants.Authenticate(theirs.ApiKey));
        Assert.Equal("api-key-not-found", Assert.Throws<FaceAccordException>(() => Tenants.RevokeKey(tenant.Id, " ")).Code);
    }
}
