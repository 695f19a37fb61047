using FaceAccord.Storage;

namespace FaceAccord.Service.Safeguards;

/// <summary>
/// Who asks and why, for one request: the tenant (from its key, never from the request), the key, and what
/// the request declares (purpose, mode, setting, whether a consequential decision rests on it, legal basis). The key's
/// <see cref="Role"/> separates duties: only operators work on faces, only reviewers decide review cases.
/// </summary>
public sealed record RequestContext(
    Tenant Tenant,
    string KeyId,
    string Purpose,
    string Mode = "one-off",
    string Setting = "online",
    bool Consequential = false,
    LegalBasis? LegalBasis = null,
    string Role = ApiKeyRoles.Operator)
{
    public Guid TenantId => Tenant.Id;
}
