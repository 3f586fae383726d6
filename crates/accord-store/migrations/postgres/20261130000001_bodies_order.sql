-- Bodies in the order they were appended, so that replay can read a page's bodies as one range
-- scan instead of a lookup per entry (see src/pages.rs). Rows already stored are numbered as the
-- table holds them; the order only makes the read fast, the result does not depend on it.
ALTER TABLE bodies ADD COLUMN pos BIGINT GENERATED ALWAYS AS IDENTITY;
CREATE UNIQUE INDEX bodies_by_pos ON bodies (pos);
