use super::*;
use crate::ddas::ContactKind;
use crate::tenancy::event::PreventedBy;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn ev(kind: &str, date: &str) -> Event {
    let kind = EventKind::from_slug(kind).expect(kind);
    match kind {
        EventKind::Voorkomen => Event::prevented(d(date), PreventedBy::Betaald),
        EventKind::OntruimingGepland => Event::eviction_planned(d(date), d(date)),
        EventKind::Contactpoging => Event::contact(d(date), ContactKind::Phone, true),
        _ => Event::plain(kind, d(date)),
    }
}

fn events(list: &[(&str, &str)]) -> Vec<Event> {
    list.iter().map(|(kind, date)| ev(kind, date)).collect()
}

#[test]
fn stage_next_step_and_eviction_stage_table() {
    use EvictionStage as S;
    type Row<'a> = (
        &'a [(&'a str, &'a str)],
        Option<&'a str>,
        Option<Step>,
        Option<S>,
    );
    let table: [Row; 12] = [
        (&[], None, Some(Step::Deurwaarder), None),
        (
            &[("contactpoging", "2026-01-05")],
            None,
            Some(Step::Deurwaarder),
            None,
        ),
        (
            &[("herinnering", "2026-01-05")],
            Some("herinnering"),
            Some(Step::Deurwaarder),
            None,
        ),
        (
            &[
                ("aanmaning", "2026-02-01"),
                ("veertiendagenbrief", "2026-01-05"),
            ],
            Some("aanmaning"),
            Some(Step::Deurwaarder),
            Some(S::FourteenDayLetter),
        ),
        (
            &[("deurwaarder", "2026-03-01")],
            Some("deurwaarder"),
            Some(Step::Dagvaarding),
            Some(S::Bailiff),
        ),
        (
            &[("dagvaarding", "2026-03-01")],
            Some("dagvaarding"),
            Some(Step::Ontruimingsaanzegging),
            Some(S::Summons),
        ),
        (
            &[("betekening", "2026-04-02"), ("vonnis", "2026-04-01")],
            Some("betekening"),
            Some(Step::Ontruimingsaanzegging),
            Some(S::Judgment),
        ),
        (
            &[("melding_gemeente_ontruiming", "2026-05-01")],
            Some("melding_gemeente_ontruiming"),
            Some(Step::OntruimingGepland),
            Some(S::EvictionNotice),
        ),
        (
            &[("ontruiming_gepland", "2026-05-02")],
            Some("ontruiming_gepland"),
            None,
            Some(S::EvictionNotice),
        ),
        (
            &[("ontruimd", "2026-05-20")],
            Some("ontruimd"),
            None,
            Some(S::EvictionNotice),
        ),
        (
            &[
                ("dagvaarding", "2026-03-01"),
                ("voorkomen", "2026-03-10"),
                ("contactpoging", "2026-03-11"),
            ],
            Some("voorkomen"),
            None,
            None,
        ),
        (
            &[
                ("dagvaarding", "2026-03-01"),
                ("voorkomen", "2026-03-10"),
                ("herinnering", "2026-06-01"),
            ],
            Some("herinnering"),
            Some(Step::Deurwaarder),
            None,
        ),
    ];
    for (list, stage, next, eviction) in table {
        let events = events(list);
        let stage = stage.map(|s| EventKind::from_slug(s).unwrap());
        assert_eq!(current_stage(&events), stage, "{list:?}");
        assert_eq!(next_step(&events), next, "{list:?}");
        assert_eq!(eviction_stage(&events), eviction, "{list:?}");
    }
}

#[test]
fn events_count_in_date_order_and_given_order_within_a_day() {
    let list = events(&[
        ("schuldhulp_akkoord_escalatie", "2026-03-01"),
        ("schuldhulp_gestart", "2026-02-01"),
        ("schuldhulp_beeindigd", "2026-03-01"),
        ("schuldhulp_gestart", "2026-03-01"),
    ]);
    // Sorted: gestart 02-01, then on 03-01 in the given order: akkoord,
    // beeindigd, gestart. The last start has no agreement.
    assert_eq!(
        History::new(&list).debt_help(),
        DebtHelp::Active {
            since: d("2026-03-01"),
            agreed: None
        }
    );
    let ended = events(&[
        ("schuldhulp_gestart", "2026-02-01"),
        ("schuldhulp_beeindigd", "2026-02-01"),
    ]);
    assert_eq!(History::new(&ended).debt_help(), DebtHelp::None);
}

#[test]
fn agreements_are_grouped_by_id_and_the_latest_update_decides() {
    use AgreementStatus::*;
    let update =
        |date, status, id| Event::agreement(EventKind::Betalingsregeling, d(date), status, id);
    let table: [(Vec<Event>, Option<&str>); 5] = [
        (vec![], None),
        (vec![update("2026-03-01", Lopend, None)], Some("2026-03-01")),
        (
            vec![
                update("2026-03-01", Lopend, None),
                update("2026-03-01", Verbroken, None),
            ],
            None,
        ),
        (
            vec![
                update("2026-03-01", Verbroken, None),
                update("2026-03-01", Lopend, None),
            ],
            Some("2026-03-01"),
        ),
        (
            vec![
                update("2026-03-01", Lopend, Some("A")),
                update("2026-04-01", Nagekomen, Some("A")),
                update("2026-03-15", Lopend, Some("B")),
            ],
            Some("2026-03-15"),
        ),
    ];
    for (list, honoured) in table {
        let got = History::new(&list)
            .honoured(EventKind::Betalingsregeling)
            .map(|e| e.date);
        assert_eq!(got, honoured.map(d), "{list:?}");
    }
}
