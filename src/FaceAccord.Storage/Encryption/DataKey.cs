using System.Security.Cryptography;
using System.Text;

namespace FaceAccord.Storage.Encryption;

/// <summary>
/// One AES-256 key for data at rest, named by an id derived from the key itself, so a store can say which key sealed a
/// row and a key file can be checked against the store without revealing the key.
/// </summary>
public sealed class DataKey
{
    public const int Length = 32;

    public DataKey(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != Length)
        {
            throw new ArgumentException($"A data key has {Length} bytes, not {key.Length}.", nameof(key));
        }

        Key = key;
        byte[] digest = SHA256.HashData([.. Encoding.UTF8.GetBytes("faceaccord-data-key/"), .. key]);
        Id = Convert.ToHexStringLower(digest.AsSpan(0, 8));
    }

    public string Id { get; }

    internal byte[] Key { get; }

    public static DataKey Generate() => new(RandomNumberGenerator.GetBytes(Length));
}
