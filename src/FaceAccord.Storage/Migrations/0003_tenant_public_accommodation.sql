-- Whether the tenant operates a place of public accommodation (Portland City Code 34.10 turns on it).
ALTER TABLE tenants ADD COLUMN public_accommodation INTEGER NOT NULL DEFAULT 0 CHECK (public_accommodation IN (0, 1));
