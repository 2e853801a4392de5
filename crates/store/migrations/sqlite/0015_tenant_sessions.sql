-- The tenant's sessions (issue 9): proof that a browser passed the address
-- check of one personal link, kept in the database so every app node
-- sharing it knows them and a restart does not ask the tenant again. Only
-- the cookie's SHA-256 is kept. A form's nonce is claimed by inserting it:
-- the primary key lets exactly one of two identical submits record, on any
-- node. Expired sessions are removed with the staff's (`purge_expired`);
-- their nonces go with them.
CREATE TABLE tenant_sessions (
    cookie_hash TEXT PRIMARY KEY CHECK (length(cookie_hash) = 64),
    link_id     INTEGER NOT NULL REFERENCES tenant_links(id),
    expires_at  TEXT NOT NULL
);
CREATE INDEX tenant_sessions_expiry ON tenant_sessions(expires_at);

CREATE TABLE tenant_session_nonces (
    cookie_hash TEXT NOT NULL REFERENCES tenant_sessions(cookie_hash) ON DELETE CASCADE,
    nonce       TEXT NOT NULL CHECK (length(nonce) BETWEEN 1 AND 128),
    -- What the form led to, so a repeat shows the same confirmation.
    done        TEXT NOT NULL,
    PRIMARY KEY (cookie_hash, nonce)
);
