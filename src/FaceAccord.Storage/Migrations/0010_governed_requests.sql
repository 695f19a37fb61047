-- Version 10: one record per request. The request log (requests) repeated what the audit log holds in a second,
-- unchained table, and recorded the status before the error handler had set it; every request now leaves one audit
-- entry that carries where it came from (channel: http, cli, system), the HTTP status or CLI exit code it got, and the
-- problem code of a refusal or failure. Entries written before keep these empty (their serialisation version 1 has none).

DROP TABLE requests;

ALTER TABLE audit_log ADD COLUMN channel TEXT;
ALTER TABLE audit_log ADD COLUMN status INTEGER;
ALTER TABLE audit_log ADD COLUMN problem TEXT;
