-- Version 7: published accountability reports (RCW 43.386.020). A report is kept whole, with the SHA-256 of its
-- Markdown, so what was published can be shown again and checked byte for byte; the gatekeeper reads the newest one
-- of a tenant for the model in use. Reports go with their tenant.

CREATE TABLE accountability_reports (
    id         BLOB    NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    tenant_id  BLOB    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    pack_id    TEXT    NOT NULL CHECK (length(pack_id) > 0),
    sha256     TEXT    NOT NULL CHECK (length(sha256) = 64),
    markdown   TEXT    NOT NULL
) STRICT;

CREATE INDEX accountability_reports_tenant ON accountability_reports (tenant_id, pack_id, created_at);
