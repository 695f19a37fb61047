-- Version 11: API keys can expire. A key may be issued with an expiry, and rotating a key issues its successor and
-- lets the old one expire after a grace period, so a leaked or departing key stops working on a known date.

ALTER TABLE api_keys ADD COLUMN expires_at INTEGER;
ALTER TABLE api_keys ADD COLUMN replaced_by TEXT;
