-- Foundation: organisations, users, sessions, API tokens, login throttling
-- and the hash-chained audit log. Timestamps are UTC text in a fixed
-- sortable form (YYYY-MM-DDTHH:MM:SS.ffffffZ).

CREATE TABLE organisations (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('gemeente','verhuurder','signaalpartner','hulpverlening','deurwaarder','redactie','beheer')),
    gemeentecode TEXT CHECK (gemeentecode IS NULL OR length(gemeentecode) = 4),
    postcodes    TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    org_id        INTEGER NOT NULL REFERENCES organisations(id),
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('medewerker','teamleider','beheerder','redacteur')),
    password_hash TEXT NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TEXT NOT NULL,
    last_login_at TEXT
);
CREATE INDEX users_org ON users(org_id);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    org_id       INTEGER NOT NULL REFERENCES organisations(id),
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES organisations(id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    scopes       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT,
    UNIQUE (org_id, name)
);

-- Keys are hashes of the e-mail address and the client address, never the
-- values themselves.
CREATE TABLE login_failures (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    account_key TEXT NOT NULL,
    ip_key      TEXT NOT NULL
);
CREATE INDEX login_failures_account ON login_failures(account_key, at);
CREATE INDEX login_failures_ip ON login_failures(ip_key, at);

CREATE TABLE audit_log (
    seq            INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    actor_user_id  INTEGER,
    actor_token_id INTEGER,
    actor_label    TEXT NOT NULL,
    org_id         INTEGER,
    action         TEXT NOT NULL,
    object_type    TEXT NOT NULL,
    object_id      TEXT,
    reason         TEXT,
    detail         TEXT NOT NULL,
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL
);
CREATE INDEX audit_log_org ON audit_log(org_id, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
