-- Version 1: tenants, their keys, galleries, subjects, faces, optional face images and the request log.
-- Integer keys of subjects and faces are AUTOINCREMENT so a deleted key is never handed out again:
-- a search index entry left behind can never come to mean another person.

CREATE TABLE tenants (
    id          BLOB    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    sector      TEXT    NOT NULL,
    country     TEXT    NOT NULL,
    region      TEXT,
    city        TEXT,
    created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE api_keys (
    key_id      TEXT    NOT NULL PRIMARY KEY,
    tenant_id   BLOB    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    salt        BLOB    NOT NULL,
    secret_hash BLOB    NOT NULL,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER
) STRICT;

CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

CREATE TABLE galleries (
    id            BLOB    NOT NULL PRIMARY KEY,
    tenant_id     BLOB    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    model_id      TEXT    NOT NULL,
    stores_images INTEGER NOT NULL CHECK (stores_images IN (0, 1)),
    created_at    INTEGER NOT NULL,
    UNIQUE (tenant_id, name)
) STRICT;

CREATE TABLE subjects (
    key                   INTEGER PRIMARY KEY AUTOINCREMENT,
    id                    BLOB    NOT NULL UNIQUE,
    gallery_id            BLOB    NOT NULL REFERENCES galleries (id) ON DELETE CASCADE,
    external_id           TEXT    NOT NULL,
    legal_basis_type      TEXT,
    legal_basis_reference TEXT,
    created_at            INTEGER NOT NULL,
    UNIQUE (gallery_id, external_id)
) STRICT;

CREATE TABLE faces (
    key          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           BLOB    NOT NULL UNIQUE,
    subject_key  INTEGER NOT NULL REFERENCES subjects (key) ON DELETE CASCADE,
    gallery_id   BLOB    NOT NULL REFERENCES galleries (id) ON DELETE CASCADE,
    model_id     TEXT    NOT NULL,
    dimensions   INTEGER NOT NULL CHECK (dimensions > 0),
    template     BLOB    NOT NULL CHECK (length(template) = 2 * dimensions),
    quality      TEXT    NOT NULL CHECK (json_valid(quality)),
    created_at   INTEGER NOT NULL
) STRICT;

CREATE INDEX faces_subject ON faces (subject_key);
CREATE INDEX faces_gallery ON faces (gallery_id, key);

CREATE TABLE face_images (
    face_key     INTEGER NOT NULL PRIMARY KEY REFERENCES faces (key) ON DELETE CASCADE,
    content_type TEXT    NOT NULL,
    bytes        BLOB    NOT NULL
) STRICT;

-- The request log outlives what it mentions (a deleted gallery keeps its history), so no foreign keys.
CREATE TABLE requests (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    tenant_id   BLOB,
    key_id      TEXT,
    operation   TEXT    NOT NULL,
    purpose     TEXT,
    gallery_id  BLOB,
    status      INTEGER NOT NULL
) STRICT;

CREATE INDEX requests_tenant_at ON requests (tenant_id, at);
