-- Version 2: the audit log, append-only and hash-chained.
-- Each row holds the SHA-256 of its own canonical form and the hash of the row before it (32 zero bytes for
-- the first), so a change made behind the store's back breaks the chain where it was made. The hashing is
-- done by FaceAccord.Governance; this table only keeps the rows and refuses to rewrite them.
-- No foreign keys: the log outlives everything it mentions (a deleted subject leaves its tombstone here).
-- AUTOINCREMENT keeps the highest sequence number ever issued in sqlite_sequence, so removing the newest
-- entries (which leaves no gap in the chain) still shows as entries that were issued and are gone.

CREATE TABLE audit_log (
    seq                   INTEGER PRIMARY KEY AUTOINCREMENT,
    format_version        INTEGER NOT NULL,
    at                    INTEGER NOT NULL,
    tenant_id             BLOB    CHECK (tenant_id IS NULL OR length(tenant_id) = 16),
    key_id                TEXT    NOT NULL,
    operation             TEXT    NOT NULL,
    purpose               TEXT,
    mode                  TEXT,
    legal_basis_type      TEXT,
    legal_basis_reference TEXT,
    decision              TEXT    NOT NULL,
    rule_ids              TEXT    NOT NULL CHECK (json_valid(rule_ids)),
    gallery_id            BLOB    CHECK (gallery_id IS NULL OR length(gallery_id) = 16),
    candidate_count       INTEGER NOT NULL CHECK (candidate_count >= 0),
    candidate_ids         TEXT    NOT NULL CHECK (json_valid(candidate_ids)),
    reviewer_ids          TEXT    NOT NULL CHECK (json_valid(reviewer_ids)),
    detail                TEXT    CHECK (detail IS NULL OR json_valid(detail)),
    previous_hash         BLOB    NOT NULL CHECK (length(previous_hash) = 32),
    entry_hash            BLOB    NOT NULL CHECK (length(entry_hash) = 32)
) STRICT;

CREATE INDEX audit_log_tenant ON audit_log (tenant_id, seq);
CREATE INDEX audit_log_at ON audit_log (at);

-- History is never rewritten through SQL: not by a bug, not by a cascade. Someone editing the file directly
-- can drop these triggers, which is what the chain verifier is for.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be deleted');
END;

-- A new row must be the next link: the next sequence number, pointing at the last row's hash.
CREATE TRIGGER audit_log_chain_insert BEFORE INSERT ON audit_log
WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM audit_log)
  OR NEW.previous_hash IS NOT coalesce((SELECT entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1), zeroblob(32))
BEGIN
    SELECT RAISE(ABORT, 'audit_log entries must extend the chain: the next sequence number, linked to the last entry''s hash');
END;
