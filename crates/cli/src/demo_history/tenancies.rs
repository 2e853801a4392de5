//! The history's tenancies of the Haagse Woningstichting, through the
//! tenancy service with the gate asked on each step's own day: reminders
//! that were paid, arrangements kept and broken, evictions prevented in
//! every way, a few summonses the gate blocked until a home visit, and
//! evictions carried out, fewer each month. Finally a few overrides,
//! asked for today (an override is dated when it is asked).

use super::{day_in, month, trend, Household, MONTHS};
use crate::commands::CliResult;
use crate::demo_tenancies::{court_and_notice, prevention, tenancy_in, Corporation, RENT};
use chrono::{Duration, NaiveDate};
use serde_json::{json, Value};
use vangnet_domain::user::Role;
use vangnet_intake::generate::Rng;
use vangnet_store::tenancy::{LedgerKind, NewLedgerEntry};
use vangnet_store::{Org, Store};

/// Months before the history whose outcomes are also played, so the first
/// months already have the steps that led to them.
const LEAD_IN: i64 = 2;

#[derive(Clone, Copy, Debug)]
enum Story {
    /// A reminder or two, then paid.
    Paid,
    /// Through court, melding and a planned date to the eviction.
    Evicted,
    /// Prevented, with how (the `hoe` of `voorkomen`).
    Prevented(&'static str),
    /// The summons waited for a home visit, then was paid.
    BlockedSummons,
}

/// (days before the outcome, event), oldest first.
fn events(story: Story, outcome: NaiveDate, rng: &mut Rng) -> Vec<(i64, Value)> {
    let prevented = |how: &str| (0, json!({"kind": "voorkomen", "hoe": how}));
    let agreement = |kind: &str, status: &str| json!({"kind": kind, "status": status});
    match story {
        Story::Paid => {
            let mut events = vec![(30, json!({"kind": "herinnering"}))];
            if rng.chance(50) {
                events.push((16, json!({"kind": "veertiendagenbrief"})));
                if rng.chance(40) {
                    events.push((5, json!({"kind": "aanmaning"})));
                }
            }
            events
        }
        Story::Evicted => {
            let mut events = court_and_notice(outcome, 120, 110);
            let planned =
                json!({"kind": "ontruiming_gepland", "planned_date": outcome.to_string()});
            events.extend([(14, planned), (0, json!({"kind": "ontruimd"}))]);
            events
        }
        Story::Prevented("betalingsregeling") => {
            let mut events = prevention(120, rng.chance(50));
            events.extend([
                (70, agreement("betalingsregeling", "lopend")),
                (5, agreement("betalingsregeling", "nagekomen")),
                prevented("betalingsregeling"),
            ]);
            events
        }
        Story::Prevented("schuldhulp") => {
            let mut events = prevention(130, true);
            events.extend([
                (85, agreement("betalingsregeling", "lopend")),
                (60, agreement("betalingsregeling", "verbroken")),
                (50, json!({"kind": "schuldhulp_gestart"})),
                prevented("schuldhulp"),
            ]);
            events
        }
        Story::Prevented("laatste_kans") => {
            let mut events = court_and_notice(outcome, 60, 50);
            events.extend([
                (30, agreement("laatste_kans_overeenkomst", "lopend")),
                prevented("laatste_kans"),
            ]);
            events
        }
        Story::Prevented(how) => {
            let mut events = prevention(150, true);
            events.push((100, json!({"kind": "deurwaarder"})));
            if how == "betaald" && rng.chance(50) {
                events.push((40, json!({"kind": "dagvaarding"})));
            }
            events.push(prevented(how));
            events
        }
        Story::BlockedSummons => {
            let mut events = prevention(200, false);
            events.extend([
                (150, json!({"kind": "deurwaarder"})),
                (90, json!({"kind": "dagvaarding"})),
                (
                    80,
                    json!({"kind": "contactpoging", "soort": "Huisbezoek", "bereikt": false}),
                ),
                (60, json!({"kind": "dagvaarding"})),
                prevented("betaald"),
            ]);
            events
        }
    }
}

/// The month's stories: evictions falling from about three a month to
/// one, prevented evictions rising.
fn stories(rng: &mut Rng, k: i64) -> Vec<Story> {
    let mut stories = Vec::new();
    stories.extend((0..trend(k, 2.2, 0.4)).map(|_| Story::Evicted));
    for _ in 0..trend(k, 1.5, 4.0) {
        let how = match rng.below(20) {
            0..=7 => "betalingsregeling",
            8..=12 => "schuldhulp",
            13..=14 => "laatste_kans",
            15..=17 => "betaald",
            _ => "anders",
        };
        stories.push(Story::Prevented(how));
    }
    stories.extend((0..1 + rng.below(2)).map(|_| Story::Paid));
    if k.rem_euclid(6) == 0 {
        stories.push(Story::BlockedSummons);
    }
    stories
}

/// One tenancy's story ending on `outcome`: rent due for a few months
/// before the first reminder, the events, and, unless evicted, paid off.
async fn play(
    corporation: &Corporation<'_>,
    reference: &str,
    household: &Household,
    story: Story,
    outcome: NaiveDate,
    rng: &mut Rng,
) -> CliResult {
    let events = events(story, outcome, rng);
    let first = events.iter().map(|(days, _)| *days).max().unwrap_or(0);
    // A summons needs three months' rent in arrears (the default policy).
    let months_due = match story {
        Story::Paid => 1 + rng.below(2) as i64,
        _ => 3 + rng.below(3) as i64,
    };
    let dues: Vec<NaiveDate> = (0..months_due)
        .map(|m| outcome - Duration::days(first + 30 * m + 1))
        .collect();
    let started = outcome - Duration::days(365 * (3 + rng.below(8) as i64));
    let tenancy = tenancy_in(reference, &household.tenant(), household.address(), started);
    let id = corporation.create(&tenancy, &dues).await?;
    for (days, event) in &events {
        let on = outcome - Duration::days(*days);
        match story {
            // The first summons is the one the gate holds back.
            Story::BlockedSummons => corporation.event(id, event, on, on).await.map(drop)?,
            _ => corporation.allowed(id, event, on, on).await?,
        }
    }
    if !matches!(story, Story::Evicted) {
        let payment = NewLedgerEntry {
            kind: LedgerKind::Payment,
            on_date: outcome,
            amount_cents: RENT * months_due,
            description: Some("Betaling".into()),
            reference: Some("betaling-achterstand".into()),
        };
        corporation.ledger(id, &[payment]).await?;
    }
    Ok(())
}

pub(super) async fn seed(
    store: &dyn Store,
    verhuurder: &Org,
    rng: &mut Rng,
    today: NaiveDate,
) -> CliResult {
    let worker = "medewerker@woningstichting.example";
    let corporation = Corporation::new(store, verhuurder, worker, Role::Medewerker).await?;
    let mut count = 0;
    for k in -LEAD_IN..=MONTHS as i64 {
        for story in stories(rng, k) {
            count += 1;
            let rijswijk = rng.chance(10);
            let household = Household::generate(rng, rijswijk);
            let outcome = day_in(rng, month(today, k));
            let reference = format!("HWS-H{count:04}");
            play(&corporation, &reference, &household, story, outcome, rng)
                .await
                .map_err(|e| format!("{reference} ({story:?}): {e}"))?;
        }
    }
    overrides(store, verhuurder, &corporation, rng, today).await
}

/// Three tenancies whose bailiff step the gate blocks today (no contact
/// attempt yet): the worker asks to override it, the teamleider approves
/// two and rejects one.
async fn overrides(
    store: &dyn Store,
    verhuurder: &Org,
    corporation: &Corporation<'_>,
    rng: &mut Rng,
    today: NaiveDate,
) -> CliResult {
    let lead = "teamleider.huur@woningstichting.example";
    let teamleider = Corporation::new(store, verhuurder, lead, Role::Teamleider).await?;
    let reason = "Huurder reageert op geen enkele brief en de achterstand groeit snel.";
    for (i, approve) in [true, false, true].into_iter().enumerate() {
        let household = Household::generate(rng, false);
        let reference = format!("HWS-HO{:02}", i + 1);
        let address = household.address();
        let tenancy = tenancy_in(
            &reference,
            &household.tenant(),
            address,
            today - Duration::days(2000),
        );
        let dues: Vec<NaiveDate> = (1..=3)
            .map(|m| today - Duration::days(30 * m + 40))
            .collect();
        let id = corporation.create(&tenancy, &dues).await?;
        for (days, kind) in [(60, "herinnering"), (45, "veertiendagenbrief")] {
            let on = today - Duration::days(days);
            corporation
                .allowed(id, &json!({ "kind": kind }), on, on)
                .await?;
        }
        let asked = corporation
            .blocked_override(id, "deurwaarder", reason, today)
            .await?;
        teamleider.decide_override(asked, approve).await?;
    }
    Ok(())
}
