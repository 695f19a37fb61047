namespace FaceAccord.Storage.Encryption;

/// <summary>A store whose templates and images are sealed with data keys, and which <see cref="DataKeyRotation"/> re-seals.</summary>
public interface IDataKeyStore
{
    /// <summary>Where the store is, for messages (never a password); its default key file sits beside a SQLite store's path.</summary>
    string DatabasePath { get; }

    /// <summary>The id of the key new rows are sealed with.</summary>
    string DataKeyId { get; }

    /// <summary>Whether a rotation began and has not finished: a previous key still has rows, or is not yet retired.</summary>
    bool RotationPending { get; }

    /// <summary>Makes the ring's current key the store's, keeping the keys it replaces as previous until retired.</summary>
    void AdoptKeys(DataKeyRing ring);

    /// <summary>Re-seals up to <paramref name="batch"/> rows not sealed with the current key, in one transaction; how many it did.</summary>
    int SealPending(int batch);

    /// <summary>Marks every previous key that no row is sealed with any more as retired; the ids retired.</summary>
    IReadOnlyList<string> RetirePreviousKeys();
}
