-- Bodies in the order they were appended, so that replay can read a page's bodies as one range
-- scan instead of a lookup per entry (see src/pages.rs). SQLite's rowid already keeps that
-- order, so nothing changes here; the migration exists so that both folders name the same ones.
SELECT 1;
