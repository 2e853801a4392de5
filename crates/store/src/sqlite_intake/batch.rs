//! One batch's writes on the intake connection. It reads what the batch
//! needs in three set-based queries (the partner's known kenmerken, and the
//! cases sharing a household or a BSN with any row), decides each row in
//! memory with `domain::matching`, and writes with statements held for the
//! whole batch. The in-memory state follows every write, so a later row of
//! the same batch sees an earlier one as if it had been read back.

use super::date::{sql_date, SqlDate};
use super::Statements;
use crate::intake::{
    case_id_of, incoming, moved, routing_slug, CandidateRow, CaseIndex, ExistingSignal, Placement,
    SettingsCache, INSERT_COLUMN_COUNT,
};
use crate::signal_records::{CaseLink, NewSignal, SignalOutcome};
use crate::ts::Ts;
use chrono::Utc;
use rusqlite::{params, CachedStatement, OptionalExtension, Transaction};
use std::collections::{HashMap, HashSet};
use vangnet_domain::matching::{decide, MatchDecision, MatchSettings};

pub(super) struct Batch<'t> {
    tx: &'t Transaction<'t>,
    sql: &'t Statements,
    insert_case: CachedStatement<'t>,
    insert_signal: CachedStatement<'t>,
    import_id: Option<i64>,
    partner: i64,
    now: String,
    settings: SettingsCache,
    known: HashMap<String, ExistingSignal>,
    index: CaseIndex,
    /// Kenmerken, households and BSNs that occur more than once in the
    /// batch: only for those must a write be remembered for a later row.
    repeated: HashSet<String>,
}

/// Adds to `into` the values that occur more than once. `seen` is scratch
/// space, sized once for the batch so it never grows while hashing.
fn repeated<'a>(
    values: impl Iterator<Item = &'a str>,
    seen: &mut HashSet<&'a str>,
    into: &mut HashSet<String>,
) {
    seen.clear();
    for value in values {
        if !seen.insert(value) && !into.contains(value) {
            into.insert(value.to_string());
        }
    }
}

/// The values as one JSON array, bound as a single parameter and unpacked
/// by `json_each`, so a batch's lookups are one statement, not one per row.
fn json_list<'a>(values: impl Iterator<Item = &'a str>) -> String {
    serde_json::to_string(&values.collect::<Vec<_>>()).expect("strings serialise")
}

impl<'t> Batch<'t> {
    pub fn new(
        tx: &'t Transaction<'t>,
        sql: &'t Statements,
        import_id: Option<i64>,
        partner: i64,
    ) -> rusqlite::Result<Self> {
        Ok(Batch {
            tx,
            sql,
            insert_case: tx.prepare_cached(&sql.insert_case)?,
            insert_signal: tx.prepare_cached(&sql.insert_signal)?,
            import_id,
            partner,
            now: Ts(Utc::now()).text(),
            settings: SettingsCache::new(),
            known: HashMap::new(),
            index: CaseIndex::default(),
            repeated: HashSet::new(),
        })
    }

    /// Reads what the rows need before any of them is decided.
    pub fn load(&mut self, rows: &[NewSignal]) -> rusqlite::Result<()> {
        let mut seen = HashSet::with_capacity(rows.len());
        let into = &mut self.repeated;
        repeated(rows.iter().map(|s| s.kenmerk.as_str()), &mut seen, into);
        repeated(
            rows.iter().map(|s| s.household_key.as_str()),
            &mut seen,
            into,
        );
        repeated(
            rows.iter().filter_map(|s| s.bsn.as_deref()),
            &mut seen,
            into,
        );
        let kenmerken = json_list(rows.iter().map(|s| s.kenmerk.as_str()));
        let mut statement = self.tx.prepare_cached(&self.sql.existing)?;
        let found = statement.query_map(params![self.partner, kenmerken], existing_row)?;
        for row in found {
            let row = row?;
            self.known.insert(row.kenmerk.clone(), row);
        }
        self.load_cases(rows)
    }

    fn load_cases(&mut self, rows: &[NewSignal]) -> rusqlite::Result<()> {
        let households = json_list(rows.iter().map(|s| s.household_key.as_str()));
        let bsns = json_list(rows.iter().filter_map(|s| s.bsn.as_deref()));
        let mut found = Vec::new();
        candidate_rows(
            &mut self.tx.prepare_cached(&self.sql.by_household)?,
            &households,
            &mut found,
        )?;
        candidate_rows(
            &mut self.tx.prepare_cached(&self.sql.by_bsn)?,
            &bsns,
            &mut found,
        )?;
        self.index = CaseIndex::from_rows(found);
        Ok(())
    }

    pub fn store_one(
        &mut self,
        s: &NewSignal,
        rows: &[NewSignal],
    ) -> rusqlite::Result<SignalOutcome> {
        let Some(old) = self.known.get(&s.kenmerk) else {
            let (case, reason) = self.place(s)?;
            let signal_id = self.insert(s, case, reason)?;
            if self.repeated.contains(&s.kenmerk) {
                let at = Placement::new(s, case, reason);
                let stored = ExistingSignal::stored(signal_id, 1, s, &at);
                self.known.insert(s.kenmerk.clone(), stored);
            }
            return Ok(SignalOutcome::Created { signal_id, case });
        };
        if old.content_hash == s.content_hash {
            return Ok(SignalOutcome::Duplicate { signal_id: old.id });
        }
        let old = old.clone();
        let moved = moved(&old, s);
        let placement = if moved {
            let (case, reason) = self.place(s)?;
            Placement::new(s, case, reason)
        } else {
            Placement::of(&old)
        };
        self.update(&old, s, &placement)?;
        if moved {
            // The signal left its old case; reading the cases again drops
            // the old case's claim on its BSN.
            self.load_cases(rows)?;
        }
        let stored = ExistingSignal::stored(old.id, old.version + 1, s, &placement);
        self.known.insert(s.kenmerk.clone(), stored);
        Ok(SignalOutcome::Updated { signal_id: old.id })
    }

    fn match_settings(&mut self, gemeente: i64) -> rusqlite::Result<MatchSettings> {
        if let Some(settings) = self.settings.get(&gemeente) {
            return Ok(*settings);
        }
        let row: Option<(i64, i64)> = self
            .tx
            .prepare_cached(&self.sql.settings)?
            .query_row([gemeente], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let settings = crate::intake::match_settings_of(row);
        self.settings.insert(gemeente, settings);
        Ok(settings)
    }

    /// Finds or opens the case of a routed signal.
    fn place(&mut self, s: &NewSignal) -> rusqlite::Result<(CaseLink, Option<&'static str>)> {
        let Some(gemeente) = routing_slug(s).1 else {
            return Ok((CaseLink::None, None));
        };
        let found = self
            .index
            .candidates(gemeente, &s.household_key, s.bsn.as_deref());
        let settings = self.match_settings(gemeente)?;
        let decision = decide(&incoming(s), &found, settings);
        let (link, reason) = match decision {
            MatchDecision::Join { case_id, reason } => {
                self.priority_stale(Some(case_id))?;
                (CaseLink::Joined { case_id }, Some(reason.slug()))
            }
            MatchDecision::NewCase { repeat_of } => {
                self.insert_case.execute(params![
                    gemeente,
                    s.household_key,
                    SqlDate::new(s.signal_date),
                    repeat_of,
                    self.now,
                ])?;
                let case_id = self.tx.last_insert_rowid();
                let repeat = repeat_of.is_some();
                (CaseLink::Created { case_id, repeat }, None)
            }
        };
        let matters_later = self.repeated.contains(&s.household_key)
            || s.bsn.as_ref().is_some_and(|b| self.repeated.contains(b));
        if let (Some(case_id), true) = (case_id_of(link), matters_later) {
            self.index.record(gemeente, case_id, &decision, s);
        }
        Ok((link, reason))
    }

    pub fn insert(
        &mut self,
        s: &NewSignal,
        case: CaseLink,
        reason: Option<&str>,
    ) -> rusqlite::Result<i64> {
        let (routing, gemeente) = routing_slug(s);
        debug_assert_eq!(self.insert_signal.parameter_count(), INSERT_COLUMN_COUNT);
        self.insert_signal.execute(params![
            self.partner,
            gemeente,
            routing,
            case_id_of(case),
            reason,
            s.kenmerk,
            s.partner_type,
            s.amount_cents,
            sql_date(s.arrears_start),
            SqlDate::new(s.signal_date),
            s.crisis,
            s.warm_handover,
            s.bsn,
            s.initials,
            s.prefix,
            s.surname,
            sql_date(s.birth_date),
            s.phone,
            s.email,
            s.street,
            s.house_number,
            s.addition,
            s.postcode,
            s.city,
            s.household_key,
            s.monthly_rent_cents,
            s.contact_tried,
            s.pointed_to_help,
            sql_date(s.reminder_sent_on),
            s.content_hash,
            s.contact_wish,
            self.import_id,
            self.now,
            self.now,
        ])?;
        Ok(self.tx.last_insert_rowid())
    }

    fn priority_stale(&self, case_id: Option<i64>) -> rusqlite::Result<()> {
        if let Some(id) = case_id {
            self.tx
                .prepare_cached(&self.sql.priority_stale)?
                .execute([id])?;
        }
        Ok(())
    }

    fn update(&self, old: &ExistingSignal, s: &NewSignal, at: &Placement) -> rusqlite::Result<()> {
        self.priority_stale(old.case_id)?;
        self.priority_stale(at.case_id)?;
        self.tx
            .prepare_cached(&self.sql.insert_history)?
            .execute(params![
                old.id,
                old.version,
                old.amount_cents,
                sql_date(old.arrears_start),
                SqlDate::new(old.signal_date),
                old.content_hash,
                self.now,
                self.import_id,
            ])?;
        self.tx
            .prepare_cached(&self.sql.update_signal)?
            .execute(params![
                old.id,
                s.partner_type,
                s.amount_cents,
                sql_date(s.arrears_start),
                SqlDate::new(s.signal_date),
                s.crisis,
                s.warm_handover,
                s.bsn,
                s.initials,
                s.prefix,
                s.surname,
                sql_date(s.birth_date),
                s.phone,
                s.email,
                s.street,
                s.city,
                s.monthly_rent_cents,
                s.contact_tried,
                s.pointed_to_help,
                sql_date(s.reminder_sent_on),
                s.content_hash,
                self.import_id,
                self.now,
                s.house_number,
                s.addition,
                s.postcode,
                s.household_key,
                at.routing,
                at.gemeente,
                at.case_id,
                at.reason,
                s.contact_wish,
            ])?;
        Ok(())
    }
}

fn existing_row(r: &rusqlite::Row) -> rusqlite::Result<ExistingSignal> {
    Ok(ExistingSignal {
        id: r.get(0)?,
        kenmerk: r.get(1)?,
        content_hash: r.get(2)?,
        version: r.get(3)?,
        amount_cents: r.get(4)?,
        arrears_start: r.get(5)?,
        signal_date: r.get(6)?,
        household_key: r.get(7)?,
        routing: r.get(8)?,
        gemeente_org_id: r.get(9)?,
        case_id: r.get(10)?,
        match_reason: r.get(11)?,
    })
}

fn candidate_rows(
    statement: &mut CachedStatement,
    list: &str,
    into: &mut Vec<CandidateRow>,
) -> rusqlite::Result<()> {
    let rows = statement.query_map([list], |r| {
        Ok(CandidateRow {
            id: r.get(0)?,
            gemeente_org_id: r.get(1)?,
            household_key: r.get(2)?,
            opened_on: r.get(3)?,
            closed_on: r.get(4)?,
            bsn: r.get(5)?,
        })
    })?;
    for row in rows {
        into.push(row?);
    }
    Ok(())
}
