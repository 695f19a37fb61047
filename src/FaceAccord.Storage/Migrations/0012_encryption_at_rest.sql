-- Version 12: templates and images are sealed with AES-256-GCM. The ciphertext has the plaintext's length and stays in
-- the same column; the nonce and tag (seal) and the id of the data key that sealed it sit beside it. Rows written before
-- have no key id: the store seals them when it first opens with a key. data_keys records every key the store was
-- sealed with, so a store refuses to open without its key instead of failing on the first read.

CREATE TABLE data_keys (
    key_id    TEXT    NOT NULL PRIMARY KEY,
    state     TEXT    NOT NULL CHECK (state IN ('current', 'previous', 'retired')),
    added_at  INTEGER NOT NULL
) STRICT;

ALTER TABLE faces ADD COLUMN template_seal BLOB CHECK (template_seal IS NULL OR length(template_seal) = 28);
ALTER TABLE faces ADD COLUMN template_key TEXT;
ALTER TABLE face_images ADD COLUMN seal BLOB CHECK (seal IS NULL OR length(seal) = 28);
ALTER TABLE face_images ADD COLUMN key_id TEXT;

-- Rows not sealed yet are found without a scan, so every open can check for them cheaply.
CREATE INDEX faces_unsealed ON faces (key) WHERE template_key IS NULL;
CREATE INDEX face_images_unsealed ON face_images (face_key) WHERE key_id IS NULL;
