-- HNSW indexes for large galleries (PgHnswIndex): one partial expression index per template length already stored.
-- A store created from this version on gets each when the first face of that length is added.
DO $$
DECLARE d bigint;
BEGIN
  FOR d IN SELECT DISTINCT dimensions FROM faces WHERE dimensions <= 4000 LOOP
    EXECUTE format(
      'CREATE INDEX IF NOT EXISTS faces_embedding_hnsw_%s ON faces USING hnsw ((embedding::halfvec(%s)) halfvec_ip_ops) '
      'WITH (m = 16, ef_construction = 64) WHERE dimensions = %s', d, d, d);
  END LOOP;
END $$;
