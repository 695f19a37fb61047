using System.Text.RegularExpressions;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;

namespace FaceAccord.Service.Tenants;

/// <summary>Creates tenants with their first key, issues, lists and revokes keys, and authenticates presented keys.</summary>
public sealed partial class TenantAdministration(IFaceStore store, TimeProvider clock, AuditLog? audit = null)
{
    /// <summary>The audit log's operation name for a key issued.</summary>
    public const string IssueOperation = "api-key-issue";

    /// <summary>The audit log's operation name for a key revoked.</summary>
    public const string RevokeOperation = "api-key-revoke";

    /// <summary>A new tenant and its API key (shown once; only its hash is kept).</summary>
    public (Tenant Tenant, string ApiKey) Create(string name, string sector, string country, string? region, string? city, bool placeOfPublicAccommodation = false)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            throw FaceAccordException.BadInput("tenant-name-invalid", "A tenant needs a name of 1 to 200 characters.");
        }

        if (country is null || !CountryCode().IsMatch(country))
        {
            throw FaceAccordException.BadInput("country-invalid", $"Country '{country}' is not an ISO 3166-1 alpha-2 code such as US or DE.");
        }

        if (region is not null && !(RegionCode().IsMatch(region) && region.StartsWith(country + "-", StringComparison.Ordinal)))
        {
            throw FaceAccordException.BadInput("region-invalid", $"Region '{region}' is not an ISO 3166-2 code of {country}, such as {country}-WA.");
        }

        var tenant = store.CreateTenant(new TenantProfile(name.Trim(), TenantSectors.Parse(sector), country, region, string.IsNullOrWhiteSpace(city) ? null : city.Trim(), placeOfPublicAccommodation));
        var (record, key) = ApiKeyCredentials.Issue(tenant.Id, clock.GetUtcNow(), ApiKeyRoles.Operator);
        store.AddApiKey(record);

        // Tenants are created by the operator of the installation, on the command line.
        Audit(tenant.Id, AuditRecord.CliKeyId, IssueOperation, record);
        return (tenant, key);
    }

    /// <summary>
    /// Another API key for an existing tenant (shown once), so that distinct people act under keys of their own: the
    /// reviewers of held results get <see cref="ApiKeyRoles.Reviewer"/> keys, one each. Audited under
    /// <paramref name="issuedBy"/>. <c>tenant-not-found</c> for an unknown tenant, <c>api-key-role-invalid</c> for an unknown role.
    /// </summary>
    public IssuedKey IssueKey(Guid tenantId, string role, string issuedBy)
    {
        string normalized = Role(role);
        _ = store.FindTenant(tenantId) ?? throw TenantNotFound(tenantId);
        var (record, key) = ApiKeyCredentials.Issue(tenantId, clock.GetUtcNow(), normalized);
        store.AddApiKey(record);
        Audit(tenantId, issuedBy, IssueOperation, record);
        return new IssuedKey(record.KeyId, record.Role, key);
    }

    /// <summary>The tenant's keys (never their secrets), revoked ones included, oldest first.</summary>
    public IReadOnlyList<ApiKeyView> ListKeys(Guid tenantId)
    {
        _ = store.FindTenant(tenantId) ?? throw TenantNotFound(tenantId);
        return [.. store.ListApiKeys(tenantId).Select(ApiKeyView.From)];
    }

    /// <summary>
    /// Revokes a key of the tenant: from now on it authenticates nothing. Revoking a revoked key changes nothing and
    /// keeps its first revocation time. Audited under <paramref name="revokedBy"/>; <c>api-key-not-found</c> for a key
    /// the tenant does not have.
    /// </summary>
    public ApiKeyView RevokeKey(Guid tenantId, string keyId, string revokedBy)
    {
        _ = store.FindTenant(tenantId) ?? throw TenantNotFound(tenantId);
        var before = string.IsNullOrWhiteSpace(keyId) ? null : store.FindApiKey(keyId.Trim());
        var revoked = before is null || before.TenantId != tenantId ? null : store.RevokeApiKey(tenantId, before.KeyId, clock.GetUtcNow());
        if (revoked is null)
        {
            throw FaceAccordException.NotFound("api-key-not-found", $"Tenant {tenantId} has no API key '{keyId}'.");
        }

        Audit(tenantId, revokedBy, RevokeOperation, revoked, alreadyRevoked: before!.RevokedAt is not null);
        return ApiKeyView.From(revoked);
    }

    /// <summary>The tenant, key id and role a presented key belongs to, or null when the key is unknown, wrong or revoked.</summary>
    public AuthenticatedKey? Authenticate(string? presentedKey)
    {
        if (ApiKeyCredentials.Parse(presentedKey) is not { } parts)
        {
            return null;
        }

        var record = store.FindApiKey(parts.KeyId);
        if (record is null || !ApiKeyCredentials.Verify(record, parts.Secret))
        {
            return null;
        }

        return store.FindTenant(record.TenantId) is { } tenant ? new AuthenticatedKey(tenant, record.KeyId, record.Role) : null;
    }

    private static string Role(string? role)
    {
        string normalized = role?.Trim().ToLowerInvariant() ?? "";
        return ApiKeyRoles.IsKnown(normalized) ? normalized
            : throw FaceAccordException.BadInput("api-key-role-invalid", $"A key's role is one of {string.Join(", ", ApiKeyRoles.All)}, not '{role}'.");
    }

    private static FaceAccordException TenantNotFound(Guid tenantId) =>
        FaceAccordException.NotFound("tenant-not-found", $"There is no tenant {tenantId}.");

    // Who may act under which key is part of the record a supervisor reads: a reviewer key appearing or vanishing is audited.
    private void Audit(Guid tenantId, string actor, string operation, ApiKeyRecord key, bool alreadyRevoked = false) => audit?.Append(new AuditRecord
    {
        TenantId = tenantId,
        KeyId = actor,
        Operation = operation,
        Decision = AuditDecision.Allow,
        Detail = alreadyRevoked
            ? Gatekeeper.Detail(new { apiKey = key.KeyId, role = key.Role, alreadyRevokedAt = key.RevokedAt })
            : Gatekeeper.Detail(new { apiKey = key.KeyId, role = key.Role }),
    });

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();

    [GeneratedRegex("^[A-Z]{2}-[A-Z0-9]{1,3}$")]
    private static partial Regex RegionCode();
}
