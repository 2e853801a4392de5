-- Statistics (issue 7). Two case columns the dashboards group on, kept by
-- every case step: the DDAS end result of a closed or declined case (a
-- declined case's reason is its end result, with the same DDAS text), and
-- the first contact attempt that reached the household. Both are filled
-- in here from what is already stored; the state JSON is the domain's
-- CaseState, whose stage is serde's externally tagged enum.
ALTER TABLE cases ADD COLUMN end_result TEXT;
ALTER TABLE cases ADD COLUMN contact_made_on DATE;
UPDATE cases SET end_result = CASE stage
        WHEN 'afgesloten' THEN CAST(state AS jsonb) -> 'stage' -> 'Closed' ->> 'result'
        WHEN 'niet-opgepakt' THEN CAST(state AS jsonb) -> 'stage' -> 'NotPickedUp' ->> 'reason'
    END
    WHERE stage IN ('afgesloten', 'niet-opgepakt') AND state IS NOT NULL;
UPDATE cases SET contact_made_on = (SELECT MIN(a.on_date) FROM contact_attempts a
    WHERE a.case_id = cases.id AND a.reached);

-- Every statistics read is a range over (owner, date). The two large
-- tables get covering indexes, so a gemeente's year is read from the index
-- alone (an index-only scan once vacuumed), without touching the wide rows.
CREATE INDEX signals_gemeente_date ON signals(gemeente_org_id, signal_date, partner_type);
CREATE INDEX signals_partner_date ON signals(partner_org_id, signal_date, partner_type);
-- Cases twice, each in the order its read groups them, so the database
-- counts while it scans instead of sorting a year of cases first: the
-- funnel by what became of a case (the flags are expressions, the columns
-- behind them follow so the index still covers), and the dates.
CREATE INDEX cases_gemeente_groups ON cases(gemeente_org_id, opened_on,
    (picked_up_on IS NOT NULL), (contact_made_on IS NOT NULL),
    (handed_off_to_org_id IS NOT NULL), (repeat_of_case_id IS NOT NULL),
    end_result, picked_up_on, contact_made_on, handed_off_to_org_id, repeat_of_case_id);
CREATE INDEX cases_gemeente_dates ON cases(gemeente_org_id, opened_on, picked_up_on,
    first_contact_on, stage);
CREATE INDEX tenancies_gemeente ON tenancies(gemeente_org_id);
-- The events a dashboard counts are a few kinds (evictions executed and
-- prevented, arrangements): found by kind and date, whoever owns them.
CREATE INDEX tenancy_events_kind_date ON tenancy_events(kind, on_date, tenancy_id);
CREATE INDEX tenancy_ledger_date ON tenancy_ledger(tenancy_id, on_date, kind, amount_cents);
CREATE INDEX gate_decisions_date ON gate_decisions(evaluated_on);
CREATE INDEX gate_overrides_requested ON gate_overrides(requested_at);
CREATE INDEX eviction_notices_gemeente_date ON eviction_notices(gemeente_org_id, notified_on);
CREATE INDEX eviction_notices_verhuurder_date ON eviction_notices(verhuurder_org_id, notified_on);
CREATE INDEX eviction_notices_date ON eviction_notices(notified_on);
CREATE INDEX kb_revisions_created ON kb_revisions(created_at);
CREATE INDEX kb_revisions_decided ON kb_revisions(decided_at) WHERE decided_at IS NOT NULL;

-- How often a published practice was read, per month (its first day). No
-- reader is recorded: a count is all the dashboard needs.
CREATE TABLE kb_practice_reads (
    practice_id BIGINT NOT NULL REFERENCES kb_practices(id),
    month       DATE NOT NULL,
    reads       BIGINT NOT NULL CHECK (reads >= 0),
    PRIMARY KEY (practice_id, month)
);
CREATE INDEX kb_practice_reads_month ON kb_practice_reads(month);

-- A verhuurder's own figures for its dashboard; NULL: the default.
CREATE TABLE stats_settings (
    org_id              BIGINT PRIMARY KEY REFERENCES organisations(id),
    eviction_cost_cents BIGINT CHECK (eviction_cost_cents > 0)
);
