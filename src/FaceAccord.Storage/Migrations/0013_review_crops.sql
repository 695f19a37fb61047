-- Version 13: aligned face crops kept for human review (issue 13). An enrolled face of a gallery whose use can require
-- review keeps one crop (deleted with its face, so with its subject, gallery, consent withdrawal, erasure and retention
-- expiry, by cascade); a request held for review keeps its probe crop(s) until the case is decided plus a configured
-- period, then the retention sweep deletes them. Both are sealed like face images (AES-256-GCM, nonce and tag in seal).

CREATE TABLE face_crops (
    face_key     INTEGER NOT NULL PRIMARY KEY REFERENCES faces (key) ON DELETE CASCADE,
    content_type TEXT    NOT NULL,
    bytes        BLOB    NOT NULL,
    seal         BLOB    CHECK (seal IS NULL OR length(seal) = 28),
    key_id       TEXT
) STRICT;

-- A verification holds two images, so a case has one crop per slot; the row id is what the seal is bound to.
CREATE TABLE probe_crops (
    id           BLOB    NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    case_id      BLOB    NOT NULL REFERENCES review_cases (id) ON DELETE CASCADE,
    slot         TEXT    NOT NULL CHECK (slot IN ('probe', 'image-a', 'image-b')),
    content_type TEXT    NOT NULL,
    bytes        BLOB    NOT NULL,
    seal         BLOB    CHECK (seal IS NULL OR length(seal) = 28),
    key_id       TEXT,
    UNIQUE (case_id, slot)
) STRICT;

CREATE INDEX face_crops_unsealed ON face_crops (face_key) WHERE key_id IS NULL;
CREATE INDEX probe_crops_unsealed ON probe_crops (id) WHERE key_id IS NULL;
