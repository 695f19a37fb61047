-- The shared store's two search paths (PostgresFaceStore.Search.cs), timed inside PostgreSQL with the store's own query
-- shapes: the exact scan and the HNSW index (partial expression index per template length, iterative scan filtered by
-- gallery, exact re-rank of the candidates, best face per subject). 512-d unit templates clustered by person (5 faces
-- each) in one gallery of :n faces, plus a second gallery of :n/10 faces sharing the index. recall@1 and recall@64 are
-- against the exact scan's subjects. Run by bench/pgsearch/run (psql -v n=FACES -v people=PEOPLE).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
DROP TABLE IF EXISTS ps_centroids, ps_faces, ps_subjects, ps_probes, ps_results;
SELECT setseed(0.42);
CREATE TABLE ps_centroids AS
  SELECT p AS person, l2_normalize(array_agg(random() - 0.5)::vector) AS c
  FROM generate_series(1, :people + :people / 10) p, generate_series(1, 512) d GROUP BY p;
-- Subjects 1..people in gallery 1, the rest in gallery 2 (which the filtered index scan must skip).
CREATE TABLE ps_subjects AS SELECT person AS key, CASE WHEN person <= :people THEN 1 ELSE 2 END AS gallery_id, NULL::bigint AS expires_at FROM ps_centroids;
ALTER TABLE ps_subjects ADD PRIMARY KEY (key);
CREATE TABLE ps_faces (key bigserial PRIMARY KEY, subject_key bigint NOT NULL, gallery_id int NOT NULL, dimensions int NOT NULL, embedding halfvec NOT NULL);
INSERT INTO ps_faces (subject_key, gallery_id, dimensions, embedding)
  SELECT f.person, s.gallery_id, 512, l2_normalize(c.c + f.noise)::halfvec
  FROM (SELECT (i % (:people + :people / 10)) + 1 AS person, (SELECT array_agg((random() - 0.5) * 0.123)::vector FROM generate_series(1, 512) WHERE i IS NOT NULL) AS noise
        FROM generate_series(0, :n + :n / 10 - 1) i) f JOIN ps_centroids c ON c.person = f.person JOIN ps_subjects s ON s.key = f.person;
CREATE INDEX ps_faces_gallery ON ps_faces (gallery_id, key);
CREATE TABLE ps_probes AS
  SELECT row_number() OVER () AS probe, p.person, l2_normalize(c.c + (SELECT array_agg((random() - 0.5) * 0.123)::vector FROM generate_series(1, 512) WHERE p.person IS NOT NULL))::halfvec AS q
  FROM (SELECT (random() * (:people - 1))::int + 1 AS person FROM generate_series(1, 100)) p JOIN ps_centroids c ON c.person = p.person;
VACUUM ANALYZE ps_faces; VACUUM ANALYZE ps_subjects;
SELECT count(*) AS gallery_faces FROM ps_faces WHERE gallery_id = 1;

\timing on
CREATE INDEX ps_faces_hnsw ON ps_faces USING hnsw ((embedding::halfvec(512)) halfvec_ip_ops) WITH (m = 16, ef_construction = 64) WHERE dimensions = 512;
\timing off
SELECT pg_size_pretty(pg_relation_size('ps_faces_hnsw')) AS hnsw_index, pg_size_pretty(pg_total_relation_size('ps_faces')) AS faces_table;

CREATE TABLE ps_results (method text, probe bigint, ms double precision, subjects bigint[], scores double precision[]);
-- One search per probe, as the store runs it: the 64 best subjects (the service's max(top, 64)), no minimum.
CREATE OR REPLACE FUNCTION ps_time(method text, faces text, hnsw boolean, ef int, candidates int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE r record; t0 timestamptz; hits bigint[]; scores double precision[];
BEGIN
  PERFORM set_config('hnsw.ef_search', least(ef, 1000)::text, true);
  PERFORM set_config('hnsw.iterative_scan', 'relaxed_order', true);
  PERFORM set_config('hnsw.max_scan_tuples', '100000', true);
  PERFORM set_config('enable_seqscan', (NOT hnsw)::text, true);
  PERFORM set_config('enable_bitmapscan', (NOT hnsw)::text, true);
  PERFORM set_config('enable_sort', (NOT hnsw)::text, true);
  PERFORM set_config('jit', 'off', true);
  FOR r IN SELECT probe, q FROM ps_probes ORDER BY probe LOOP
    t0 := clock_timestamp();
    EXECUTE 'SELECT array_agg(key ORDER BY similarity DESC, key), array_agg(similarity ORDER BY similarity DESC, key) FROM (SELECT s.key, b.similarity FROM ('
      || ' SELECT DISTINCT ON (f.subject_key) f.subject_key, f.key AS face_key, -(f.embedding <#> $1) AS similarity FROM ' || faces || ' f'
      || ' ORDER BY f.subject_key, f.embedding <#> $1, f.key) b JOIN ps_subjects s ON s.key = b.subject_key'
      || ' WHERE s.expires_at IS NULL ORDER BY b.similarity DESC, s.key LIMIT 64) t' INTO hits, scores USING r.q, candidates;
    INSERT INTO ps_results VALUES (method, r.probe, extract(epoch FROM clock_timestamp() - t0) * 1000, hits, scores);
  END LOOP;
END $$;
SET max_parallel_workers_per_gather = 0;
SELECT ps_time('exact scan', '(SELECT key, subject_key, embedding FROM ps_faces WHERE gallery_id = 1)', false, 40, 0);
SELECT ps_time('hnsw ef 100, 400 candidates', '(SELECT key, subject_key, embedding FROM ps_faces WHERE gallery_id = 1 AND dimensions = 512 ORDER BY embedding::halfvec(512) <#> $1::halfvec(512) LIMIT $2)', true, 100, 400);
SELECT ps_time('hnsw ef 400, 400 candidates', '(SELECT key, subject_key, embedding FROM ps_faces WHERE gallery_id = 1 AND dimensions = 512 ORDER BY embedding::halfvec(512) <#> $1::halfvec(512) LIMIT $2)', true, 400, 400);
SELECT ps_time('hnsw ef 800, 800 candidates (the store)', '(SELECT key, subject_key, embedding FROM ps_faces WHERE gallery_id = 1 AND dimensions = 512 ORDER BY embedding::halfvec(512) <#> $1::halfvec(512) LIMIT $2)', true, 800, 800);
SELECT ps_time('hnsw ef 1000, 1600 candidates', '(SELECT key, subject_key, embedding FROM ps_faces WHERE gallery_id = 1 AND dimensions = 512 ORDER BY embedding::halfvec(512) <#> $1::halfvec(512) LIMIT $2)', true, 1000, 1600);

SELECT r.method, count(*) AS probes,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY r.ms)::numeric, 2) AS p50_ms,
       round(percentile_cont(0.99) WITHIN GROUP (ORDER BY r.ms)::numeric, 2) AS p99_ms,
       round(avg((r.subjects[1] = e.subjects[1])::int) * 100, 1) AS recall_at_1_pct,
       round(avg((SELECT count(*) FROM unnest(r.subjects[1:5]) x WHERE x = ANY (e.subjects[1:5])) / 5.0) * 100, 1) AS recall_at_5_pct,
       round(avg((SELECT count(*) FROM unnest(r.subjects) x WHERE x = ANY (e.subjects)) / 64.0) * 100, 2) AS recall_at_64_pct,
       -- How far the 64th subject found lies below the exact 64th: the subjects missed are (nearly) as far as those found.
       round(avg(e.scores[64] - r.scores[64])::numeric, 4) AS score_64_gap,
       round(avg(e.scores[2] - e.scores[64])::numeric, 4) AS exact_score_2_to_64_spread,
       round(avg((r.subjects = e.subjects)::int) * 100, 1) AS same_64_in_order_pct
FROM ps_results r JOIN ps_results e ON e.probe = r.probe AND e.method = 'exact scan' GROUP BY r.method ORDER BY p50_ms DESC;
SELECT round(avg((e.subjects[1] = p.person)::int) * 100, 1) AS exact_top1_same_person_pct
FROM ps_results e JOIN ps_probes p ON p.probe = e.probe WHERE e.method = 'exact scan';
DROP TABLE ps_centroids, ps_faces, ps_subjects, ps_probes, ps_results;
DROP FUNCTION ps_time(text, text, boolean, int, int);
