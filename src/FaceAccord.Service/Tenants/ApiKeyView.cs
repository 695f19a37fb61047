using FaceAccord.Storage;

namespace FaceAccord.Service.Tenants;

/// <summary>A key as its tenant's administrator sees it: never the secret or its hash.</summary>
public sealed record ApiKeyView(string KeyId, string Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyView From(ApiKeyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ApiKeyView(record.KeyId, record.Role, record.CreatedAt, record.RevokedAt);
    }
}
