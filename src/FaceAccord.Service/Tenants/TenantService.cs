using System.Text.RegularExpressions;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;

namespace FaceAccord.Service.Tenants;

/// <summary>
/// Creates tenants with their first key, issues, lists and revokes keys (each an audited operation, so who may act
/// under which key is part of the record a supervisor reads), and authenticates presented keys.
/// </summary>
public sealed partial class TenantService(ITenantStore tenants, IApiKeyStore keys, IUnitOfWork units, GovernedOperations governed, TimeProvider clock)
{
    /// <summary>A new tenant and its API key (shown once; only its hash is kept), created with its entry in one transaction.</summary>
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

        var profile = new TenantProfile(name.Trim(), TenantSectors.Parse(sector), country, region, string.IsNullOrWhiteSpace(city) ? null : city.Trim(), placeOfPublicAccommodation);
        using var unit = units.Begin();
        var tenant = tenants.CreateTenant(profile);

        // Tenants are created by the operator of the installation, on the command line.
        var issued = IssueKey(Cli(tenant), KeyRole.Operator);
        unit.Commit();
        return (tenant, issued.ApiKey);
    }

    /// <summary>The longest a key may live or a rotated key may go on working: ten years.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(3650);

    /// <summary>
    /// Another API key for an existing tenant (shown once), so that distinct people act under keys of their own: the
    /// reviewers of held results get <see cref="KeyRole.Reviewer"/> keys, one each. With <paramref name="expiresIn"/> the
    /// key stops working that long from now. <c>tenant-not-found</c> for an unknown tenant.
    /// </summary>
    public IssuedKey IssueKey(Guid tenantId, KeyRole role, TimeSpan? expiresIn = null, string issuedBy = AuditRecord.CliKeyId) =>
        IssueKey(Cli(RequireTenant(tenantId)) with { KeyId = issuedBy }, role, expiresIn);

    /// <summary>Issues a key of <paramref name="role"/> for the tenant of <paramref name="context"/>, under its key.</summary>
    public IssuedKey IssueKey(RequestContext context, KeyRole role, TimeSpan? expiresIn = null) =>
        governed.Run(context, OperationKind.ApiKeyIssue, scope =>
        {
            var issued = Issue(context.TenantId, role, expiresIn);
            scope.Detail = AuditRecords.Detail(new { apiKey = issued.KeyId, role = issued.Role, expiresAt = issued.ExpiresAt });
            scope.Outcome = OperationOutcome.Created;
            return issued;
        });

    /// <summary>
    /// Replaces a key: a new key of the same role (expiring after <paramref name="expiresIn"/> when given) is issued, and
    /// the old one keeps working for <paramref name="grace"/> (so the clients using it can be moved over), then is
    /// refused as expired. Both happen with their entry in one transaction. <c>api-key-not-found</c> for a key the
    /// tenant does not have; <c>api-key-spent</c> for a key already revoked or expired.
    /// </summary>
    public KeyRotation RotateKey(Guid tenantId, string keyId, TimeSpan grace, TimeSpan? expiresIn = null, string rotatedBy = AuditRecord.CliKeyId) =>
        governed.Run(Cli(RequireTenant(tenantId)) with { KeyId = rotatedBy }, OperationKind.ApiKeyRotate, scope =>
        {
            RequireLifetime(grace, "grace-invalid", "The grace period", allowZero: true);
            var old = string.IsNullOrWhiteSpace(keyId) ? null : keys.FindApiKey(keyId.Trim());
            if (old is null || old.TenantId != tenantId)
            {
                throw FaceAccordException.NotFound("api-key-not-found", $"Tenant {tenantId} has no API key '{keyId}'.");
            }

            var now = clock.GetUtcNow();
            if (old.IsSpentAt(now))
            {
                throw FaceAccordException.BadInput("api-key-spent", $"Key {old.KeyId} is already revoked or expired; issue a new key with 'faceaccord tenants keys add'.");
            }

            var replacement = Issue(tenantId, old.Role, expiresIn);
            var retired = keys.LimitApiKeyExpiry(tenantId, old.KeyId, now + grace, replacement.KeyId)!;
            scope.Detail = AuditRecords.Detail(new { apiKey = old.KeyId, replacedBy = replacement.KeyId, role = replacement.Role, oldExpiresAt = retired.ExpiresAt, expiresAt = replacement.ExpiresAt });
            scope.Outcome = OperationOutcome.Created;
            return new KeyRotation(replacement, old.KeyId, retired.ExpiresAt!.Value);
        });

    /// <summary>The tenant's keys (never their secrets), revoked ones included, oldest first.</summary>
    public IReadOnlyList<ApiKeyView> ListKeys(Guid tenantId) =>
        governed.Run(Cli(RequireTenant(tenantId)), OperationKind.ApiKeyList, _ => (IReadOnlyList<ApiKeyView>)[.. keys.ListApiKeys(tenantId).Select(ApiKeyView.From)]);

    /// <summary>
    /// Revokes a key of the tenant: from now on it authenticates nothing. Revoking a revoked key changes nothing and
    /// keeps its first revocation time. <c>api-key-not-found</c> for a key the tenant does not have.
    /// </summary>
    public ApiKeyView RevokeKey(Guid tenantId, string keyId, string revokedBy = AuditRecord.CliKeyId) =>
        governed.Run(Cli(RequireTenant(tenantId)) with { KeyId = revokedBy }, OperationKind.ApiKeyRevoke, scope =>
        {
            var before = string.IsNullOrWhiteSpace(keyId) ? null : keys.FindApiKey(keyId.Trim());
            var revoked = before is null || before.TenantId != tenantId ? null : keys.RevokeApiKey(tenantId, before.KeyId, clock.GetUtcNow());
            if (revoked is null)
            {
                throw FaceAccordException.NotFound("api-key-not-found", $"Tenant {tenantId} has no API key '{keyId}'.");
            }

            scope.Detail = before!.RevokedAt is not null
                ? AuditRecords.Detail(new { apiKey = revoked.KeyId, role = revoked.Role.Name(), alreadyRevokedAt = revoked.RevokedAt })
                : AuditRecords.Detail(new { apiKey = revoked.KeyId, role = revoked.Role.Name() });
            return ApiKeyView.From(revoked);
        });

    /// <summary>The tenant, key id and role a presented key belongs to, or null when the key is unknown, wrong, revoked or expired.</summary>
    public AuthenticatedKey? Authenticate(string? presentedKey) => Check(presentedKey).Key;

    /// <summary>
    /// Checks a presented key in constant time in its secret: its owner and role, or why it is refused. An expired key
    /// is named as such only to a caller who holds its right secret.
    /// </summary>
    public Authentication Check(string? presentedKey)
    {
        if (ApiKeyCredentials.Parse(presentedKey) is not { } parts)
        {
            return new Authentication(null, Authentication.Invalid, null);
        }

        var record = keys.FindApiKey(parts.KeyId);
        if (!ApiKeyCredentials.Matches(record, parts.Secret) || record!.RevokedAt is not null || tenants.FindTenant(record.TenantId) is not { } tenant)
        {
            return new Authentication(null, Authentication.Invalid, parts.KeyId);
        }

        return record.IsSpentAt(clock.GetUtcNow())
            ? new Authentication(null, Authentication.Expired, parts.KeyId)
            : new Authentication(new AuthenticatedKey(tenant, record.KeyId, record.Role), null, parts.KeyId);
    }

    /// <summary>The tenant by id; <c>tenant-not-found</c> otherwise.</summary>
    public Tenant RequireTenant(Guid tenantId) =>
        tenants.FindTenant(tenantId) ?? throw FaceAccordException.NotFound("tenant-not-found", $"There is no tenant {tenantId}.");

    /// <summary>A new key stored (inside the caller's operation), with its expiry from now when one is asked for.</summary>
    private IssuedKey Issue(Guid tenantId, KeyRole role, TimeSpan? expiresIn)
    {
        if (expiresIn is { } lifetime)
        {
            RequireLifetime(lifetime, "expires-in-invalid", "A key's lifetime", allowZero: false);
        }

        var now = clock.GetUtcNow();
        var (record, key) = ApiKeyCredentials.Issue(tenantId, now, role, expiresIn is { } t ? now + t : null);
        keys.AddApiKey(record);
        return new IssuedKey(record.KeyId, record.Role.Name(), key, record.ExpiresAt);
    }

    private static void RequireLifetime(TimeSpan value, string code, string what, bool allowZero)
    {
        if ((allowZero ? value < TimeSpan.Zero : value <= TimeSpan.Zero) || value > MaxLifetime)
        {
            throw FaceAccordException.BadInput(code, $"{what} must be {(allowZero ? "0" : "more than 0")} to {MaxLifetime.TotalDays:0} days, e.g. 90d or 12h, not {value}.");
        }
    }

    /// <summary>The installation's operator acting for <paramref name="tenant"/> on the command line (no purpose: administration).</summary>
    private static RequestContext Cli(Tenant tenant) => new(tenant, AuditRecord.CliKeyId, null);

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();

    [GeneratedRegex("^[A-Z]{2}-[A-Z0-9]{1,3}$")]
    private static partial Regex RegionCode();
}
