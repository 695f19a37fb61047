-- Search of large galleries (PostgresFaceStore.Search.cs, PgHnswIndex).
-- 1. Keep the search column in the row: pgvector gives halfvec EXTERNAL storage, so with the sealed template beside it
--    (about 2.2 KB a row, over PostgreSQL's 2 KB threshold) every search read each embedding from the TOAST table. MAIN
--    keeps it inline and moves the template (read only to open a face) out instead. Rows written from now on.
ALTER TABLE faces ALTER COLUMN embedding SET STORAGE MAIN;
ALTER TABLE faces ALTER COLUMN template SET STORAGE EXTERNAL;

-- 2. HNSW indexes: one partial expression index per template length already stored. A store created from this version
--    on gets each when the first face of that length is added.
DO $$
DECLARE d bigint;
BEGIN
  FOR d IN SELECT DISTINCT dimensions FROM faces WHERE dimensions <= 4000 LOOP
    EXECUTE format(
      'CREATE INDEX IF NOT EXISTS faces_embedding_hnsw_%s ON faces USING hnsw ((embedding::halfvec(%s)) halfvec_ip_ops) '
      'WITH (m = 16, ef_construction = 64) WHERE dimensions = %s', d, d, d);
  END LOOP;
END $$;
