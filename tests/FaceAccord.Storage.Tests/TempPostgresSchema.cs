using FaceAccord.Storage.Encryption;
using FaceAccord.Storage.Postgres;
using FaceAccord.Tests.Shared;

namespace FaceAccord.Storage.Tests;

/// <summary>A schema of its own on the test PostgreSQL server, with its data key in a temporary folder; dropped at the end.</summary>
public sealed class TempPostgresSchema : TestStore
{
    private readonly string _schema;
    private readonly string _keyDirectory;

    public TempPostgresSchema()
    {
        ConnectionString = PostgresTestServer.CreateSchema(out _schema);
        _keyDirectory = Path.Combine(Path.GetTempPath(), "faceaccord-storage-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_keyDirectory);
    }

    /// <summary>The schema's connection string (its search path first).</summary>
    public string ConnectionString { get; }

    /// <summary>Where the data key lives, as a data directory's faceaccord.db path (the key file sits beside it).</summary>
    public string KeyPath => Path.Combine(_keyDirectory, "faceaccord.db");

    public override IFaceAccordStore Open(TimeProvider? clock = null) => OpenPostgres(clock);

    public PostgresFaceStore OpenPostgres(TimeProvider? clock = null) =>
        PostgresFaceStore.Open(PostgresLocation.Parse(ConnectionString), DataKeySource.FromFile(Path.Combine(_keyDirectory, DataKeySource.DefaultFileName)), clock);

    public override long Scalar(string sql) => PostgresTestServer.Scalar(ConnectionString, sql);

    public override int Execute(string sql)
    {
        using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return command.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        PostgresTestServer.DropSchema(_schema);
        try
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
