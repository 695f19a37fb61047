-- Version 2: aligned face crops kept for human review, as SQLite's version 13. An enrolled face of a gallery whose use
-- can require review keeps one crop (deleted with its face by cascade); a request held for review keeps its probe
-- crop(s) until the case is decided plus a configured period, then the retention sweep deletes them. Sealed like images.

CREATE TABLE face_crops (
    face_key     bigint  NOT NULL PRIMARY KEY REFERENCES faces (key) ON DELETE CASCADE,
    content_type text    NOT NULL,
    bytes        bytea   NOT NULL,
    seal         bytea   CHECK (seal IS NULL OR length(seal) = 28),
    key_id       text
);

CREATE TABLE probe_crops (
    id           uuid    NOT NULL PRIMARY KEY,
    case_id      uuid    NOT NULL REFERENCES review_cases (id) ON DELETE CASCADE,
    slot         text    NOT NULL CHECK (slot IN ('probe', 'image-a', 'image-b')),
    content_type text    NOT NULL,
    bytes        bytea   NOT NULL,
    seal         bytea   CHECK (seal IS NULL OR length(seal) = 28),
    key_id       text,
    UNIQUE (case_id, slot)
);

CREATE INDEX face_crops_unsealed ON face_crops (face_key) WHERE key_id IS NULL;
CREATE INDEX probe_crops_unsealed ON probe_crops (id) WHERE key_id IS NULL;
