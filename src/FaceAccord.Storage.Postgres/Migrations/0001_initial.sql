-- The whole schema of the SQLite store at its version 12, in PostgreSQL types: times stay UTC ticks (bigint), so a
-- copied store keeps every value exactly; ids are uuid; rowid columns keep insertion order where SQLite used its rowid.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE tenants (
    id                   uuid    NOT NULL PRIMARY KEY,
    name                 text    NOT NULL,
    sector               text    NOT NULL,
    country              text    NOT NULL,
    region               text,
    city                 text,
    created_at           bigint  NOT NULL,
    public_accommodation bigint  NOT NULL DEFAULT 0 CHECK (public_accommodation IN (0, 1))
);

CREATE TABLE api_keys (
    key_id      text    NOT NULL PRIMARY KEY,
    tenant_id   uuid    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    salt        bytea   NOT NULL,
    secret_hash bytea   NOT NULL,
    created_at  bigint  NOT NULL,
    revoked_at  bigint,
    role        text    NOT NULL DEFAULT 'operator' CHECK (role IN ('operator', 'reviewer')),
    expires_at  bigint,
    replaced_by text
);

CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

CREATE TABLE galleries (
    id             uuid    NOT NULL PRIMARY KEY,
    tenant_id      uuid    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name           text    NOT NULL,
    model_id       text    NOT NULL,
    stores_images  bigint  NOT NULL CHECK (stores_images IN (0, 1)),
    created_at     bigint  NOT NULL,
    retention_days integer CHECK (retention_days IS NULL OR retention_days BETWEEN 1 AND 36500),
    UNIQUE (tenant_id, name)
);

CREATE TABLE subjects (
    key                   bigserial PRIMARY KEY,
    id                    uuid    NOT NULL UNIQUE,
    gallery_id            uuid    NOT NULL REFERENCES galleries (id) ON DELETE CASCADE,
    external_id           text    NOT NULL,
    legal_basis_type      text,
    legal_basis_reference text,
    created_at            bigint  NOT NULL,
    retention_days        integer CHECK (retention_days IS NULL OR retention_days BETWEEN 1 AND 36500),
    last_interaction_at   bigint,
    expires_not_after     bigint,
    expires_at            bigint,
    UNIQUE (gallery_id, external_id)
);

CREATE INDEX subjects_consent ON subjects (legal_basis_reference) WHERE legal_basis_type = 'consent';
CREATE INDEX subjects_expires_at ON subjects (expires_at) WHERE expires_at IS NOT NULL;

-- template: the float16 template sealed as on SQLite (the copy every index is built from and a store copy moves);
-- embedding: the same float16 values in the clear, bound to the gallery's model, for pgvector to search.
CREATE TABLE faces (
    key           bigserial PRIMARY KEY,
    id            uuid    NOT NULL UNIQUE,
    subject_key   bigint  NOT NULL REFERENCES subjects (key) ON DELETE CASCADE,
    gallery_id    uuid    NOT NULL REFERENCES galleries (id) ON DELETE CASCADE,
    model_id      text    NOT NULL,
    dimensions    bigint  NOT NULL CHECK (dimensions > 0),
    template      bytea   NOT NULL CHECK (length(template) = 2 * dimensions),
    quality       text    NOT NULL CHECK (quality::jsonb IS NOT NULL),
    created_at    bigint  NOT NULL,
    template_seal bytea   CHECK (template_seal IS NULL OR length(template_seal) = 28),
    template_key  text,
    embedding     halfvec NOT NULL CHECK (vector_dims(embedding) = dimensions)
);

CREATE INDEX faces_subject ON faces (subject_key);
CREATE INDEX faces_gallery ON faces (gallery_id, key);
CREATE INDEX faces_unsealed ON faces (key) WHERE template_key IS NULL;

CREATE TABLE face_images (
    face_key     bigint  NOT NULL PRIMARY KEY REFERENCES faces (key) ON DELETE CASCADE,
    content_type text    NOT NULL,
    bytes        bytea   NOT NULL,
    seal         bytea   CHECK (seal IS NULL OR length(seal) = 28),
    key_id       text
);

CREATE INDEX face_images_unsealed ON face_images (face_key) WHERE key_id IS NULL;

CREATE TABLE audit_log (
    seq                   bigint  NOT NULL PRIMARY KEY CHECK (seq >= 1),
    format_version        integer NOT NULL,
    at                    bigint  NOT NULL,
    tenant_id             uuid,
    key_id                text    NOT NULL,
    operation             text    NOT NULL,
    purpose               text,
    mode                  text,
    legal_basis_type      text,
    legal_basis_reference text,
    decision              text    NOT NULL,
    rule_ids              text    NOT NULL CHECK (rule_ids::jsonb IS NOT NULL),
    gallery_id            uuid,
    candidate_count       integer NOT NULL CHECK (candidate_count >= 0),
    candidate_ids         text    NOT NULL CHECK (candidate_ids::jsonb IS NOT NULL),
    reviewer_ids          text    NOT NULL CHECK (reviewer_ids::jsonb IS NOT NULL),
    detail                text    CHECK (detail IS NULL OR detail::jsonb IS NOT NULL),
    previous_hash         bytea   NOT NULL CHECK (length(previous_hash) = 32),
    entry_hash            bytea   NOT NULL CHECK (length(entry_hash) = 32),
    channel               text,
    status                integer,
    problem               text
);

CREATE INDEX audit_log_tenant ON audit_log (tenant_id, seq);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: entries cannot be changed or deleted';
END $$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- The database itself refuses an entry that does not extend the chain, whoever writes it.
CREATE FUNCTION audit_log_extends_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    head_seq  bigint;
    head_hash bytea;
BEGIN
    SELECT seq, entry_hash INTO head_seq, head_hash FROM audit_log ORDER BY seq DESC LIMIT 1;
    IF NEW.seq IS DISTINCT FROM coalesce(head_seq, 0) + 1
       OR NEW.previous_hash IS DISTINCT FROM coalesce(head_hash, decode(repeat('00', 32), 'hex')) THEN
        RAISE EXCEPTION 'audit_log entries must extend the chain: the next sequence number, linked to the last entry''s hash';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER audit_log_chain_insert BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_extends_chain();

CREATE TABLE review_cases (
    id                    uuid    NOT NULL PRIMARY KEY,
    tenant_id             uuid    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind                  text    NOT NULL CHECK (kind IN ('identify', 'verify')),
    gallery_id            uuid    REFERENCES galleries (id) ON DELETE CASCADE,
    requester_key_id      text    NOT NULL,
    purpose               text    NOT NULL,
    mode                  text    NOT NULL,
    legal_basis_type      text,
    legal_basis_reference text,
    required_reviewers    integer NOT NULL CHECK (required_reviewers >= 1),
    state                 text    NOT NULL CHECK (state IN ('pending', 'released', 'rejected')),
    result                text    NOT NULL CHECK (result::jsonb IS NOT NULL),
    created_at            bigint  NOT NULL,
    closed_at             bigint,
    rowid                 bigserial NOT NULL UNIQUE,
    CHECK ((kind = 'identify') = (gallery_id IS NOT NULL))
);

CREATE INDEX review_cases_tenant ON review_cases (tenant_id, created_at);
CREATE INDEX review_cases_gallery ON review_cases (gallery_id);

CREATE TABLE review_decisions (
    case_id         uuid    NOT NULL REFERENCES review_cases (id) ON DELETE CASCADE,
    reviewer_key_id text    NOT NULL,
    decision        text    NOT NULL CHECK (decision IN ('confirm', 'reject')),
    note            text,
    at              bigint  NOT NULL,
    rowid           bigserial NOT NULL UNIQUE,
    PRIMARY KEY (case_id, reviewer_key_id)
);

CREATE TABLE consents (
    id                  uuid    NOT NULL PRIMARY KEY,
    tenant_id           uuid    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    subject_external_id text    NOT NULL CHECK (length(subject_external_id) BETWEEN 1 AND 200),
    purposes            text    NOT NULL CHECK (jsonb_typeof(purposes::jsonb) = 'array' AND jsonb_array_length(purposes::jsonb) >= 1),
    notice_version      text    NOT NULL,
    notice_sha256       text    NOT NULL CHECK (length(notice_sha256) = 64),
    signature_method    text    NOT NULL CHECK (signature_method IN ('written', 'electronic-signature')),
    evidence_reference  text    NOT NULL,
    granted_at          bigint  NOT NULL,
    expires_at          bigint  CHECK (expires_at IS NULL OR expires_at > granted_at),
    withdrawn_at        bigint,
    withdrawal_reason   text,
    recorded_at         bigint  NOT NULL,
    rowid               bigserial NOT NULL UNIQUE
);

CREATE INDEX consents_subject ON consents (tenant_id, subject_external_id);

CREATE TABLE accountability_reports (
    id         uuid    NOT NULL PRIMARY KEY,
    tenant_id  uuid    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    created_at bigint  NOT NULL,
    pack_id    text    NOT NULL CHECK (length(pack_id) > 0),
    sha256     text    NOT NULL CHECK (length(sha256) = 64),
    markdown   text    NOT NULL,
    rowid      bigserial NOT NULL UNIQUE
);

CREATE INDEX accountability_reports_tenant ON accountability_reports (tenant_id, pack_id, created_at);

CREATE TABLE data_keys (
    key_id    text    NOT NULL PRIMARY KEY,
    state     text    NOT NULL CHECK (state IN ('current', 'previous', 'retired')),
    added_at  bigint  NOT NULL
);
