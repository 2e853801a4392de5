//! A verhuurder's dashboard: tenancies in arrears by stage of the eviction
//! track, payment arrangements, what the gate blocked and what was
//! overridden, evictions executed versus prevented and how, and what
//! prevention saved; and how tenants answered the letters of their own
//! channel (`channel`).

use super::channel;
use super::dashboard::{Chart, Dashboard, DashboardKind, Section};
use super::facts::VerhuurderFacts;
use super::period::Period;
use super::sections::{events_in, events_with, monthly, say, section, text, trend};
use super::table::Cell;
use crate::tenancy::{AgreementStatus, EventKind, PreventedBy, Step};

/// The handreiking's range is EUR 6,000-9,000 per eviction; the default is
/// its middle.
pub const DEFAULT_EVICTION_COST_CENTS: i64 = 750_000;
pub const EVICTION_COST_LOW_CENTS: i64 = 600_000;
pub const EVICTION_COST_HIGH_CENTS: i64 = 900_000;

/// The tenancy events this dashboard counts; the store reads only these.
pub const EVENT_KINDS: [EventKind; 4] = [
    EventKind::BetalingsregelingAangeboden,
    EventKind::Betalingsregeling,
    EventKind::Ontruimd,
    EventKind::Voorkomen,
];

pub fn verhuurder_dashboard(
    facts: &VerhuurderFacts,
    org_name: &str,
    period: Period,
    label: &str,
) -> Dashboard {
    let mut dashboard = Dashboard::new(
        DashboardKind::Verhuurder,
        format!("Statistieken {org_name}, {}", period.dutch()),
        period,
        label,
    );
    dashboard.sections = vec![
        arrears_by_stage(facts, period),
        arrangements(facts, period),
        channel::response_rates(&facts.channel, period),
        channel::by_kind(&facts.channel),
        gate(facts),
        overrides(facts),
        evictions(facts, period),
        evictions_by_month(facts, period),
        prevented_by(facts),
        costs_avoided(facts),
    ];
    dashboard
}

fn arrears_by_stage(facts: &VerhuurderFacts, period: Period) -> Section {
    let count = |stage: Option<EventKind>| -> u64 {
        facts
            .arrears_by_stage
            .iter()
            .filter(|s| s.stage == stage)
            .map(|s| s.count)
            .sum()
    };
    let mut track: Vec<EventKind> = EventKind::ALL
        .iter()
        .copied()
        .filter(|k| k.track_position().is_some())
        .collect();
    track.sort_by_key(|k| k.track_position());
    let mut rows = vec![vec![text("Nog geen stap"), Cell::count(count(None))]];
    rows.extend(
        track
            .iter()
            .map(|&k| vec![text(k.label_nl()), Cell::count(count(Some(k)))]),
    );
    let total: u64 = facts.arrears_by_stage.iter().map(|s| s.count).sum();
    let mut out = section(
        "achterstand-per-fase",
        "Huurovereenkomsten met achterstand, naar fase",
        &["Verste stap", "Huurovereenkomsten"],
        rows,
        Chart::Bars { column: 1 },
        format!(
            "Aan het eind van {} hadden {} huurovereenkomsten een achterstand.",
            period.dutch(),
            say(total)
        ),
    );
    out.note = Some(
        "Achterstand: het verschuldigde min de betalingen tot en met de laatste dag van de \
         periode (of vandaag). Fase: de verste stap van het ontruimingstraject tot die dag."
            .into(),
    );
    out
}

fn arrangements(facts: &VerhuurderFacts, period: Period) -> Section {
    let events = &facts.events;
    let agreed =
        |status: AgreementStatus| events_with(events, EventKind::Betalingsregeling, status.slug());
    let (kept, broken) = (
        agreed(AgreementStatus::Nagekomen),
        agreed(AgreementStatus::Verbroken),
    );
    let rows = vec![
        vec![
            text("Aangeboden"),
            Cell::count(events_in(
                events,
                EventKind::BetalingsregelingAangeboden,
                None,
            )),
        ],
        vec![
            text("Getroffen (lopend)"),
            Cell::count(agreed(AgreementStatus::Lopend)),
        ],
        vec![text("Nagekomen"), Cell::count(kept)],
        vec![text("Verbroken"), Cell::count(broken)],
    ];
    let mut out = section(
        "betalingsregelingen",
        "Betalingsregelingen",
        &["Stand", "Aantal"],
        rows,
        Chart::Bars { column: 1 },
        arrangements_summary(period, kept, broken),
    );
    out.note =
        Some("Vastgelegde gebeurtenissen in de periode, één per huishouden per stap.".into());
    out
}

/// The share kept is only told when both counts may be shown.
fn arrangements_summary(period: Period, kept: u64, broken: u64) -> String {
    let base = format!(
        "In {} werden {} betalingsregelingen nagekomen en {} verbroken",
        period.dutch(),
        say(kept),
        say(broken)
    );
    match Cell::share_split(kept, broken) {
        share @ Cell::Percent(Some(_)) => format!("{base} ({} nagekomen).", share.display()),
        _ => base + ".",
    }
}

fn gate(facts: &VerhuurderFacts) -> Section {
    let count = |step: Step, allowed: bool| -> u64 {
        facts
            .gate
            .iter()
            .filter(|g| g.step == step && g.allowed == allowed)
            .map(|g| g.count)
            .sum()
    };
    let rows = Step::ALL
        .iter()
        .map(|&s| {
            vec![
                text(s.label_nl()),
                Cell::count(count(s, true)),
                Cell::count(count(s, false)),
            ]
        })
        .collect();
    let blocked: u64 = facts
        .gate
        .iter()
        .filter(|g| !g.allowed)
        .map(|g| g.count)
        .sum();
    section(
        "poort",
        "Beslissingen van de poort",
        &["Stap", "Toegestaan", "Tegengehouden"],
        rows,
        Chart::Bars { column: 2 },
        format!(
            "De poort hield {} keer een stap tegen omdat de preventie ervoor niet was vastgelegd.",
            say(blocked)
        ),
    )
}

fn overrides(facts: &VerhuurderFacts) -> Section {
    let count = |status: &str| -> u64 {
        facts
            .overrides
            .iter()
            .filter(|o| o.status == status)
            .map(|o| o.count)
            .sum()
    };
    let rows = [
        ("Wacht op een tweede persoon", "pending"),
        ("Goedgekeurd", "approved"),
        ("Afgewezen", "rejected"),
    ]
    .iter()
    .map(|&(label, status)| vec![text(label), Cell::count(count(status))])
    .collect();
    section(
        "doorbraken",
        "Verzoeken om een tegengehouden stap toch te zetten",
        &["Stand", "Verzoeken"],
        rows,
        Chart::None,
        format!(
            "{} verzoeken om de poort te doorbreken werden goedgekeurd, {} afgewezen.",
            say(count("approved")),
            say(count("rejected"))
        ),
    )
}

fn evictions(facts: &VerhuurderFacts, period: Period) -> Section {
    let executed = events_in(&facts.events, EventKind::Ontruimd, None);
    let prevented = events_in(&facts.events, EventKind::Voorkomen, None);
    let rows = vec![
        vec![
            text("Voorkomen"),
            Cell::count(prevented),
            Cell::share_split(prevented, executed),
        ],
        vec![
            text("Uitgevoerd"),
            Cell::count(executed),
            Cell::share_split(executed, prevented),
        ],
    ];
    section(
        "ontruimingen",
        "Ontruimingen voorkomen en uitgevoerd",
        &["Uitkomst", "Huishoudens", "Aandeel"],
        rows,
        Chart::Bars { column: 1 },
        format!(
            "In {} werden {} ontruimingen voorkomen en {} uitgevoerd.",
            period.dutch(),
            say(prevented),
            say(executed)
        ),
    )
}

fn evictions_by_month(facts: &VerhuurderFacts, period: Period) -> Section {
    let events = &facts.events;
    let rows = monthly(
        period,
        &[
            ("Voorkomen", &|m| {
                events_in(events, EventKind::Voorkomen, Some(m))
            }),
            ("Uitgevoerd", &|m| {
                events_in(events, EventKind::Ontruimd, Some(m))
            }),
        ],
    );
    trend(
        "ontruimingen-per-maand",
        "Ontruimingen voorkomen en uitgevoerd per maand",
        rows,
        format!(
            "Per maand van {}: voorkomen en uitgevoerde ontruimingen.",
            period.dutch()
        ),
    )
}

fn prevented_by(facts: &VerhuurderFacts) -> Section {
    let rows = PreventedBy::ALL
        .iter()
        .map(|&by| {
            let n = events_with(&facts.events, EventKind::Voorkomen, by.slug());
            vec![text(by.label_nl()), Cell::count(n)]
        })
        .collect();
    section(
        "hoe-voorkomen",
        "Hoe ontruimingen werden voorkomen",
        &["Manier", "Huishoudens"],
        rows,
        Chart::Bars { column: 1 },
        "Hoe de voorkomen ontruimingen werden voorkomen, zoals de verhuurder het vastlegde.".into(),
    )
}

fn costs_avoided(facts: &VerhuurderFacts) -> Section {
    let prevented = events_in(&facts.events, EventKind::Voorkomen, None);
    let cost = facts
        .eviction_cost_cents
        .unwrap_or(DEFAULT_EVICTION_COST_CENTS);
    let rows = vec![
        vec![text("Ontruimingen voorkomen"), Cell::count(prevented)],
        vec![
            text("Kosten per ontruiming (instelling)"),
            Cell::Money(cost),
        ],
        vec![text("Vermeden kosten"), Cell::money_of(prevented, cost)],
        vec![
            text("Vermeden kosten, laag (€ 6.000 per ontruiming)"),
            Cell::money_of(prevented, EVICTION_COST_LOW_CENTS),
        ],
        vec![
            text("Vermeden kosten, hoog (€ 9.000 per ontruiming)"),
            Cell::money_of(prevented, EVICTION_COST_HIGH_CENTS),
        ],
    ];
    let avoided = Cell::money_of(prevented, cost).display();
    let mut out = section(
        "vermeden-kosten",
        "Wat voorkomen opleverde",
        &["Maat", "Waarde"],
        rows,
        Chart::None,
        format!(
            "Door {} voorkomen ontruimingen bleef {avoided} aan kosten uit.",
            say(prevented)
        ),
    );
    out.note = Some(
        "Een ontruiming kost een corporatie € 6.000 tot € 9.000 (Handreiking Voorkomen \
         Huisuitzettingen). Bij minder dan 5 voorkomen ontruimingen wordt het bedrag niet \
         getoond: het zou het aantal verraden."
            .into(),
    );
    out
}
