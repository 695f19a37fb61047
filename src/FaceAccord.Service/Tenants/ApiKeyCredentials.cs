using System.Security.Cryptography;
using System.Text;
using FaceAccord.Storage;

namespace FaceAccord.Service.Tenants;

/// <summary>
/// API keys of the form <c>fa_&lt;keyId&gt;_&lt;secret&gt;</c>: the key id finds the record, the 256-bit random
/// secret is checked against a salted SHA-256 hash. A slow password hash buys nothing for secrets of this
/// entropy and would cost every request; the salt keeps equal secrets from sharing a hash.
/// </summary>
public static class ApiKeyCredentials
{
    private const string Prefix = "fa_";

    /// <summary>A new key: the record to store and the secret string handed to the tenant once.</summary>
    public static (ApiKeyRecord Record, string ApiKey) Issue(Guid tenantId, DateTimeOffset now, string role)
    {
        string keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        string secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        var record = new ApiKeyRecord(keyId, tenantId, salt, Hash(salt, secret), now, null, role);
        return (record, $"{Prefix}{keyId}_{secret}");
    }

    /// <summary>Splits a presented key; null when it is not shaped like one of ours.</summary>
    public static (string KeyId, string Secret)? Parse(string? presented)
    {
        if (presented is null || !presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.Length > 128)
        {
            return null;
        }

        int sep = presented.IndexOf('_', Prefix.Length);
        if (sep <= Prefix.Length || sep == presented.Length - 1)
        {
            return null;
        }

        return (presented[Prefix.Length..sep], presented[(sep + 1)..]);
    }

    /// <summary>True when the secret matches the stored hash and the key is not revoked; constant time in the secret.</summary>
    public static bool Verify(ApiKeyRecord record, string secret)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.RevokedAt is null && CryptographicOperations.FixedTimeEquals(Hash(record.Salt, secret), record.SecretHash);
    }

    private static byte[] Hash(byte[] salt, string secret)
    {
        byte[] text = Encoding.UTF8.GetBytes(secret);
        byte[] input = new byte[salt.Length + text.Length];
        salt.CopyTo(input, 0);
        text.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
