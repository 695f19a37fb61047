-- Version 9: an API key has a role. Human review means little if anyone may confirm, and nothing if the reviewer
-- cannot see what they confirm: reviewer keys decide review cases and see the held result, and may do nothing
-- else; operator keys (every key made before, and the default) do everything else and never review.

ALTER TABLE api_keys ADD COLUMN role TEXT NOT NULL DEFAULT 'operator' CHECK (role IN ('operator', 'reviewer'));
