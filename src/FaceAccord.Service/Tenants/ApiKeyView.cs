using FaceAccord.Core;
using FaceAccord.Storage;

namespace FaceAccord.Service.Tenants;

/// <summary>A key as its tenant's administrator sees it: never the secret or its hash.</summary>
public sealed record ApiKeyView(string KeyId, string Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? ExpiresAt = null, string? ReplacedBy = null)
{
    public static ApiKeyView From(ApiKeyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ApiKeyView(record.KeyId, record.Role.Name(), record.CreatedAt, record.RevokedAt, record.ExpiresAt, record.ReplacedBy);
    }
}
