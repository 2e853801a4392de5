//! A gemeente's dashboard: the signals it received, the funnel from signal
//! to help, the DDAS end results, how its deadlines were kept, repeat
//! signals, and the evictions announced and carried out in its area.

use super::dashboard::{Chart, Dashboard, DashboardKind, Section};
use super::deadlines::{deadline_section, first_contact_section};
use super::facts::GemeenteFacts;
use super::period::Period;
use super::sections::{
    events_in, funnel, monthly, say, section, signals_by_partner, signals_in, text, trend,
    FunnelCounts,
};
use super::table::Cell;
use crate::casework::deadline::DeadlineSettings;
use crate::ddas::EndResult;
use crate::tenancy::EventKind;
use chrono::NaiveDate;

/// The tenancy events this dashboard counts; the store reads only these.
pub const EVENT_KINDS: [EventKind; 2] = [EventKind::Ontruimd, EventKind::Voorkomen];

pub fn gemeente_dashboard(
    facts: &GemeenteFacts,
    deadlines: &DeadlineSettings,
    org_name: &str,
    period: Period,
    label: &str,
    today: NaiveDate,
) -> Dashboard {
    let mut dashboard = Dashboard::new(
        DashboardKind::Gemeente,
        format!("Statistieken {org_name}, {}", period.dutch()),
        period,
        label,
    );
    let counts = FunnelCounts::of(&facts.cases);
    let signals: u64 = facts.signals.iter().map(|s| s.count).sum();
    dashboard.sections = vec![
        signals_by_partner(&facts.signals, period),
        monthly_trend(facts, period),
        funnel(signals, counts, period),
        end_results(facts, period),
        deadline_section(&facts.case_dates, deadlines, today),
        first_contact_section(&facts.case_dates),
        repeats(counts, period),
        evictions(facts, period),
    ];
    dashboard
}

fn monthly_trend(facts: &GemeenteFacts, period: Period) -> Section {
    let cases_in = |month: NaiveDate, contact: bool| -> u64 {
        facts
            .cases
            .iter()
            .filter(|g| g.month == month && (!contact || g.contact_made))
            .map(|g| g.count)
            .sum()
    };
    let rows = monthly(
        period,
        &[
            ("Signalen", &|m| signals_in(&facts.signals, m)),
            ("Zaken", &|m| cases_in(m, false)),
            ("Contact gelegd", &|m| cases_in(m, true)),
        ],
    );
    trend(
        "per-maand",
        "Signalen, zaken en contact per maand",
        rows,
        format!(
            "Per maand van {}: de signalen, de zaken die zijn geopend en de zaken waarin contact \
             is gelegd.",
            period.dutch()
        ),
    )
}

/// Every DDAS end result, then the cases still running.
fn end_results(facts: &GemeenteFacts, period: Period) -> Section {
    let count = |result: Option<EndResult>| -> u64 {
        facts
            .cases
            .iter()
            .filter(|g| g.end_result == result)
            .map(|g| g.count)
            .sum()
    };
    let mut rows: Vec<Vec<Cell>> = EndResult::ALL
        .iter()
        .map(|&r| vec![text(r.ddas()), Cell::count(count(Some(r)))])
        .collect();
    rows.push(vec![text("Nog lopend"), Cell::count(count(None))]);
    let closed: u64 = EndResult::ALL.iter().map(|&r| count(Some(r))).sum();
    section(
        "eindresultaten",
        "Zaken naar eindresultaat (DDAS)",
        &["Eindresultaat", "Zaken"],
        rows,
        Chart::Bars { column: 1 },
        format!(
            "Van de zaken geopend in {} zijn er {} afgesloten of niet opgepakt, en lopen er nog {}.",
            period.dutch(),
            say(closed),
            say(count(None))
        ),
    )
}

fn repeats(counts: FunnelCounts, period: Period) -> Section {
    let first = counts.cases - counts.repeats;
    let rows = vec![
        vec![
            text("Eerste zaak van het huishouden"),
            Cell::count(first),
            Cell::share_split(first, counts.repeats),
        ],
        vec![
            text("Herhaald signaal (huishouden eerder in beeld)"),
            Cell::count(counts.repeats),
            Cell::share_split(counts.repeats, first),
        ],
    ];
    section(
        "herhaalde-signalen",
        "Herhaalde signalen",
        &["Soort zaak", "Zaken", "Aandeel"],
        rows,
        Chart::Bars { column: 1 },
        format!(
            "In {} waren {} van de {} zaken een herhaling: het huishouden was al eerder in beeld.",
            period.dutch(),
            say(counts.repeats),
            say(counts.cases)
        ),
    )
}

fn evictions(facts: &GemeenteFacts, period: Period) -> Section {
    let notices = |m: NaiveDate| -> u64 {
        facts
            .notices
            .iter()
            .filter(|n| n.month == m)
            .map(|n| n.count)
            .sum()
    };
    let events = &facts.area_events;
    let rows = monthly(
        period,
        &[
            ("Aangekondigd (melding art. 14)", &notices),
            ("Ontruimd", &|m| {
                events_in(events, EventKind::Ontruimd, Some(m))
            }),
            ("Voorkomen", &|m| {
                events_in(events, EventKind::Voorkomen, Some(m))
            }),
        ],
    );
    let total: u64 = facts.notices.iter().map(|n| n.count).sum();
    let mut out = trend(
        "ontruimingen",
        "Ontruimingen in de gemeente per maand",
        rows,
        format!(
            "In {} kondigden verhuurders {} ontruimingen aan; {} werden uitgevoerd en {} voorkomen.",
            period.dutch(),
            say(total),
            say(events_in(events, EventKind::Ontruimd, None)),
            say(events_in(events, EventKind::Voorkomen, None))
        ),
    );
    out.note = Some(
        "Aangekondigd: meldingen van een voorgenomen ontruiming (art. 14 \
         Gerechtsdeurwaarderswet). Ontruimd en voorkomen: zoals verhuurders in vangnet die \
         vastleggen voor woningen in de gemeente."
            .into(),
    );
    out
}
