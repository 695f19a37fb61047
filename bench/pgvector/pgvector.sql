-- halfvec vs vector for FaceAccord's templates (512-d, unit length, clustered by person), measured inside PostgreSQL
-- so only the search itself is timed. Run by bench/pgvector/run (psql -v n=FACES -v people=PEOPLE).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_centroids, bench_half, bench_full, bench_probes, bench_results;
SELECT setseed(0.42);
CREATE TABLE bench_centroids AS
  SELECT p AS person, l2_normalize(array_agg(random() - 0.5)::vector) AS c
  FROM generate_series(1, :people) p, generate_series(1, 512) d GROUP BY p;
-- Each face: its person's centroid plus noise of norm about 0.8, renormalised (same person cosine about 0.6, others about 0).
CREATE TABLE bench_full (key bigserial PRIMARY KEY, person int NOT NULL, embedding vector(512) NOT NULL);
INSERT INTO bench_full (person, embedding)
  SELECT f.person, l2_normalize(c.c + f.noise)
  FROM (SELECT (i % :people) + 1 AS person, i, (SELECT array_agg((random() - 0.5) * 0.123)::vector FROM generate_series(1, 512) WHERE i IS NOT NULL) AS noise
        FROM generate_series(0, :n - 1) i) f JOIN bench_centroids c ON c.person = f.person;
CREATE TABLE bench_half AS SELECT key, person, embedding::halfvec(512) AS embedding FROM bench_full;
ALTER TABLE bench_half ADD PRIMARY KEY (key);
CREATE TABLE bench_probes AS
  SELECT p.person, l2_normalize(c.c + (SELECT array_agg((random() - 0.5) * 0.123)::vector FROM generate_series(1, 512) WHERE p.person IS NOT NULL)) AS q
  FROM (SELECT (random() * (:people - 1))::int + 1 AS person FROM generate_series(1, 100)) p JOIN bench_centroids c ON c.person = p.person;
VACUUM ANALYZE bench_full; VACUUM ANALYZE bench_half;

SELECT pg_size_pretty(pg_total_relation_size('bench_full')) AS vector_table, pg_size_pretty(pg_total_relation_size('bench_half')) AS halfvec_table;

CREATE TABLE bench_results (method text, probe int, ms double precision, top1 bigint);
CREATE OR REPLACE FUNCTION bench_time(method text, sql text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE r record; t0 timestamptz; k bigint; i int := 0;
BEGIN
  FOR r IN SELECT q FROM bench_probes LOOP
    i := i + 1; t0 := clock_timestamp();
    EXECUTE sql INTO k USING r.q;
    INSERT INTO bench_results VALUES (method, i, extract(epoch FROM clock_timestamp() - t0) * 1000, k);
  END LOOP;
END $$;
SET max_parallel_workers_per_gather = 0;
SELECT bench_time('exact vector', 'SELECT key FROM bench_full ORDER BY embedding <#> $1, key LIMIT 1');
SELECT bench_time('exact halfvec::vector (the store)', 'SELECT key FROM bench_half ORDER BY embedding::vector <#> $1, key LIMIT 1');
SELECT bench_time('exact halfvec', 'SELECT key FROM bench_half ORDER BY embedding <#> $1::halfvec, key LIMIT 1');

\timing on
CREATE INDEX bench_full_hnsw ON bench_full USING hnsw (embedding vector_ip_ops) WITH (m = 16, ef_construction = 64);
CREATE INDEX bench_half_hnsw ON bench_half USING hnsw (embedding halfvec_ip_ops) WITH (m = 16, ef_construction = 64);
\timing off
SELECT pg_size_pretty(pg_relation_size('bench_full_hnsw')) AS vector_hnsw, pg_size_pretty(pg_relation_size('bench_half_hnsw')) AS halfvec_hnsw;
SET hnsw.ef_search = 96;
-- HNSW candidates, then the exact re-rank the store would do over them.
SELECT bench_time('hnsw vector + re-rank', 'SELECT key FROM (SELECT key, embedding FROM bench_full ORDER BY embedding <#> $1 LIMIT 40) c ORDER BY embedding <#> $1, key LIMIT 1');
SELECT bench_time('hnsw halfvec + re-rank', 'SELECT key FROM (SELECT key, embedding FROM bench_half ORDER BY embedding <#> $1::halfvec LIMIT 40) c ORDER BY embedding::vector <#> $1, key LIMIT 1');

SELECT method, count(*) AS probes,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 2) AS p50_ms,
       round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 2) AS p99_ms
FROM bench_results GROUP BY method ORDER BY p50_ms DESC;
-- recall@1 against the exact float32 scan; same-person top-1 rate as a sanity check of the data.
SELECT r.method, round(avg((r.top1 = e.top1)::int) * 100, 1) AS recall_at_1_pct
FROM bench_results r JOIN bench_results e ON e.probe = r.probe AND e.method = 'exact vector' GROUP BY r.method ORDER BY r.method;
SELECT round(avg((f.person = p.person)::int) * 100, 1) AS exact_top1_same_person_pct
FROM bench_results r JOIN bench_full f ON f.key = r.top1 JOIN (SELECT row_number() OVER () AS probe, person FROM bench_probes) p ON p.probe = r.probe
WHERE r.method = 'exact vector';
DROP TABLE bench_centroids, bench_half, bench_full, bench_probes, bench_results;
DROP FUNCTION bench_time(text, text);
