-- The log: entries (canonical JSON envelopes), bodies by hash, the tree's tiles, checkpoints
-- and witness cosignatures. Entries are append-only; nothing here is updated but a partial tile
-- (replaced by a wider one) and a checkpoint's cosignatures (added).

CREATE TABLE entries (
    seq       BIGINT PRIMARY KEY CHECK (seq >= 0),
    entry     BYTEA  NOT NULL,
    -- The hash of the entry's body, as named in the entry (kept as a column to join on).
    body_hash BYTEA  NOT NULL CHECK (length(body_hash) = 32)
);

CREATE TABLE bodies (
    hash BYTEA PRIMARY KEY CHECK (length(hash) = 32),
    body BYTEA NOT NULL
);

CREATE TABLE tiles (
    level  BIGINT   NOT NULL CHECK (level BETWEEN 0 AND 7),
    idx    BIGINT   NOT NULL CHECK (idx >= 0),
    hashes BYTEA    NOT NULL CHECK (length(hashes) BETWEEN 32 AND 8192 AND length(hashes) % 32 = 0),
    PRIMARY KEY (level, idx)
);

CREATE TABLE checkpoints (
    size       BIGINT PRIMARY KEY,
    note       TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE cosignatures (
    size      BIGINT NOT NULL REFERENCES checkpoints (size),
    witness   TEXT   NOT NULL,
    line      TEXT   NOT NULL,
    timestamp BIGINT NOT NULL,
    PRIMARY KEY (size, witness)
);
