using System.Buffers.Binary;
using FaceAccord.Core;
using FaceAccord.Storage.Encryption;
using Npgsql;

namespace FaceAccord.Storage.Postgres;

/// <summary>
/// Encryption at rest: the data keys a store was sealed with are recorded in it, so it refuses to open without them;
/// rows sealed with another key (or, after an upgrade, not at all) are re-sealed in batches, each its own transaction,
/// so an interrupted rotation picks up where it stopped. Several nodes share the store, so a write seals with the key the
/// store records as current (read under the write lock), not the one the node opened with: a node given the new key
/// before a rotation on another node keeps writing correctly through it, and one without it refuses to write.
/// </summary>
public sealed partial class PostgresFaceStore : IDataKeyStore
{
    private const string Current = "current";
    private const string Previous = "previous";
    private const string Retired = "retired";

    /// <summary>The id of the key new rows are sealed with.</summary>
    public string DataKeyId => _keys.Current.Id;

    /// <summary>Whether a rotation began and has not finished: a previous key still has rows, or is not yet retired.</summary>
    public bool RotationPending => Read((connection, transaction) =>
    {
        using NpgsqlCommand select = PgCommands.Create(connection, transaction, "SELECT count(*) FROM data_keys WHERE state = 'previous';");
        return (long)select.ExecuteScalar()! > 0;
    });

    /// <summary>Whether rows from before encryption are left unsealed (an index finds them without a scan).</summary>
    public bool HasUnsealedRows() => Read((connection, transaction) => SealedColumn.All.Any(c =>
    {
        using NpgsqlCommand select = PgCommands.Create(connection, transaction, $"SELECT 1 FROM {c.Table} WHERE {c.KeyId} IS NULL LIMIT 1;");
        return select.ExecuteScalar() is not null;
    }));

    /// <summary>
    /// Makes the current key of <paramref name="ring"/> the store's (the one it seals with from now), keeping the keys it
    /// replaces as previous until <see cref="RetirePreviousKeys"/>; the ring must hold every key rows are sealed with.
    /// </summary>
    public void AdoptKeys(DataKeyRing ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        Write((connection, transaction) =>
        {
            foreach (var (id, _) in RegisteredKeys(connection, transaction).Where(k => k.State != Retired))
            {
                if (!ring.Holds(id))
                {
                    throw FaceAccordException.Environment("data-key-mismatch", $"The new keys do not hold data key {id}, which rows of this store are still sealed with.");
                }
            }

            Execute(connection, transaction, "UPDATE data_keys SET state = 'previous' WHERE state = 'current' AND key_id != @id;", ("@id", ring.Current.Id));
            Execute(connection, transaction, "INSERT INTO data_keys (key_id, state, added_at) VALUES (@id, 'current', @at) ON CONFLICT (key_id) DO UPDATE SET state = 'current';",
                ("@id", ring.Current.Id), ("@at", PgCommands.ToStored(_time.GetUtcNow())));
            return true;
        });
        _keys = ring;
    }

    /// <summary>Re-seals up to <paramref name="batch"/> rows not sealed with the current key, in one transaction; how many it did.</summary>
    public int SealPending(int batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        var keys = _keys;
        return Write((connection, transaction) =>
        {
            int done = 0;
            foreach (var column in SealedColumn.All)
            {
                var rows = new List<(object RowId, byte[] Data, byte[]? Seal, string? KeyId)>();
                using (NpgsqlCommand select = PgCommands.Create(
                    connection,
                    transaction,
                    $"SELECT {column.RowId}, {column.Data}, {column.Seal}, {column.KeyId} FROM {column.Table} "
                    + $"WHERE {column.KeyId} IS NULL OR {column.KeyId} != @current LIMIT @limit;"))
                {
                    select.With("@current", keys.Current.Id).With("@limit", batch - done);
                    using NpgsqlDataReader reader = select.ExecuteReader();
                    while (reader.Read())
                    {
                        rows.Add((reader.GetValue(0), reader.GetFieldValue<byte[]>(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2), reader.GetNullableString(3)));
                    }
                }

                foreach (var (rowId, data, seal, keyId) in rows)
                {
                    byte[] id = RowIdBytes(rowId);
                    if (keyId is not null)
                    {
                        keys.Open(keyId, column.Purpose, id, seal!, data);
                    }

                    byte[] newSeal = keys.Seal(column.Purpose, id, data);
                    Execute(connection, transaction, $"UPDATE {column.Table} SET {column.Data} = @data, {column.Seal} = @seal, {column.KeyId} = @key WHERE {column.RowId} = @row;",
                        ("@data", data), ("@seal", newSeal), ("@key", keys.Current.Id), ("@row", rowId));
                }

                done += rows.Count;
                if (done >= batch)
                {
                    break;
                }
            }

            return done;
        });
    }

    /// <summary>
    /// The keys a write seals with: the store's current key, read in <paramref name="transaction"/> (which holds the write
    /// lock, so no rotation moves it meanwhile). Refused (<c>data-key-mismatch</c>) when this node was not given that key.
    /// </summary>
    private DataKeyRing SealingKeys(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        using NpgsqlCommand select = PgCommands.Create(connection, transaction, "SELECT key_id FROM data_keys WHERE state = 'current';");
        string current = (string)select.ExecuteScalar()!;
        var keys = _keys;
        if (string.Equals(keys.Current.Id, current, StringComparison.Ordinal))
        {
            return keys;
        }

        if (!keys.Holds(current))
        {
            throw FaceAccordException.Environment("data-key-mismatch",
                $"The store at {Location.Display} now seals with data key {current} (rotated from another node), which this node's keys do not hold: "
                + "give this node the new key file and restart it.");
        }

        _keys = keys.SealingWith(current);
        return _keys;
    }

    /// <summary>Marks every previous key that no row is sealed with any more as retired; the ids retired.</summary>
    public IReadOnlyList<string> RetirePreviousKeys() => Write((connection, transaction) =>
    {
        var retired = new List<string>();
        foreach (var (id, _) in RegisteredKeys(connection, transaction).Where(k => k.State == Previous))
        {
            bool used = SealedColumn.All.Any(c =>
            {
                using NpgsqlCommand count = PgCommands.Create(connection, transaction, $"SELECT 1 FROM {c.Table} WHERE {c.KeyId} = @id LIMIT 1;");
                count.With("@id", id);
                return count.ExecuteScalar() is not null;
            });
            if (!used)
            {
                Execute(connection, transaction, "UPDATE data_keys SET state = 'retired' WHERE key_id = @id;", ("@id", id));
                retired.Add(id);
            }
        }

        return (IReadOnlyList<string>)retired;
    });

    /// <summary>
    /// The keys to open the store with: the registered ones must all be given (else one clear refusal); a store that
    /// has none registered yet (new, or from before encryption) takes the source's, creating the key file on first use.
    /// </summary>
    private static DataKeyRing OpenKeys(NpgsqlConnection connection, DataKeySource source, string databasePath, TimeProvider time)
    {
        // Under the write lock, so nodes opening a new store together register one key, not one each.
        using var transaction = connection.BeginTransaction();
        LockWriters(connection, transaction);
        var registered = RegisteredKeys(connection, transaction);
        var ring = source.Load();
        if (registered.Count == 0)
        {
            ring ??= source.Create();
            Execute(connection, transaction, "INSERT INTO data_keys (key_id, state, added_at) VALUES (@id, 'current', @at);",
                ("@id", ring.Current.Id), ("@at", PgCommands.ToStored(time.GetUtcNow())));
            transaction.Commit();
            return ring;
        }

        transaction.Commit();
        string current = registered.Single(k => k.State == Current).Id;
        if (ring is null)
        {
            throw FaceAccordException.Environment("data-key-missing",
                $"The store at {databasePath} is encrypted with data key {current}, but {source.Description} does not exist; restore the key file from its backup (or point ${DataKeySource.FileVariable} at it).");
        }

        string? missing = registered.Where(k => k.State != Retired).Select(k => k.Id).FirstOrDefault(id => !ring.Holds(id));
        return missing is null ? ring.SealingWith(current) : throw FaceAccordException.Environment("data-key-mismatch",
            $"The store at {databasePath} is encrypted with data key {missing}, which {source.Description} does not hold; use the key file this store was created with.");
    }

    private static List<(string Id, string State)> RegisteredKeys(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        using NpgsqlCommand select = PgCommands.Create(connection, transaction, "SELECT key_id, state FROM data_keys ORDER BY added_at;");
        using NpgsqlDataReader reader = select.ExecuteReader();
        var keys = new List<(string, string)>();
        while (reader.Read())
        {
            keys.Add((reader.GetString(0), reader.GetString(1)));
        }

        return keys;
    }

    /// <summary>The row id a face image's seal is bound to: its face's integer key, 8 bytes little-endian.</summary>
    private static byte[] ImageRowId(long faceKey)
    {
        byte[] id = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(id, faceKey);
        return id;
    }

    private static byte[] RowIdBytes(object rowId) => rowId switch
    {
        byte[] blob => blob,
        Guid id => id.ToByteArray(),
        long key => ImageRowId(key),
        _ => throw new InvalidOperationException($"A sealed row's id is a {rowId.GetType().Name}."),
    };

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using NpgsqlCommand command = PgCommands.Create(connection, transaction, sql);
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }

        command.ExecuteNonQuery();
    }
}
