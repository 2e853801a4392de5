//! Retention: `vangnet purge [--dry-run] [--json]`, and the nightly purge
//! inside `serve`. What a purge removes, column by column, is described in
//! `vangnet_store::casework::purge`; what is printed and logged here are
//! organisations, rules, counts and case ids, never a person.

use super::{cli_event, CliResult};
use chrono::{DateTime, NaiveTime, Utc};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::calendar::{amsterdam_date, amsterdam_to_utc};
use vangnet_domain::retention::RetentionRule;
use vangnet_store::casework::purge::{PurgeReport, ScopeReport};
use vangnet_store::{OrgScope, Store};

const ACTION: &str = "retention.purge";
const KB_ACTION: &str = "retention.purge_kb_suggesters";

/// A public suggester's name and e-mail are kept this long after the
/// editors decided on the suggestion (issue 6).
const KB_SUGGESTER_MONTHS: u32 = 12;

fn kb_cutoff(now: DateTime<Utc>) -> DateTime<Utc> {
    now.checked_sub_months(chrono::Months::new(KB_SUGGESTER_MONTHS))
        .unwrap_or(now)
}

/// The nightly run: after midnight, so "today" is the new day; clear of
/// the hour the clocks change (02:00-03:00); before anyone starts work.
const NIGHTLY_AT: NaiveTime = match NaiveTime::from_hms_opt(3, 30, 0) {
    Some(time) => time,
    None => panic!("a valid time"),
};

const RULES: [RetentionRule; 3] = [
    RetentionRule::NeverPickedUp,
    RetentionRule::PickedUpOpen,
    RetentionRule::ClosedCase,
];

pub async fn purge(store: Arc<dyn Store>, dry_run: bool, json: bool) -> CliResult {
    let today = amsterdam_date(Utc::now());
    let report = if dry_run {
        store.purge_plan(today).await
    } else {
        store.purge(today, cli_event(ACTION, "organisation")).await
    }
    .map_err(|e| e.to_string())?;
    // The dry run has no plan for these; it reports none.
    let kb_suggesters = if dry_run {
        None
    } else {
        let event = cli_event(KB_ACTION, "kb_revision");
        let cleared = store
            .purge_kb_suggesters(kb_cutoff(Utc::now()), event)
            .await;
        Some(cleared.map_err(|e| e.to_string())?)
    };
    let names: HashMap<i64, (String, String)> = store
        .list_orgs(OrgScope::All)
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|o| (o.id, (o.code, o.name)))
        .collect();
    if json {
        let mut value = as_json(&report, &names);
        value["kb_suggesters"] = kb_suggesters.into();
        println!("{value}");
    } else {
        print!("{}", as_text(&report, &names));
        if let Some(n) = kb_suggesters {
            println!(
                "Kennisbank: naam en e-mailadres gewist van {}.",
                plural(n, "inzender", "inzenders")
            );
        }
    }
    match report.failures.len() {
        0 => Ok(()),
        n => Err(format!(
            "bij {n} onderdeel/onderdelen is niets gewist door een fout; zie hierboven"
        )),
    }
}

/// Starts the purge inside `serve`: once `first_after` the start (a
/// server that is never up at night still purges), then every night at
/// 03:30 Amsterdam time. A failure is logged and tried again the next
/// night; it never stops the server.
pub fn spawn_nightly(store: Arc<dyn Store>, first_after: Duration) {
    tokio::spawn(async move {
        tokio::time::sleep(first_after).await;
        loop {
            // Its own task, so even a panic leaves the schedule running.
            if let Err(error) = tokio::spawn(run_logged(store.clone())).await {
                tracing::error!(%error, "retention purge stopped unexpectedly; next run tonight");
            }
            let now = Utc::now();
            let wait = (next_nightly_run(now) - now).to_std().unwrap_or_default();
            tokio::time::sleep(wait).await;
        }
    });
}

async fn run_logged(store: Arc<dyn Store>) {
    let today = amsterdam_date(Utc::now());
    let event = AuditEvent::new(ACTION, "organisation", None).by_label("system");
    match store.purge(today, event).await {
        Ok(report) => {
            for failure in &report.failures {
                tracing::error!(
                    gemeente_org_id = ?failure.gemeente_org_id,
                    error = %failure.error,
                    "retention purge failed for this part; next run tonight"
                );
            }
            tracing::info!(
                signals = report.signals(),
                cases = report.cases(),
                rejected_rows_imports = report.rejected_rows_imports(),
                tenancies = report.tenancies(),
                eviction_notices = report.eviction_notices(),
                "retention purge done"
            );
        }
        Err(error) => tracing::error!(%error, "retention purge failed; next run tonight"),
    }
    let event = AuditEvent::new(KB_ACTION, "kb_revision", None).by_label("system");
    match store
        .purge_kb_suggesters(kb_cutoff(Utc::now()), event)
        .await
    {
        Ok(cleared) => tracing::info!(kb_suggesters = cleared, "kennisbank suggesters purged"),
        Err(error) => {
            tracing::error!(%error, "kennisbank suggester purge failed; next run tonight")
        }
    }
}

/// The first 03:30 in Amsterdam after `now`.
pub fn next_nightly_run(now: DateTime<Utc>) -> DateTime<Utc> {
    let today = amsterdam_date(now);
    today
        .iter_days()
        .map(|day| amsterdam_to_utc(day.and_time(NIGHTLY_AT)))
        .find(|at| *at > now)
        .unwrap_or(now)
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn as_text(report: &PurgeReport, names: &HashMap<i64, (String, String)>) -> String {
    let mut out = format!(
        "Bewaartermijnen op {}{}\n",
        report.today.format("%d-%m-%Y"),
        if report.dry_run {
            " (proefdraai: er is niets gewist)"
        } else {
            ""
        }
    );
    for scope in &report.scopes {
        match scope.gemeente_org_id {
            Some(id) => gemeente_text(&mut out, report, scope, names.get(&id)),
            None => rest_text(&mut out, scope),
        }
    }
    let verb = if report.dry_run {
        "zouden worden gewist"
    } else {
        "gewist"
    };
    out.push_str(&format!(
        "\nTotaal {verb}: persoonsgegevens van {} en {}, afgekeurde regels van {}.\n",
        plural(report.signals(), "signaal", "signalen"),
        plural(report.cases(), "zaak", "zaken"),
        plural(
            report.rejected_rows_imports(),
            "aanlevering",
            "aanleveringen"
        ),
    ));
    if report.tenancies() + report.eviction_notices() > 0 {
        out.push_str(&format!(
            "Ontruimingstraject {verb}: persoonsgegevens van {} en {}.\n",
            plural(report.tenancies(), "huurovereenkomst", "huurovereenkomsten"),
            plural(report.eviction_notices(), "melding", "meldingen"),
        ));
    }
    for failure in &report.failures {
        let part = match failure.gemeente_org_id {
            Some(id) => names.get(&id).map_or("een gemeente", |(_, n)| n.as_str()),
            None => "het deel zonder gemeente",
        };
        out.push_str(&format!("Fout bij {part}: {}\n", failure.error));
    }
    out
}

/// A gemeente: per rule its period, the counts and (dry run) the case ids.
fn gemeente_text(
    out: &mut String,
    report: &PurgeReport,
    scope: &ScopeReport,
    name: Option<&(String, String)>,
) {
    let s = &scope.settings;
    out.push_str(&format!(
        "\n{} (bewaartermijnen {}/{}/{} maanden)\n",
        name.map_or("Onbekende gemeente", |(_, n)| n),
        s.never_picked_up_months,
        s.picked_up_months,
        s.closed_case_months
    ));
    let cases = scope.case_counts();
    for rule in RULES {
        out.push_str(&format!(
            "  {} ({} mnd): {}, {}\n",
            rule.explanation(),
            s.months(rule),
            plural(scope.signals.get(rule), "signaal", "signalen"),
            plural(cases.get(rule), "zaak", "zaken"),
        ));
        let ids: Vec<String> = scope
            .cases
            .iter()
            .filter(|c| c.rule == rule)
            .map(|c| c.case_id.to_string())
            .collect();
        if report.dry_run && !ids.is_empty() {
            out.push_str(&format!("    zaken: {}\n", ids.join(", ")));
        }
    }
    tenancy_text(out, scope);
}

/// The eviction track's part, when there is one.
fn tenancy_text(out: &mut String, scope: &ScopeReport) {
    if scope.tenancies + scope.eviction_notices > 0 {
        out.push_str(&format!(
            "  ontruimingstraject afgerond en {} mnd stil: {}, {}\n",
            scope.settings.closed_case_months,
            plural(scope.tenancies, "huurovereenkomst", "huurovereenkomsten"),
            plural(scope.eviction_notices, "melding", "meldingen"),
        ));
    }
}

/// What no gemeente owns: unrouted signals (default period) and rejected rows.
fn rest_text(out: &mut String, scope: &ScopeReport) {
    out.push_str(&format!(
        "\nZonder gemeente\n  onrouteerbare signalen ({} mnd na de signaaldatum): {}\n  \
         afgekeurde regels (na de kortste termijn): van {}\n",
        scope.settings.never_picked_up_months,
        plural(scope.signals.total(), "signaal", "signalen"),
        plural(scope.rejected_rows_imports, "aanlevering", "aanleveringen"),
    ));
    tenancy_text(out, scope);
}

/// The report with each gemeente's code beside its id.
fn as_json(report: &PurgeReport, names: &HashMap<i64, (String, String)>) -> serde_json::Value {
    let mut value = serde_json::to_value(report).unwrap_or_default();
    if let Some(scopes) = value["scopes"].as_array_mut() {
        for scope in scopes {
            let code = scope["gemeente_org_id"]
                .as_i64()
                .and_then(|id| names.get(&id))
                .map(|(code, _)| code.clone());
            scope["gemeente"] = serde_json::json!(code);
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn nightly_runs_are_at_half_past_three_in_amsterdam() {
        let cases = [
            ("2026-01-15T12:00:00Z", "2026-01-16T02:30:00Z"),
            ("2026-01-15T02:00:00Z", "2026-01-15T02:30:00Z"),
            ("2026-01-15T02:30:00Z", "2026-01-16T02:30:00Z"),
            ("2026-07-01T00:00:00Z", "2026-07-01T01:30:00Z"),
            ("2026-03-28T12:00:00Z", "2026-03-29T01:30:00Z"),
            ("2026-10-24T12:00:00Z", "2026-10-25T02:30:00Z"),
            ("2026-12-31T23:30:00Z", "2027-01-01T02:30:00Z"),
        ];
        for (now, expected) in cases {
            assert_eq!(next_nightly_run(utc(now)), utc(expected), "{now}");
        }
    }
}
