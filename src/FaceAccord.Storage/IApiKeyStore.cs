namespace FaceAccord.Storage;

/// <summary>API keys of tenants, kept as salted hashes; keys are revoked, never deleted, so the audit log's key ids keep their meaning.</summary>
public interface IApiKeyStore
{
    /// <summary>Refuses a key id already in use (<c>api-key-exists</c>) and an unknown tenant (<c>tenant-not-found</c>).</summary>
    void AddApiKey(ApiKeyRecord key);

    ApiKeyRecord? FindApiKey(string keyId);

    /// <summary>The tenant's keys, revoked ones included, oldest first.</summary>
    IReadOnlyList<ApiKeyRecord> ListApiKeys(Guid tenantId);

    /// <summary>
    /// Revokes the tenant's key at <paramref name="at"/> and returns it; a key revoked before keeps its first revocation
    /// time. Null when the tenant has no such key.
    /// </summary>
    ApiKeyRecord? RevokeApiKey(Guid tenantId, string keyId, DateTimeOffset at);

    /// <summary>
    /// Makes the tenant's key expire at <paramref name="notAfter"/> unless it expires sooner, recording the key that
    /// replaces it, and returns it; null when the tenant has no such key.
    /// </summary>
    ApiKeyRecord? LimitApiKeyExpiry(Guid tenantId, string keyId, DateTimeOffset notAfter, string? replacedBy);
}
