//! The golden world of the statistics contract: two gemeenten, two
//! verhuurders, an energy partner and a hulpverlener, with signals, case
//! steps, tenancy steps, gate decisions, overrides and art. 14 notices
//! dated across February and March 2026, and one record just outside
//! that range at each end. `stats_contract.rs` holds the hand-counted
//! figures this world must give.

use super::tenancy_world::*;
use super::world::{cli, date, import, signal};
use std::sync::Arc;
use vangnet_domain::casework::state::{apply, Command};
use vangnet_domain::ddas::{ContactKind, DeclineReason, EndResult};
use vangnet_domain::org::NewOrg;
use vangnet_domain::routing::Route;
use vangnet_store::casework::*;
use vangnet_store::tenancy::*;
use vangnet_store::*;

pub struct Golden {
    pub t: Track,
    pub hulp: i64,
    /// Den Haag's cases c1..c7 (index 0 is c1).
    pub cases: Vec<i64>,
    /// The first verhuurder's tenancies T1..T6 (index 0 is T1).
    pub tenancies: Vec<i64>,
}

/// Stores one signal of `partner` for the household `key` and returns its
/// new case.
async fn signal_on(
    t: &Track,
    partner: i64,
    kenmerk: &str,
    to: i64,
    kind: &str,
    on: &str,
    key: &str,
) -> i64 {
    let mut s = signal(kenmerk, "2511AB", 1, Route::Gemeente(to));
    s.partner_type = kind.into();
    s.signal_date = date(on);
    s.household_key = key.into();
    let outcome =
        t.w.store
            .store_signals(import(&t.w, partner).await, partner, &[s])
            .await
            .unwrap();
    match outcome[0] {
        SignalOutcome::Created {
            case: CaseLink::Created { case_id, .. },
            ..
        } => case_id,
        other => panic!("{kenmerk}: expected a new case, got {other:?}"),
    }
}

/// Applies the commands to a Den Haag case one step at a time, recording
/// the contact attempts as the web app does.
pub async fn work(t: &Track, case_id: i64, commands: &[Command]) {
    let owner = CaseOwner::Gemeente(t.w.haag);
    for command in commands {
        let work = t.w.store.case_work(owner, case_id).await.unwrap().unwrap();
        let state = apply(&work.state, command).expect("allowed");
        let contact = match command {
            Command::RecordContact {
                kind, reached, on, ..
            } => Some(NewContactAttempt {
                kind: kind.ddas(),
                reached: *reached,
                on_date: *on,
                part_of_day: None,
                note: None,
            }),
            _ => None,
        };
        let step = CaseStep {
            owner,
            case_id,
            expected_version: work.version,
            state: &state,
            actor_user_id: None,
            kind: "test",
            summary: "Stap in een test",
            contact,
            note: None,
        };
        t.w.store.save_case_step(&step, cli()).await.unwrap();
    }
}

pub fn pick_up(on: &str) -> Command {
    Command::PickUp { on: date(on) }
}

pub fn contact(on: &str, reached: bool) -> Command {
    Command::RecordContact {
        kind: ContactKind::Phone,
        reached,
        on: date(on),
        part_of_day: None,
        note: None,
    }
}

pub fn close(result: EndResult, on: &str) -> Command {
    Command::Close {
        result,
        on: date(on),
    }
}

/// The household the first verhuurder's Den Haag tenancies share (and
/// Den Haag's case c5): their meldingen join that case instead of opening
/// new ones.
fn haag_home(t: &Track) -> String {
    tenancy("x", "2511AB", Some(t.w.haag)).household_key()
}

fn rijswijk_home(t: &Track) -> String {
    tenancy("x", "2281AA", Some(t.w.rijswijk)).household_key()
}

pub async fn golden(store: Arc<dyn Store>) -> Golden {
    let t = track(store).await;
    let new = NewOrg::parse("schuldhulp", "Schuldhulp", "hulpverlening", None, None).unwrap();
    let hulp = t.w.store.create_org(&new, cli()).await.unwrap().id;
    let (haag, rijswijk, corp, energy) = (t.w.haag, t.w.rijswijk, t.w.corp, t.w.energy);
    let home = haag_home(&t);
    let mut cases = Vec::new();
    for (kenmerk, partner, kind, on, key) in [
        ("H1", corp, "Huur", "2026-01-31", "h1"),
        ("H2", corp, "Huur", "2026-02-01", "h2"),
        ("H3", energy, "Energie", "2026-02-15", "h3"),
        ("H4", corp, "Huur", "2026-03-10", "h4"),
        ("H5", corp, "Huur", "2026-03-31", home.as_str()),
        ("H6", energy, "Energie", "2026-04-01", "h6"),
    ] {
        cases.push(signal_on(&t, partner, kenmerk, haag, kind, on, key).await);
    }
    let r_home = rijswijk_home(&t);
    signal_on(&t, energy, "R1", rijswijk, "Energie", "2026-03-05", &r_home).await;
    signal_on(&t, t.other, "R2", rijswijk, "Huur", "2026-02-20", "r2").await;

    work(
        &t,
        cases[0],
        &[
            pick_up("2026-02-01"),
            close(EndResult::AlreadyPaid, "2026-02-10"),
        ],
    )
    .await;
    let hand_off = Command::HandOff {
        to_org: hulp,
        on: date("2026-02-07"),
    };
    work(
        &t,
        cases[1],
        &[
            pick_up("2026-02-03"),
            contact("2026-02-04", false),
            contact("2026-02-06", true),
            hand_off,
            close(EndResult::FinancialFollowUp, "2026-02-20"),
        ],
    )
    .await;
    let decline = Command::Decline {
        reason: DeclineReason::WrongSignal,
    };
    work(&t, cases[2], &[decline]).await;
    work(
        &t,
        cases[3],
        &[pick_up("2026-03-11"), contact("2026-03-12", false)],
    )
    .await;
    work(&t, cases[5], &[pick_up("2026-04-02")]).await;
    // c1 is closed, so the household's next signal opens a repeat (c7).
    cases.push(signal_on(&t, corp, "H7", haag, "Huur", "2026-03-20", "h1").await);

    let tenancies = tenancy_track(&t).await;
    gate_track(&t, &tenancies).await;
    Golden {
        t,
        hulp,
        cases,
        tenancies,
    }
}

fn detailed(kind: &str, on: &str, details: serde_json::Value) -> NewTenancyEvent {
    NewTenancyEvent {
        details,
        ..event(kind, on)
    }
}

async fn ledger(t: &Track, verhuurder: i64, id: i64, entries: &[(LedgerKind, &str, i64)]) {
    let entries: Vec<_> = entries
        .iter()
        .enumerate()
        .map(|(i, (kind, on, cents))| entry(*kind, on, *cents, Some(&format!("L{i}"))))
        .collect();
    t.w.store
        .add_ledger_entries(verhuurder, id, &entries, cli())
        .await
        .unwrap();
}

/// T1..T6 of the first verhuurder (T4 in Rijswijk) and U1 of the other.
async fn tenancy_track(t: &Track) -> Vec<i64> {
    use LedgerKind::{Due, Payment};
    let (haag, rijswijk) = (Some(t.w.haag), Some(t.w.rijswijk));
    let mut ids = Vec::new();
    for (reference, postcode, gemeente) in [
        ("T1", "2511AB", haag),
        ("T2", "2511AB", haag),
        ("T3", "2511AB", haag),
        ("T4", "2281AB", rijswijk),
        ("T5", "2512AA", haag),
        ("T6", "2513AA", haag),
    ] {
        ids.push(stored(t, tenancy(reference, postcode, gemeente)).await);
    }
    let status = |s: &str| serde_json::json!({ "status": s });
    let steps: [(usize, NewTenancyEvent); 13] = [
        (0, event("herinnering", "2026-01-15")),
        (0, event("aanmaning", "2026-02-05")),
        (
            0,
            detailed("betalingsregeling", "2026-02-10", status("lopend")),
        ),
        (0, event("deurwaarder", "2026-03-01")),
        (0, aimed_at(MELDING_KIND, "2026-03-15", "2026-05-01")),
        (1, aimed_at(MELDING_KIND, "2026-01-20", "2026-04-01")),
        (
            1,
            detailed("betalingsregeling", "2026-02-25", status("verbroken")),
        ),
        (
            1,
            detailed(
                "voorkomen",
                "2026-03-20",
                serde_json::json!({"hoe": "betalingsregeling"}),
            ),
        ),
        (
            1,
            detailed(
                "laatste_kans_overeenkomst",
                "2026-04-02",
                status("nagekomen"),
            ),
        ),
        (2, aimed_at(MELDING_KIND, "2026-02-10", "2026-03-31")),
        (2, event("ontruimd", "2026-03-31")),
        (3, event("herinnering", "2026-02-12")),
        (3, event("aanmaning", "2026-04-01")),
    ];
    for (i, e) in &steps {
        record(t, ids[*i], e).await.unwrap();
    }
    let entries: [&[(LedgerKind, &str, i64)]; 6] = [
        &[
            (Due, "2026-01-01", 75_000),
            (Payment, "2026-02-01", 75_000),
            (Due, "2026-03-01", 75_000),
        ],
        &[(Due, "2026-01-01", 75_000), (Payment, "2026-01-10", 75_000)],
        &[(Due, "2026-01-01", 50_000)],
        &[(Due, "2026-02-01", 75_000), (Payment, "2026-03-20", 75_000)],
        &[(Due, "2026-03-01", 10_000)],
        &[(Due, "2026-03-20", 75_000)],
    ];
    for (id, entries) in ids.iter().zip(entries) {
        ledger(t, t.w.corp, *id, entries).await;
    }

    let s = &t.w.store;
    let u1 = s
        .upsert_tenancies(t.other, &[tenancy("U1", "2281AA", rijswijk)], cli())
        .await
        .unwrap()[0]
        .tenancy_id();
    let recording = EventRecording::default();
    for e in [
        event("herinnering", "2026-02-03"),
        aimed_at(MELDING_KIND, "2026-03-05", "2026-04-15"),
    ] {
        s.record_tenancy_event(t.other, u1, &e, &recording, cli())
            .await
            .unwrap();
    }
    ledger(t, t.other, u1, &[(Due, "2026-01-01", 75_000)]).await;
    let version = s.tenancy(t.other, u1).await.unwrap().unwrap().version;
    let d = NewGateDecision {
        tenancy_id: u1,
        tenancy_version: version,
        step: "deurwaarder".into(),
        evaluated_on: date("2026-03-01"),
        planned_date: None,
        allowed: true,
        reasons: serde_json::json!([]),
        policy_version: "platform-2026.1".into(),
        decided_by_user_id: Some(t.outsider),
    };
    s.record_gate_decision(t.other, &d, cli()).await.unwrap();
    ids
}

/// A gate decision of the first verhuurder, evaluated on `on`.
async fn decided(t: &Track, tenancy_id: i64, step: &str, allowed: bool, on: &str) -> i64 {
    let mut d = decision(t, tenancy_id, step, allowed).await;
    d.evaluated_on = date(on);
    t.w.store
        .record_gate_decision(t.w.corp, &d, by(t, t.medewerker))
        .await
        .unwrap()
}

/// An override of a blocked decision, asked at `at` (UTC).
async fn overridden(t: &Track, tenancy_id: i64, decision_id: i64, step: &str, at: &str) -> i64 {
    let request = NewGateOverride {
        event: event(step, "2026-03-16"),
        ..override_of(t, tenancy_id, decision_id)
    };
    let id =
        t.w.store
            .request_gate_override(t.w.corp, &request, by(t, t.medewerker))
            .await
            .unwrap();
    let at = timestamp(&t.w.store, at);
    let sql = format!("UPDATE gate_overrides SET requested_at = {at} WHERE id = {id}");
    super::raw_execute(&t.w.store, &sql).await.unwrap();
    id
}

/// A UTC time as the backend stores it, as an SQL literal.
pub fn timestamp(store: &Arc<dyn Store>, at: &str) -> String {
    match store.backend() {
        "sqlite" => format!("'{at}.000000Z'"),
        _ => format!("'{at}Z'"),
    }
}

async fn gate_track(t: &Track, ids: &[i64]) {
    decided(t, ids[0], "deurwaarder", true, "2026-02-28").await;
    let d2 = decided(t, ids[1], "dagvaarding", false, "2026-03-16").await;
    let o1 = overridden(t, ids[1], d2, "dagvaarding", "2026-03-16T10:00:00").await;
    t.w.store
        .reject_gate_override(t.w.corp, o1, t.teamleider, by(t, t.teamleider))
        .await
        .unwrap();
    let d3 = decided(t, ids[1], "dagvaarding", false, "2026-03-17").await;
    overridden(t, ids[1], d3, "dagvaarding", "2026-03-17T10:00:00").await;
    // 00:30 in Amsterdam on 1 February: inside the range.
    let d4 = decided(t, ids[4], "deurwaarder", false, "2026-01-31").await;
    overridden(t, ids[4], d4, "deurwaarder", "2026-01-31T23:30:00").await;
    // 00:30 in Amsterdam (summer time) on 1 April: outside it.
    let d5 = decided(t, ids[5], "deurwaarder", false, "2026-04-01").await;
    overridden(t, ids[5], d5, "deurwaarder", "2026-03-31T22:30:00").await;
}
