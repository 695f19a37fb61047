namespace FaceAccord.Service.Tenants;

/// <summary>
/// A key just issued: <see cref="ApiKey"/> is the secret, shown this once (only a salted hash is kept);
/// <see cref="ExpiresAt"/> null: it does not expire.
/// </summary>
public sealed record IssuedKey(string KeyId, string Role, string ApiKey, DateTimeOffset? ExpiresAt = null);
