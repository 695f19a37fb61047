using Microsoft.Data.Sqlite;

namespace FaceAccord.Storage;

/// <summary>Small helpers that keep SQL call sites to one line each: commands bound to a transaction, parameters, times.</summary>
internal static class SqliteCommands
{
    /// <summary>A command on the connection, enlisted in the transaction when there is one (SQLite requires it).</summary>
    public static SqliteCommand Create(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Every statement is a constant of this assembly; values travel only as parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }

    /// <summary>Binds a parameter; null becomes SQL NULL and a Guid its 16 bytes (the driver would bind 36 characters of text).</summary>
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value switch
        {
            null => DBNull.Value,
            Guid id => id.ToByteArray(),
            _ => value,
        });
        return command;
    }

    /// <summary>Times are stored as UTC ticks: exact, compact and ordered.</summary>
    public static long ToStored(DateTimeOffset time) => time.UtcTicks;

    public static DateTimeOffset GetTime(this SqliteDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static DateTimeOffset? GetNullableTime(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetTime(ordinal);

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static Guid? GetNullableGuid(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);
}
