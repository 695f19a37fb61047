-- Version 14: per-candidate review decisions (issue 13). A confirming reviewer may name the candidates they confirm;
-- the column holds their subject ids as a JSON array of strings. NULL (every decision before this version, a reject,
-- or a confirm without a list) confirms every candidate the case holds.
ALTER TABLE review_decisions ADD COLUMN confirmed_candidates TEXT;
