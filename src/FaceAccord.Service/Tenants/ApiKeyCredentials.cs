using System.Security.Cryptography;
using System.Text;
using FaceAccord.Core;
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
    public static (ApiKeyRecord Record, string ApiKey) Issue(Guid tenantId, DateTimeOffset now, KeyRole role, DateTimeOffset? expiresAt = null)
    {
        string keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        string secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        var record = new ApiKeyRecord(keyId, tenantId, salt, Hash(salt, secret), now, null, role, expiresAt);
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

    /// <summary>
    /// True when the secret matches the stored hash; compared in constant time, and an unknown key (null) costs the
    /// same hash and comparison, so timing tells nothing about which key ids exist or how much of a secret was right.
    /// Whether the key is still usable (revoked, expired) is the caller's separate question.
    /// </summary>
    public static bool Matches(ApiKeyRecord? record, string secret)
    {
        byte[] computed = Hash(record?.Salt ?? UnknownKeySalt, secret);
        bool equal = CryptographicOperations.FixedTimeEquals(computed, record?.SecretHash ?? UnknownKeyHash);
        return record is not null && equal;
    }

    // Stand-ins hashed and compared for a key id nobody holds, so refusing it takes as long as refusing a wrong secret.
    private static readonly byte[] UnknownKeySalt = RandomNumberGenerator.GetBytes(16);
    private static readonly byte[] UnknownKeyHash = RandomNumberGenerator.GetBytes(32);

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
