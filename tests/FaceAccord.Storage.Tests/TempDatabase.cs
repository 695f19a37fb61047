using Microsoft.Data.Sqlite;

namespace FaceAccord.Storage.Tests;

/// <summary>A database file in its own temporary folder, removed with everything beside it when the test ends.</summary>
public sealed class TempDatabase : TestStore
{
    public TempDatabase()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "faceaccord-storage-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, "faceaccord.db");
    }

    public string Directory { get; }

    public string Path { get; }

    public SqliteFaceStore Open() => SqliteFaceStore.Open(Path);

    public override IFaceAccordStore Open(TimeProvider? clock = null) => SqliteFaceStore.Open(Path, clock);

    /// <summary>A plain connection, bypassing the store, to look at what really is in the file.</summary>
    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public override long Scalar(string sql)
    {
        using SqliteConnection connection = OpenRaw();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public override int Execute(string sql)
    {
        using SqliteConnection connection = OpenRaw();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test over it is not.
        }
    }
}
