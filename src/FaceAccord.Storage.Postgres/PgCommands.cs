using Npgsql;

namespace FaceAccord.Storage.Postgres;

/// <summary>Small helpers that keep SQL call sites to one line each: commands bound to a transaction, parameters, times.</summary>
internal static class PgCommands
{
    public static NpgsqlCommand Create(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
#pragma warning disable CA2100 // Every statement is a constant of this assembly; values travel only as parameters.
        return new NpgsqlCommand(sql, connection, transaction);
#pragma warning restore CA2100
    }

    /// <summary>Binds a parameter; null becomes SQL NULL (typed by the column it meets).</summary>
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name.TrimStart('@'), value ?? DBNull.Value);
        return command;
    }

    /// <summary>Times are stored as UTC ticks, as in the SQLite store: exact, compact, ordered, and copied unchanged.</summary>
    public static long ToStored(DateTimeOffset time) => time.UtcTicks;

    public static DateTimeOffset GetTime(this NpgsqlDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static DateTimeOffset? GetNullableTime(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetTime(ordinal);

    public static string? GetNullableString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static Guid? GetNullableGuid(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);
}
