using Npgsql;

namespace FaceAccord.Storage.Postgres;

/// <summary>
/// The retention sweeper's advisory lock, held by the session of <paramref name="connection"/>: released and the
/// connection returned to the pool on dispose. A connection that broke meanwhile ended its session, which released it.
/// </summary>
internal sealed class SweeperTurn(NpgsqlConnection connection) : IDisposable
{
    public void Dispose()
    {
        try
        {
            using NpgsqlCommand release = PgCommands.Create(connection, null, "SELECT pg_advisory_unlock(@class, hashtext(current_schema()));");
            release.With("@class", PostgresFaceStore.SweeperLockClass);
            release.ExecuteNonQuery();
        }
        catch (Exception ex) when (PostgresFaceStore.IsConnectionLoss(ex))
        {
            // The session is gone, and the lock with it.
        }
        finally
        {
            connection.Dispose();
        }
    }
}
