namespace FaceAccord.Tests.Shared;

/// <summary>
/// Looks for raw bytes in a SQLite database file and its write-ahead log, so a deletion test can prove that an image
/// or template is gone from the disk and not only from query results. Linked as source into the test projects that
/// need it (the storage tests must not depend on the pipeline-laden test-support project).
/// </summary>
internal static class DatabaseBytes
{
    /// <summary>True when <paramref name="pattern"/> occurs in the database file or its <c>-wal</c> file.</summary>
    public static bool OnDisk(string databasePath, byte[] pattern) =>
        Contains(databasePath, pattern) || Contains(databasePath + "-wal", pattern);

    /// <summary>The bytes a template is stored as: one IEEE half per dimension, little-endian.</summary>
    public static byte[] HalfBytes(float[] template)
    {
        var bytes = new byte[template.Length * 2];
        for (int i = 0; i < template.Length; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 2), (Half)template[i]);
        }

        return bytes;
    }

    /// <summary>
    /// The bytes a column holds for one row as the file stores them (sealed, for templates and images), read past the
    /// store, so a test can look for what really is on disk.
    /// </summary>
    public static byte[] Stored(string databasePath, string sql, object id)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Test-owned constant SQL; the id travels as a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Parameters.AddWithValue("$id", id is Guid g ? g.ToByteArray() : id);
        return (byte[])command.ExecuteScalar()!;
    }

    private static bool Contains(string path, byte[] pattern)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        // Shared read: the store still has the file open.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.GetBuffer().AsSpan(0, (int)copy.Length).IndexOf(pattern) >= 0;
    }
}
