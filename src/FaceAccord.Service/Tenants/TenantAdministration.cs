using System.Text.RegularExpressions;
using FaceAccord.Core;
using FaceAccord.Storage;

namespace FaceAccord.Service.Tenants;

/// <summary>Creates tenants with their first key and authenticates presented keys.</summary>
public sealed partial class TenantAdministration(IFaceStore store, TimeProvider clock)
{
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
        var (record, key) = ApiKeyCredentials.Issue(tenant.Id, clock.GetUtcNow());
        store.AddApiKey(record);
        return (tenant, key);
    }

    /// <summary>
    /// Another API key for an existing tenant (shown once), so that distinct people, such as the reviewers of a held
    /// identification, act under keys of their own. <c>tenant-not-found</c> for an unknown tenant.
    /// </summary>
    public string IssueKey(Guid tenantId)
    {
        _ = store.FindTenant(tenantId) ?? throw FaceAccordException.NotFound("tenant-not-found", $"There is no tenant {tenantId}.");
        var (record, key) = ApiKeyCredentials.Issue(tenantId, clock.GetUtcNow());
        store.AddApiKey(record);
        return key;
    }

    /// <summary>The tenant and key id a presented key belongs to, or null when the key is unknown, wrong or revoked.</summary>
    public (Tenant Tenant, string KeyId)? Authenticate(string? presentedKey)
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

        return store.FindTenant(record.TenantId) is { } tenant ? (tenant, record.KeyId) : null;
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();

    [GeneratedRegex("^[A-Z]{2}-[A-Z0-9]{1,3}$")]
    private static partial Regex RegionCode();
}
