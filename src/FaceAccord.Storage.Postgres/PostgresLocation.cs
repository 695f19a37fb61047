using FaceAccord.Core;
using Npgsql;

namespace FaceAccord.Storage.Postgres;

/// <summary>
/// Where a PostgreSQL store is: a <c>postgresql://user:password@host:port/database</c> URI or an Npgsql key=value
/// connection string, turned into the connection string the driver uses. <see cref="Display"/> names the store for
/// logs, errors and the audit log and never holds the password.
/// </summary>
public sealed class PostgresLocation
{
    /// <summary>Connections a node opens at most unless the store names <c>Maximum Pool Size</c> (or <c>pool</c>) itself.</summary>
    public const int DefaultPoolSize = 20;

    /// <summary>Seconds a connection attempt or a command waits before the store is reported unavailable.</summary>
    public const int DefaultTimeoutSeconds = 5;

    /// <summary>
    /// Faces a gallery holds at least before its searches go through the HNSW index rather than an exact scan, unless the
    /// URI sets <c>?exact_search_below=N</c> (bench/pgsearch measured the crossing point; docs/scale-out.md).
    /// </summary>
    public const int DefaultExactSearchBelowFaces = 40_000;

    private const string ExactSearchBelowOption = "exact_search_below";

    private readonly string? _password;

    private PostgresLocation(NpgsqlConnectionStringBuilder builder, int exactSearchBelowFaces)
    {
        ExactSearchBelowFaces = exactSearchBelowFaces;
        _password = string.IsNullOrEmpty(builder.Password) ? null : builder.Password;
        ConnectionString = builder.ConnectionString;
        Display = $"postgresql://{(string.IsNullOrEmpty(builder.Username) ? string.Empty : builder.Username + "@")}{builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <summary>The driver's connection string (holds the password: never print it).</summary>
    internal string ConnectionString { get; }

    /// <summary>Galleries with fewer faces are scanned exactly; larger ones are searched through the HNSW index.</summary>
    public int ExactSearchBelowFaces { get; }

    /// <summary>postgresql://user@host:port/database, without the password.</summary>
    public string Display { get; }

    /// <summary>Whether <paramref name="store"/> names a PostgreSQL store (a URI or a key=value string) rather than a directory.</summary>
    public static bool IsPostgres(string? store) =>
        store is not null && (store.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || store.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || store.Contains('=', StringComparison.Ordinal));

    /// <summary>
    /// Parses a URI or key=value connection string; BadInput <c>store-uri-invalid</c> with a message that repeats no
    /// part of the input that could be a password.
    /// </summary>
    public static PostgresLocation Parse(string store, int? poolSize = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        NpgsqlConnectionStringBuilder builder;
        int exactSearchBelow = DefaultExactSearchBelowFaces;
        try
        {
            builder = IsUri(store) ? FromUri(store, ref exactSearchBelow) : new NpgsqlConnectionStringBuilder(store);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or UriFormatException or KeyNotFoundException)
        {
            throw FaceAccordException.BadInput(
                "store-uri-invalid",
                "The store is neither a postgresql://user:password@host:port/database URI nor an Npgsql connection string (key=value;...).",
                ex);
        }

        if (string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database))
        {
            throw FaceAccordException.BadInput("store-uri-invalid", "The store must name a host and a database, as in postgresql://user:password@host:5432/faceaccord.");
        }

        if (poolSize is { } size)
        {
            builder.MaxPoolSize = size;
        }
        else if (!store.Contains("pool", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = DefaultPoolSize;
        }

        if (!store.Contains("timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.Timeout = DefaultTimeoutSeconds;
            builder.CommandTimeout = 30;
        }

        builder.ApplicationName ??= "faceaccord";
        return new PostgresLocation(builder, exactSearchBelow);
    }

    /// <summary><paramref name="text"/> with the password, wherever a driver message repeated it, replaced by ***.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _password is null ? text : text.Replace(_password, "***", StringComparison.Ordinal);
    }

    public override string ToString() => Display;

    private static bool IsUri(string store) =>
        store.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || store.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    private static NpgsqlConnectionStringBuilder FromUri(string store, ref int exactSearchBelow)
    {
        var uri = new Uri(store);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.UserInfo.Length > 0)
        {
            string[] parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        // Query options are Npgsql keywords (?sslmode=require&pool=40): "pool" is the pool size, and
        // "exact_search_below" FaceAccord's own switch from exact to HNSW search.
        foreach (string pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] kv = pair.Split('=', 2);
            string key = Uri.UnescapeDataString(kv[0]);
            string value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : string.Empty;
            if (string.Equals(key, ExactSearchBelowOption, StringComparison.OrdinalIgnoreCase))
            {
                exactSearchBelow = int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int faces)
                    ? faces
                    : throw FaceAccordException.BadInput("store-uri-invalid", $"The store option {ExactSearchBelowOption} must be a whole number of faces (0 searches every gallery through the HNSW index).");
                continue;
            }

            builder[string.Equals(key, "pool", StringComparison.OrdinalIgnoreCase) ? "Maximum Pool Size" : key] = value;
        }

        return builder;
    }
}
