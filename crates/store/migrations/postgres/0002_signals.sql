-- Vroegsignalering intake: imports, signals (vroegsignalen) with their
-- history, cases (vroegsignaalzaken) that bundle a household's signals,
-- and each gemeente's matching settings. Dates are DATE, times TIMESTAMPTZ.

CREATE TABLE gemeente_settings (
    org_id                 BIGINT PRIMARY KEY REFERENCES organisations(id),
    matching_period_months BIGINT NOT NULL DEFAULT 1 CHECK (matching_period_months BETWEEN 0 AND 24),
    repeat_window_months   BIGINT NOT NULL DEFAULT 6 CHECK (repeat_window_months BETWEEN 0 AND 60)
);

CREATE TABLE imports (
    id BIGSERIAL PRIMARY KEY,
    partner_org_id  BIGINT NOT NULL REFERENCES organisations(id),
    source          TEXT NOT NULL CHECK (source IN ('api','upload','cli')),
    file_name       TEXT,
    actor_user_id   BIGINT,
    started_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ,
    status          TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running','completed','failed')),
    accepted        BIGINT NOT NULL DEFAULT 0,
    rejected        BIGINT NOT NULL DEFAULT 0,
    duplicates      BIGINT NOT NULL DEFAULT 0,
    updated         BIGINT NOT NULL DEFAULT 0,
    objected        BIGINT NOT NULL DEFAULT 0,
    cases_created   BIGINT NOT NULL DEFAULT 0,
    cases_joined    BIGINT NOT NULL DEFAULT 0,
    unroutable      BIGINT NOT NULL DEFAULT 0,
    failure         TEXT,
    -- The rejected rows as CSV, for the partner to fix and resend.
    rejected_csv    TEXT
);
CREATE INDEX imports_partner ON imports(partner_org_id, id);

CREATE TABLE cases (
    id BIGSERIAL PRIMARY KEY,
    gemeente_org_id   BIGINT NOT NULL REFERENCES organisations(id),
    household_key     TEXT NOT NULL,
    opened_on         DATE NOT NULL,
    closed_on         DATE,
    repeat_of_case_id BIGINT REFERENCES cases(id),
    created_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX cases_household ON cases(household_key);

CREATE TABLE signals (
    id BIGSERIAL PRIMARY KEY,
    partner_org_id       BIGINT NOT NULL REFERENCES organisations(id),
    gemeente_org_id      BIGINT REFERENCES organisations(id),
    routing              TEXT NOT NULL CHECK (routing IN ('routed','unroutable','conflict')),
    case_id              BIGINT REFERENCES cases(id),
    match_reason         TEXT,
    kenmerk              TEXT NOT NULL,
    partner_type         TEXT NOT NULL,
    amount_cents         BIGINT NOT NULL CHECK (amount_cents > 0),
    arrears_start        DATE,
    signal_date          DATE NOT NULL,
    crisis               BOOLEAN NOT NULL,
    warm_handover        BOOLEAN NOT NULL,
    bsn                  TEXT,
    initials             TEXT,
    prefix               TEXT,
    surname              TEXT NOT NULL,
    birth_date           DATE,
    phone                TEXT,
    email                TEXT,
    street               TEXT,
    house_number         BIGINT NOT NULL,
    addition             TEXT,
    postcode             TEXT NOT NULL,
    city                 TEXT,
    household_key        TEXT NOT NULL,
    monthly_rent_cents   BIGINT,
    contact_tried        BOOLEAN,
    pointed_to_help      BOOLEAN,
    reminder_sent_on     DATE,
    status               TEXT NOT NULL DEFAULT 'Nog niet opgepakt',
    version              BIGINT NOT NULL DEFAULT 1,
    content_hash         TEXT NOT NULL,
    import_id            BIGINT REFERENCES imports(id),
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL,
    UNIQUE (partner_org_id, kenmerk)
);
CREATE INDEX signals_gemeente ON signals(gemeente_org_id, id);
CREATE INDEX signals_case ON signals(case_id);
CREATE INDEX signals_bsn ON signals(bsn);
CREATE INDEX signals_routing ON signals(routing);

-- Earlier versions of a signal, kept when a partner resends a kenmerk with
-- changed contents.
CREATE TABLE signal_history (
    id BIGSERIAL PRIMARY KEY,
    signal_id     BIGINT NOT NULL REFERENCES signals(id) ON DELETE CASCADE,
    version       BIGINT NOT NULL,
    amount_cents  BIGINT NOT NULL,
    arrears_start DATE,
    signal_date   DATE NOT NULL,
    content_hash  TEXT NOT NULL,
    replaced_at   TIMESTAMPTZ NOT NULL,
    import_id     BIGINT REFERENCES imports(id)
);
CREATE INDEX signal_history_signal ON signal_history(signal_id, version);
