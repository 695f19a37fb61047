-- Version 5 is the consent records' migration, built on another branch at the same time. This empty step only keeps
-- the versions gapless on the retention branch; drop this file when the consent branch's 0005 is merged.
SELECT 1;
