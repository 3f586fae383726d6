-- Accounts, sessions, API tokens and blobs: kept out of the log. Credentials are stored hashed.

CREATE TABLE accounts (
    id            TEXT    PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
) STRICT;

CREATE TABLE sessions (
    id_hash    BLOB    PRIMARY KEY CHECK (length(id_hash) = 32),
    account_id TEXT    NOT NULL REFERENCES accounts (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked    INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
) STRICT, WITHOUT ROWID;

CREATE INDEX sessions_by_account ON sessions (account_id);

CREATE TABLE api_tokens (
    id         TEXT    PRIMARY KEY,
    token_hash BLOB    NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    account_id TEXT    NOT NULL REFERENCES accounts (id),
    name       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
) STRICT;

CREATE TABLE blobs (
    hash       BLOB PRIMARY KEY CHECK (length(hash) = 32),
    media_type TEXT NOT NULL,
    bytes      BLOB NOT NULL
) STRICT, WITHOUT ROWID;
