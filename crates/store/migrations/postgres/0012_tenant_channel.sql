-- The tenant's own channel (issue 9): a tenancy's personal links (only the
-- token's SHA-256 is kept, so a copy of the database opens no tenant view),
-- the letters sent with them (the HTML exactly as rendered, attached to the
-- tenancy event that records them), the tenant's responses (the
-- verhuurder's work list) and each verhuurder's settings. Kinds are the
-- domain's slugs and are not checked here, so a new kind needs no
-- migration; a response's status is the store's own closed list and is.
-- `verhuurder_org_id` is copied from the tenancy so every read filters on
-- one indexed column. Nothing cascades, like the rest of the track: the
-- retention purge blanks the personal columns with the tenancy's.

CREATE TABLE tenant_links (
    id                 BIGSERIAL PRIMARY KEY,
    tenancy_id         BIGINT NOT NULL REFERENCES tenancies(id),
    verhuurder_org_id  BIGINT NOT NULL REFERENCES organisations(id),
    token_hash         TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    created_at         TIMESTAMPTZ NOT NULL,
    expires_at         TIMESTAMPTZ NOT NULL,
    revoked_at         TIMESTAMPTZ,
    failed_attempts    BIGINT NOT NULL DEFAULT 0,
    last_failed_at     TIMESTAMPTZ,
    locked_at          TIMESTAMPTZ,
    -- The first successful address check: when the link was "opened".
    confirmed_at       TIMESTAMPTZ,
    last_used_at       TIMESTAMPTZ,
    created_by_user_id BIGINT REFERENCES users(id)
);
CREATE INDEX tenant_links_tenancy ON tenant_links(tenancy_id, id);
CREATE INDEX tenant_links_opened ON tenant_links(verhuurder_org_id, confirmed_at);

CREATE TABLE tenant_letters (
    id                     BIGSERIAL PRIMARY KEY,
    tenancy_id             BIGINT NOT NULL REFERENCES tenancies(id),
    verhuurder_org_id      BIGINT NOT NULL REFERENCES organisations(id),
    kind                   TEXT NOT NULL CHECK (length(kind) > 0),
    link_id                BIGINT REFERENCES tenant_links(id),
    tenancy_event_id       BIGINT NOT NULL UNIQUE REFERENCES tenancy_events(id),
    amount_cents           BIGINT NOT NULL CHECK (amount_cents >= 0),
    -- NULL when none are charged (a leniency policy).
    collection_costs_cents BIGINT CHECK (collection_costs_cents IS NULL OR collection_costs_cents >= 0),
    html                   TEXT NOT NULL,
    created_at             TIMESTAMPTZ NOT NULL,
    created_by_user_id     BIGINT REFERENCES users(id)
);
CREATE INDEX tenant_letters_tenancy ON tenant_letters(tenancy_id, id);
CREATE INDEX tenant_letters_sent ON tenant_letters(verhuurder_org_id, created_at, kind);

CREATE TABLE tenant_responses (
    id                 BIGSERIAL PRIMARY KEY,
    tenancy_id         BIGINT NOT NULL REFERENCES tenancies(id),
    verhuurder_org_id  BIGINT NOT NULL REFERENCES organisations(id),
    link_id            BIGINT NOT NULL REFERENCES tenant_links(id),
    kind               TEXT NOT NULL CHECK (length(kind) > 0),
    detail             TEXT NOT NULL,
    tenancy_event_id   BIGINT REFERENCES tenancy_events(id),
    created_at         TIMESTAMPTZ NOT NULL,
    status             TEXT NOT NULL DEFAULT 'open'
                           CHECK (status IN ('open','accepted','countered','handled')),
    handled_at         TIMESTAMPTZ,
    handled_by_user_id BIGINT REFERENCES users(id),
    -- The verhuurder's counter-proposal (JSON), if any.
    answer             TEXT
);
CREATE INDEX tenant_responses_list ON tenant_responses(verhuurder_org_id, status, created_at);
CREATE INDEX tenant_responses_tenancy ON tenant_responses(tenancy_id);

-- One row per verhuurder once it changed anything; the store gives the
-- defaults (these column defaults) while there is none.
CREATE TABLE tenant_channel_settings (
    verhuurder_org_id    BIGINT PRIMARY KEY REFERENCES organisations(id),
    link_valid_days      BIGINT NOT NULL DEFAULT 60 CHECK (link_valid_days > 0),
    max_failed_attempts  BIGINT NOT NULL DEFAULT 5 CHECK (max_failed_attempts > 0),
    max_term_months      BIGINT NOT NULL DEFAULT 12 CHECK (max_term_months > 0),
    min_instalment_cents BIGINT NOT NULL DEFAULT 2500 CHECK (min_instalment_cents > 0),
    ideal_url            TEXT,
    updated_at           TIMESTAMPTZ NOT NULL
);
