using System.Security.Cryptography;
using System.Text;
using FaceAccord.Core;

namespace FaceAccord.Storage.Encryption;

/// <summary>
/// The data keys a store may read with, one of them the key new rows are sealed with. Sealing is AES-256-GCM: the
/// ciphertext has the plaintext's length and is stored in place, the 12-byte nonce and 16-byte tag beside it, and the
/// associated data names the column's purpose and the row's id, so a sealed value moved to another row or column no
/// longer opens.
/// </summary>
public sealed class DataKeyRing
{
    public const int NonceLength = 12;
    public const int TagLength = 16;

    /// <summary>Length of the nonce and tag kept beside a sealed value.</summary>
    public const int SealLength = NonceLength + TagLength;

    private readonly Dictionary<string, DataKey> _keys;

    public DataKeyRing(DataKey current, IEnumerable<DataKey>? others = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        Current = current;
        _keys = new Dictionary<string, DataKey>(StringComparer.Ordinal) { [current.Id] = current };
        foreach (var key in others ?? [])
        {
            _keys.TryAdd(key.Id, key);
        }
    }

    /// <summary>The key this ring seals with.</summary>
    public DataKey Current { get; }

    public IReadOnlyCollection<DataKey> Keys => _keys.Values;

    public bool Holds(string keyId) => _keys.ContainsKey(keyId);

    /// <summary>This ring sealing with <paramref name="keyId"/> (which it must hold), keeping every key to read with.</summary>
    public DataKeyRing SealingWith(string keyId) =>
        new(_keys.TryGetValue(keyId, out var key) ? key : throw new ArgumentException($"The ring holds no key {keyId}.", nameof(keyId)), _keys.Values);

    /// <summary>Encrypts <paramref name="data"/> in place with the current key; returns the seal (nonce and tag).</summary>
    public byte[] Seal(string purpose, ReadOnlySpan<byte> rowId, Span<byte> data)
    {
        byte[] seal = new byte[SealLength];
        RandomNumberGenerator.Fill(seal.AsSpan(0, NonceLength));
        using var gcm = new AesGcm(Current.Key, TagLength);
        gcm.Encrypt(seal.AsSpan(0, NonceLength), data, data, seal.AsSpan(NonceLength), Associated(purpose, rowId));
        return seal;
    }

    /// <summary>Decrypts <paramref name="data"/> in place; <c>data-unreadable</c> when the key is unknown or the row was altered or moved.</summary>
    public void Open(string keyId, string purpose, ReadOnlySpan<byte> rowId, ReadOnlySpan<byte> seal, Span<byte> data)
    {
        if (!_keys.TryGetValue(keyId, out var key))
        {
            throw FaceAccordException.Environment("data-key-missing", $"A row is sealed with data key {keyId}, which is not among the keys given to this store.");
        }

        if (seal.Length != SealLength)
        {
            throw FaceAccordException.Environment("data-unreadable", $"A sealed {purpose} has a seal of {seal.Length} bytes, not {SealLength}.");
        }

        try
        {
            using var gcm = new AesGcm(key.Key, TagLength);
            gcm.Decrypt(seal[..NonceLength], data, seal[NonceLength..], data, Associated(purpose, rowId));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw FaceAccordException.Environment("data-unreadable", $"A sealed {purpose} does not open: it was altered, or moved from another row.", e);
        }
    }

    private static byte[] Associated(string purpose, ReadOnlySpan<byte> rowId) => [.. Encoding.UTF8.GetBytes($"faceaccord/{purpose}/"), .. rowId];
}
