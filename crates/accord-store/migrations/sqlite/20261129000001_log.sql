-- The log: entries (canonical JSON envelopes), bodies by hash, the tree's tiles, checkpoints
-- and witness cosignatures. Entries are append-only; nothing here is updated but a partial tile
-- (replaced by a wider one) and a checkpoint's cosignatures (added).

CREATE TABLE entries (
    seq       INTEGER PRIMARY KEY,
    entry     BLOB    NOT NULL,
    -- The hash of the entry's body, as named in the entry (kept as a column to join on).
    body_hash BLOB    NOT NULL CHECK (length(body_hash) = 32)
) STRICT;

-- A rowid table, so that bodies lie in the order they were appended: replay joins entries to
-- their bodies in log order and reads the table front to back (the hash index is small).
CREATE TABLE bodies (
    hash BLOB PRIMARY KEY CHECK (length(hash) = 32),
    body BLOB NOT NULL
) STRICT;

CREATE TABLE tiles (
    level  INTEGER NOT NULL CHECK (level BETWEEN 0 AND 7),
    idx    INTEGER NOT NULL CHECK (idx >= 0),
    hashes BLOB    NOT NULL CHECK (length(hashes) BETWEEN 32 AND 8192 AND length(hashes) % 32 = 0),
    PRIMARY KEY (level, idx)
) STRICT, WITHOUT ROWID;

CREATE TABLE checkpoints (
    size       INTEGER PRIMARY KEY,
    note       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE cosignatures (
    size      INTEGER NOT NULL REFERENCES checkpoints (size),
    witness   TEXT    NOT NULL,
    line      TEXT    NOT NULL,
    timestamp INTEGER NOT NULL,
    PRIMARY KEY (size, witness)
) STRICT;
