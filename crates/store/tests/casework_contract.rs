//! The storage contract of municipal case work, on both backends: the
//! queue's order, filters and scope, saving steps with versions, notes per
//! organisation, hand-off visibility, and priorities kept current.

use std::sync::Arc;
use vangnet_domain::casework::cutoffs::QueueCutoffs;
use vangnet_domain::casework::priority::PriorityWeights;
use vangnet_domain::casework::state::{apply, CaseState, Command};
use vangnet_domain::ddas::{ContactKind, EndResult, PartOfDay};
use vangnet_domain::org::NewOrg;
use vangnet_domain::routing::Route;
use vangnet_store::casework::*;
use vangnet_store::*;

#[macro_use]
mod backends;
use backends::world::*;
use vangnet_domain::casework::deadline::{first_contact_deadline, pickup_deadline};
use vangnet_store::tenancy::MELDING_KIND;

contract!(
    the_queue_puts_the_highest_priority_first,
    the_queue_filters_combine,
    a_step_on_a_stale_version_is_a_conflict,
    a_step_records_its_timeline_contact_and_note,
    a_hand_off_shows_the_case_to_the_hulpverlener_only,
    a_joining_signal_makes_the_priority_be_computed_again,
    overdue_and_due_soon_follow_the_working_day_cutoffs,
    a_melding_makes_the_deadline_filters_short,
    settings_round_trip_and_reset_priorities,
    the_partner_learns_only_whether_the_case_was_picked_up,
);

/// Cases: a crisis household, a plain one and an energy-only one, each a
/// signal routed to Den Haag.
async fn cases(w: &World) -> Vec<i64> {
    let mut crisis = signal("K1", "2511AB", 1, Route::Gemeente(w.haag));
    crisis.crisis = true;
    let plain = signal("K2", "2512CD", 2, Route::Gemeente(w.haag));
    let mut energy = signal("E1", "2599ZZ", 3, Route::Gemeente(w.haag));
    energy.partner_type = "Energie".into();
    let mut ids = Vec::new();
    for (partner, s) in [(w.corp, crisis), (w.corp, plain), (w.energy, energy)] {
        let outcome = w
            .store
            .store_signals(import(w, partner).await, partner, &[s])
            .await
            .unwrap();
        match outcome[0] {
            SignalOutcome::Created {
                case: CaseLink::Created { case_id, .. },
                ..
            } => ids.push(case_id),
            other => panic!("expected a new case, got {other:?}"),
        }
    }
    w.store
        .refresh_priorities(w.haag, &PriorityWeights::default())
        .await
        .unwrap();
    ids
}

async fn queue(w: &World, owner: CaseOwner, filter: QueueFilter) -> Vec<i64> {
    w.store
        .case_queue(owner, &filter, Page::first(50))
        .await
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect()
}

/// Applies a command to the stored case and saves it as `step`.
async fn step(w: &World, owner: CaseOwner, case_id: i64, command: Command) -> Result<i64> {
    let work = w.store.case_work(owner, case_id).await?.expect("visible");
    let state = apply(&work.state, &command).expect("allowed");
    save(w, owner, case_id, work.version, &state, None).await
}

async fn save(
    w: &World,
    owner: CaseOwner,
    case_id: i64,
    version: i64,
    state: &CaseState,
    note: Option<&str>,
) -> Result<i64> {
    let s = CaseStep {
        owner,
        case_id,
        expected_version: version,
        state,
        actor_user_id: None,
        kind: "test",
        summary: "Stap in een test",
        contact: None,
        note,
    };
    w.store.save_case_step(&s, cli()).await
}

async fn the_queue_puts_the_highest_priority_first(store: Arc<dyn Store>) {
    let w = world(store).await;
    let ids = cases(&w).await;
    let rows = w
        .store
        .case_queue(
            CaseOwner::Gemeente(w.haag),
            &QueueFilter::default(),
            Page::first(50),
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].id, ids[0], "the crisis household comes first");
    assert!(rows.windows(2).all(|p| p[0].priority >= p[1].priority));
    assert!(rows.iter().all(|r| r.priority.is_some()));
    assert_eq!(rows[0].signal_count, 1);
    assert_eq!(rows[0].total_cents, 45_000);
    // Another gemeente sees nothing of it.
    let other = queue(&w, CaseOwner::Gemeente(w.rijswijk), QueueFilter::default()).await;
    assert!(other.is_empty());
    let page = w
        .store
        .case_queue(
            CaseOwner::Gemeente(w.haag),
            &QueueFilter::default(),
            Page {
                limit: 1,
                offset: 1,
            },
        )
        .await
        .unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].id, rows[1].id);
}

async fn the_queue_filters_combine(store: Arc<dyn Store>) {
    let w = world(store).await;
    let ids = cases(&w).await;
    let owner = CaseOwner::Gemeente(w.haag);
    let by_type = QueueFilter {
        partner_type: Some("Energie".into()),
        ..Default::default()
    };
    assert_eq!(queue(&w, owner, by_type).await, vec![ids[2]]);
    let by_area = QueueFilter {
        postcode_area: Some((2512, 2599)),
        ..Default::default()
    };
    let mut found = queue(&w, owner, by_area).await;
    found.sort();
    assert_eq!(found, vec![ids[1], ids[2]]);
    let today = date("2026-03-10");
    step(&w, owner, ids[1], Command::PickUp { on: today })
        .await
        .unwrap();
    let picked = QueueFilter {
        stage: Some("opgepakt".into()),
        ..Default::default()
    };
    assert_eq!(queue(&w, owner, picked).await, vec![ids[1]]);
    let closed = Command::Close {
        result: *EndResult::ALL
            .iter()
            .find(|r| !r.means_not_picked_up())
            .unwrap(),
        on: today,
    };
    step(&w, owner, ids[1], closed).await.unwrap();
    let active = queue(&w, owner, QueueFilter::default()).await;
    assert!(!active.contains(&ids[1]), "a closed case leaves the queue");
}

async fn a_step_on_a_stale_version_is_a_conflict(store: Arc<dyn Store>) {
    let w = world(store).await;
    let ids = cases(&w).await;
    let owner = CaseOwner::Gemeente(w.haag);
    let work = w.store.case_work(owner, ids[0]).await.unwrap().unwrap();
    let picked = apply(
        &work.state,
        &Command::PickUp {
            on: date("2026-03-10"),
        },
    )
    .unwrap();
    let version = save(&w, owner, ids[0], work.version, &picked, None)
        .await
        .unwrap();
    assert_eq!(version, work.version + 1);
    // A second worker decided on the version both had loaded.
    let error = save(&w, owner, ids[0], work.version, &picked, None)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, StoreError::Conflict { field, .. } if field == "version"),
        "{error}"
    );
    // Another gemeente cannot save on it at all.
    let foreign = save(
        &w,
        CaseOwner::Gemeente(w.rijswijk),
        ids[0],
        version,
        &picked,
        None,
    )
    .await;
    assert!(foreign.is_err());
    let after = w.store.case_work(owner, ids[0]).await.unwrap().unwrap();
    assert_eq!(after.version, version);
    assert_eq!(after.state, picked);
}

async fn a_step_records_its_timeline_contact_and_note(store: Arc<dyn Store>) {
    let w = world(store).await;
    let ids = cases(&w).await;
    let owner = CaseOwner::Gemeente(w.haag);
    let work = w.store.case_work(owner, ids[0]).await.unwrap().unwrap();
    let on = date("2026-03-11");
    let command = Command::RecordContact {
        kind: ContactKind::ALL[4],
        reached: true,
        on,
        part_of_day: Some(PartOfDay::ALL[0]),
        note: None,
    };
    let state = apply(&work.state, &command).unwrap();
    let kind = ContactKind::ALL[4].ddas();
    let s = CaseStep {
        owner,
        case_id: ids[0],
        expected_version: work.version,
        state: &state,
        actor_user_id: None,
        kind: "contact",
        summary: "Contactpoging vastgelegd",
        contact: Some(NewContactAttempt {
            kind,
            reached: true,
            on_date: on,
            part_of_day: Some(PartOfDay::ALL[0].ddas()),
            note: Some("Aangebeld, gesprek gehad"),
        }),
        note: Some("Volgende week terug"),
    };
    w.store.save_case_step(&s, cli()).await.unwrap();
    let after = w.store.case_work(owner, ids[0]).await.unwrap().unwrap();
    assert_eq!(after.events.len(), 1);
    assert_eq!(after.events[0].kind, "contact");
    assert_eq!(after.contacts.len(), 1);
    assert_eq!(after.contacts[0].kind, kind);
    assert!(after.contacts[0].reached);
    assert_eq!(after.contacts[0].on_date, on);
    assert_eq!(after.notes.len(), 1);
    assert_eq!(after.state.first_contact_on, Some(on));
    assert_eq!(after.signals.len(), 1);
    assert!(after.priority_input.crisis);
}

async fn hulpverlener(w: &World) -> i64 {
    let new = NewOrg::parse("schuldhulp", "Schuldhulp", "hulpverlening", None, None).unwrap();
    w.store.create_org(&new, cli()).await.unwrap().id
}

async fn a_hand_off_shows_the_case_to_the_hulpverlener_only(store: Arc<dyn Store>) {
    let w = world(store).await;
    let ids = cases(&w).await;
    let help = hulpverlener(&w).await;
    let gemeente = CaseOwner::Gemeente(w.haag);
    let helper = CaseOwner::HandedOffTo(help);
    assert!(w.store.case_work(helper, ids[0]).await.unwrap().is_none());
    let on = date("2026-03-10");
    step(&w, gemeente, ids[0], Command::PickUp { on })
        .await
        .unwrap();
    let work = w.store.case_work(gemeente, ids[0]).await.unwrap().unwrap();
    let handed = apply(&work.state, &Command::HandOff { to_org: help, on }).unwrap();
    save(
        &w,
        gemeente,
        ids[0],
        work.version,
        &handed,
        Some("Notitie van de gemeente"),
    )
    .await
    .unwrap();
    assert_eq!(
        queue(&w, helper, QueueFilter::default()).await,
        vec![ids[0]]
    );
    let seen = w.store.case_work(helper, ids[0]).await.unwrap().unwrap();
    assert!(
        seen.notes.is_empty(),
        "the gemeente's notes stay with the gemeente"
    );
    assert!(w.store.case_work(helper, ids[1]).await.unwrap().is_none());
    // The gemeente still has it, and sees its own note.
    let own = w.store.case_work(gemeente, ids[0]).await.unwrap().unwrap();
    assert_eq!(own.notes.len(), 1);
}

async fn a_joining_signal_makes_the_priority_be_computed_again(store: Arc<dyn Store>) {
    let w = world(store).await;
    let ids = cases(&w).await;
    let owner = CaseOwner::Gemeente(w.haag);
    let all = QueueFilter::default();
    let before = w
        .store
        .case_queue(owner, &all, Page::first(10))
        .await
        .unwrap();
    let plain = before.iter().find(|r| r.id == ids[1]).unwrap().priority;
    // An energy company reports the same household: two creditors now.
    let mut joining = signal("E2", "2512CD", 2, Route::Gemeente(w.haag));
    joining.partner_type = "Energie".into();
    let outcome = w
        .store
        .store_signals(import(&w, w.energy).await, w.energy, &[joining])
        .await
        .unwrap();
    assert!(matches!(
        outcome[0],
        SignalOutcome::Created {
            case: CaseLink::Joined { .. },
            ..
        }
    ));
    let weights = PriorityWeights::default();
    assert_eq!(
        w.store.refresh_priorities(w.haag, &weights).await.unwrap(),
        1
    );
    let after = w
        .store
        .case_queue(owner, &all, Page::first(10))
        .await
        .unwrap();
    let row = after.iter().find(|r| r.id == ids[1]).unwrap();
    assert!(row.priority > plain, "{:?} > {plain:?}", row.priority);
    assert_eq!(row.creditor_count, 2);
    assert_eq!(
        w.store.refresh_priorities(w.haag, &weights).await.unwrap(),
        0
    );
}

async fn overdue_and_due_soon_follow_the_working_day_cutoffs(store: Arc<dyn Store>) {
    let w = world(store).await;
    let ids = cases(&w).await; // first signals on 2026-03-02, a Monday
    let owner = CaseOwner::Gemeente(w.haag);
    let settings = w.store.casework_settings(w.haag).await.unwrap();
    let filter = |kind, today| QueueFilter {
        deadline: Some((kind, QueueCutoffs::on(date(today), &settings.deadlines))),
        ..Default::default()
    };
    // Due 5 working days on: Monday 9 March.
    assert!(
        queue(&w, owner, filter(DeadlineFilter::Overdue, "2026-03-09"))
            .await
            .is_empty()
    );
    assert_eq!(
        queue(&w, owner, filter(DeadlineFilter::DueSoon, "2026-03-09"))
            .await
            .len(),
        3
    );
    assert_eq!(
        queue(&w, owner, filter(DeadlineFilter::Overdue, "2026-03-10"))
            .await
            .len(),
        3
    );
    // Picking up ends the pick-up deadline; first contact is due 5 working
    // days after the pick-up.
    step(
        &w,
        owner,
        ids[0],
        Command::PickUp {
            on: date("2026-03-10"),
        },
    )
    .await
    .unwrap();
    let overdue = queue(&w, owner, filter(DeadlineFilter::Overdue, "2026-03-11")).await;
    assert!(!overdue.contains(&ids[0]));
    let late = queue(&w, owner, filter(DeadlineFilter::Overdue, "2026-03-18")).await;
    assert!(late.contains(&ids[0]));
}

/// Issue 5: the household's case gets the short deadline. Three households
/// with first signals on Monday 2 March: one gets a melding dated Tuesday
/// 3 March, one has none, and a third has only the melding (its case is
/// opened by it). Both melding cases are due Friday 6 March, not Monday 9.
async fn a_melding_makes_the_deadline_filters_short(store: Arc<dyn Store>) {
    use backends::tenancy_world as tw;
    let t = tw::track(store).await;
    let w = &t.w;
    let owner = CaseOwner::Gemeente(w.haag);
    let mut ids = Vec::new();
    for (kenmerk, postcode, number) in [("K1", "2511AB", 12), ("K2", "2512CD", 2)] {
        let signal = signal(kenmerk, postcode, number, Route::Gemeente(w.haag));
        let outcome = w
            .store
            .store_signals(import(w, w.corp).await, w.corp, &[signal])
            .await
            .unwrap();
        match outcome[0] {
            SignalOutcome::Created {
                case: CaseLink::Created { case_id, .. },
                ..
            } => ids.push(case_id),
            other => panic!("expected a new case, got {other:?}"),
        }
    }
    let (threatened, plain) = (ids[0], ids[1]);
    let melding = tw::aimed_at(MELDING_KIND, "2026-03-03", "2026-04-15");
    let mut ours = tw::tenancy("H-1", "2511AB", Some(w.haag));
    ours.address.addition = None;
    let mut only = tw::tenancy("H-2", "2513EF", Some(w.haag));
    only.address.addition = None;
    let mut links = Vec::new();
    for data in [ours, only] {
        let id = tw::stored(&t, data).await;
        links.push(tw::record(&t, id, &melding).await.unwrap().notice.unwrap());
    }
    assert_eq!(
        (links[0].case_id, links[0].case_opened),
        (threatened, false)
    );
    assert!(links[1].case_opened);
    let opened = links[1].case_id;
    // A later melding does not move the deadline: the earliest counts.
    let again = tw::aimed_at(MELDING_KIND, "2026-03-05", "2026-04-20");
    let mut later = tw::tenancy("H-3", "2511AB", Some(w.haag));
    later.address.addition = None;
    let id = tw::stored(&t, later).await;
    assert_eq!(
        tw::record(&t, id, &again)
            .await
            .unwrap()
            .notice
            .unwrap()
            .case_id,
        threatened
    );

    let settings = w.store.casework_settings(w.haag).await.unwrap();
    let rows = w
        .store
        .case_queue(owner, &QueueFilter::default(), Page::first(10))
        .await
        .unwrap();
    let notice_of = |id| rows.iter().find(|r| r.id == id).unwrap().eviction_notice_on;
    assert_eq!(notice_of(threatened), Some(date("2026-03-03")));
    assert_eq!(notice_of(opened), Some(date("2026-03-03")));
    assert_eq!(notice_of(plain), None);
    let work = w.store.case_work(owner, threatened).await.unwrap().unwrap();
    assert_eq!(work.eviction_notice_on, Some(date("2026-03-03")));
    assert_eq!(
        pickup_deadline(work.opened_on, work.eviction_notice_on, &settings.deadlines),
        date("2026-03-06")
    );

    let filter = |kind, today| QueueFilter {
        deadline: Some((kind, QueueCutoffs::on(date(today), &settings.deadlines))),
        ..Default::default()
    };
    let sorted = |mut v: Vec<i64>| {
        v.sort();
        v
    };
    let both = sorted(vec![threatened, opened]);
    let cases = [
        // (kind, today, expected)
        (DeadlineFilter::Overdue, "2026-03-05", vec![]),
        (DeadlineFilter::DueSoon, "2026-03-04", vec![]),
        (DeadlineFilter::DueSoon, "2026-03-05", both.clone()),
        (DeadlineFilter::Overdue, "2026-03-06", vec![]),
        (
            DeadlineFilter::DueSoon,
            "2026-03-06",
            sorted(vec![threatened, opened, plain]),
        ),
        // Three working days after the melding: only the melding cases.
        (DeadlineFilter::Overdue, "2026-03-09", both.clone()),
        (DeadlineFilter::DueSoon, "2026-03-09", vec![plain]),
        (
            DeadlineFilter::Overdue,
            "2026-03-10",
            sorted(vec![threatened, opened, plain]),
        ),
    ];
    for (kind, today, expected) in cases {
        let got = sorted(queue(w, owner, filter(kind, today)).await);
        assert_eq!(got, expected, "{kind:?} on {today}");
    }

    // Picked up on Wednesday 4 March: the first contact is due three
    // working days after it with a melding (Monday 9), five without
    // (Wednesday 11).
    for id in [threatened, plain] {
        step(
            w,
            owner,
            id,
            Command::PickUp {
                on: date("2026-03-04"),
            },
        )
        .await
        .unwrap();
    }
    assert_eq!(
        first_contact_deadline(
            date("2026-03-04"),
            Some(date("2026-03-03")),
            &settings.deadlines
        ),
        date("2026-03-09")
    );
    let cases = [
        (DeadlineFilter::Overdue, "2026-03-09", vec![opened]),
        (DeadlineFilter::DueSoon, "2026-03-09", vec![threatened]),
        (DeadlineFilter::Overdue, "2026-03-10", both.clone()),
        (DeadlineFilter::DueSoon, "2026-03-10", vec![plain]),
        (
            DeadlineFilter::Overdue,
            "2026-03-12",
            sorted(vec![threatened, opened, plain]),
        ),
    ];
    for (kind, today, expected) in cases {
        let got = sorted(queue(w, owner, filter(kind, today)).await);
        assert_eq!(got, expected, "after the pick-up: {kind:?} on {today}");
    }
}

async fn settings_round_trip_and_reset_priorities(store: Arc<dyn Store>) {
    let w = world(store).await;
    cases(&w).await;
    let mut settings = w.store.casework_settings(w.haag).await.unwrap();
    assert_eq!(settings, CaseworkSettings::default());
    settings.weights.crisis = 0;
    settings.deadlines.pickup_working_days = 3;
    settings.ddas_supplier = Some("VNG01".into());
    settings.ddas_contact = Some(DdasContact {
        name: "Team Vroegsignalering".into(),
        email: Some("vroeg@denhaag.example".into()),
        phone: None,
    });
    w.store
        .set_casework_settings(w.haag, &settings, cli())
        .await
        .unwrap();
    assert_eq!(w.store.casework_settings(w.haag).await.unwrap(), settings);
    assert_eq!(
        w.store
            .refresh_priorities(w.haag, &settings.weights)
            .await
            .unwrap(),
        3,
        "new weights: every case again"
    );
}

async fn the_partner_learns_only_whether_the_case_was_picked_up(store: Arc<dyn Store>) {
    let w = world(store).await;
    let ids = cases(&w).await;
    let owner = CaseOwner::Gemeente(w.haag);
    let status = |kenmerk: &'static str| {
        let w = &w;
        async move {
            let partner = if kenmerk.starts_with('E') {
                w.energy
            } else {
                w.corp
            };
            let own = w
                .store
                .partner_signals(partner, Page::first(10))
                .await
                .unwrap();
            own.into_iter()
                .find(|s| s.kenmerk == kenmerk)
                .unwrap()
                .status
        }
    };
    assert_eq!(status("K1").await, "Nog niet opgepakt");
    step(
        &w,
        owner,
        ids[0],
        Command::PickUp {
            on: date("2026-03-10"),
        },
    )
    .await
    .unwrap();
    let decline = Command::Decline {
        reason: vangnet_domain::ddas::DeclineReason::ALL[0],
    };
    step(&w, owner, ids[2], decline).await.unwrap();
    assert_eq!(status("K1").await, "Opgepakt");
    assert_eq!(status("K2").await, "Nog niet opgepakt");
    assert_eq!(status("E1").await, "Niet opgepakt");
}
