-- Per-candidate review decisions (issue 13), as SQLite's version 14: the subject ids a confirming reviewer names, as a
-- JSON array of strings. NULL (earlier decisions, a reject, a confirm without a list) confirms every held candidate.
ALTER TABLE review_decisions ADD COLUMN confirmed_candidates text;
