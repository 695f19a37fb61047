using FaceAccord.Core;
using Npgsql;

namespace FaceAccord.Storage.Postgres;

/// <summary>
/// Brings a database up to the schema this code knows, one migration per transaction under an advisory lock (nodes
/// starting together wait for each other instead of applying a step twice), and refuses a database written by newer
/// code rather than guessing at tables it does not understand.
/// </summary>
internal static class PgSchemaMigrator
{
    private const int MigrationLockKey = 0x46416D67;

    private const string CreateLedger =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL);";

    /// <summary>Applies every migration newer than the database's version; returns the version reached.</summary>
    public static int Migrate(NpgsqlConnection connection, IReadOnlyList<SchemaMigration> migrations, TimeProvider time, string display)
    {
        int latest = migrations[^1].Version;
        using (NpgsqlTransaction ledger = connection.BeginTransaction())
        {
            Execute(connection, ledger, "SELECT pg_advisory_xact_lock(@key, hashtext(current_schema()));", MigrationLockKey);
            Execute(connection, ledger, CreateLedger, null);
            ledger.Commit();
        }

        int current = CurrentVersion(connection, null);
        RefuseIfTooNew(current, latest, display);
        foreach (SchemaMigration migration in migrations.Where(m => m.Version > current))
        {
            using NpgsqlTransaction transaction = connection.BeginTransaction();
            Execute(connection, transaction, "SELECT pg_advisory_xact_lock(@key, hashtext(current_schema()));", MigrationLockKey);
            current = CurrentVersion(connection, transaction);
            RefuseIfTooNew(current, latest, display);
            if (current >= migration.Version)
            {
                continue;
            }

            try
            {
                Execute(connection, transaction, migration.Sql, null);
                using (NpgsqlCommand record = PgCommands.Create(connection, transaction, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at);"))
                {
                    record.With("@version", migration.Version).With("@name", migration.Name).With("@at", time.GetUtcNow().UtcTicks);
                    record.ExecuteNonQuery();
                }

                transaction.Commit();
            }
            catch (PostgresException ex) when (ex.SqlState is not ("28P01" or "28000" or "3D000") && !(ex.MessageText.Contains("vector", StringComparison.OrdinalIgnoreCase) && ex.SqlState is "0A000" or "58P01"))
            {
                throw FaceAccordException.Environment(
                    "store-migration-failed",
                    $"Schema migration {migration.Name} failed on {display}; the database was left at version {current}: {ex.MessageText}",
                    ex);
            }

            current = migration.Version;
        }

        return current;
    }

    public static int CurrentVersion(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        using NpgsqlCommand command = PgCommands.Create(connection, transaction, "SELECT coalesce(max(version), 0) FROM schema_migrations;");
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, int? key)
    {
        using NpgsqlCommand command = PgCommands.Create(connection, transaction, sql);
        if (key is { } k)
        {
            command.With("@key", k);
        }

        command.ExecuteNonQuery();
    }

    private static void RefuseIfTooNew(int current, int latest, string display)
    {
        if (current > latest)
        {
            throw FaceAccordException.Environment(
                "store-too-new",
                $"The store at {display} is at schema version {current}, but this FaceAccord knows only up to {latest}; upgrade FaceAccord to open it.");
        }
    }
}
