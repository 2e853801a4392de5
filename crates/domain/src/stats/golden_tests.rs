//! Golden figures: a fixture of known counts and, for each dashboard, the
//! exact cells expected, written out by hand (not derived from the code).

use super::facts::*;
use super::*;
use crate::casework::deadline::DeadlineSettings;
use crate::ddas::EndResult;
use crate::org::OrgKind;
use crate::signal::PartnerType;
use crate::tenancy::{EventKind, Step};
use crate::tenant_channel::LetterKind;
use chrono::NaiveDate;

const PER_LETTER: &str = "Ten opzichte van de verstuurde brieven";

pub(super) fn d(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// The displayed cell at (section, row whose first cell is `row`, column).
fn cell(dashboard: &Dashboard, section: &str, row: &str, column: &str) -> String {
    let section = dashboard
        .section(section)
        .unwrap_or_else(|| panic!("no section {section}"));
    let c = section
        .table
        .columns
        .iter()
        .position(|c| c == column)
        .unwrap_or_else(|| panic!("no column {column} in {}", section.id));
    let r = section
        .table
        .rows
        .iter()
        .find(|r| r[0].display() == row)
        .unwrap_or_else(|| panic!("no row {row} in {}", section.id));
    r[c].display()
}

pub(super) fn check(dashboard: &Dashboard, expected: &[(&str, &str, &str, &str)]) {
    for &(section, row, column, value) in expected {
        assert_eq!(
            cell(dashboard, section, row, column),
            value,
            "{section} / {row} / {column}"
        );
    }
}

fn group(
    month: &str,
    flags: (bool, bool, bool, bool),
    end: Option<EndResult>,
    n: u64,
) -> CaseGroup {
    let (picked_up, contact_made, handed_off, repeat) = flags;
    CaseGroup {
        month: d(month),
        picked_up,
        contact_made,
        handed_off,
        repeat,
        end_result: end,
        count: n,
    }
}

pub(super) fn signals() -> Vec<SignalCount> {
    vec![
        SignalCount {
            month: d("2025-01-01"),
            partner_type: PartnerType::Huur,
            count: 60,
        },
        SignalCount {
            month: d("2025-02-01"),
            partner_type: PartnerType::Huur,
            count: 40,
        },
        SignalCount {
            month: d("2025-01-01"),
            partner_type: PartnerType::Energie,
            count: 30,
        },
        SignalCount {
            month: d("2025-02-01"),
            partner_type: PartnerType::Water,
            count: 3,
        },
    ]
}

fn cases() -> Vec<CaseGroup> {
    vec![
        // Picked up, reached, handed off, still running.
        group("2025-01-01", (true, true, true, false), None, 20),
        // Picked up, reached, closed with advice: help.
        group(
            "2025-01-01",
            (true, true, false, false),
            Some(EndResult::AdviceOrQuickFix),
            10,
        ),
        // Picked up, never reached.
        group(
            "2025-02-01",
            (true, false, false, true),
            Some(EndResult::NoContactPossible),
            8,
        ),
        // Declined as a repeat.
        group(
            "2025-02-01",
            (false, false, false, true),
            Some(EndResult::NotPickedUpRepeatSignal),
            4,
        ),
        // Open.
        group("2025-02-01", (false, false, false, false), None, 40),
    ]
}

#[test]
fn the_gemeente_dashboard_has_the_golden_figures() {
    let dates = vec![
        // Opened Fri 3 Jan, picked up Thu 9 Jan (4th working day: on time),
        // first contact Mon 20 Jan (7th working day after pick-up: late).
        CaseDates {
            opened_on: d("2025-01-03"),
            picked_up_on: Some(d("2025-01-09")),
            first_contact_on: Some(d("2025-01-20")),
            count: 10,
        },
        // Picked up Mon 13 Jan (6th working day: late), contact 14 Jan.
        CaseDates {
            opened_on: d("2025-01-03"),
            picked_up_on: Some(d("2025-01-13")),
            first_contact_on: Some(d("2025-01-14")),
            count: 6,
        },
        // Opened 24 Feb, nothing yet; on 27 Feb the term still runs.
        CaseDates {
            opened_on: d("2025-02-24"),
            picked_up_on: None,
            first_contact_on: None,
            count: 30,
        },
        // Opened 3 Feb, nothing yet: late by 27 Feb.
        CaseDates {
            opened_on: d("2025-02-03"),
            picked_up_on: None,
            first_contact_on: None,
            count: 2,
        },
    ];
    let facts = GemeenteFacts {
        signals: signals(),
        cases: cases(),
        case_dates: dates,
        notices: vec![NoticeCount {
            month: d("2025-01-01"),
            count: 7,
        }],
        area_events: vec![
            EventCount {
                month: d("2025-01-01"),
                kind: EventKind::Ontruimd,
                detail: None,
                count: 2,
            },
            EventCount {
                month: d("2025-02-01"),
                kind: EventKind::Voorkomen,
                detail: Some("betaald".into()),
                count: 6,
            },
        ],
    };
    let period = Period::Range {
        from: d("2025-01-01"),
        to: d("2025-02-28"),
    };
    let dashboard = gemeente_dashboard(
        &facts,
        &DeadlineSettings::default(),
        "Den Haag",
        period,
        "x",
        d("2025-02-27"),
    );
    check(
        &dashboard,
        &[
            ("signalen-per-soort", "Huur", "Signalen", "100"),
            ("signalen-per-soort", "Huur", "Aandeel", "75,2%"),
            ("signalen-per-soort", "Energie", "Signalen", "30"),
            ("signalen-per-soort", "Water", "Signalen", "<5"),
            ("signalen-per-soort", "Water", "Aandeel", "–"),
            ("signalen-per-soort", "DUO", "Signalen", "<5"),
            ("signalen-per-soort", "Totaal", "Signalen", "133"),
            ("per-maand", "jan 2025", "Signalen", "90"),
            ("per-maand", "feb 2025", "Signalen", "43"),
            ("per-maand", "jan 2025", "Zaken", "30"),
            ("per-maand", "feb 2025", "Zaken", "52"),
            ("per-maand", "jan 2025", "Contact gelegd", "30"),
            ("per-maand", "feb 2025", "Contact gelegd", "<5"),
            ("trechter", "Signalen", "Aantal", "133"),
            ("trechter", "Zaken (huishoudens)", "Aantal", "82"),
            (
                "trechter",
                "Zaken (huishoudens)",
                "Aandeel van de stap ervoor",
                "61,7%",
            ),
            ("trechter", "Opgepakt", "Aantal", "38"),
            ("trechter", "Contact gelegd", "Aantal", "30"),
            ("trechter", "Hulp aanvaard", "Aantal", "30"),
            (
                "trechter",
                "Hulp aanvaard",
                "Aandeel van de stap ervoor",
                "100,0%",
            ),
            (
                "eindresultaten",
                "(Budget)advies en/of quick fix",
                "Zaken",
                "10",
            ),
            (
                "eindresultaten",
                "Definitief geen contact kunnen krijgen",
                "Zaken",
                "8",
            ),
            (
                "eindresultaten",
                "Niet opgepakt: herhaalde melding",
                "Zaken",
                "<5",
            ),
            ("eindresultaten", "Nog lopend", "Zaken", "60"),
            (
                "termijnen",
                "Besluit over oppakken binnen 5 werkdagen na het signaal",
                "Op tijd",
                "10",
            ),
            (
                "termijnen",
                "Besluit over oppakken binnen 5 werkdagen na het signaal",
                "Te laat",
                "8",
            ),
            (
                "termijnen",
                "Besluit over oppakken binnen 5 werkdagen na het signaal",
                "Termijn loopt nog",
                "30",
            ),
            (
                "termijnen",
                "Besluit over oppakken binnen 5 werkdagen na het signaal",
                "Aandeel op tijd",
                "55,6%",
            ),
            (
                "termijnen",
                "Eerste contactpoging binnen 5 werkdagen na oppakken",
                "Op tijd",
                "6",
            ),
            (
                "termijnen",
                "Eerste contactpoging binnen 5 werkdagen na oppakken",
                "Te laat",
                "10",
            ),
            (
                "termijnen",
                "Eerste contactpoging binnen 5 werkdagen na oppakken",
                "Aandeel op tijd",
                "37,5%",
            ),
            // 10 cases after 17 days, 6 after 11: the middle (8th and 9th of 16) is 17.
            (
                "doorlooptijd",
                "Mediaan aantal dagen van signaal tot eerste contactpoging",
                "Waarde",
                "17,0",
            ),
            (
                "doorlooptijd",
                "Zaken met een contactpoging",
                "Waarde",
                "16",
            ),
            (
                "herhaalde-signalen",
                "Herhaald signaal (huishouden eerder in beeld)",
                "Zaken",
                "12",
            ),
            (
                "herhaalde-signalen",
                "Herhaald signaal (huishouden eerder in beeld)",
                "Aandeel",
                "14,6%",
            ),
            (
                "herhaalde-signalen",
                "Eerste zaak van het huishouden",
                "Zaken",
                "70",
            ),
            (
                "ontruimingen",
                "jan 2025",
                "Aangekondigd (melding art. 14)",
                "7",
            ),
            ("ontruimingen", "jan 2025", "Ontruimd", "<5"),
            ("ontruimingen", "feb 2025", "Voorkomen", "6"),
        ],
    );
    assert_eq!(dashboard.sections.len(), 8);
    assert_eq!(
        dashboard.title,
        "Statistieken Den Haag, 01-01-2025 t/m 28-02-2025"
    );
}

#[test]
fn the_verhuurder_dashboard_has_the_golden_figures() {
    let event = |kind, detail: Option<&str>, month: &str, count| EventCount {
        month: d(month),
        kind,
        detail: detail.map(String::from),
        count,
    };
    let facts = VerhuurderFacts {
        arrears_by_stage: vec![
            StageCount {
                stage: None,
                count: 120,
            },
            StageCount {
                stage: Some(EventKind::Herinnering),
                count: 40,
            },
            StageCount {
                stage: Some(EventKind::Dagvaarding),
                count: 3,
            },
        ],
        events: vec![
            event(
                EventKind::BetalingsregelingAangeboden,
                None,
                "2025-03-01",
                25,
            ),
            event(
                EventKind::Betalingsregeling,
                Some("lopend"),
                "2025-03-01",
                12,
            ),
            event(
                EventKind::Betalingsregeling,
                Some("nagekomen"),
                "2025-03-01",
                9,
            ),
            event(
                EventKind::Betalingsregeling,
                Some("verbroken"),
                "2025-02-01",
                3,
            ),
            event(
                EventKind::Voorkomen,
                Some("betalingsregeling"),
                "2025-01-01",
                5,
            ),
            event(EventKind::Voorkomen, Some("schuldhulp"), "2025-02-01", 2),
            event(EventKind::Ontruimd, None, "2025-02-01", 6),
        ],
        gate: vec![
            GateCount {
                step: Step::Dagvaarding,
                allowed: true,
                count: 11,
            },
            GateCount {
                step: Step::Dagvaarding,
                allowed: false,
                count: 7,
            },
            GateCount {
                step: Step::Deurwaarder,
                allowed: false,
                count: 1,
            },
        ],
        overrides: vec![
            OverrideCount {
                status: "approved".into(),
                count: 5,
            },
            OverrideCount {
                status: "rejected".into(),
                count: 2,
            },
        ],
        eviction_cost_cents: None,
        channel: ChannelCounts {
            letters: vec![
                (LetterKind::Herinnering, 40),
                (LetterKind::Veertiendagenbrief, 16),
                (LetterKind::Aanmaning, 3),
            ],
            links_opened: 31,
            responses: vec![
                (EventKind::BetalingsregelingVoorgesteld, 9),
                (EventKind::HulpGevraagd, 6),
                (EventKind::SituatieGemeld, 2),
                (EventKind::BezwaarDoorgeven, 1),
            ],
        },
    };
    let dashboard = verhuurder_dashboard(
        &facts,
        "Woningstichting",
        Period::Quarter {
            year: 2025,
            quarter: 1,
        },
        "2025-K1",
    );
    check(
        &dashboard,
        &[
            (
                "achterstand-per-fase",
                "Nog geen stap",
                "Huurovereenkomsten",
                "120",
            ),
            (
                "achterstand-per-fase",
                "Herinnering",
                "Huurovereenkomsten",
                "40",
            ),
            (
                "achterstand-per-fase",
                "Dagvaarding",
                "Huurovereenkomsten",
                "<5",
            ),
            (
                "achterstand-per-fase",
                "Ontruimd",
                "Huurovereenkomsten",
                "<5",
            ),
            ("betalingsregelingen", "Aangeboden", "Aantal", "25"),
            ("betalingsregelingen", "Getroffen (lopend)", "Aantal", "12"),
            ("betalingsregelingen", "Nagekomen", "Aantal", "9"),
            ("betalingsregelingen", "Verbroken", "Aantal", "<5"),
            ("huurderskanaal", "Brieven verstuurd", "Aantal", "59"),
            (
                "huurderskanaal",
                "Link geopend (adres bevestigd)",
                "Aantal",
                "31",
            ),
            (
                "huurderskanaal",
                "Link geopend (adres bevestigd)",
                PER_LETTER,
                "52,5%",
            ),
            ("huurderskanaal", "Reacties van huurders", "Aantal", "18"),
            (
                "huurderskanaal",
                "Reacties van huurders",
                PER_LETTER,
                "30,5%",
            ),
            ("huurderskanaal-per-soort", "Herinnering", "Aantal", "40"),
            (
                "huurderskanaal-per-soort",
                "Herinnering",
                PER_LETTER,
                "67,8%",
            ),
            (
                "huurderskanaal-per-soort",
                "Veertiendagenbrief",
                "Aantal",
                "–",
            ),
            (
                "huurderskanaal-per-soort",
                "Veertiendagenbrief",
                PER_LETTER,
                "–",
            ),
            ("huurderskanaal-per-soort", "Aanmaning", "Aantal", "<5"),
            (
                "huurderskanaal-per-soort",
                "Betalingsregeling voorgesteld door huurder",
                "Aantal",
                "9",
            ),
            (
                "huurderskanaal-per-soort",
                "Betalingsregeling voorgesteld door huurder",
                PER_LETTER,
                "15,3%",
            ),
            (
                "huurderskanaal-per-soort",
                "Huurder vraagt om hulp",
                "Aantal",
                "6",
            ),
            (
                "huurderskanaal-per-soort",
                "Huurder vraagt om hulp",
                PER_LETTER,
                "10,2%",
            ),
            (
                "huurderskanaal-per-soort",
                "Bezwaar tegen doorgeven",
                "Aantal",
                "<5",
            ),
            (
                "huurderskanaal-per-soort",
                "Huurder vertelt over situatie",
                "Aantal",
                "<5",
            ),
            ("poort", "Dagvaarding", "Toegestaan", "11"),
            ("poort", "Dagvaarding", "Tegengehouden", "7"),
            ("poort", "Overdracht aan deurwaarder", "Tegengehouden", "<5"),
            ("doorbraken", "Goedgekeurd", "Verzoeken", "5"),
            ("doorbraken", "Afgewezen", "Verzoeken", "<5"),
            ("ontruimingen", "Voorkomen", "Huishoudens", "7"),
            ("ontruimingen", "Voorkomen", "Aandeel", "53,8%"),
            ("ontruimingen", "Uitgevoerd", "Huishoudens", "6"),
            ("ontruimingen-per-maand", "jan 2025", "Voorkomen", "5"),
            ("ontruimingen-per-maand", "feb 2025", "Voorkomen", "<5"),
            ("ontruimingen-per-maand", "mrt 2025", "Uitgevoerd", "<5"),
            ("hoe-voorkomen", "Betalingsregeling", "Huishoudens", "5"),
            ("hoe-voorkomen", "Schuldhulp", "Huishoudens", "<5"),
            ("vermeden-kosten", "Ontruimingen voorkomen", "Waarde", "7"),
            (
                "vermeden-kosten",
                "Kosten per ontruiming (instelling)",
                "Waarde",
                "€ 7.500,00",
            ),
            (
                "vermeden-kosten",
                "Vermeden kosten",
                "Waarde",
                "€ 52.500,00",
            ),
            (
                "vermeden-kosten",
                "Vermeden kosten, laag (€ 6.000 per ontruiming)",
                "Waarde",
                "€ 42.000,00",
            ),
            (
                "vermeden-kosten",
                "Vermeden kosten, hoog (€ 9.000 per ontruiming)",
                "Waarde",
                "€ 63.000,00",
            ),
        ],
    );
}

#[test]
fn the_platform_dashboard_has_the_golden_figures() {
    let facts = PlatformFacts {
        signals: signals(),
        cases: cases(),
        notices: vec![NoticeCount {
            month: d("2025-02-01"),
            count: 9,
        }],
        events: vec![EventCount {
            month: d("2025-02-01"),
            kind: EventKind::Voorkomen,
            detail: None,
            count: 11,
        }],
        organisations: vec![
            OrgCount {
                kind: OrgKind::Gemeente,
                count: 2,
            },
            OrgCount {
                kind: OrgKind::Verhuurder,
                count: 3,
            },
        ],
        kennisbank: KennisbankActivity {
            contributions: 9,
            by_partners: 7,
            decisions: vec![("published".into(), 4), ("rejected".into(), 1)],
            published: 12,
            most_read: vec![("eropaf".into(), "Eropaf!".into(), 3)],
        },
    };
    let dashboard = platform_dashboard(&facts, Period::Year(2025), "2025");
    check(
        &dashboard,
        &[
            ("totalen", "Signalen", "Aantal", "133"),
            ("totalen", "Hulp aanvaard", "Aantal", "30"),
            (
                "totalen",
                "Ontruimingen aangekondigd (art. 14)",
                "Aantal",
                "9",
            ),
            ("totalen", "Ontruimingen voorkomen", "Aantal", "11"),
            ("totalen", "Ontruimingen uitgevoerd", "Aantal", "<5"),
            ("trend", "jan 2025", "Hulp aanvaard", "30"),
            ("trend", "feb 2025", "Hulp aanvaard", "<5"),
            ("trend", "dec 2025", "Signalen", "<5"),
            (
                "landelijk",
                "Mensen die hulp aanvaardden",
                "vangnet in deze periode",
                "30",
            ),
            ("organisaties", "Gemeente", "Organisaties", "2"),
            ("organisaties", "Deurwaarder", "Organisaties", "0"),
            (
                "kennisbank",
                "waarvan voorgesteld door het publiek",
                "Aantal",
                "2",
            ),
            ("kennisbank", "Gepubliceerd door de redactie", "Aantal", "4"),
            (
                "kennisbank",
                "Gepubliceerde praktijken (eind van de periode)",
                "Aantal",
                "12",
            ),
            ("meest-gelezen", "Eropaf!", "Keer gelezen", "3"),
        ],
    );
    let landelijk = dashboard.section("landelijk").unwrap();
    assert!(landelijk
        .table
        .rows
        .iter()
        .all(|r| !r[4].display().is_empty()));
}
