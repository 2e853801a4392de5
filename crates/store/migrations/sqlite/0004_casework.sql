-- Municipal case work: the state of each case (the domain's CaseState as
-- JSON, with the columns the queue filters on beside it), its timeline,
-- contact attempts, team notes and each gemeente's case-work settings.
-- `version` makes concurrent edits a clear conflict instead of a silent
-- overwrite; `priority` is NULL until the queue computes it (cases_queue
-- finds those too: NULL is one more key in it).

ALTER TABLE cases ADD COLUMN state TEXT;
ALTER TABLE cases ADD COLUMN stage TEXT NOT NULL DEFAULT 'open';
ALTER TABLE cases ADD COLUMN assignee_user_id INTEGER REFERENCES users(id);
ALTER TABLE cases ADD COLUMN handed_off_to_org_id INTEGER REFERENCES organisations(id);
ALTER TABLE cases ADD COLUMN picked_up_on TEXT;
ALTER TABLE cases ADD COLUMN first_contact_on TEXT;
ALTER TABLE cases ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE cases ADD COLUMN priority INTEGER;

CREATE INDEX cases_queue ON cases(gemeente_org_id, priority DESC, id);
-- The deadline filters: undecided cases by first signal, picked-up cases
-- without a contact attempt by pick-up date.
CREATE INDEX cases_pickup_due ON cases(gemeente_org_id, opened_on) WHERE stage = 'open';
CREATE INDEX cases_contact_due ON cases(gemeente_org_id, picked_up_on)
    WHERE first_contact_on IS NULL AND picked_up_on IS NOT NULL;
CREATE INDEX cases_assignee ON cases(assignee_user_id, priority DESC, id)
    WHERE assignee_user_id IS NOT NULL;
CREATE INDEX cases_handed_off ON cases(handed_off_to_org_id, priority DESC, id)
    WHERE handed_off_to_org_id IS NOT NULL;

CREATE TABLE case_events (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    at            TEXT NOT NULL,
    org_id        INTEGER NOT NULL REFERENCES organisations(id),
    actor_user_id INTEGER REFERENCES users(id),
    kind          TEXT NOT NULL,
    summary       TEXT NOT NULL
);
CREATE INDEX case_events_case ON case_events(case_id, id);

CREATE TABLE contact_attempts (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    org_id        INTEGER NOT NULL REFERENCES organisations(id),
    actor_user_id INTEGER REFERENCES users(id),
    kind          TEXT NOT NULL,
    reached       BOOLEAN NOT NULL,
    on_date       TEXT NOT NULL,
    part_of_day   TEXT,
    note          TEXT,
    created_at    TEXT NOT NULL
);
CREATE INDEX contact_attempts_case ON contact_attempts(case_id, on_date);

-- Visible within the writing organisation only.
CREATE TABLE case_notes (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    org_id         INTEGER NOT NULL REFERENCES organisations(id),
    author_user_id INTEGER REFERENCES users(id),
    at             TEXT NOT NULL,
    text           TEXT NOT NULL
);
CREATE INDEX case_notes_case ON case_notes(case_id, id);

-- Each setting is the domain's settings type as JSON; NULL means defaults.
CREATE TABLE casework_settings (
    org_id        INTEGER PRIMARY KEY REFERENCES organisations(id),
    weights       TEXT,
    deadlines     TEXT,
    retention     TEXT,
    ddas_supplier TEXT,
    ddas_contact  TEXT
);
