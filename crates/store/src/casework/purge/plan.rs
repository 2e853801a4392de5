//! What is due in each part of a purge, and the statements that remove it.

use super::sql::{
    Template, CASE_STATEMENTS, IMPORT_STATEMENTS, NOTICE_STATEMENTS, SIGNAL_STATEMENTS,
    TENANCY_STATEMENTS,
};
use super::{DueCase, PurgeFailure, RuleCounts, ScopeReport};
use crate::Result;
use chrono::{DateTime, NaiveDate, Utc};
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::calendar::amsterdam_to_utc;
use vangnet_domain::casework::state::{CaseState, Stage};
use vangnet_domain::retention::{Cutoffs, RetentionRule, RetentionSettings};

/// One part of a purge to look at, with the day's cut-offs.
pub(crate) struct Scope {
    pub gemeente_org_id: Option<i64>,
    pub settings: RetentionSettings,
    pub cutoffs: Cutoffs,
    /// Rejected rows of imports started before this go (rest only).
    pub rejected_before: Option<DateTime<Utc>>,
    pub today: NaiveDate,
}

impl Scope {
    pub fn failure(&self, error: crate::StoreError) -> PurgeFailure {
        PurgeFailure {
            gemeente_org_id: self.gemeente_org_id,
            error: error.to_string(),
        }
    }
}

/// The gemeenten with their settings, then the rest by the defaults.
/// Rejected rows never became a signal, so no gemeente's period applies;
/// they keep only until the shortest never-picked-up period in use ends,
/// so they never outlive an accepted signal.
pub(crate) fn scopes(today: NaiveDate, gemeenten: Vec<(i64, RetentionSettings)>) -> Vec<Scope> {
    let defaults = RetentionSettings::default();
    let shortest = gemeenten
        .iter()
        .map(|(_, s)| s.cutoffs(today).never_picked_up)
        .fold(defaults.cutoffs(today).never_picked_up, NaiveDate::max);
    let scope = |gemeente_org_id, settings: RetentionSettings| Scope {
        gemeente_org_id,
        settings,
        cutoffs: settings.cutoffs(today),
        rejected_before: None,
        today,
    };
    let mut scopes: Vec<Scope> = gemeenten
        .into_iter()
        .map(|(id, settings)| scope(Some(id), settings))
        .collect();
    let mut rest = scope(None, defaults);
    rest.rejected_before = shortest
        .succ_opt()
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .map(amsterdam_to_utc);
    scopes.push(rest);
    scopes
}

/// What is due in one scope: the report, and the ids the purge works on.
pub(crate) struct Due {
    pub report: ScopeReport,
    pub signal_ids: Vec<i64>,
    pub import_ids: Vec<i64>,
    pub tenancy_ids: Vec<i64>,
    pub notice_ids: Vec<i64>,
}

impl Due {
    pub fn new(scope: &Scope) -> Due {
        Due {
            report: ScopeReport {
                gemeente_org_id: scope.gemeente_org_id,
                settings: scope.settings,
                signals: RuleCounts::default(),
                cases: Vec::new(),
                rejected_rows_imports: 0,
                tenancies: 0,
                eviction_notices: 0,
            },
            signal_ids: Vec::new(),
            import_ids: Vec::new(),
            tenancy_ids: Vec::new(),
            notice_ids: Vec::new(),
        }
    }

    /// Due tenancies, and the notices that go: their own and those due by
    /// date (in any order, with repeats).
    pub fn add_tenancies(&mut self, tenancy_ids: Vec<i64>, mut notice_ids: Vec<i64>) {
        notice_ids.sort_unstable();
        notice_ids.dedup();
        self.report.tenancies = tenancy_ids.len() as u64;
        self.report.eviction_notices = notice_ids.len() as u64;
        self.tenancy_ids = tenancy_ids;
        self.notice_ids = notice_ids;
    }

    /// `(id, rule code)` rows of `DUE_SIGNALS` or `UNROUTED_SIGNALS`.
    pub fn add_signals(&mut self, rows: Vec<(i64, i64)>) {
        for (id, code) in rows {
            self.report.signals.add(rule_of(code));
            self.signal_ids.push(id);
        }
    }

    /// `(id, rule code)` rows of `DUE_CASES`.
    pub fn add_cases(&mut self, rows: Vec<(i64, i64)>) {
        self.report.cases = rows
            .into_iter()
            .map(|(case_id, code)| DueCase {
                case_id,
                rule: rule_of(code),
            })
            .collect();
    }

    pub fn add_imports(&mut self, ids: Vec<i64>) {
        self.report.rejected_rows_imports = ids.len() as u64;
        self.import_ids = ids;
    }

    pub fn case_ids(&self) -> Vec<i64> {
        self.report.cases.iter().map(|c| c.case_id).collect()
    }

    /// Every statement of the purge, a chunk of ids each.
    pub fn statements<'a>(&'a self, case_ids: &'a [i64]) -> Vec<Statement<'a>> {
        let mut statements = Vec::new();
        let groups: [(&[i64], &[Template]); 5] = [
            (&self.signal_ids, &SIGNAL_STATEMENTS),
            (case_ids, &CASE_STATEMENTS),
            (&self.import_ids, &IMPORT_STATEMENTS),
            (&self.tenancy_ids, &TENANCY_STATEMENTS),
            (&self.notice_ids, &NOTICE_STATEMENTS),
        ];
        for (ids, templates) in groups {
            for chunk in ids.chunks(crate::intake::IN_CHUNK) {
                for (template, stamped) in templates {
                    let first = if *stamped { 2 } else { 1 };
                    let list = crate::intake::placeholders(first, chunk.len());
                    statements.push(Statement {
                        sql: template.replace("{ids}", &list),
                        stamped: *stamped,
                        ids: chunk,
                    });
                }
            }
        }
        statements
    }

    /// The scope's audit entry: who from `template`, and the counts.
    pub fn audit(&self, template: &AuditEvent, today: NaiveDate) -> AuditEvent {
        let report = &self.report;
        let mut event = template.clone().in_org(report.gemeente_org_id);
        (event.object_type, event.object_id) = match report.gemeente_org_id {
            Some(id) => ("organisation".into(), Some(id.to_string())),
            None => ("platform".into(), None),
        };
        event.with_detail(serde_json::json!({
            "today": today,
            "signals": report.signals,
            "cases": report.case_counts(),
            "rejected_rows_imports": report.rejected_rows_imports,
            "tenancies": report.tenancies,
            "eviction_notices": report.eviction_notices,
        }))
    }
}

/// A statement over one chunk of ids: `$1` is the purge time when
/// `stamped`, the ids follow.
pub(crate) struct Statement<'a> {
    pub sql: String,
    pub stamped: bool,
    pub ids: &'a [i64],
}

fn rule_of(code: i64) -> RetentionRule {
    match code {
        0 => RetentionRule::NeverPickedUp,
        1 => RetentionRule::PickedUpOpen,
        _ => RetentionRule::ClosedCase,
    }
}

/// The keys of an event's (or override's) details that are facts, not
/// free text: contact kind and whether reached, an arrangement's status,
/// a planned date, how an eviction was prevented. Everything else (an
/// arrangement's own id, any key a client added) goes.
const FACT_DETAIL_KEYS: [&str; 5] = ["soort", "bereikt", "status", "planned_date", "hoe"];

/// The details with only `FACT_DETAIL_KEYS`; `None` when nothing changes.
/// Unreadable details are free text as a whole and become `{}`.
pub(crate) fn details_without_free_text(details: &str) -> Option<String> {
    let Ok(serde_json::Value::Object(mut map)) = serde_json::from_str(details) else {
        return Some("{}".to_string());
    };
    let before = map.len();
    map.retain(|key, value| FACT_DETAIL_KEYS.contains(&key.as_str()) && !value.is_object());
    (map.len() != before).then(|| serde_json::Value::Object(map).to_string())
}

/// The state without its free text (the reopening reason); `None` when
/// there is none to remove.
pub(crate) fn without_free_text(case_id: i64, state: Option<&str>) -> Result<Option<String>> {
    let unreadable =
        |e: serde_json::Error| crate::StoreError::Unsupported(format!("zaak {case_id}: {e}"));
    let Some(text) = state else { return Ok(None) };
    let mut state: CaseState = serde_json::from_str(text).map_err(unreadable)?;
    match &mut state.stage {
        Stage::Reopened { reason, .. } if !reason.is_empty() => reason.clear(),
        _ => return Ok(None),
    }
    serde_json::to_string(&state).map(Some).map_err(unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn rejected_rows_keep_for_the_shortest_period_in_use() {
        let short = RetentionSettings {
            never_picked_up_months: 2,
            ..RetentionSettings::default()
        };
        let today = date("2026-07-15");
        let rows = [
            (vec![], "2026-01-15T23:00:00Z"),
            (
                vec![(1, RetentionSettings::default())],
                "2026-01-15T23:00:00Z",
            ),
            (vec![(1, short)], "2026-05-15T22:00:00Z"),
        ];
        for (gemeenten, expected) in rows {
            let scopes = scopes(today, gemeenten);
            let rest = scopes.last().unwrap();
            assert_eq!(rest.gemeente_org_id, None);
            assert_eq!(rest.settings, RetentionSettings::default());
            let expected = DateTime::parse_from_rfc3339(expected).unwrap();
            assert_eq!(rest.rejected_before, Some(expected.with_timezone(&Utc)));
            assert!(scopes[..scopes.len() - 1]
                .iter()
                .all(|s| s.rejected_before.is_none()));
        }
    }

    #[test]
    fn statements_chunk_the_ids_and_number_the_parameters() {
        let scope = &scopes(date("2026-07-15"), vec![(1, RetentionSettings::default())])[0];
        let mut due = Due::new(scope);
        due.add_signals((1..=501).map(|id| (id, 0)).collect());
        let cases = [7];
        let statements = due.statements(&cases);
        // Two chunks of signals, two statements each; one chunk of cases, four.
        assert_eq!(statements.len(), 2 * 2 + 4);
        assert_eq!(statements[0].ids.len(), 500);
        assert_eq!(statements[2].ids, &[501]);
        assert!(statements[2].sql.ends_with("IN ($1)"));
        assert!(statements[3].stamped && statements[3].sql.ends_with("IN ($2)"));
        assert_eq!(statements[4].ids, &[7]);
        assert_eq!(due.report.signals.never_picked_up, 501);
    }

    #[test]
    fn only_a_reopening_reason_is_removed_from_a_state() {
        let reopened = CaseState {
            stage: Stage::Reopened {
                reason: "mevrouw belde terug".into(),
                picked_up_on: None,
            },
            ..CaseState::new()
        };
        let text = serde_json::to_string(&reopened).unwrap();
        let stripped = without_free_text(1, Some(&text)).unwrap().unwrap();
        assert!(!stripped.contains("mevrouw"), "{stripped}");
        let state: CaseState = serde_json::from_str(&stripped).unwrap();
        assert_eq!(
            state.stage,
            Stage::Reopened {
                reason: String::new(),
                picked_up_on: None
            }
        );
        assert_eq!(without_free_text(1, Some(&stripped)).unwrap(), None);
        let open = serde_json::to_string(&CaseState::new()).unwrap();
        assert_eq!(without_free_text(1, Some(&open)).unwrap(), None);
        assert_eq!(without_free_text(1, None).unwrap(), None);
        assert!(without_free_text(1, Some("{")).is_err());
    }

    #[test]
    fn the_audit_entry_holds_counts_only() {
        let scope = &scopes(date("2026-07-15"), vec![(4, RetentionSettings::default())])[0];
        let mut due = Due::new(scope);
        due.add_signals(vec![(10, 0), (11, 2)]);
        due.add_cases(vec![(3, 2)]);
        let template = AuditEvent::new("retention.purge", "x", None).by_label("cli");
        let event = due.audit(&template, date("2026-07-15"));
        assert_eq!(
            (event.org_id, event.object_type.as_str(), event.object_id),
            (Some(4), "organisation", Some("4".to_string()))
        );
        let detail: serde_json::Value = serde_json::from_str(&event.detail).unwrap();
        assert_eq!(
            detail,
            serde_json::json!({
                "today": "2026-07-15",
                "signals": {"never_picked_up": 1, "picked_up_open": 0, "closed_case": 1},
                "cases": {"never_picked_up": 0, "picked_up_open": 0, "closed_case": 1},
                "rejected_rows_imports": 0,
                "tenancies": 0,
                "eviction_notices": 0,
            })
        );
    }

    #[test]
    fn details_keep_their_facts_only() {
        let cases = [
            (r#"{"soort":"Huisbezoek","bereikt":false}"#, None),
            (
                r#"{"status":"lopend","id":"Regeling Jansen"}"#,
                Some(r#"{"status":"lopend"}"#),
            ),
            (
                r#"{"hoe":"betaald","notitie":"mevrouw betaalde"}"#,
                Some(r#"{"hoe":"betaald"}"#),
            ),
            (r#"{"status":{"naam":"x"}}"#, Some("{}")),
            ("{}", None),
            (r#""los tekstje""#, Some("{}")),
            ("kapot", Some("{}")),
        ];
        for (input, expected) in cases {
            assert_eq!(
                details_without_free_text(input).as_deref(),
                expected,
                "{input}"
            );
        }
    }
}
