-- Version 4: the review queue. A consequential identification is held here until enough distinct people
-- confirm it (or one rejects it); its candidates are kept as the service's JSON and only read back once released.
-- Cases go with their tenant and gallery: when the searched data is deleted, nothing is left to release.

CREATE TABLE review_cases (
    id                    BLOB    NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    tenant_id             BLOB    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    gallery_id            BLOB    NOT NULL REFERENCES galleries (id) ON DELETE CASCADE,
    requester_key_id      TEXT    NOT NULL,
    purpose               TEXT    NOT NULL,
    mode                  TEXT    NOT NULL,
    legal_basis_type      TEXT,
    legal_basis_reference TEXT,
    required_reviewers    INTEGER NOT NULL CHECK (required_reviewers >= 1),
    state                 TEXT    NOT NULL CHECK (state IN ('pending', 'released', 'rejected')),
    result                TEXT    NOT NULL CHECK (json_valid(result)),
    created_at            INTEGER NOT NULL,
    closed_at             INTEGER
) STRICT;

CREATE INDEX review_cases_tenant ON review_cases (tenant_id, created_at);
CREATE INDEX review_cases_gallery ON review_cases (gallery_id);

-- One decision per reviewer key and case: the primary key is what makes reviewers distinct.
CREATE TABLE review_decisions (
    case_id         BLOB    NOT NULL REFERENCES review_cases (id) ON DELETE CASCADE,
    reviewer_key_id TEXT    NOT NULL,
    decision        TEXT    NOT NULL CHECK (decision IN ('confirm', 'reject')),
    note            TEXT,
    at              INTEGER NOT NULL,
    PRIMARY KEY (case_id, reviewer_key_id)
) STRICT;
