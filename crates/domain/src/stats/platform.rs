//! The platform's dashboard, for its administrators: totals and trends over
//! all organisations without naming any, the national figures as a
//! reference with their sources, and the kennisbank's activity.

use super::dashboard::{Chart, Dashboard, DashboardKind, Section};
use super::facts::{KennisbankActivity, PlatformFacts};
use super::period::Period;
use super::sections::{
    events_in, funnel, monthly, say, section, signals_by_partner, signals_in, text, trend,
    FunnelCounts,
};
use super::table::Cell;
use crate::org::OrgKind;
use crate::tenancy::EventKind;
use chrono::NaiveDate;

/// The tenancy events this dashboard counts; the store reads only these.
pub const EVENT_KINDS: [EventKind; 2] = [EventKind::Ontruimd, EventKind::Voorkomen];

pub fn platform_dashboard(facts: &PlatformFacts, period: Period, label: &str) -> Dashboard {
    let mut dashboard = Dashboard::new(
        DashboardKind::Platform,
        format!("Statistieken van het platform, {}", period.dutch()),
        period,
        label,
    );
    let counts = FunnelCounts::of(&facts.cases);
    let signals: u64 = facts.signals.iter().map(|s| s.count).sum();
    dashboard.sections = vec![
        totals(facts, counts, signals),
        monthly_trend(facts, period),
        signals_by_partner(&facts.signals, period),
        funnel(signals, counts, period),
        national(facts, counts, signals, period),
        organisations(facts),
        kennisbank(&facts.kennisbank, period),
        most_read(&facts.kennisbank, period),
    ];
    dashboard
}

fn totals(facts: &PlatformFacts, counts: FunnelCounts, signals: u64) -> Section {
    let notices: u64 = facts.notices.iter().map(|n| n.count).sum();
    let executed = events_in(&facts.events, EventKind::Ontruimd, None);
    let prevented = events_in(&facts.events, EventKind::Voorkomen, None);
    let rows = vec![
        vec![text("Signalen"), Cell::count(signals)],
        vec![text("Zaken (huishoudens)"), Cell::count(counts.cases)],
        vec![text("Contact gelegd"), Cell::count(counts.contact_made)],
        vec![text("Hulp aanvaard"), Cell::count(counts.help_accepted)],
        vec![
            text("Ontruimingen aangekondigd (art. 14)"),
            Cell::count(notices),
        ],
        vec![text("Ontruimingen voorkomen"), Cell::count(prevented)],
        vec![text("Ontruimingen uitgevoerd"), Cell::count(executed)],
    ];
    section(
        "totalen",
        "Totalen over alle organisaties",
        &["Maat", "Aantal"],
        rows,
        Chart::None,
        format!(
            "Over alle organisaties samen: {} signalen, {} huishoudens geholpen, {} ontruimingen \
             voorkomen en {} uitgevoerd.",
            say(signals),
            say(counts.help_accepted),
            say(prevented),
            say(executed)
        ),
    )
}

fn monthly_trend(facts: &PlatformFacts, period: Period) -> Section {
    let helped = |m: NaiveDate| FunnelCounts::of(facts.cases.iter().filter(|g| g.month == m));
    let events = &facts.events;
    let rows = monthly(
        period,
        &[
            ("Signalen", &|m| signals_in(&facts.signals, m)),
            ("Zaken", &|m| helped(m).cases),
            ("Hulp aanvaard", &|m| helped(m).help_accepted),
            ("Ontruimingen voorkomen", &|m| {
                events_in(events, EventKind::Voorkomen, Some(m))
            }),
            ("Ontruimingen uitgevoerd", &|m| {
                events_in(events, EventKind::Ontruimd, Some(m))
            }),
        ],
    );
    trend(
        "trend",
        "Per maand over alle organisaties",
        rows,
        format!(
            "Per maand van {}: signalen, zaken, aanvaarde hulp en ontruimingen over alle \
             organisaties.",
            period.dutch()
        ),
    )
}

/// The national figures of ../shared/domain.md, each with its source,
/// beside this platform's own figure for the period where one compares.
fn national(facts: &PlatformFacts, counts: FunnelCounts, signals: u64, period: Period) -> Section {
    let executed = events_in(&facts.events, EventKind::Ontruimd, None);
    let figure = |what: &str, year: &str, value: &str, ours: Cell, source: &str| {
        vec![text(what), text(year), text(value), ours, text(source)]
    };
    const KAMER: &str = "Kabinetsreactie, Tweede Kamer 24 515 nr. 812";
    const AEDES: &str = "Aedes, zoals gemeld in de pers";
    let rows = vec![
        figure(
            "Signalen per jaar",
            "2024",
            "meer dan 1.000.000",
            Cell::count(signals),
            KAMER,
        ),
        figure(
            "Signalen per jaar",
            "2021",
            "ongeveer 650.000",
            text(""),
            KAMER,
        ),
        figure(
            "Mensen met wie contact is gelegd",
            "2024",
            "ongeveer 157.000",
            Cell::count(counts.contact_made),
            KAMER,
        ),
        figure(
            "Mensen die hulp aanvaardden",
            "2024",
            "ongeveer 49.000",
            Cell::count(counts.help_accepted),
            KAMER,
        ),
        figure(
            "Ontruimingen door corporaties",
            "2012",
            "6.750",
            text(""),
            AEDES,
        ),
        figure(
            "Ontruimingen door corporaties",
            "2022",
            "1.200",
            Cell::count(executed),
            AEDES,
        ),
        figure(
            "Kosten van een ontruiming voor de corporatie",
            "",
            "€ 6.000 tot € 9.000",
            text(""),
            "Handreiking Voorkomen Huisuitzettingen",
        ),
        figure(
            "Signalen per 1.000 inwoners per maand",
            "2023",
            "ongeveer 4",
            text(""),
            "Divosa 2023",
        ),
    ];
    let mut out = section(
        "landelijk",
        "Landelijke cijfers ter vergelijking",
        &[
            "Cijfer",
            "Jaar",
            "Landelijk",
            "vangnet in deze periode",
            "Bron",
        ],
        rows,
        Chart::None,
        format!(
            "Landelijk kwamen in 2024 meer dan een miljoen signalen binnen; in vangnet in {} {}.",
            period.dutch(),
            say(signals)
        ),
    );
    out.note = Some(
        "De landelijke cijfers gaan over een heel jaar en over heel Nederland; vangnet telt \
         alleen wat zijn organisaties vastleggen in de gekozen periode."
            .into(),
    );
    out
}

fn organisations(facts: &PlatformFacts) -> Section {
    let rows = OrgKind::ALL
        .iter()
        .map(|&kind| {
            let n: u64 = facts
                .organisations
                .iter()
                .filter(|o| o.kind == kind)
                .map(|o| o.count)
                .sum();
            vec![text(kind.label()), Cell::Number(n)]
        })
        .collect();
    let total: u64 = facts.organisations.iter().map(|o| o.count).sum();
    section(
        "organisaties",
        "Organisaties op het platform",
        &["Soort", "Organisaties"],
        rows,
        Chart::Bars { column: 1 },
        format!("Er werken {total} organisaties samen op het platform."),
    )
}

fn kennisbank(activity: &KennisbankActivity, period: Period) -> Section {
    let decided = |status: &str| -> u64 {
        activity
            .decisions
            .iter()
            .filter(|(s, _)| s == status)
            .map(|(_, n)| n)
            .sum()
    };
    let rows = vec![
        vec![
            text("Bijdragen (nieuw en bewerkt)"),
            Cell::Number(activity.contributions),
        ],
        vec![
            text("waarvan door partners"),
            Cell::Number(activity.by_partners),
        ],
        vec![
            text("waarvan voorgesteld door het publiek"),
            Cell::Number(activity.contributions.saturating_sub(activity.by_partners)),
        ],
        vec![
            text("Gepubliceerd door de redactie"),
            Cell::Number(decided("published")),
        ],
        vec![
            text("Teruggegeven om aan te passen"),
            Cell::Number(decided("changes_requested")),
        ],
        vec![text("Afgewezen"), Cell::Number(decided("rejected"))],
        vec![
            text("Gepubliceerde praktijken (eind van de periode)"),
            Cell::Number(activity.published),
        ],
    ];
    section(
        "kennisbank",
        "Activiteit in de kennisbank",
        &["Maat", "Aantal"],
        rows,
        Chart::None,
        format!(
            "In {} kwamen {} bijdragen binnen en publiceerde de redactie er {}; de kennisbank \
             telt {} praktijken.",
            period.dutch(),
            activity.contributions,
            decided("published"),
            activity.published
        ),
    )
}

fn most_read(activity: &KennisbankActivity, period: Period) -> Section {
    let rows = activity
        .most_read
        .iter()
        .map(|(_, title, reads)| vec![text(title.clone()), Cell::Number(*reads)])
        .collect();
    let summary = match activity.most_read.first() {
        Some((_, title, reads)) => format!(
            "Het meest gelezen in {} was \"{title}\" ({reads} keer).",
            period.dutch()
        ),
        None => format!("In {} zijn er nog geen praktijken gelezen.", period.dutch()),
    };
    section(
        "meest-gelezen",
        "Meest gelezen praktijken",
        &["Praktijk", "Keer gelezen"],
        rows,
        Chart::Bars { column: 1 },
        summary,
    )
}
