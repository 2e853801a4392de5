//! The storage contract of retention, on both backends: the dry run lists
//! and changes nothing; the purge leaves no personal value of a due
//! household in any column of any table, keeps the anonymous counts,
//! leaves what is not due alone, audits its counts, and is idempotent; the
//! same for a tenancy whose eviction track ended long ago (its ledger,
//! events, override and art. 14 notice included), while a running one stays.

use chrono::{Duration, Utc};
use std::sync::Arc;
use vangnet_domain::audit::{AuditEntry, AuditEvent};
use vangnet_domain::calendar::amsterdam_date;
use vangnet_domain::casework::state::{apply, CaseState, Command};
use vangnet_domain::ddas::{ContactKind, EndResult, PartOfDay};
use vangnet_domain::retention::RetentionRule;
use vangnet_domain::routing::Route;
use vangnet_store::casework::purge::{DueCase, PurgeReport, RuleCounts};
use vangnet_store::casework::{CaseOwner, CaseStep, NewContactAttempt};
use vangnet_store::*;

#[macro_use]
mod backends;
use backends::tenancy_world as tw;
use backends::world::*;

contract!(
    a_finished_eviction_track_leaves_no_trace_and_a_running_one_stays,
    a_due_household_leaves_no_trace_and_the_counts_stay,
    a_reopening_restarts_the_period_and_signals_leave_one_by_one,
    two_purges_at_once_remove_everything_once,
);

/// Far enough ahead that the closed household is due and the later one not.
const PURGE_DAY: &str = "2030-01-01";

/// Every value of the household that is due; none may survive the purge.
const DUE_VALUES: [&str; 9] = [
    "Zwartkruis",
    "111222333",
    "0611223344",
    "Ruisstraat",
    "2517KX",
    "1971-04-03",
    "ZW-001",
    "EN-777",
    "na-zessen-bellen",
];

/// A household that is not due; it must survive.
const KEPT_SURNAME: &str = "Bewaarmans";

fn purge_event() -> AuditEvent {
    AuditEvent::new("retention.purge", "organisation", None).by_label("cli")
}

fn zwartkruis(kenmerk: &str, on: &str, route: Route) -> NewSignal {
    let mut s = signal(kenmerk, "2517KX", 77, route);
    s.bsn = Some("111222333".into());
    s.initials = Some("Q.".into());
    s.prefix = Some("van".into());
    s.surname = "Zwartkruis".into();
    s.birth_date = Some(date("1971-04-03"));
    s.phone = Some("0611223344".into());
    s.email = Some("q.zwartkruis@example.nl".into());
    s.contact_wish = Some("Telefoon, na-zessen-bellen".into());
    s.street = Some("Ruisstraat".into());
    s.addition = Some("B".into());
    s.household_key = "2517KX|77|B".into();
    s.signal_date = date(on);
    s
}

async fn store_one(w: &World, partner: i64, signal: NewSignal) -> Option<i64> {
    let outcome = w
        .store
        .store_signals(import(w, partner).await, partner, &[signal])
        .await
        .unwrap();
    match outcome[0] {
        SignalOutcome::Created { case, .. } => match case {
            CaseLink::Created { case_id, .. } | CaseLink::Joined { case_id } => Some(case_id),
            CaseLink::None => None,
        },
        SignalOutcome::Updated { .. } => None,
        ref other => panic!("{other:?}"),
    }
}

/// Saves each command as a step, with the careless free text a worker
/// might type: the person's name in the summary, note and contact note.
async fn work(w: &World, case_id: i64, commands: &[Command]) {
    for command in commands {
        let work = w
            .store
            .case_work(CaseOwner::Gemeente(w.haag), case_id)
            .await
            .unwrap()
            .unwrap();
        let state: CaseState = apply(&work.state, command).unwrap();
        let contact = match command {
            Command::RecordContact { kind, on, .. } => Some(NewContactAttempt {
                kind: kind.ddas(),
                reached: true,
                on_date: *on,
                part_of_day: Some(PartOfDay::Morning.ddas()),
                note: Some("teruggebeld op 0611223344"),
            }),
            _ => None,
        };
        let step = CaseStep {
            owner: CaseOwner::Gemeente(w.haag),
            case_id,
            expected_version: work.version,
            state: &state,
            actor_user_id: None,
            kind: "test",
            summary: "Stap voor mevrouw Zwartkruis",
            contact,
            note: Some("Mevrouw Zwartkruis belde terug"),
        };
        w.store
            .save_case_step(&step, cli().with_object(case_id))
            .await
            .unwrap();
    }
}

/// Every `table.column` whose text contains `needle` (any case), over all
/// tables of the database: the whole database, not just the known places.
async fn grep(store: &Arc<dyn Store>, needle: &str) -> Vec<String> {
    macro_rules! grep_pool {
        ($pool:expr, $columns:literal) => {{
            let pattern = format!("%{}%", needle.to_lowercase());
            let columns: Vec<(String, String)> =
                sqlx::query_as($columns).fetch_all($pool).await.unwrap();
            assert!(columns.len() > 50, "{columns:?}");
            let mut hits = Vec::new();
            for (table, column) in columns {
                let sql = format!(
                    "SELECT COUNT(*) FROM \"{table}\" \
                     WHERE lower(CAST(\"{column}\" AS TEXT)) LIKE $1"
                );
                let count: i64 = sqlx::query_scalar(&sql)
                    .bind(&pattern)
                    .fetch_one($pool)
                    .await
                    .unwrap();
                if count > 0 {
                    hits.push(format!("{table}.{column}"));
                }
            }
            hits
        }};
    }
    if let Some(sqlite) = store.as_any().downcast_ref::<SqliteStore>() {
        grep_pool!(
            sqlite.pool(),
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table'"
        )
    } else {
        let pg = store.as_any().downcast_ref::<PgStore>().unwrap();
        grep_pool!(
            pg.pool(),
            "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) \
             FROM information_schema.columns WHERE table_schema = 'public'"
        )
    }
}

/// What statistics count: signals per partner type, their amounts, cases.
async fn statistics(w: &World) -> (Vec<(String, i64)>, usize) {
    let mut signals: Vec<(String, i64)> = w
        .store
        .gemeente_signals(w.haag, Page::first(100))
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.partner_type, s.amount_cents))
        .collect();
    signals.sort();
    let cases = w
        .store
        .gemeente_cases(w.haag, Page::first(100))
        .await
        .unwrap()
        .len();
    (signals, cases)
}

async fn purge_entries(w: &World) -> Vec<AuditEntry> {
    w.store
        .list_audit(OrgScope::All, None, 500)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.event.action == "retention.purge")
        .collect()
}

fn scope(
    report: &PurgeReport,
    gemeente: Option<i64>,
) -> &vangnet_store::casework::purge::ScopeReport {
    report
        .scopes
        .iter()
        .find(|s| s.gemeente_org_id == gemeente)
        .expect("a scope")
}

async fn a_due_household_leaves_no_trace_and_the_counts_stay(store: Arc<dyn Store>) {
    let w = world(store).await;
    // The due household: two creditors, a resent (changed) signal with its
    // history, a case picked up, worked with notes and closed in 2026.
    let case = store_one(
        &w,
        w.corp,
        zwartkruis("ZW-001", "2026-01-05", Route::Gemeente(w.haag)),
    )
    .await
    .unwrap();
    let mut changed = zwartkruis("ZW-001", "2026-01-05", Route::Gemeente(w.haag));
    changed.amount_cents = 61_000;
    changed.content_hash = "hash-ZW-001-v2".into();
    store_one(&w, w.corp, changed).await;
    let mut energy = zwartkruis("EN-777", "2026-01-08", Route::Gemeente(w.haag));
    energy.partner_type = "Energie".into();
    assert_eq!(store_one(&w, w.energy, energy).await, Some(case));
    work(
        &w,
        case,
        &[
            Command::PickUp {
                on: date("2026-01-10"),
            },
            Command::RecordContact {
                kind: ContactKind::Phone,
                reached: true,
                on: date("2026-01-12"),
                part_of_day: Some(PartOfDay::Morning),
                note: Some("teruggebeld op 0611223344".into()),
            },
            Command::Close {
                result: EndResult::AdviceOrQuickFix,
                on: date("2026-02-01"),
            },
        ],
    )
    .await;
    // Its rejected rows from an import long ago, and a signal of it that
    // no gemeente serves.
    let old_import = import(&w, w.corp).await;
    let finished = FinishedImport {
        import_id: old_import,
        partner_org_id: w.corp,
        counts: ImportCounts::default(),
        failure: None,
        rejected_csv: Some("kenmerk;achternaam\r\nZW-002;Zwartkruis\r\n"),
    };
    w.store.finish_import(&finished, cli()).await.unwrap();
    store_one(
        &w,
        w.corp,
        zwartkruis("ZW-003", "2027-03-01", Route::Unroutable),
    )
    .await;
    // A household that is not due yet on the purge day.
    let mut kept = signal("BW-001", "2511AB", 3, Route::Gemeente(w.haag));
    kept.surname = KEPT_SURNAME.into();
    kept.signal_date = date("2029-12-01");
    let kept_case = store_one(&w, w.corp, kept).await.unwrap();

    let before = statistics(&w).await;
    let audit_before = w
        .store
        .list_audit(OrgScope::All, None, 500)
        .await
        .unwrap()
        .len();
    let today = date(PURGE_DAY);

    // The dry run lists, by rule and gemeente, and changes nothing.
    let plan = w.store.purge_plan(today).await.unwrap();
    assert!(plan.dry_run && plan.failures.is_empty(), "{plan:?}");
    let haag = scope(&plan, Some(w.haag));
    assert_eq!(
        haag.signals,
        RuleCounts {
            never_picked_up: 0,
            picked_up_open: 0,
            closed_case: 2
        }
    );
    assert_eq!(
        haag.cases,
        [DueCase {
            case_id: case,
            rule: RetentionRule::ClosedCase
        }]
    );
    assert_eq!(scope(&plan, Some(w.rijswijk)).signals.total(), 0);
    let rest = scope(&plan, None);
    assert_eq!(rest.signals.never_picked_up, 1);
    assert!(rest.rejected_rows_imports >= 1);
    assert!(!grep(&w.store, "Zwartkruis").await.is_empty());
    assert!(grep(&w.store, "belde terug")
        .await
        .contains(&"case_notes.text".to_string()));
    assert_eq!(
        w.store
            .list_audit(OrgScope::All, None, 500)
            .await
            .unwrap()
            .len(),
        audit_before
    );

    // The purge removes exactly what the plan listed.
    let report = w.store.purge(today, purge_event()).await.unwrap();
    assert!(!report.dry_run && report.failures.is_empty(), "{report:?}");
    assert_eq!(report.scopes, plan.scopes);
    for value in DUE_VALUES {
        assert_eq!(grep(&w.store, value).await, Vec::<String>::new(), "{value}");
    }
    for text in ["belde terug", "Stap voor"] {
        assert_eq!(grep(&w.store, text).await, Vec::<String>::new(), "{text}");
    }
    assert_eq!(grep(&w.store, KEPT_SURNAME).await, ["signals.surname"]);
    let kept = w
        .store
        .case_work(CaseOwner::Gemeente(w.haag), kept_case)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.household_key, "2511AB|3|");

    // Statistics still count the same signals, amounts and cases; the
    // purged case keeps its timeline and contact attempt, without text.
    assert_eq!(statistics(&w).await, before);
    let purged = w
        .store
        .case_work(CaseOwner::Gemeente(w.haag), case)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(purged.household_key, "2517|gewist");
    assert!(purged.signals.iter().all(|s| s.surname.is_empty()
        && s.postcode == "2517"
        && s.house_number == 0
        && s.initials.is_none()));
    assert_eq!(purged.contacts.len(), 1);
    assert_eq!(purged.contacts[0].note, None);
    assert_eq!(purged.events.len(), 3);
    assert!(purged.notes.is_empty());
    assert!(w
        .store
        .signal_versions(w.corp, "ZW-001")
        .await
        .unwrap()
        .is_empty());

    // One audit entry per part that lost data, with the counts only.
    let entries = purge_entries(&w).await;
    assert_eq!(entries.len(), 2, "{entries:?}");
    let gemeente = entries
        .iter()
        .find(|e| e.event.org_id == Some(w.haag))
        .unwrap();
    let detail: serde_json::Value = serde_json::from_str(&gemeente.event.detail).unwrap();
    assert_eq!(detail["signals"]["closed_case"], 2);
    assert_eq!(detail["cases"]["closed_case"], 1);
    assert!(entries.iter().any(|e| e.event.org_id.is_none()));
    assert!(verify_audit(&*w.store).await.unwrap().is_ok());

    // Idempotent: nothing more to do, nothing more audited.
    let again = w.store.purge(today, purge_event()).await.unwrap();
    assert_eq!(
        (
            again.signals(),
            again.cases(),
            again.rejected_rows_imports()
        ),
        (0, 0, 0)
    );
    assert_eq!(purge_entries(&w).await.len(), 2);

    // A copy of the SQLite file holds no trace either, byte for byte.
    if let Some(sqlite) = w.store.as_any().downcast_ref::<SqliteStore>() {
        let copy = sqlite.path().with_extension("copy.db");
        w.store.backup_to(&copy).await.unwrap();
        let bytes = std::fs::read(&copy).unwrap();
        for value in DUE_VALUES {
            let found = bytes.windows(value.len()).any(|w| w == value.as_bytes());
            assert!(!found, "{value} in the backup");
        }
    }
}

async fn a_reopening_restarts_the_period_and_signals_leave_one_by_one(store: Arc<dyn Store>) {
    let w = world(store).await;
    let today = amsterdam_date(Utc::now());
    // Closed long ago, reopened today: open again, kept for 12 months.
    let reopened = store_one(
        &w,
        w.corp,
        zwartkruis("ZW-001", "2024-01-05", Route::Gemeente(w.haag)),
    )
    .await
    .unwrap();
    work(
        &w,
        reopened,
        &[
            Command::PickUp {
                on: date("2024-01-10"),
            },
            Command::Close {
                result: EndResult::NoHelpWanted,
                on: date("2024-02-01"),
            },
            Command::Reopen {
                reason: "Zwartkruis vroeg opnieuw om hulp".into(),
            },
        ],
    )
    .await;
    // Picked up and still open: 12 months after the pick-up.
    let mut open = signal("OP-001", "2511AB", 5, Route::Gemeente(w.haag));
    open.signal_date = date("2024-03-01");
    let open_case = store_one(&w, w.corp, open).await.unwrap();
    work(
        &w,
        open_case,
        &[Command::PickUp {
            on: date("2024-03-04"),
        }],
    )
    .await;
    // Never picked up, with a second signal months later in the same case:
    // the first leaves on its own, the case stays with the second.
    w.store
        .set_match_settings(
            w.haag,
            vangnet_domain::matching::MatchSettings {
                matching_period_months: 24,
                repeat_window_months: 6,
            },
            cli(),
        )
        .await
        .unwrap();
    let mut first = signal("TW-001", "2512CD", 9, Route::Gemeente(w.haag));
    first.signal_date = today - Duration::days(300);
    let undecided = store_one(&w, w.corp, first).await.unwrap();
    let mut second = signal("TW-002", "2512CD", 9, Route::Gemeente(w.haag));
    second.signal_date = today - Duration::days(20);
    second.surname = KEPT_SURNAME.into();
    assert_eq!(store_one(&w, w.corp, second).await, Some(undecided));

    let tomorrow = today + Duration::days(1);
    let report = w.store.purge(tomorrow, purge_event()).await.unwrap();
    let haag = scope(&report, Some(w.haag));
    assert_eq!(
        haag.signals,
        RuleCounts {
            never_picked_up: 1,
            picked_up_open: 1,
            closed_case: 0
        },
        "{report:?}"
    );
    assert_eq!(
        haag.cases,
        [DueCase {
            case_id: open_case,
            rule: RetentionRule::PickedUpOpen
        }]
    );
    assert!(
        !grep(&w.store, "2517KX").await.is_empty(),
        "the reopened case is kept"
    );
    assert_eq!(grep(&w.store, KEPT_SURNAME).await, ["signals.surname"]);
    assert!(
        !grep(&w.store, "2512CD|9").await.is_empty(),
        "its case keeps the address"
    );

    // A year after the reopening it goes, reason and all.
    let later = today + Duration::days(400);
    let report = w.store.purge(later, purge_event()).await.unwrap();
    assert!(scope(&report, Some(w.haag)).cases.contains(&DueCase {
        case_id: reopened,
        rule: RetentionRule::PickedUpOpen
    }));
    for value in ["Zwartkruis", "2517KX", "2512CD", KEPT_SURNAME] {
        assert_eq!(grep(&w.store, value).await, Vec::<String>::new(), "{value}");
    }
    assert!(verify_audit(&*w.store).await.unwrap().is_ok());
}

async fn two_purges_at_once_remove_everything_once(store: Arc<dyn Store>) {
    let w = world(store).await;
    for n in 1..=30 {
        let mut old = signal(&format!("OUD-{n}"), "2511AB", n, Route::Gemeente(w.haag));
        old.signal_date = date("2026-01-05");
        store_one(&w, w.corp, old).await;
    }
    let today = date(PURGE_DAY);
    let (first, second) = tokio::join!(
        w.store.purge(today, purge_event()),
        w.store.purge(today, purge_event())
    );
    let (first, second) = (first.unwrap(), second.unwrap());
    assert_eq!(first.signals() + second.signals(), 30);
    assert_eq!(first.cases() + second.cases(), 30);
    assert_eq!(purge_entries(&w).await.len(), 1, "one purge found it all");
    assert!(verify_audit(&*w.store).await.unwrap().is_ok());
}

/// Every value of the tenancy household that is due; none may survive.
const DUE_TENANCY_VALUES: [&str; 9] = [
    "Wegwezen",
    "Vergeetlaan",
    "2517WW",
    "HO-WEG-1",
    "WEG-2026-01",
    "brief-wegwezen",
    "niet thuis",
    "weigert elk contact",
    "Huur januari",
];

async fn a_finished_eviction_track_leaves_no_trace_and_a_running_one_stays(store: Arc<dyn Store>) {
    use vangnet_store::tenancy::*;
    let t = tw::track(store).await;
    let s = &t.w.store;
    let haag = Some(t.w.haag);
    // The due household: its track ended with an eviction in May 2026.
    let mut data = tw::tenancy("HO-WEG-1", "2517WW", haag);
    data.tenants = vec!["Truus Wegwezen".into(), "Kees Wegwezen".into()];
    data.address.street = Some("Vergeetlaan".into());
    data.address.house_number = 9;
    data.address.addition = Some("C".into());
    let id = tw::stored(&t, data).await;
    let due = NewLedgerEntry {
        kind: LedgerKind::Due,
        on_date: date("2026-01-01"),
        amount_cents: 150_000,
        description: Some("Huur januari, T. Wegwezen".into()),
        reference: Some("WEG-2026-01".into()),
    };
    s.add_ledger_entries(t.w.corp, id, &[due], tw::by(&t, t.medewerker))
        .await
        .unwrap();
    let mut reminder = tw::event("herinnering", "2026-01-10");
    reminder.document = Some(DocumentRef {
        name: "brief-wegwezen.pdf".into(),
        sha256: "ab".repeat(32),
    });
    let mut visit = tw::event("contactpoging", "2026-01-20");
    visit.details = serde_json::json!({
        "soort": "Huisbezoek", "bereikt": false, "notitie": "Truus Wegwezen niet thuis"
    });
    let mut arrangement = tw::event("betalingsregeling", "2026-02-01");
    arrangement.details = serde_json::json!({"status": "verbroken", "id": "Regeling Wegwezen"});
    for e in [&reminder, &visit, &arrangement] {
        tw::record(&t, id, e).await.unwrap();
    }
    let blocked = tw::decision(&t, id, "deurwaarder", false).await;
    let decision = s
        .record_gate_decision(t.w.corp, &blocked, cli())
        .await
        .unwrap();
    let request = tw::override_of(&t, id, decision);
    let override_id = s
        .request_gate_override(t.w.corp, &request, tw::by(&t, t.medewerker))
        .await
        .unwrap();
    s.approve_gate_override(
        t.w.corp,
        override_id,
        t.teamleider,
        None,
        tw::by(&t, t.teamleider),
    )
    .await
    .unwrap();
    let melding = tw::aimed_at(MELDING_KIND, "2026-04-01", "2026-05-01");
    let recorded = tw::record(&t, id, &melding).await.unwrap();
    assert!(recorded.notice.is_some());
    let mut planned = tw::aimed_at(PLANNED_KIND, "2026-04-10", "2026-05-01");
    planned.details = serde_json::json!({"planned_date": "2026-05-01"});
    tw::record(&t, id, &planned).await.unwrap();
    tw::record(&t, id, &tw::event("ontruimd", "2026-05-01"))
        .await
        .unwrap();
    // A household whose track is still running stays whatever its age.
    let mut running = tw::tenancy("HO-BLIJF-1", "2511AB", haag);
    running.address.street = Some("Blijfstraat".into());
    let running_id = tw::stored(&t, running).await;
    tw::record(&t, running_id, &tw::event("herinnering", "2026-01-10"))
        .await
        .unwrap();
    let before = s.tenancy(t.w.corp, id).await.unwrap().unwrap();
    let events_before = s.tenancy_events(t.w.corp, id).await.unwrap();

    // Not yet 18 months after the last event: nothing of the track goes.
    let early = s.purge(date("2027-06-01"), purge_event()).await.unwrap();
    assert_eq!((early.tenancies(), early.eviction_notices()), (0, 0));
    assert!(!grep(s, "Wegwezen").await.is_empty());

    let today = date(PURGE_DAY);
    let plan = s.purge_plan(today).await.unwrap();
    let part = scope(&plan, haag);
    assert_eq!((part.tenancies, part.eviction_notices), (1, 1), "{plan:?}");
    assert_eq!(scope(&plan, None).tenancies, 0);
    let report = s.purge(today, purge_event()).await.unwrap();
    assert!(report.failures.is_empty(), "{report:?}");
    assert_eq!(report.scopes, plan.scopes);
    for value in DUE_TENANCY_VALUES {
        assert_eq!(grep(s, value).await, Vec::<String>::new(), "{value}");
    }
    assert_eq!(grep(s, "Blijfstraat").await, ["tenancies.street"]);
    assert!(!grep(s, "HO-BLIJF-1").await.is_empty());

    // The anonymous facts stay for statistics.
    let after = s.tenancy(t.w.corp, id).await.unwrap().unwrap();
    assert!(after.data.tenants.is_empty());
    assert_eq!(after.household_key, "2517|gewist");
    assert_eq!(after.data.address.postcode, "2517");
    assert_eq!(after.data.address.city, before.data.address.city);
    assert_eq!(after.data.gemeente_org_id, haag);
    assert_eq!(after.data.grounds, before.data.grounds);
    assert_eq!(after.data.monthly_rent_cents, 75_000);
    assert_eq!(after.data.start_date, before.data.start_date);
    assert_eq!(after.arrears, before.arrears);
    assert_eq!(after.stage.as_deref(), Some("ontruimd"));
    let events_after = s.tenancy_events(t.w.corp, id).await.unwrap();
    let facts = |events: &[TenancyEvent]| -> Vec<(String, chrono::NaiveDate)> {
        events
            .iter()
            .map(|e| (e.event.kind.clone(), e.event.on_date))
            .collect()
    };
    assert_eq!(facts(&events_after), facts(&events_before));
    let visit = events_after
        .iter()
        .find(|e| e.event.kind == "contactpoging")
        .unwrap();
    assert_eq!(
        visit.event.details,
        serde_json::json!({"soort": "Huisbezoek", "bereikt": false})
    );
    let decisions = s.gate_decisions(t.w.corp, id).await.unwrap();
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0].data, blocked);
    let kept = s.tenancy(t.w.corp, running_id).await.unwrap().unwrap();
    assert_eq!(kept.household_key, "2511AB|12|A");
    assert_eq!(kept.data.tenants.len(), 2);

    // The audit entry counts them; a second purge finds nothing more.
    let counted: Vec<(i64, i64)> = purge_entries(&t.w)
        .await
        .iter()
        .map(|e| {
            let detail: serde_json::Value = serde_json::from_str(&e.event.detail).unwrap();
            (
                detail["tenancies"].as_i64().unwrap(),
                detail["eviction_notices"].as_i64().unwrap(),
            )
        })
        .filter(|counts| *counts != (0, 0))
        .collect();
    assert_eq!(counted, [(1, 1)]);
    let again = s.purge(today, purge_event()).await.unwrap();
    assert_eq!((again.tenancies(), again.eviction_notices()), (0, 0));
}
