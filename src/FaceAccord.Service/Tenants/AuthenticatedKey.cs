using FaceAccord.Core;

namespace FaceAccord.Service.Tenants;

/// <summary>Who presented a valid key: the tenant, the key's id and its role.</summary>
public sealed record AuthenticatedKey(Tenant Tenant, string KeyId, KeyRole Role);
