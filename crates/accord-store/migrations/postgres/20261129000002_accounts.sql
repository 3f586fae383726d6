-- Accounts, sessions, API tokens and blobs: kept out of the log. Credentials are stored hashed.

CREATE TABLE accounts (
    id            TEXT    PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE sessions (
    id_hash    BYTEA   PRIMARY KEY CHECK (length(id_hash) = 32),
    account_id TEXT    NOT NULL REFERENCES accounts (id),
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL,
    revoked    BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE INDEX sessions_by_account ON sessions (account_id);

CREATE TABLE api_tokens (
    id         TEXT   PRIMARY KEY,
    token_hash BYTEA  NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    account_id TEXT   NOT NULL REFERENCES accounts (id),
    name       TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

CREATE TABLE blobs (
    hash       BYTEA PRIMARY KEY CHECK (length(hash) = 32),
    media_type TEXT  NOT NULL,
    bytes      BYTEA NOT NULL
);
