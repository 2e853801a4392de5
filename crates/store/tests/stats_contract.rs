//! The statistics contract, on both backends: every count of the golden
//! world (`backends/stats_world.rs`) for February and March 2026, counted
//! by hand, per scope; the case columns statistics group on, kept by case
//! steps and filled in by the migration; the kennisbank's activity; and
//! the verhuurder's eviction cost, validated and audited.

use chrono::Datelike;
use std::fmt::Debug;
use std::sync::Arc;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::casework::state::Command;
use vangnet_domain::ddas::EndResult;
use vangnet_domain::org::OrgKind;
use vangnet_domain::signal::PartnerType;
use vangnet_domain::stats::facts::*;
use vangnet_domain::tenancy::{EventKind, Step};
use vangnet_store::stats::{DateRange, StatsScope};
use vangnet_store::*;

#[macro_use]
mod backends;
use backends::stats_world::*;
use backends::world::date;

contract!(
    signals_count_per_month_and_partner_type_in_each_scope,
    cases_group_by_what_became_of_them,
    case_dates_leave_declined_cases_out,
    notices_and_events_count_per_owner,
    arrears_count_by_the_furthest_step_on_the_day,
    gate_decisions_and_overrides_count_per_verhuurder,
    organisations_count_per_kind,
    case_steps_keep_the_statistics_columns,
    the_migration_fills_in_the_statistics_columns,
    kennisbank_activity_counts_contributions_decisions_and_reads,
    the_eviction_cost_is_validated_and_audited,
);

const FEB: &str = "2026-02-01";
const MAR: &str = "2026-03-01";

fn range() -> DateRange {
    DateRange {
        from: date("2026-02-01"),
        to: date("2026-03-31"),
    }
}

/// Order is not part of the contract: both sides sorted alike.
fn same<T: Debug>(mut actual: Vec<T>, mut expected: Vec<T>, what: &str) {
    actual.sort_by_key(|v| format!("{v:?}"));
    expected.sort_by_key(|v| format!("{v:?}"));
    let (a, e) = (format!("{actual:#?}"), format!("{expected:#?}"));
    assert_eq!(a, e, "{what}");
}

fn sc(month: &str, partner_type: PartnerType, count: u64) -> SignalCount {
    SignalCount {
        month: date(month),
        partner_type,
        count,
    }
}

/// picked up, contact made, handed off, repeat.
fn cg(month: &str, flags: [bool; 4], end_result: Option<EndResult>, count: u64) -> CaseGroup {
    let [picked_up, contact_made, handed_off, repeat] = flags;
    CaseGroup {
        month: date(month),
        picked_up,
        contact_made,
        handed_off,
        repeat,
        end_result,
        count,
    }
}

fn ev(month: &str, kind: EventKind, detail: Option<&str>, count: u64) -> EventCount {
    EventCount {
        month: date(month),
        kind,
        detail: detail.map(str::to_string),
        count,
    }
}

fn nc(month: &str, count: u64) -> NoticeCount {
    NoticeCount {
        month: date(month),
        count,
    }
}

async fn signals_count_per_month_and_partner_type_in_each_scope(store: Arc<dyn Store>) {
    let g = golden(store).await;
    let (s, w) = (&g.t.w.store, &g.t.w);
    use PartnerType::{Energie, Huur};
    let cases = [
        (
            StatsScope::Gemeente(w.haag),
            vec![sc(FEB, Energie, 1), sc(FEB, Huur, 1), sc(MAR, Huur, 3)],
        ),
        (
            StatsScope::Gemeente(w.rijswijk),
            vec![sc(FEB, Huur, 1), sc(MAR, Energie, 1)],
        ),
        (
            StatsScope::Verhuurder(w.corp),
            vec![sc(FEB, Huur, 1), sc(MAR, Huur, 3)],
        ),
        (StatsScope::Verhuurder(g.t.other), vec![sc(FEB, Huur, 1)]),
        (
            StatsScope::Verhuurder(w.energy),
            vec![sc(FEB, Energie, 1), sc(MAR, Energie, 1)],
        ),
        (
            StatsScope::All,
            vec![
                sc(FEB, Energie, 1),
                sc(FEB, Huur, 2),
                sc(MAR, Energie, 1),
                sc(MAR, Huur, 3),
            ],
        ),
    ];
    for (scope, expected) in cases {
        let actual = s.signal_counts(scope, range()).await.unwrap();
        same(actual, expected, &format!("{scope:?}"));
    }
}

/// Den Haag's cases in the range, as `golden` worked them.
fn haag_groups() -> Vec<CaseGroup> {
    let f = false;
    let t = true;
    vec![
        // c2: picked up, reached on the second try, handed off, closed.
        cg(FEB, [t, t, t, f], Some(EndResult::FinancialFollowUp), 1),
        // c3: declined.
        cg(
            FEB,
            [f, f, f, f],
            Some(EndResult::NotPickedUpWrongSignal),
            1,
        ),
        // c4: picked up, not reached.
        cg(MAR, [t, f, f, f], None, 1),
        // c5: untouched; c7: a repeat of c1.
        cg(MAR, [f, f, f, f], None, 1),
        cg(MAR, [f, f, f, t], None, 1),
    ]
}

async fn cases_group_by_what_became_of_them(store: Arc<dyn Store>) {
    let g = golden(store).await;
    let (s, w) = (&g.t.w.store, &g.t.w);
    let haag = s
        .case_groups(StatsScope::Gemeente(w.haag), range())
        .await
        .unwrap();
    same(haag, haag_groups(), "Den Haag");
    let plain = [false; 4];
    let rijswijk = s
        .case_groups(StatsScope::Gemeente(w.rijswijk), range())
        .await
        .unwrap();
    same(
        rijswijk,
        vec![cg(FEB, plain, None, 1), cg(MAR, plain, None, 1)],
        "Rijswijk",
    );
    let all = s.case_groups(StatsScope::All, range()).await.unwrap();
    let mut expected = haag_groups();
    expected.retain(|c| !(c.month == date(MAR) && !c.picked_up && !c.repeat));
    expected.extend([cg(FEB, plain, None, 1), cg(MAR, plain, None, 2)]);
    same(all, expected, "all");
    let verhuurder = s.case_groups(StatsScope::Verhuurder(w.corp), range()).await;
    assert_eq!(verhuurder.unwrap(), vec![]);
}

async fn case_dates_leave_declined_cases_out(store: Arc<dyn Store>) {
    let g = golden(store).await;
    let (s, w) = (&g.t.w.store, &g.t.w);
    let cd = |opened: &str, picked: Option<&str>, contact: Option<&str>| CaseDates {
        opened_on: date(opened),
        picked_up_on: picked.map(date),
        first_contact_on: contact.map(date),
        count: 1,
    };
    let expected = vec![
        cd("2026-02-01", Some("2026-02-03"), Some("2026-02-04")),
        cd("2026-03-10", Some("2026-03-11"), Some("2026-03-12")),
        cd("2026-03-20", None, None),
        cd("2026-03-31", None, None),
    ];
    let haag = s
        .case_dates(StatsScope::Gemeente(w.haag), range())
        .await
        .unwrap();
    same(haag, expected, "Den Haag");
    let rijswijk = s
        .case_dates(StatsScope::Gemeente(w.rijswijk), range())
        .await
        .unwrap();
    same(
        rijswijk,
        vec![cd("2026-02-20", None, None), cd("2026-03-05", None, None)],
        "Rijswijk",
    );
    let verhuurder = s.case_dates(StatsScope::Verhuurder(w.corp), range()).await;
    assert_eq!(verhuurder.unwrap(), vec![]);
}

async fn notices_and_events_count_per_owner(store: Arc<dyn Store>) {
    let g = golden(store).await;
    let (s, w) = (&g.t.w.store, &g.t.w);
    let notices = [
        (StatsScope::Gemeente(w.haag), vec![nc(FEB, 1), nc(MAR, 1)]),
        (StatsScope::Gemeente(w.rijswijk), vec![nc(MAR, 1)]),
        (StatsScope::Verhuurder(w.corp), vec![nc(FEB, 1), nc(MAR, 1)]),
        (StatsScope::Verhuurder(g.t.other), vec![nc(MAR, 1)]),
        (StatsScope::All, vec![nc(FEB, 1), nc(MAR, 2)]),
    ];
    for (scope, expected) in notices {
        let actual = s.notice_counts(scope, range()).await.unwrap();
        same(actual, expected, &format!("notices {scope:?}"));
    }

    use EventKind::*;
    let haag = vec![
        ev(FEB, Aanmaning, None, 1),
        ev(FEB, Betalingsregeling, Some("lopend"), 1),
        ev(FEB, Betalingsregeling, Some("verbroken"), 1),
        ev(FEB, MeldingGemeenteOntruiming, None, 1),
        ev(MAR, Deurwaarder, None, 1),
        ev(MAR, MeldingGemeenteOntruiming, None, 1),
        ev(MAR, Voorkomen, Some("betalingsregeling"), 1),
        ev(MAR, Ontruimd, None, 1),
    ];
    let mut corp = haag.clone();
    corp.push(ev(FEB, Herinnering, None, 1));
    let other = vec![
        ev(FEB, Herinnering, None, 1),
        ev(MAR, MeldingGemeenteOntruiming, None, 1),
    ];
    let rijswijk = vec![
        ev(FEB, Herinnering, None, 2),
        ev(MAR, MeldingGemeenteOntruiming, None, 1),
    ];
    let mut all = haag.clone();
    all.retain(|e| e.kind != MeldingGemeenteOntruiming || e.month == date(FEB));
    all.extend([
        ev(FEB, Herinnering, None, 2),
        ev(MAR, MeldingGemeenteOntruiming, None, 2),
    ]);
    let events = [
        (StatsScope::Gemeente(w.haag), haag),
        (StatsScope::Gemeente(w.rijswijk), rijswijk),
        (StatsScope::Verhuurder(w.corp), corp),
        (StatsScope::Verhuurder(g.t.other), other),
        (StatsScope::All, all),
    ];
    for (scope, expected) in events {
        let actual = s
            .event_counts(scope, range(), &EventKind::ALL)
            .await
            .unwrap();
        let asked = [EventKind::Voorkomen, Betalingsregeling];
        let only_asked: Vec<EventCount> = expected
            .iter()
            .filter(|e| asked.contains(&e.kind))
            .cloned()
            .collect();
        same(actual, expected, &format!("events {scope:?}"));
        let some = s.event_counts(scope, range(), &asked).await.unwrap();
        same(some, only_asked, &format!("some events {scope:?}"));
        assert!(s
            .event_counts(scope, range(), &[])
            .await
            .unwrap()
            .is_empty());
    }
}

async fn arrears_count_by_the_furthest_step_on_the_day(store: Arc<dyn Store>) {
    let g = golden(store).await;
    let s = &g.t.w.store;
    // A purged tenancy still counts: the figure holds no personal data.
    let purge = format!(
        "UPDATE tenancies SET purged_at = {} WHERE id = {}",
        timestamp(s, "2026-03-01T00:00:00"),
        g.tenancies[2]
    );
    backends::raw_execute(s, &purge).await.unwrap();
    let stage = |stage: Option<EventKind>, count: u64| StageCount { stage, count };
    use EventKind::{Herinnering, MeldingGemeenteOntruiming as Melding, Ontruimd};
    // T1 and T3 reached the melding, T4 only a herinnering (paid on 20
    // March), T5 owes without a step; T2 is paid up, T6 owes only later.
    let mid_march = s
        .arrears_by_stage(g.t.w.corp, date("2026-03-16"))
        .await
        .unwrap();
    same(
        mid_march,
        vec![
            stage(None, 1),
            stage(Some(Herinnering), 1),
            stage(Some(Melding), 2),
        ],
        "16 March",
    );
    let april = s
        .arrears_by_stage(g.t.w.corp, date("2026-04-30"))
        .await
        .unwrap();
    same(
        april,
        vec![
            stage(None, 2),
            stage(Some(Melding), 1),
            stage(Some(Ontruimd), 1),
        ],
        "30 April",
    );
    let other = s
        .arrears_by_stage(g.t.other, date("2026-03-16"))
        .await
        .unwrap();
    same(other, vec![stage(Some(Melding), 1)], "the other verhuurder");
    let before = s
        .arrears_by_stage(g.t.w.corp, date("2025-12-31"))
        .await
        .unwrap();
    assert_eq!(before, vec![]);
}

async fn gate_decisions_and_overrides_count_per_verhuurder(store: Arc<dyn Store>) {
    let g = golden(store).await;
    let (s, w) = (&g.t.w.store, &g.t.w);
    let gc = |step: Step, allowed: bool, count: u64| GateCount {
        step,
        allowed,
        count,
    };
    let corp = vec![
        gc(Step::Deurwaarder, true, 1),
        gc(Step::Dagvaarding, false, 2),
    ];
    let gates = [
        (StatsScope::Verhuurder(w.corp), corp.clone()),
        (StatsScope::Gemeente(w.haag), corp),
        (
            StatsScope::Verhuurder(g.t.other),
            vec![gc(Step::Deurwaarder, true, 1)],
        ),
        (
            StatsScope::Gemeente(w.rijswijk),
            vec![gc(Step::Deurwaarder, true, 1)],
        ),
        (
            StatsScope::All,
            vec![
                gc(Step::Deurwaarder, true, 2),
                gc(Step::Dagvaarding, false, 2),
            ],
        ),
    ];
    for (scope, expected) in gates {
        let actual = s.gate_counts(scope, range()).await.unwrap();
        same(actual, expected, &format!("gate {scope:?}"));
    }
    let oc = |status: &str, count: u64| OverrideCount {
        status: status.into(),
        count,
    };
    // Asked at 00:30 on 1 February (in) and on 1 April (out), Amsterdam.
    let expected = vec![oc("pending", 2), oc("rejected", 1)];
    for scope in [StatsScope::Verhuurder(w.corp), StatsScope::All] {
        let actual = s.override_counts(scope, range()).await.unwrap();
        same(actual, expected.clone(), &format!("overrides {scope:?}"));
    }
    let other = s
        .override_counts(StatsScope::Verhuurder(g.t.other), range())
        .await;
    assert_eq!(other.unwrap(), vec![]);
}

async fn organisations_count_per_kind(store: Arc<dyn Store>) {
    let g = golden(store).await;
    let oc = |kind, count| OrgCount { kind, count };
    let expected = vec![
        oc(OrgKind::Gemeente, 2),
        oc(OrgKind::Verhuurder, 2),
        oc(OrgKind::Signaalpartner, 1),
        oc(OrgKind::Hulpverlening, 1),
    ];
    assert_eq!(g.t.w.store.org_counts().await.unwrap(), expected);
}

async fn case_steps_keep_the_statistics_columns(store: Arc<dyn Store>) {
    let g = golden(store).await;
    let (s, w) = (&g.t.w.store, &g.t.w);
    let haag = StatsScope::Gemeente(w.haag);
    // A reached attempt dated before the earlier unreached one still
    // makes contact; reopening c2 takes its end result away.
    work(&g.t, g.cases[3], &[contact("2026-03-11", true)]).await;
    let reopen = Command::Reopen {
        reason: "Nieuwe achterstand".into(),
    };
    work(&g.t, g.cases[1], &[reopen]).await;
    let (t, f) = (true, false);
    let expected = vec![
        cg(FEB, [t, t, t, f], None, 1),
        cg(
            FEB,
            [f, f, f, f],
            Some(EndResult::NotPickedUpWrongSignal),
            1,
        ),
        cg(MAR, [t, t, f, f], None, 1),
        cg(MAR, [f, f, f, f], None, 1),
        cg(MAR, [f, f, f, t], None, 1),
    ];
    same(
        s.case_groups(haag, range()).await.unwrap(),
        expected,
        "after the steps",
    );
}

async fn the_migration_fills_in_the_statistics_columns(store: Arc<dyn Store>) {
    let g = golden(store).await;
    let (s, w) = (&g.t.w.store, &g.t.w);
    let haag = StatsScope::Gemeente(w.haag);
    let wipe = "UPDATE cases SET end_result = NULL, contact_made_on = NULL";
    backends::raw_execute(s, wipe).await.unwrap();
    let wiped = s.case_groups(haag, range()).await.unwrap();
    assert!(wiped
        .iter()
        .all(|c| c.end_result.is_none() && !c.contact_made));
    let migration = match s.backend() {
        "sqlite" => include_str!("../migrations/sqlite/0011_stats.sql"),
        _ => include_str!("../migrations/postgres/0011_stats.sql"),
    };
    let backfill = migration
        .split(';')
        .map(|statement| {
            let code: Vec<&str> = statement.lines().filter(|l| !l.starts_with("--")).collect();
            code.join("\n")
        })
        .filter(|statement| statement.trim_start().starts_with("UPDATE cases"));
    let mut ran = 0;
    for statement in backfill {
        backends::raw_execute(s, &statement).await.unwrap();
        ran += 1;
    }
    assert_eq!(ran, 2, "the end result and the contact made");
    same(
        s.case_groups(haag, range()).await.unwrap(),
        haag_groups(),
        "filled in",
    );
}

async fn kennisbank_activity_counts_contributions_decisions_and_reads(store: Arc<dyn Store>) {
    use backends::kb_world::*;
    use vangnet_store::kennisbank::*;
    let k = kb(store).await;
    let s = &k.store;
    let today = vangnet_domain::calendar::amsterdam_date(chrono::Utc::now());
    let editor = k.by(k.editor);
    let publish = RevisionDecision::Publish {
        review_by: date("2027-01-01"),
    };
    // First: published at once, then a second revision published over it.
    let first = k.published("eerste-voorbeeld", "2027-01-01").await;
    let rev = s
        .propose_revision(
            first.practice_id,
            &k.revision(k.alice, "eerste nieuw"),
            k.by(k.alice),
        )
        .await
        .unwrap();
    s.decide_revision(rev, "submitted", &publish, k.editor, editor.clone())
        .await
        .unwrap();
    // Second: changes requested, a new proposal, published.
    let second = s
        .create_practice(
            &k.practice("tweede-voorbeeld", k.bob, "tweede"),
            k.by(k.bob),
        )
        .await
        .unwrap();
    let changes = RevisionDecision::RequestChanges {
        reason: "Redentekst".into(),
    };
    s.decide_revision(
        second.revision_id,
        "submitted",
        &changes,
        k.editor,
        editor.clone(),
    )
    .await
    .unwrap();
    let rev = s
        .propose_revision(
            second.practice_id,
            &k.revision(k.bob, "tweede nieuw"),
            k.by(k.bob),
        )
        .await
        .unwrap();
    s.decide_revision(rev, "submitted", &publish, k.editor, editor.clone())
        .await
        .unwrap();
    // A public suggestion, rejected; and one still waiting.
    let public = NewPractice {
        slug: "publieke-suggestie".into(),
        owner_user_id: None,
        contributor_org_id: None,
        revision: suggestion("publiek"),
        publish: None,
    };
    let public = s
        .create_practice(&public, kennisbank_event())
        .await
        .unwrap();
    let reject = RevisionDecision::Reject {
        reason: "Redentekst".into(),
    };
    s.decide_revision(public.revision_id, "submitted", &reject, k.editor, editor)
        .await
        .unwrap();
    s.create_practice(
        &k.practice("vierde-voorbeeld", k.alice, "vierde"),
        k.by(k.alice),
    )
    .await
    .unwrap();

    let long_ago = today.with_day(1).unwrap() - chrono::Months::new(3);
    s.add_practice_reads(&[
        (first.practice_id, today, 3),
        (second.practice_id, today, 5),
        (first.practice_id, today, 2),
        (public.practice_id, today, 100),
        (second.practice_id, today, 0),
        (first.practice_id, long_ago, 50),
    ])
    .await
    .unwrap();

    let now = DateRange {
        from: today,
        to: today,
    };
    let activity = s.kennisbank_activity(now).await.unwrap();
    let title = |t: &str| format!("Titeltekst {t}");
    let expected = KennisbankActivity {
        // 2 + 2 + 1 + 1 revisions; only the public one has no author.
        contributions: 6,
        by_partners: 5,
        decisions: vec![
            ("changes_requested".into(), 1),
            ("published".into(), 3),
            ("rejected".into(), 1),
        ],
        published: 2,
        // Equal reads: by slug. The suggestion was never published.
        most_read: vec![
            ("eerste-voorbeeld".into(), title("eerste nieuw"), 5),
            ("tweede-voorbeeld".into(), title("tweede nieuw"), 5),
        ],
    };
    assert_eq!(activity, expected);

    let before = DateRange {
        from: long_ago,
        to: long_ago + chrono::Duration::days(27),
    };
    let activity = s.kennisbank_activity(before).await.unwrap();
    let expected = KennisbankActivity {
        most_read: vec![("eerste-voorbeeld".into(), title("eerste nieuw"), 50)],
        ..Default::default()
    };
    assert_eq!(activity, expected);
}

async fn the_eviction_cost_is_validated_and_audited(store: Arc<dyn Store>) {
    let g = golden(store).await;
    let (s, corp) = (&g.t.w.store, g.t.w.corp);
    let audit = || {
        AuditEvent::new("stats.eviction_cost", "organisation", None).by_user(g.t.teamleider, corp)
    };
    let entries = || async { s.audit_page(0, 100_000).await.unwrap() };
    assert_eq!(s.eviction_cost(corp).await.unwrap(), None);
    let before = entries().await.len();
    for wrong in [0, -1, 100_000_001] {
        match s.set_eviction_cost(corp, Some(wrong), audit()).await {
            Err(StoreError::Invalid(invalid)) => {
                assert_eq!(invalid.errors[0].field, "eviction_cost_cents");
                assert!(invalid.errors[0].reason.contains("ontruiming"));
            }
            other => panic!("{wrong}: expected a refusal, got {other:?}"),
        }
    }
    assert_eq!(entries().await.len(), before, "a refusal is not audited");
    s.set_eviction_cost(corp, Some(100_000_000), audit())
        .await
        .unwrap();
    s.set_eviction_cost(corp, Some(850_000), audit())
        .await
        .unwrap();
    assert_eq!(s.eviction_cost(corp).await.unwrap(), Some(850_000));
    assert_eq!(s.eviction_cost(g.t.other).await.unwrap(), None);
    let log = entries().await;
    assert_eq!(log.len(), before + 2);
    let last = log.last().unwrap();
    assert_eq!(last.event.action, "stats.eviction_cost");
    assert_eq!(
        last.event.object_id.as_deref(),
        Some(corp.to_string().as_str())
    );
    assert!(
        last.event
            .detail
            .contains(r#""eviction_cost_cents":850000"#),
        "{}",
        last.event.detail
    );
    s.set_eviction_cost(corp, None, audit()).await.unwrap();
    assert_eq!(s.eviction_cost(corp).await.unwrap(), None);
    assert!(entries()
        .await
        .last()
        .unwrap()
        .event
        .detail
        .contains(r#""eviction_cost_cents":null"#));
}
