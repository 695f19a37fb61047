using System.Globalization;
using Npgsql;

namespace FaceAccord.Storage.Postgres;

/// <summary>
/// The HNSW indexes large galleries are searched through: one per template length (an HNSW index needs a fixed
/// length, and packs differ: 512 values for faceaccord-default-2, 1152 for faceaccord-default-1), a partial
/// expression index over <c>faces.embedding::halfvec(N)</c> with the inner-product operator, shared by every gallery
/// of that length. A search filters it by gallery with pgvector's iterative index scan (0.8) and re-ranks the
/// candidates exactly. Sizes and recall: bench/pgsearch and docs/scale-out.md.
/// </summary>
internal static class PgHnswIndex
{
    /// <summary>The longest template an HNSW index over halfvec takes (pgvector's limit).</summary>
    public const int MaxDimensions = 4000;

    /// <summary>
    /// Candidate faces the index yields per search at least: enough that the 64 subjects the service re-scores are the
    /// exact 64 nearest (bench/pgsearch: recall@64 against the exact scan), and ef_search, the index's own candidate
    /// list, as long (up to pgvector's 1000); the iterative scan continues past it while the gallery filter drops rows.
    /// </summary>
    public const int MinCandidates = 800;

    /// <summary>Candidate faces per subject asked for, above <see cref="MinCandidates"/> (a subject holds several faces).</summary>
    public const int CandidatesPerSubject = 8;

    /// <summary>Index entries one search may visit at most before it stops (pgvector's hnsw.max_scan_tuples).</summary>
    public const int MaxScanTuples = 100_000;

    public static bool Supports(int dimensions) => dimensions is > 0 and <= MaxDimensions;

    public static string Name(int dimensions) => string.Create(CultureInfo.InvariantCulture, $"faces_embedding_hnsw_{dimensions}");

    public static int Candidates(int top) => Math.Max(MinCandidates, checked(top * CandidatesPerSubject));

    /// <summary>Whether the index for <paramref name="dimensions"/> exists in the store's schema.</summary>
    public static bool Exists(NpgsqlConnection connection, NpgsqlTransaction? transaction, int dimensions)
    {
        using NpgsqlCommand exists = PgCommands.Create(connection, transaction, "SELECT to_regclass(quote_ident(current_schema()) || '.' || @name) IS NOT NULL;");
        exists.With("@name", Name(dimensions));
        return (bool)exists.ExecuteScalar()!;
    }

    /// <summary>
    /// Creates the index for <paramref name="dimensions"/> if missing: when a gallery of a new template length gets its
    /// first face (cheap: no rows of that length yet), or after a bulk copy. Called under the store's write lock, so two
    /// nodes never race to create it.
    /// </summary>
    public static void Ensure(NpgsqlConnection connection, NpgsqlTransaction? transaction, int dimensions)
    {
        if (!Supports(dimensions))
        {
            return;
        }

        using NpgsqlCommand create = PgCommands.Create(
            connection,
            transaction,
            string.Format(
                CultureInfo.InvariantCulture,
                "CREATE INDEX IF NOT EXISTS {0} ON faces USING hnsw ((embedding::halfvec({1})) halfvec_ip_ops) WITH (m = 16, ef_construction = 64) WHERE dimensions = {1};",
                Name(dimensions),
                dimensions));
        create.CommandTimeout = 0;
        create.ExecuteNonQuery();
    }

    /// <summary>
    /// Sets the index scan's parameters for the rest of <paramref name="transaction"/> and steers the planner onto the
    /// index (it would scan and sort a gallery it estimates small), with JIT off: the disabled plans' penalty costs would
    /// otherwise make every search compile itself (0.5 s); returns the settings as they were.
    /// </summary>
    public static string?[] Tune(NpgsqlConnection connection, NpgsqlTransaction transaction, int candidates)
    {
        string?[] previous = Read(connection, transaction);
        Set(connection, transaction, [
            Math.Min(candidates, 1000).ToString(CultureInfo.InvariantCulture),
            "relaxed_order",
            MaxScanTuples.ToString(CultureInfo.InvariantCulture),
            "off",
            "off",
            "off",
            "off",
        ]);
        return previous;
    }

    /// <summary>Puts back what <see cref="Tune"/> changed (for a search inside a longer unit of work).</summary>
    public static void Restore(NpgsqlConnection connection, NpgsqlTransaction transaction, string?[] previous) => Set(connection, transaction, previous);

    private static readonly string[] Settings = ["hnsw.ef_search", "hnsw.iterative_scan", "hnsw.max_scan_tuples", "enable_seqscan", "enable_bitmapscan", "enable_sort", "jit"];

    private static string?[] Read(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        using NpgsqlCommand read = PgCommands.Create(
            connection, transaction, "SELECT " + string.Join(", ", Settings.Select((_, i) => $"current_setting(@s{i}, true)")) + ";");
        for (int i = 0; i < Settings.Length; i++)
        {
            read.With($"@s{i}", Settings[i]);
        }

        using NpgsqlDataReader reader = read.ExecuteReader();
        reader.Read();
        return [.. Enumerable.Range(0, Settings.Length).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i))];
    }

    private static void Set(NpgsqlConnection connection, NpgsqlTransaction transaction, string?[] values)
    {
        // A setting never read before (pgvector's, in a backend that has not loaded it) stays as set: harmless, local.
        var changed = Enumerable.Range(0, Settings.Length).Where(i => values[i] is not null).ToList();
        using NpgsqlCommand set = PgCommands.Create(
            connection, transaction, "SELECT " + string.Join(", ", changed.Select(i => $"set_config(@s{i}, @v{i}, true)")) + ";");
        foreach (int i in changed)
        {
            set.With($"@s{i}", Settings[i]).With($"@v{i}", values[i]);
        }

        set.ExecuteNonQuery();
    }
}
