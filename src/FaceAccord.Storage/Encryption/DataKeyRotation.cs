using FaceAccord.Core;

namespace FaceAccord.Storage.Encryption;

/// <summary>
/// Replaces a store's data key: a new key is written into the key file beside the old one, the store adopts it, every
/// row is re-sealed in batches (each a transaction of its own), then the old key is dropped from the file and retired.
/// Interrupted at any point, running it again finishes the same rotation instead of starting another. On a store several
/// nodes share, <see cref="Prepare"/> first puts the new key into the file beside the old one without using it, so the
/// file can be given to every node (restarted with it) before the rotation makes the store seal with it.
/// </summary>
public static class DataKeyRotation
{
    /// <summary>What a rotation did: the key replaced, the key now in use, and how many rows were re-sealed.</summary>
    public sealed record Result(string From, string To, long Resealed, bool Resumed);

    /// <summary>
    /// Writes a new key into the key file in front of the store's current one, which stays in use until <see cref="Run"/>;
    /// a file that already holds a key the store does not use yet is left as it is. The key that <see cref="Run"/> will adopt.
    /// </summary>
    public static string Prepare(IDataKeyStore store, DataKeySource source)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(source);
        var ring = source.Load() ?? throw FaceAccordException.Environment("data-key-missing", $"{source.Description} holds no key.");
        if (ring.Current.Id != store.DataKeyId)
        {
            return ring.Current.Id;
        }

        if (source.File is null)
        {
            throw FaceAccordException.BadInput("data-key-in-environment",
                $"The data keys come from ${DataKeySource.KeyVariable}: put a new base64 key first in it and keep the current one after it.");
        }

        var prepared = new DataKeyRing(DataKey.Generate(), ring.Keys);
        source.Save(prepared);
        return prepared.Current.Id;
    }

    public static Result Run(IDataKeyStore store, DataKeySource source, int batch = 500, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(source);
        string from = store.DataKeyId;
        var ring = source.Load() ?? throw FaceAccordException.Environment("data-key-missing", $"{source.Description} holds no key.");

        // A rotation already under way (a new key in the file, or rows still under a previous key) is finished, not restarted.
        bool resumed = ring.Current.Id != from || store.RotationPending;
        if (!resumed)
        {
            if (source.File is null)
            {
                throw FaceAccordException.BadInput("data-key-in-environment",
                    $"The data keys come from ${DataKeySource.KeyVariable}: put a new base64 key first in it, keep the current one after it, and run this again.");
            }

            ring = new DataKeyRing(DataKey.Generate(), ring.Keys);
            source.Save(ring);
        }

        store.AdoptKeys(ring);
        long resealed = 0;
        for (int done; (done = store.SealPending(batch)) > 0;)
        {
            resealed += done;
            progress?.Invoke(resealed);
        }

        // The file forgets the old keys before the store retires them: a crash between leaves a retired-to-be key no row needs.
        if (source.File is not null)
        {
            source.Save(new DataKeyRing(ring.Current));
        }

        store.RetirePreviousKeys();
        return new Result(from, ring.Current.Id, resealed, resumed);
    }
}
