//! The cases one intake batch may join, in memory, so matching a row needs
//! no query of its own.

use super::CandidateRow;
use crate::signal_records::NewSignal;
use std::collections::HashMap;
use vangnet_domain::matching::{CaseSummary, MatchDecision};

/// The cases a batch may match, indexed by household and BSN, kept up to
/// date as the batch opens new cases and adds signals with a BSN.
#[derive(Default)]
pub(crate) struct CaseIndex {
    cases: Vec<(i64, CaseSummary)>,
    by_id: HashMap<i64, usize>,
    /// Per gemeente, so a row is looked up by `&str` without building a key.
    by_household: HashMap<i64, Keyed>,
    by_bsn: HashMap<i64, Keyed>,
}

type Keyed = HashMap<String, Vec<usize>>;

fn positions<'a>(map: &'a HashMap<i64, Keyed>, gemeente: i64, key: &str) -> &'a [usize] {
    map.get(&gemeente)
        .and_then(|keyed| keyed.get(key))
        .map_or(&[], Vec::as_slice)
}

impl CaseIndex {
    pub fn from_rows(rows: Vec<CandidateRow>) -> CaseIndex {
        let mut index = CaseIndex::default();
        for row in rows {
            if !index.by_id.contains_key(&row.id) {
                let summary = CaseSummary {
                    id: row.id,
                    household_key: row.household_key,
                    bsns: Vec::new(),
                    opened_on: row.opened_on,
                    closed_on: row.closed_on,
                };
                index.add_case(row.gemeente_org_id, summary);
            }
            if let Some(bsn) = row.bsn {
                index.add_bsn(row.id, &bsn);
            }
        }
        index
    }

    /// A negative id for a case this batch opens, unique in the index.
    pub fn provisional_id(&self) -> i64 {
        -(self.cases.len() as i64) - 1
    }

    pub fn add_case(&mut self, gemeente: i64, summary: CaseSummary) {
        let position = self.cases.len();
        self.by_id.insert(summary.id, position);
        self.by_household
            .entry(gemeente)
            .or_default()
            .entry(summary.household_key.clone())
            .or_default()
            .push(position);
        for bsn in &summary.bsns {
            self.by_bsn
                .entry(gemeente)
                .or_default()
                .entry(bsn.clone())
                .or_default()
                .push(position);
        }
        self.cases.push((gemeente, summary));
    }

    /// Keeps the index true after `signal` was placed in `case_id`: a case
    /// it opened becomes a candidate, and its BSN now points at the case.
    pub fn record(
        &mut self,
        gemeente: i64,
        case_id: i64,
        decision: &MatchDecision,
        signal: &NewSignal,
    ) {
        if let MatchDecision::NewCase { .. } = decision {
            let summary = CaseSummary {
                id: case_id,
                household_key: signal.household_key.clone(),
                bsns: Vec::new(),
                opened_on: signal.signal_date,
                closed_on: None,
            };
            self.add_case(gemeente, summary);
        }
        if let Some(bsn) = &signal.bsn {
            self.add_bsn(case_id, bsn);
        }
    }

    pub fn add_bsn(&mut self, case_id: i64, bsn: &str) {
        let Some(&position) = self.by_id.get(&case_id) else {
            return;
        };
        let (gemeente, case) = &mut self.cases[position];
        if case.bsns.iter().any(|b| b == bsn) {
            return;
        }
        case.bsns.push(bsn.to_string());
        self.by_bsn
            .entry(*gemeente)
            .or_default()
            .entry(bsn.to_string())
            .or_default()
            .push(position);
    }

    pub fn candidates(
        &self,
        gemeente: i64,
        household_key: &str,
        bsn: Option<&str>,
    ) -> Vec<CaseSummary> {
        let mut found = positions(&self.by_household, gemeente, household_key).to_vec();
        if let Some(bsn) = bsn {
            found.extend(positions(&self.by_bsn, gemeente, bsn));
        }
        found.sort_unstable();
        found.dedup();
        found.into_iter().map(|p| self.cases[p].1.clone()).collect()
    }
}
