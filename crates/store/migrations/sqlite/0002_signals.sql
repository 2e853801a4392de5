-- Vroegsignalering intake: imports, signals (vroegsignalen) with their
-- history, cases (vroegsignaalzaken) that bundle a household's signals,
-- and each gemeente's matching settings. Dates are 'YYYY-MM-DD' text.

CREATE TABLE gemeente_settings (
    org_id                 INTEGER PRIMARY KEY REFERENCES organisations(id),
    matching_period_months INTEGER NOT NULL DEFAULT 1 CHECK (matching_period_months BETWEEN 0 AND 24),
    repeat_window_months   INTEGER NOT NULL DEFAULT 6 CHECK (repeat_window_months BETWEEN 0 AND 60)
);

CREATE TABLE imports (
    id              INTEGER PRIMARY KEY,
    partner_org_id  INTEGER NOT NULL REFERENCES organisations(id),
    source          TEXT NOT NULL CHECK (source IN ('api','upload','cli')),
    file_name       TEXT,
    actor_user_id   INTEGER,
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    status          TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running','completed','failed')),
    accepted        INTEGER NOT NULL DEFAULT 0,
    rejected        INTEGER NOT NULL DEFAULT 0,
    duplicates      INTEGER NOT NULL DEFAULT 0,
    updated         INTEGER NOT NULL DEFAULT 0,
    objected        INTEGER NOT NULL DEFAULT 0,
    cases_created   INTEGER NOT NULL DEFAULT 0,
    cases_joined    INTEGER NOT NULL DEFAULT 0,
    unroutable      INTEGER NOT NULL DEFAULT 0,
    failure         TEXT,
    -- The rejected rows as CSV, for the partner to fix and resend.
    rejected_csv    TEXT
);
CREATE INDEX imports_partner ON imports(partner_org_id, id);

CREATE TABLE cases (
    id                INTEGER PRIMARY KEY,
    gemeente_org_id   INTEGER NOT NULL REFERENCES organisations(id),
    household_key     TEXT NOT NULL,
    opened_on         TEXT NOT NULL,
    closed_on         TEXT,
    repeat_of_case_id INTEGER REFERENCES cases(id),
    created_at        TEXT NOT NULL
);
CREATE INDEX cases_household ON cases(household_key);

CREATE TABLE signals (
    id                   INTEGER PRIMARY KEY,
    partner_org_id       INTEGER NOT NULL REFERENCES organisations(id),
    gemeente_org_id      INTEGER REFERENCES organisations(id),
    routing              TEXT NOT NULL CHECK (routing IN ('routed','unroutable','conflict')),
    case_id              INTEGER REFERENCES cases(id),
    match_reason         TEXT,
    kenmerk              TEXT NOT NULL,
    partner_type         TEXT NOT NULL,
    amount_cents         INTEGER NOT NULL CHECK (amount_cents > 0),
    arrears_start        TEXT,
    signal_date          TEXT NOT NULL,
    crisis               BOOLEAN NOT NULL,
    warm_handover        BOOLEAN NOT NULL,
    bsn                  TEXT,
    initials             TEXT,
    prefix               TEXT,
    surname              TEXT NOT NULL,
    birth_date           TEXT,
    phone                TEXT,
    email                TEXT,
    street               TEXT,
    house_number         INTEGER NOT NULL,
    addition             TEXT,
    postcode             TEXT NOT NULL,
    city                 TEXT,
    household_key        TEXT NOT NULL,
    monthly_rent_cents   INTEGER,
    contact_tried        BOOLEAN,
    pointed_to_help      BOOLEAN,
    reminder_sent_on     TEXT,
    status               TEXT NOT NULL DEFAULT 'Nog niet opgepakt',
    version              INTEGER NOT NULL DEFAULT 1,
    content_hash         TEXT NOT NULL,
    import_id            INTEGER REFERENCES imports(id),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    UNIQUE (partner_org_id, kenmerk)
);
CREATE INDEX signals_gemeente ON signals(gemeente_org_id, id);
CREATE INDEX signals_case ON signals(case_id);
CREATE INDEX signals_bsn ON signals(bsn);
CREATE INDEX signals_routing ON signals(routing);

-- Earlier versions of a signal, kept when a partner resends a kenmerk with
-- changed contents.
CREATE TABLE signal_history (
    id            INTEGER PRIMARY KEY,
    signal_id     INTEGER NOT NULL REFERENCES signals(id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    amount_cents  INTEGER NOT NULL,
    arrears_start TEXT,
    signal_date   TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    replaced_at   TEXT NOT NULL,
    import_id     INTEGER REFERENCES imports(id)
);
CREATE INDEX signal_history_signal ON signal_history(signal_id, version);
