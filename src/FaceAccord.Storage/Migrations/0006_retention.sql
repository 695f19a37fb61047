-- Version 6: retention limits become expiry dates. A gallery may declare how many days it keeps a subject after
-- their last interaction; each subject carries the expiry that follows from the shortest period that applied to
-- any of its enrolments (the gallery's, a policy's), capped by any limit a rule set for it (a consent's own end).
-- The sweeper deletes every subject whose expiry has passed; NULL means no limit.

ALTER TABLE galleries ADD COLUMN retention_days INTEGER CHECK (retention_days IS NULL OR retention_days BETWEEN 1 AND 36500);

-- The shortest retention period any enrolment of the subject was made under.
ALTER TABLE subjects ADD COLUMN retention_days INTEGER CHECK (retention_days IS NULL OR retention_days BETWEEN 1 AND 36500);

-- The subject's creation or their latest enrolled face; identifications do not count (a search is not an interaction).
ALTER TABLE subjects ADD COLUMN last_interaction_at INTEGER;

-- A limit later interactions never extend.
ALTER TABLE subjects ADD COLUMN expires_not_after INTEGER;

-- min(last_interaction_at + retention_days, expires_not_after), kept in step by the store.
ALTER TABLE subjects ADD COLUMN expires_at INTEGER;

UPDATE subjects SET last_interaction_at = max(created_at, coalesce((SELECT max(f.created_at) FROM faces f WHERE f.subject_key = subjects.key), created_at));

CREATE INDEX subjects_expires_at ON subjects (expires_at) WHERE expires_at IS NOT NULL;
