namespace FaceAccord.Service.Tenants;

/// <summary>Who presented a valid key: the tenant, the key's id and its role (<see cref="Storage.ApiKeyRoles"/>).</summary>
public sealed record AuthenticatedKey(Storage.Tenant Tenant, string KeyId, string Role);
