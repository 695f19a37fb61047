using FaceAccord.Core;

namespace FaceAccord.Service.Safeguards;

/// <summary>
/// Who asks and why, for one request: the tenant (from its key, never from the request), the key and its role, and what
/// the request declares (purpose, mode, setting, whether a consequential decision rests on it, legal basis). The
/// <see cref="Channel"/> says which front end asked, and so which status (HTTP status or exit code) the audit entry records.
/// Purpose may be null only for administration no policy judges (keys, listing); the policy engine refuses it missing.
/// </summary>
public sealed record RequestContext(
    Tenant Tenant,
    string KeyId,
    string? Purpose,
    string Mode = "one-off",
    string Setting = "online",
    bool Consequential = false,
    LegalBasis? LegalBasis = null,
    KeyRole Role = KeyRole.Operator)
{
    public Guid TenantId => Tenant.Id;

    /// <summary>The front end the request came through; in-process callers default to the command line's conventions.</summary>
    public RequestChannel Channel { get; init; } = CommandLineChannel.Instance;
}
