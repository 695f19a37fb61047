using FaceAccord.Core;
using Microsoft.Data.Sqlite;

namespace FaceAccord.Storage;

/// <summary>
/// Brings a database up to the schema this code knows, one migration per transaction, and refuses a
/// database written by newer code rather than guessing at tables it does not understand.
/// </summary>
internal static class SchemaMigrator
{
    private const string CreateLedger =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT;";

    /// <summary>Applies every migration newer than the database's version; returns the version reached.</summary>
    public static int Migrate(SqliteConnection connection, IReadOnlyList<SchemaMigration> migrations, TimeProvider time, string databasePath)
    {
        int latest = migrations[^1].Version;
        using (SqliteCommand create = SqliteCommands.Create(connection, null, CreateLedger))
        {
            create.ExecuteNonQuery();
        }

        int current = CurrentVersion(connection, null);
        RefuseIfTooNew(current, latest, databasePath);
        foreach (SchemaMigration migration in migrations)
        {
            if (migration.Version <= current)
            {
                continue;
            }

            // BEGIN IMMEDIATE: another process opening the same file waits here instead of applying the step twice.
            using SqliteTransaction transaction = connection.BeginTransaction();
            current = CurrentVersion(connection, transaction);
            RefuseIfTooNew(current, latest, databasePath);
            if (current >= migration.Version)
            {
                continue;
            }

            try
            {
                using (SqliteCommand apply = SqliteCommands.Create(connection, transaction, migration.Sql))
                {
                    apply.ExecuteNonQuery();
                }

                using (SqliteCommand record = SqliteCommands.Create(
                    connection,
                    transaction,
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $at);"))
                {
                    record.With("$version", migration.Version).With("$name", migration.Name).With("$at", time.GetUtcNow().UtcTicks);
                    record.ExecuteNonQuery();
                }

                transaction.Commit();
            }
            catch (SqliteException ex)
            {
                throw FaceAccordException.Environment(
                    "store-migration-failed",
                    $"Schema migration {migration.Name} failed on {databasePath}; the database was left at version {current}: {ex.Message}",
                    ex);
            }

            current = migration.Version;
        }

        return current;
    }

    /// <summary>The highest applied version, 0 for an empty database.</summary>
    public static int CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using SqliteCommand command = SqliteCommands.Create(connection, transaction, "SELECT coalesce(max(version), 0) FROM schema_migrations;");
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void RefuseIfTooNew(int current, int latest, string databasePath)
    {
        if (current > latest)
        {
            throw FaceAccordException.Environment(
                "store-too-new",
                $"The store at {databasePath} is at schema version {current}, but this FaceAccord knows only up to {latest}; upgrade FaceAccord to open it.");
        }
    }
}
