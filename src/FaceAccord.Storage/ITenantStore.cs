using FaceAccord.Core;

namespace FaceAccord.Storage;

/// <summary>Tenants: the organisations whose data a store keeps apart.</summary>
public interface ITenantStore
{
    Tenant CreateTenant(TenantProfile profile);

    Tenant? FindTenant(Guid tenantId);

    IReadOnlyList<Tenant> ListTenants();
}
