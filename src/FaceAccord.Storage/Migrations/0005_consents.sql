-- Version 5: consent records. An enrolment on the legal basis 'consent' names one of these by id (as the subject's
-- legal_basis_reference), so withdrawing it can find and delete every subject enrolled under it. A record keeps
-- what the person was told (notice version and the SHA-256 of its text) and how they signed, never the notice
-- text or the signature itself; withdrawal is a timestamp on the record, which stays as proof of what happened.

CREATE TABLE consents (
    id                  BLOB    NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    tenant_id           BLOB    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    subject_external_id TEXT    NOT NULL CHECK (length(subject_external_id) BETWEEN 1 AND 200),
    purposes            TEXT    NOT NULL CHECK (json_valid(purposes) AND json_type(purposes) = 'array' AND json_array_length(purposes) >= 1),
    notice_version      TEXT    NOT NULL,
    notice_sha256       TEXT    NOT NULL CHECK (length(notice_sha256) = 64),
    signature_method    TEXT    NOT NULL CHECK (signature_method IN ('written', 'electronic-signature')),
    evidence_reference  TEXT    NOT NULL,
    granted_at          INTEGER NOT NULL,
    expires_at          INTEGER CHECK (expires_at IS NULL OR expires_at > granted_at),
    withdrawn_at        INTEGER,
    withdrawal_reason   TEXT,
    recorded_at         INTEGER NOT NULL
) STRICT;

CREATE INDEX consents_subject ON consents (tenant_id, subject_external_id);

-- Withdrawal looks subjects up by the consent id they were enrolled under.
CREATE INDEX subjects_consent ON subjects (legal_basis_reference) WHERE legal_basis_type = 'consent';
