using System.Globalization;
using FaceAccord.Core;
using Npgsql;
using Pgvector;

namespace FaceAccord.Storage.Postgres;

/// <summary>
/// Identification searches answered by pgvector on the committed rows, so any node finds a face enrolled a moment ago
/// on another, and none returns a subject deleted, erased or expired: the filter is in the query, not in a cache.
/// Scores are the dot product of the probe with the stored float16 template, both float16 and unit length (cosine similarity),
/// the best face per subject, ties broken by the lower subject key. A gallery smaller than
/// <see cref="ExactSearchBelowFaces"/> is scanned exactly; a larger one takes its nearest faces from the HNSW index of its
/// template length (<see cref="PgHnswIndex"/>) and re-ranks them exactly, falling back to the exact scan whenever the
/// candidates hold fewer subjects than were asked for.
/// </summary>
public sealed partial class PostgresFaceStore : IGallerySearchStore
{
    // The best face per subject and the subjects' rows, shared by both paths over the faces they score, with how many
    // live subjects those faces hold (before the limit and the minimum, which the reader applies: rows come in order).
    private static string RankedSubjects(string faces) =>
        "SELECT s.id, s.key, s.gallery_id, s.external_id, s.legal_basis_type, s.legal_basis_reference, s.created_at, s.expires_at, "
        + "b.face_key, b.similarity, b.embedding, count(*) OVER () AS live FROM ("
        + "  SELECT DISTINCT ON (f.subject_key) f.subject_key, f.key AS face_key, f.embedding, -(f.embedding <#> @probe) AS similarity"
        + "  FROM " + faces + " f"
        + "  ORDER BY f.subject_key, f.embedding <#> @probe, f.key"
        + ") b JOIN subjects s ON s.key = b.subject_key "
        + "WHERE s.expires_at IS NULL OR s.expires_at > @now "
        + "ORDER BY b.similarity DESC, s.key LIMIT @top;";

    /// <summary>
    /// Galleries with fewer faces are scanned exactly, larger ones searched through the HNSW index; from the store's
    /// URI (<c>?exact_search_below=N</c>) or <see cref="PostgresLocation.DefaultExactSearchBelowFaces"/>. 0 sends every
    /// search through the index (the tests do, to hold that path to the same contract).
    /// </summary>
    public int ExactSearchBelowFaces { get; set; }

    // Searches the HNSW path answered without falling back to the exact scan (tests read it).
    private long _indexAnswers;

    // Template lengths whose HNSW index is known to exist (checked once per length, then remembered).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> _indexedDimensions = new();

    /// <summary>How many searches the HNSW path answered itself (without the exact scan's fallback).</summary>
    internal long IndexAnswers => Interlocked.Read(ref _indexAnswers);

    public int CountSearchableSubjects(Guid galleryId, DateTimeOffset asOf) => Read((connection, transaction) =>
    {
        using NpgsqlCommand count = PgCommands.Create(
            connection,
            transaction,
            "SELECT count(*) FROM subjects s WHERE s.gallery_id = @gallery AND (s.expires_at IS NULL OR s.expires_at > @now) "
            + "AND EXISTS (SELECT 1 FROM faces f WHERE f.subject_key = s.key);");
        count.With("@gallery", galleryId).With("@now", PgCommands.ToStored(asOf));
        return checked((int)(long)count.ExecuteScalar()!);
    });

    public IReadOnlyList<GallerySearchHit> SearchGallery(Guid galleryId, ReadOnlySpan<float> probe, int top, float minSimilarity, DateTimeOffset asOf)
    {
        if (top < 1)
        {
            throw FaceAccordException.BadInput("search-top-invalid", $"A search must ask for at least one subject (top was {top}).");
        }

        if (float.IsNaN(minSimilarity))
        {
            throw FaceAccordException.BadInput("search-threshold-invalid", "The minimum similarity of a search is NaN.");
        }

        // The probe in float16 as well: halfvec against halfvec scans 3.7 times faster than casting every row to vector
        // (bench/pgvector, 10k faces: 12.5 against 46 ms p50) at the same recall@1; scores move by about 1e-4.
        var query = new HalfVector(probe.ToArray().Select(v => (Half)v).ToArray());
        int dimensions = probe.Length;
        return Read((connection, transaction) =>
        {
            if (UsesIndex(connection, transaction, galleryId, dimensions))
            {
                var (approximate, live) = SearchIndexed(connection, transaction, galleryId, query, dimensions, top, minSimilarity, asOf);

                // The candidates held fewer live subjects than asked (expired ones or a gallery this small filled them, or
                // the index scan stopped early): the exact scan answers, so a caller never misses a subject for want of
                // candidates. A minimum that leaves fewer hits is no reason: the nearest were all found and fell short.
                if (live >= top)
                {
                    Interlocked.Increment(ref _indexAnswers);
                    return approximate;
                }
            }

            // The exact scan: every face of the gallery scored once (a sequential read of its rows), best per subject.
            using NpgsqlCommand select = PgCommands.Create(
                connection,
                transaction,
                RankedSubjects("(SELECT key, subject_key, embedding FROM faces WHERE gallery_id = @gallery)"));
            return ReadHits(select.WithSearch(query, galleryId, asOf, top), minSimilarity).Hits;
        });
    }

    /// <summary>Whether a search of <paramref name="galleryId"/> with templates of <paramref name="dimensions"/> values goes through the HNSW index.</summary>
    internal bool SearchesThroughIndex(Guid galleryId, int dimensions) => Read((connection, transaction) => UsesIndex(connection, transaction, galleryId, dimensions));

    /// <summary>Whether a search of <paramref name="galleryId"/> goes through the HNSW index (the gallery is large enough and the index exists).</summary>
    private bool UsesIndex(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid galleryId, int dimensions)
    {
        if (!PgHnswIndex.Supports(dimensions) || !HasHnswIndex(connection, transaction, dimensions))
        {
            return false;
        }

        if (ExactSearchBelowFaces <= 0)
        {
            return true;
        }

        // Counting stops at the switch size, so deciding costs at most that many index entries, not the whole gallery.
        using NpgsqlCommand count = PgCommands.Create(
            connection, transaction, "SELECT count(*) FROM (SELECT 1 FROM faces WHERE gallery_id = @gallery LIMIT @limit) g;");
        count.With("@gallery", galleryId).With("@limit", ExactSearchBelowFaces);
        return (long)count.ExecuteScalar()! >= ExactSearchBelowFaces;
    }

    /// <summary>
    /// The HNSW path: the index's nearest faces of the gallery (pgvector's iterative scan goes on past faces of other
    /// galleries), then the same exact ranking as the scan over those candidates only.
    /// </summary>
    private static (List<GallerySearchHit> Hits, long Live) SearchIndexed(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid galleryId, HalfVector query, int dimensions, int top, float minSimilarity, DateTimeOffset asOf) =>
        WithIndexSettings(connection, transaction, top, scope =>
        {
            using NpgsqlCommand select = IndexedSearch(connection, scope, string.Empty, galleryId, query, dimensions, top, asOf);
            return ReadHits(select, minSimilarity);
        });

    /// <summary>The plan PostgreSQL chooses for the HNSW path (tests check that it reads the index).</summary>
    internal string ExplainIndexedSearch(Guid galleryId, ReadOnlySpan<float> probe, int top)
    {
        var query = new HalfVector(probe.ToArray().Select(v => (Half)v).ToArray());
        int dimensions = probe.Length;
        return Read((connection, transaction) => WithIndexSettings(connection, transaction, top, scope =>
        {
            using NpgsqlCommand explain = IndexedSearch(connection, scope, "EXPLAIN ", galleryId, query, dimensions, top, _time.GetUtcNow());
            using NpgsqlDataReader reader = explain.ExecuteReader();
            var plan = new List<string>();
            while (reader.Read())
            {
                plan.Add(reader.GetString(0));
            }

            return string.Join('\n', plan);
        }));
    }

    private static NpgsqlCommand IndexedSearch(
        NpgsqlConnection connection, NpgsqlTransaction scope, string prefix, Guid galleryId, HalfVector query, int dimensions, int top, DateTimeOffset asOf)
    {
        string nearest = string.Format(
            CultureInfo.InvariantCulture,
            "(SELECT key, subject_key, embedding FROM faces WHERE gallery_id = @gallery AND dimensions = {0} "
            + "ORDER BY embedding::halfvec({0}) <#> @probe::halfvec({0}) LIMIT @candidates)",
            dimensions);
        return PgCommands.Create(connection, scope, prefix + RankedSubjects(nearest))
            .WithSearch(query, galleryId, asOf, top).With("@candidates", PgHnswIndex.Candidates(top));
    }

    /// <summary>Runs <paramref name="work"/> with the index's settings, which hold for one transaction: the search's own, or the unit of work's (then put back).</summary>
    private static T WithIndexSettings<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, int top, Func<NpgsqlTransaction, T> work)
    {
        using NpgsqlTransaction? own = transaction is null ? connection.BeginTransaction() : null;
        NpgsqlTransaction scope = transaction ?? own!;
        string?[] previous = PgHnswIndex.Tune(connection, scope, PgHnswIndex.Candidates(top));
        T result = work(scope);
        if (own is null)
        {
            PgHnswIndex.Restore(connection, scope, previous);
        }
        else
        {
            own.Commit();
        }

        return result;
    }

    /// <summary>Whether the HNSW index for <paramref name="dimensions"/> exists; remembered once seen (an index is never dropped).</summary>
    private bool HasHnswIndex(NpgsqlConnection connection, NpgsqlTransaction? transaction, int dimensions)
    {
        if (_indexedDimensions.ContainsKey(dimensions))
        {
            return true;
        }

        bool exists = PgHnswIndex.Exists(connection, transaction, dimensions);
        if (exists)
        {
            _indexedDimensions.TryAdd(dimensions, true);
        }

        return exists;
    }

    /// <summary>The hits scoring at least <paramref name="minSimilarity"/> (rows come best first) and the live subjects the scored faces held.</summary>
    private static (List<GallerySearchHit> Hits, long Live) ReadHits(NpgsqlCommand select, float minSimilarity)
    {
        using NpgsqlDataReader reader = select.ExecuteReader();
        var hits = new List<GallerySearchHit>();
        long live = 0;
        while (reader.Read())
        {
            live = reader.GetInt64(11);
            float similarity = (float)reader.GetDouble(9);
            if (similarity < minSimilarity)
            {
                break;
            }

            var template = reader.GetFieldValue<HalfVector>(10).ToArray();
            hits.Add(new GallerySearchHit(ReadSubject(reader), reader.GetInt64(8), similarity, [.. template.Select(v => (float)v)]));
        }

        return (hits, live);
    }
}

/// <summary>The parameters both search paths bind.</summary>
internal static class SearchParameters
{
    public static NpgsqlCommand WithSearch(this NpgsqlCommand select, HalfVector probe, Guid galleryId, DateTimeOffset asOf, int top) =>
        select.With("@probe", probe).With("@gallery", galleryId).With("@now", PgCommands.ToStored(asOf)).With("@top", top);
}
