//! The storage contract of the DDAS export, on both backends: which cases
//! belong to a period, what each brings along, keyset paging, the horizon
//! and scoping to one gemeente.

use std::sync::Arc;
use vangnet_domain::casework::state::{apply, CaseState, Command};
use vangnet_domain::ddas::{ContactKind, EndResult, PartOfDay};
use vangnet_domain::routing::Route;
use vangnet_store::casework::{
    CaseOwner, CaseStep, DdasCase, DdasHorizon, DdasSelection, NewContactAttempt,
};
use vangnet_store::*;

#[macro_use]
mod backends;
use backends::world::*;

contract!(
    a_period_holds_the_cases_in_progress_in_it,
    a_case_brings_its_signals_state_and_contact_attempts,
    pages_follow_the_case_ids_without_gaps_or_repeats,
    the_horizon_keeps_later_cases_and_signals_out,
);

/// Stores one signal (its own household unless `number` repeats) and
/// returns the id of its case.
async fn case_with_signal(w: &World, kenmerk: &str, number: i64, on: &str, gemeente: i64) -> i64 {
    let postcode = if gemeente == w.haag {
        "2511AB"
    } else {
        "2281AA"
    };
    let mut new = signal(kenmerk, postcode, number, Route::Gemeente(gemeente));
    new.signal_date = date(on);
    let outcome = w
        .store
        .store_signals(import(w, w.corp).await, w.corp, &[new])
        .await
        .unwrap();
    match outcome[0] {
        SignalOutcome::Created {
            case: CaseLink::Created { case_id, .. } | CaseLink::Joined { case_id },
            ..
        } => case_id,
        ref other => panic!("{kenmerk}: {other:?}"),
    }
}

/// Takes the case through `commands`, one saved step each, as a worker would.
async fn work(w: &World, case_id: i64, commands: &[Command]) -> CaseState {
    let mut state = CaseState::new();
    for (done, command) in commands.iter().enumerate() {
        state = apply(&state, command).unwrap();
        let contact = match command {
            Command::RecordContact {
                kind,
                reached,
                on,
                part_of_day,
                ..
            } => Some(NewContactAttempt {
                kind: kind.ddas(),
                reached: *reached,
                on_date: *on,
                part_of_day: part_of_day.map(PartOfDay::ddas),
                note: Some("vertrouwelijke notitie"),
            }),
            _ => None,
        };
        let step = CaseStep {
            owner: CaseOwner::Gemeente(w.haag),
            case_id,
            expected_version: 1 + done as i64,
            state: &state,
            actor_user_id: None,
            kind: "test",
            summary: "stap in de test",
            contact,
            note: None,
        };
        w.store.save_case_step(&step, cli()).await.unwrap();
    }
    state
}

fn march(w: &World, horizon: DdasHorizon) -> DdasSelection {
    DdasSelection {
        gemeente_org_id: w.haag,
        from: date("2026-03-01"),
        to: date("2026-03-31"),
        horizon,
    }
}

async fn all_cases(store: &dyn Store, selection: &DdasSelection, limit: i64) -> Vec<DdasCase> {
    let mut all = Vec::new();
    let mut after = 0;
    loop {
        let page = store.ddas_cases(selection, after, limit).await.unwrap();
        let Some(last) = page.last() else {
            return all;
        };
        assert!(page.len() as i64 <= limit);
        after = last.id;
        all.extend(page);
    }
}

fn ids(cases: &[DdasCase]) -> Vec<i64> {
    cases.iter().map(|c| c.id).collect()
}

fn close(on: &str) -> [Command; 2] {
    [
        Command::PickUp {
            on: date("2026-01-15"),
        },
        Command::Close {
            result: EndResult::AlreadyPaid,
            on: date(on),
        },
    ]
}

async fn a_period_holds_the_cases_in_progress_in_it(store: Arc<dyn Store>) {
    let w = world(store).await;
    let in_march = case_with_signal(&w, "MAART", 1, "2026-03-02", w.haag).await;
    let after_march = case_with_signal(&w, "APRIL", 2, "2026-04-05", w.haag).await;
    let closed_before = case_with_signal(&w, "DICHT-FEB", 3, "2026-01-10", w.haag).await;
    work(&w, closed_before, &close("2026-02-28")).await;
    let closed_in = case_with_signal(&w, "DICHT-MRT", 4, "2026-01-10", w.haag).await;
    work(&w, closed_in, &close("2026-03-01")).await;
    let still_open = case_with_signal(&w, "OPEN-FEB", 5, "2026-02-01", w.haag).await;
    let declined = case_with_signal(&w, "AFGEWEZEN", 6, "2026-03-20", w.haag).await;
    let decline = Command::Decline {
        reason: vangnet_domain::ddas::DeclineReason::WrongSignal,
    };
    work(&w, declined, &[decline]).await;
    case_with_signal(&w, "RIJSWIJK", 7, "2026-03-02", w.rijswijk).await;

    let horizon = w.store.ddas_horizon().await.unwrap();
    let cases = all_cases(&*w.store, &march(&w, horizon), 50).await;
    assert_eq!(
        ids(&cases),
        [in_march, closed_in, still_open, declined],
        "not {after_march} (later), not {closed_before} (closed before), not Rijswijk's"
    );
    // The last day of the period counts, as does the first.
    let mut first_of_april = march(&w, horizon);
    first_of_april.to = date("2026-04-05");
    first_of_april.from = date("2026-02-28");
    let cases = all_cases(&*w.store, &first_of_april, 50).await;
    assert_eq!(
        ids(&cases),
        [
            in_march,
            after_march,
            closed_before,
            closed_in,
            still_open,
            declined
        ]
    );
    // Another gemeente's export sees only its own case.
    let mut rijswijk = march(&w, horizon);
    rijswijk.gemeente_org_id = w.rijswijk;
    assert_eq!(all_cases(&*w.store, &rijswijk, 50).await.len(), 1);
}

async fn a_case_brings_its_signals_state_and_contact_attempts(store: Arc<dyn Store>) {
    let w = world(store).await;
    let case_id = case_with_signal(&w, "EERSTE", 1, "2026-03-02", w.haag).await;
    // A second creditor for the same household, dated earlier, joins it.
    let mut energy = signal("TWEEDE", "2511AB", 1, Route::Gemeente(w.haag));
    energy.partner_type = "Energie".into();
    energy.signal_date = date("2026-02-20");
    energy.amount_cents = 12_350;
    energy.crisis = true;
    energy.bsn = Some("123456782".into());
    energy.birth_date = Some(date("1980-05-17"));
    energy.addition = Some("A".into());
    w.store
        .store_signals(import(&w, w.energy).await, w.energy, &[energy])
        .await
        .unwrap();
    let state = work(
        &w,
        case_id,
        &[
            Command::RecordContact {
                kind: ContactKind::HomeVisit,
                reached: false,
                on: date("2026-03-05"),
                part_of_day: Some(PartOfDay::Evening),
                note: None,
            },
            Command::PickUp {
                on: date("2026-03-06"),
            },
            Command::RecordContact {
                kind: ContactKind::Phone,
                reached: true,
                on: date("2026-03-04"),
                part_of_day: None,
                note: None,
            },
        ],
    )
    .await;

    let horizon = w.store.ddas_horizon().await.unwrap();
    let cases = all_cases(&*w.store, &march(&w, horizon), 50).await;
    assert_eq!(cases.len(), 1);
    let case = &cases[0];
    assert_eq!(case.id, case_id);
    assert_eq!(case.state, state);
    assert_eq!(case.opened_on, date("2026-03-02"));
    let kenmerken: Vec<(&str, i64)> = case
        .signals
        .iter()
        .map(|s| (s.partner_type.as_str(), s.amount_cents))
        .collect();
    assert_eq!(
        kenmerken,
        [("Energie", 12_350), ("Huur", 45_000)],
        "oldest first"
    );
    let energy = &case.signals[0];
    assert_eq!(energy.case_id, case_id);
    assert!(energy.crisis && !energy.warm_handover);
    assert_eq!(energy.bsn.as_deref(), Some("123456782"));
    assert_eq!(energy.birth_date, Some(date("1980-05-17")));
    assert_eq!(energy.arrears_start, Some(date("2026-01-01")));
    assert_eq!(energy.signal_date, date("2026-02-20"));
    assert_eq!(
        (
            energy.initials.as_deref(),
            energy.surname.as_deref(),
            energy.street.as_deref(),
            energy.house_number,
            energy.addition.as_deref(),
            energy.postcode.as_deref(),
            energy.city.as_deref()
        ),
        (
            Some("A."),
            Some("Jansen"),
            Some("Voorbeeldstraat"),
            Some(1),
            Some("A"),
            Some("2511AB"),
            Some("Den Haag")
        )
    );
    let attempts: Vec<(&str, bool, String, Option<&str>)> = case
        .contact_attempts
        .iter()
        .map(|a| {
            (
                a.kind.as_str(),
                a.reached,
                a.on_date.to_string(),
                a.part_of_day.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        attempts,
        [
            ("Telefoon", true, "2026-03-04".to_string(), None),
            ("Huisbezoek", false, "2026-03-05".to_string(), Some("Avond")),
        ],
        "by date, with the exact DDAS strings"
    );
}

async fn pages_follow_the_case_ids_without_gaps_or_repeats(store: Arc<dyn Store>) {
    let w = world(store).await;
    let mut expected = Vec::new();
    for n in 1..=7 {
        let case_id = case_with_signal(&w, &format!("K{n}"), n, "2026-03-02", w.haag).await;
        expected.push(case_id);
        // Old closed cases between them are skipped, also inside a page's range.
        let old = case_with_signal(&w, &format!("OUD{n}"), 100 + n, "2025-06-01", w.haag).await;
        work(&w, old, &close("2026-02-01")).await;
    }
    let horizon = w.store.ddas_horizon().await.unwrap();
    let selection = march(&w, horizon);
    for limit in [1, 2, 3, 7, 100] {
        let cases = all_cases(&*w.store, &selection, limit).await;
        assert_eq!(ids(&cases), expected, "pages of {limit}");
        assert!(
            cases.iter().all(|c| c.signals.len() == 1),
            "pages of {limit}"
        );
    }
    let last = *expected.last().unwrap();
    let after_last = w.store.ddas_cases(&selection, last, 10).await.unwrap();
    assert!(after_last.is_empty());
}

async fn the_horizon_keeps_later_cases_and_signals_out(store: Arc<dyn Store>) {
    let w = world(store).await;
    let empty = w.store.ddas_horizon().await.unwrap();
    assert_eq!(empty, DdasHorizon::default(), "an empty database");
    let early = case_with_signal(&w, "VOOR", 1, "2026-03-02", w.haag).await;
    let horizon = w.store.ddas_horizon().await.unwrap();
    // Between the two passes of an export: a new case, and a new signal for
    // the existing one.
    case_with_signal(&w, "NA", 2, "2026-03-03", w.haag).await;
    let joined = case_with_signal(&w, "NA-ZELFDE", 1, "2026-03-04", w.haag).await;
    assert_eq!(joined, early);
    let cases = all_cases(&*w.store, &march(&w, horizon), 50).await;
    assert_eq!(ids(&cases), [early]);
    assert_eq!(cases[0].signals.len(), 1);
    let now = w.store.ddas_horizon().await.unwrap();
    let cases = all_cases(&*w.store, &march(&w, now), 50).await;
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[0].signals.len(), 2);
}
