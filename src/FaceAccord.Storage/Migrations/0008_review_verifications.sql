-- Version 8: the review queue also holds consequential verifications (Washington RCW 43.386.050 asks for human
-- review of any decision with legal effects, 1:1 included). A case now has a kind; only identifications search a
-- gallery, so gallery_id becomes optional. SQLite cannot relax NOT NULL in place, so both tables are rebuilt: the
-- decisions first move to a table pointing at the new cases, so dropping the old cases cascades into nothing.

CREATE TABLE review_cases_v8 (
    id                    BLOB    NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    tenant_id             BLOB    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind                  TEXT    NOT NULL CHECK (kind IN ('identify', 'verify')),
    gallery_id            BLOB    REFERENCES galleries (id) ON DELETE CASCADE,
    requester_key_id      TEXT    NOT NULL,
    purpose               TEXT    NOT NULL,
    mode                  TEXT    NOT NULL,
    legal_basis_type      TEXT,
    legal_basis_reference TEXT,
    required_reviewers    INTEGER NOT NULL CHECK (required_reviewers >= 1),
    state                 TEXT    NOT NULL CHECK (state IN ('pending', 'released', 'rejected')),
    result                TEXT    NOT NULL CHECK (json_valid(result)),
    created_at            INTEGER NOT NULL,
    closed_at             INTEGER,
    CHECK ((kind = 'identify') = (gallery_id IS NOT NULL))
) STRICT;

INSERT INTO review_cases_v8 (id, tenant_id, kind, gallery_id, requester_key_id, purpose, mode, legal_basis_type,
                             legal_basis_reference, required_reviewers, state, result, created_at, closed_at)
SELECT id, tenant_id, 'identify', gallery_id, requester_key_id, purpose, mode, legal_basis_type,
       legal_basis_reference, required_reviewers, state, result, created_at, closed_at
FROM review_cases;

CREATE TABLE review_decisions_v8 (
    case_id         BLOB    NOT NULL REFERENCES review_cases_v8 (id) ON DELETE CASCADE,
    reviewer_key_id TEXT    NOT NULL,
    decision        TEXT    NOT NULL CHECK (decision IN ('confirm', 'reject')),
    note            TEXT,
    at              INTEGER NOT NULL,
    PRIMARY KEY (case_id, reviewer_key_id)
) STRICT;

-- rowid order is kept, so decisions made in the same tick keep their order.
INSERT INTO review_decisions_v8 (rowid, case_id, reviewer_key_id, decision, note, at)
SELECT rowid, case_id, reviewer_key_id, decision, note, at FROM review_decisions;

DROP TABLE review_decisions;
DROP TABLE review_cases;
ALTER TABLE review_cases_v8 RENAME TO review_cases;
ALTER TABLE review_decisions_v8 RENAME TO review_decisions;

CREATE INDEX review_cases_tenant ON review_cases (tenant_id, created_at);
CREATE INDEX review_cases_gallery ON review_cases (gallery_id);
