-- The eviction track (issue 5): a verhuurder's tenancies with their arrears
-- ledger and collection steps (dated events), the gate's versioned policies
-- and the decisions it made, four-eyes overrides of a blocked step, and the
-- art. 14 notices to the gemeente. Dates are 'YYYY-MM-DD' text, amounts
-- integer cents. Event kinds and steps are the domain's slugs and are not
-- checked here, so a new kind needs no migration; the grounds are a closed
-- legal list and are. Nothing cascades: a tenancy's history goes only by an
-- explicit retention purge, never as a side effect.

CREATE TABLE tenancies (
    id                 INTEGER PRIMARY KEY,
    verhuurder_org_id  INTEGER NOT NULL REFERENCES organisations(id),
    -- The verhuurder's own reference: resending it updates, never duplicates.
    reference          TEXT NOT NULL CHECK (length(reference) > 0),
    -- The tenants' names as a JSON array of strings.
    tenants            TEXT NOT NULL,
    street             TEXT,
    house_number       INTEGER NOT NULL,
    addition           TEXT,
    postcode           TEXT NOT NULL,
    city               TEXT,
    household_key      TEXT NOT NULL,
    -- Routed by postcode like a signal; NULL when no gemeente serves it.
    gemeente_org_id    INTEGER REFERENCES organisations(id),
    gemeentecode       TEXT CHECK (gemeentecode IS NULL OR length(gemeentecode) = 4),
    grounds            TEXT NOT NULL DEFAULT 'huurachterstand' CHECK (grounds IN
                           ('huurachterstand','overlast','ernstige_overlast','criminaliteit','hennep')),
    monthly_rent_cents INTEGER NOT NULL CHECK (monthly_rent_cents > 0),
    start_date         TEXT NOT NULL,
    -- Raised by every change the gate reads (data, ledger, events), so a
    -- step decided on an older state is a conflict.
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    UNIQUE (verhuurder_org_id, reference)
);

CREATE TABLE tenancy_ledger (
    id           INTEGER PRIMARY KEY,
    tenancy_id   INTEGER NOT NULL REFERENCES tenancies(id),
    kind         TEXT NOT NULL CHECK (kind IN ('due','payment')),
    on_date      TEXT NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    description  TEXT,
    -- The verhuurder's own reference of the entry, if any: resending adds nothing.
    reference    TEXT,
    created_at   TEXT NOT NULL,
    UNIQUE (tenancy_id, reference)
);

-- A policy version: the platform's (verhuurder NULL) or one verhuurder's,
-- for every area or for the gemeentecodes in gate_policy_areas. The JSON is
-- the domain's policy as given; a version is never changed (a trigger says
-- so), only ended earlier, so a decision can name the version it used.
CREATE TABLE gate_policies (
    id                 INTEGER PRIMARY KEY,
    verhuurder_org_id  INTEGER REFERENCES organisations(id),
    all_areas          BOOLEAN NOT NULL,
    valid_from         TEXT NOT NULL,
    valid_to           TEXT,
    version_label      TEXT NOT NULL CHECK (length(version_label) > 0),
    policy             TEXT NOT NULL,
    created_by_user_id INTEGER REFERENCES users(id),
    created_at         TEXT NOT NULL,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX gate_policies_label ON gate_policies(COALESCE(verhuurder_org_id, 0), version_label);
CREATE INDEX gate_policies_scope ON gate_policies(verhuurder_org_id, valid_from);
CREATE TRIGGER gate_policies_fixed
BEFORE UPDATE OF verhuurder_org_id, all_areas, valid_from, version_label, policy ON gate_policies
BEGIN SELECT RAISE(ABORT, 'gate_policies: a version is never changed, declare a new one'); END;

CREATE TABLE gate_policy_areas (
    policy_id    INTEGER NOT NULL REFERENCES gate_policies(id),
    gemeentecode TEXT NOT NULL CHECK (length(gemeentecode) = 4),
    PRIMARY KEY (policy_id, gemeentecode)
);
CREATE INDEX gate_policy_areas_code ON gate_policy_areas(gemeentecode);

-- Every gate evaluation that was acted on, exactly as it was shown: the
-- reasons JSON as text (not re-encoded) and the policy version used.
CREATE TABLE gate_decisions (
    id                 INTEGER PRIMARY KEY,
    tenancy_id         INTEGER NOT NULL REFERENCES tenancies(id),
    tenancy_version    INTEGER NOT NULL,
    step               TEXT NOT NULL,
    evaluated_on       TEXT NOT NULL,
    planned_date       TEXT,
    allowed            BOOLEAN NOT NULL,
    reasons            TEXT NOT NULL,
    policy_version     TEXT NOT NULL,
    decided_by_user_id INTEGER REFERENCES users(id),
    decided_at         TEXT NOT NULL
);
CREATE INDEX gate_decisions_tenancy ON gate_decisions(tenancy_id, id);
CREATE TRIGGER gate_decisions_fixed BEFORE UPDATE ON gate_decisions
BEGIN SELECT RAISE(ABORT, 'gate_decisions: a decision is kept as it was made'); END;

-- A blocked step asked for anyway: the step's event waits here until a
-- second person approves it, and then is recorded (tenancy_events.override_id).
CREATE TABLE gate_overrides (
    id                   INTEGER PRIMARY KEY,
    tenancy_id           INTEGER NOT NULL REFERENCES tenancies(id),
    decision_id          INTEGER NOT NULL REFERENCES gate_decisions(id),
    step                 TEXT NOT NULL,
    on_date              TEXT NOT NULL,
    target_date          TEXT,
    details              TEXT NOT NULL,
    document_name        TEXT,
    document_sha256      TEXT CHECK (document_sha256 IS NULL OR length(document_sha256) = 64),
    reason               TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    status               TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected')),
    requested_by_user_id INTEGER NOT NULL REFERENCES users(id),
    requested_at         TEXT NOT NULL,
    decided_by_user_id   INTEGER REFERENCES users(id),
    decided_at           TEXT,
    -- Four eyes, also against a bug in the caller.
    CHECK (decided_by_user_id IS NULL OR decided_by_user_id <> requested_by_user_id),
    CHECK ((status = 'pending') = (decided_by_user_id IS NULL)),
    CHECK ((document_name IS NULL) = (document_sha256 IS NULL))
);
CREATE INDEX gate_overrides_tenancy ON gate_overrides(tenancy_id, id);
CREATE UNIQUE INDEX gate_overrides_one_pending ON gate_overrides(tenancy_id, step)
    WHERE status = 'pending';

-- Collection steps. `target_date` is the date a step aims at: the intended
-- eviction of a melding, the date of a planned eviction.
CREATE TABLE tenancy_events (
    id                  INTEGER PRIMARY KEY,
    tenancy_id          INTEGER NOT NULL REFERENCES tenancies(id),
    kind                TEXT NOT NULL,
    on_date             TEXT NOT NULL,
    target_date         TEXT,
    details             TEXT NOT NULL,
    document_name       TEXT,
    document_sha256     TEXT CHECK (document_sha256 IS NULL OR length(document_sha256) = 64),
    recorded_by_user_id INTEGER REFERENCES users(id),
    recorded_at         TEXT NOT NULL,
    gate_decision_id    INTEGER REFERENCES gate_decisions(id),
    override_id         INTEGER UNIQUE REFERENCES gate_overrides(id),
    CHECK ((document_name IS NULL) = (document_sha256 IS NULL))
);
CREATE INDEX tenancy_events_tenancy ON tenancy_events(tenancy_id, on_date, id);

-- Art. 14 Gerechtsdeurwaarderswet: the gemeente learns of an intended
-- eviction. The address and tenants are copied as they were when notified.
CREATE TABLE eviction_notices (
    id                INTEGER PRIMARY KEY,
    tenancy_id        INTEGER NOT NULL REFERENCES tenancies(id),
    event_id          INTEGER NOT NULL UNIQUE REFERENCES tenancy_events(id),
    gemeente_org_id   INTEGER NOT NULL REFERENCES organisations(id),
    verhuurder_org_id INTEGER NOT NULL REFERENCES organisations(id),
    case_id           INTEGER NOT NULL REFERENCES cases(id),
    tenants           TEXT NOT NULL,
    street            TEXT,
    house_number      INTEGER NOT NULL,
    addition          TEXT,
    postcode          TEXT NOT NULL,
    city              TEXT,
    household_key     TEXT NOT NULL,
    notified_on       TEXT NOT NULL,
    intended_date     TEXT NOT NULL,
    planned_date      TEXT,
    created_at        TEXT NOT NULL
);
CREATE INDEX eviction_notices_gemeente ON eviction_notices(gemeente_org_id, id);
CREATE INDEX eviction_notices_tenancy ON eviction_notices(tenancy_id, id);
CREATE INDEX eviction_notices_case ON eviction_notices(case_id);
