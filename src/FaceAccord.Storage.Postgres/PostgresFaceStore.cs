using FaceAccord.Core;
using FaceAccord.Storage.Encryption;
using Npgsql;

namespace FaceAccord.Storage.Postgres;

/// <summary>
/// The shared store: one PostgreSQL database with pgvector, which several FaceAccord nodes use at once. Every write
/// transaction takes one transaction-scoped advisory lock first, so writers are serialised across all nodes exactly as
/// SQLite serialises them within one machine (a check-then-insert never races, and the audit chain has one head);
/// reads run in parallel on pooled connections and see every committed write of every node.
/// </summary>
public sealed partial class PostgresFaceStore : IFaceAccordStore
{
    /// <summary>
    /// The advisory lock every write transaction holds: this class ("FAcc" in ASCII) and the schema the store lives in, so
    /// every node on one store shares it and two stores in separate schemas of one database do not.
    /// </summary>
    internal const int WriteLockClass = 0x46416363;

    /// <summary>The advisory lock class of the retention sweeper's turn ("FASw"), apart from the writers' lock.</summary>
    internal const int SweeperLockClass = 0x46415377;

    private readonly NpgsqlDataSource _source;
    private readonly TimeProvider _time;

    // The unit of work open on the calling flow, which every store call on that flow joins.
    private readonly AsyncLocal<PostgresUnitOfWork?> _unit = new();

    // The keys rows are sealed and opened with; replaced whole when a rotation adopts a new key.
    private DataKeyRing _keys;

    private PostgresFaceStore(PostgresLocation location, NpgsqlDataSource source, TimeProvider time, int schemaVersion, DataKeyRing keys)
    {
        Location = location;
        _source = source;
        _time = time;
        SchemaVersion = schemaVersion;
        _keys = keys;
        ExactSearchBelowFaces = location.ExactSearchBelowFaces;
    }

    /// <summary>The schema version this code creates and understands.</summary>
    public static int LatestSchemaVersion => PgSchemaMigrations.Latest;

    /// <summary>Where the store is, for messages: never the password.</summary>
    public PostgresLocation Location { get; }

    /// <summary>Where the store is, for messages (<see cref="PostgresLocation.Display"/>).</summary>
    public string DatabasePath => Location.Display;

    /// <summary>The schema version of the open database (always <see cref="LatestSchemaVersion"/> after a successful open).</summary>
    public int SchemaVersion { get; }

    /// <summary>
    /// Connects to the database at <paramref name="location"/>, creates the pgvector extension and applies pending
    /// migrations. Throws FaceAccordException (Environment) <c>store-too-new</c>, <c>store-migration-failed</c>,
    /// <c>store-unavailable</c> (unreachable, refused login, no pgvector), each naming the store without its password.
    /// </summary>
    public static PostgresFaceStore Open(PostgresLocation location, DataKeySource keys, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(keys);
        TimeProvider time = timeProvider ?? TimeProvider.System;
        NpgsqlDataSource? source = null;
        try
        {
            var builder = new NpgsqlDataSourceBuilder(location.ConnectionString);
            builder.UseVector();
            source = builder.Build();
            int version;
            DataKeyRing ring;
            using (NpgsqlConnection connection = source.OpenConnection())
            {
                version = PgSchemaMigrator.Migrate(connection, PgSchemaMigrations.All, time, location.Display);
            }

            // The extension's types are known to the connection only after it exists: reload them once it does.
            source.Dispose();
            source = null;
            builder = new NpgsqlDataSourceBuilder(location.ConnectionString);
            builder.UseVector();
            source = builder.Build();
            using (NpgsqlConnection connection = source.OpenConnection())
            {
                ring = OpenKeys(connection, keys, location.Display, time);
            }

            var store = new PostgresFaceStore(location, source, time, version, ring);
            source = null;
            return store;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            throw Unavailable(location, ex);
        }
        finally
        {
            source?.Dispose();
        }
    }

    /// <summary>The one-line refusal for a store that cannot be reached or used, naming which without the password.</summary>
    internal static FaceAccordException Unavailable(PostgresLocation location, Exception ex)
    {
        string why = ex switch
        {
            PostgresException { SqlState: "28P01" or "28000" } => "the user name or password was refused",
            PostgresException { SqlState: "3D000" } => "the database does not exist",
            PostgresException { SqlState: "0A000" or "58P01" } p when p.MessageText.Contains("vector", StringComparison.OrdinalIgnoreCase) =>
                "the pgvector extension is not installed on the server",
            PostgresException p => p.MessageText,
            NpgsqlException { InnerException: System.Net.Sockets.SocketException s } => $"the server cannot be reached ({s.SocketErrorCode})",
            NpgsqlException { InnerException: TimeoutException } or TimeoutException => "the server did not answer in time",
            _ => ex.Message,
        };
        return FaceAccordException.Environment("store-unavailable", $"The store at {location.Display} cannot be used: {location.Redact(why)}", ex);
    }

    public IStoreTransaction Begin()
    {
        if (_unit.Value is { } open)
        {
            return open.Join();
        }

        var unit = new PostgresUnitOfWork(_source, Location, () => _unit.Value = null);
        _unit.Value = unit;
        return unit;
    }

    public void Dispose() => _source.Dispose();

    /// <summary>Takes the store's write lock in <paramref name="transaction"/>; released when it commits or rolls back.</summary>
    internal static void LockWriters(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        using NpgsqlCommand command = PgCommands.Create(connection, transaction, "SELECT pg_advisory_xact_lock(@class, hashtext(current_schema()));");
        command.With("@class", WriteLockClass);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the open unit of work, or else in one transaction of its own holding the write
    /// lock: committed whole, or rolled back on any exception.
    /// </summary>
    private T Write<T>(Func<NpgsqlConnection, NpgsqlTransaction, T> work)
    {
        if (_unit.Value is { } unit)
        {
            try
            {
                var (connection, transaction) = unit.Writer();
                return work(connection, transaction);
            }
            catch (Exception ex) when (IsConnectionLoss(ex))
            {
                throw Unavailable(Location, ex);
            }
        }

        try
        {
            using NpgsqlConnection own = Connect();
            using NpgsqlTransaction ownTransaction = own.BeginTransaction();
            LockWriters(own, ownTransaction);
            T result = work(own, ownTransaction);
            ownTransaction.Commit();
            return result;
        }
        catch (Exception ex) when (IsConnectionLoss(ex))
        {
            throw Unavailable(Location, ex);
        }
    }

    /// <summary>Reads on the open unit of work's transaction once it has written (so it sees its own writes), else on a pooled connection.</summary>
    private T Read<T>(Func<NpgsqlConnection, NpgsqlTransaction?, T> work)
    {
        try
        {
            if (_unit.Value?.Current is { } joined)
            {
                return work(joined.Connection, joined.Transaction);
            }

            using NpgsqlConnection connection = Connect();
            return work(connection, null);
        }
        catch (Exception ex) when (IsConnectionLoss(ex))
        {
            throw Unavailable(Location, ex);
        }
    }

    /// <summary>
    /// A failure of the database rather than of the request: the connection broke or timed out, or the server is
    /// shutting down or starting (SQLSTATE classes 08 and 57P). Reported as <c>store-unavailable</c> (503), never a 500;
    /// the pool reconnects on the next request once the server is back. A write that failed so was not acknowledged.
    /// </summary>
    internal static bool IsConnectionLoss(Exception ex) => ex switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException => true,
        TimeoutException => true,
        _ => false,
    };

    /// <summary>A pooled connection; a database that cannot be reached is <c>store-unavailable</c>, never a raw driver error.</summary>
    private NpgsqlConnection Connect()
    {
        try
        {
            return _source.OpenConnection();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw Unavailable(Location, ex);
        }
    }

    // Erasure on PostgreSQL: the deleted rows are gone for every reader once committed; VACUUM reclaims the pages.
    private static void EraseFromLog()
    {
    }
}
