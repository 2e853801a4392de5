use super::*;

const RENT: i64 = 45_000;

fn rent_case(arrears_cents: i64, months: u32, creditors: u32) -> PriorityInput {
    PriorityInput {
        has_rent_arrears: true,
        creditor_count: creditors,
        rent_arrears_cents: arrears_cents,
        monthly_rent_cents: Some(RENT),
        months_in_arrears: months,
        ..PriorityInput::default()
    }
}

fn court(stage: EvictionStage) -> PriorityInput {
    PriorityInput {
        eviction_stage: Some(stage),
        ..PriorityInput::default()
    }
}

type Explanation = &'static [(&'static str, &'static str, i64)];

fn explained(score: &PriorityScore) -> Vec<(&'static str, &str, i64)> {
    score
        .factors
        .iter()
        .map(|f| (f.key, f.label_nl.as_str(), f.points))
        .collect()
}

#[test]
fn explanation_table() {
    let unknown_rent = PriorityInput {
        monthly_rent_cents: None,
        ..rent_case(80_000, 0, 0)
    };
    let everything_at_once = PriorityInput {
        crisis: true,
        warm_handover: true,
        repeat_signal: true,
        ..court(EvictionStage::EvictionNotice)
    };
    let amount_without_flag = PriorityInput {
        has_rent_arrears: false,
        ..rent_case(90_000, 0, 0)
    };
    #[rustfmt::skip]
    let cases: Vec<(&str, PriorityInput, Explanation, i64)> = vec![
        ("nothing applies", PriorityInput::default(), &[], 0),
        ("rent arrears", rent_case(112_500, 3, 1), &[
            ("rent_arrears", "Huurachterstand", 20),
            ("rent_ratio", "Huurachterstand: 2,5 maand huur (€ 1.125,00)", 25),
            ("months_in_arrears", "3 maanden achterstand", 15),
            ("creditors", "1 schuldeiser", 5),
        ], 65),
        ("unknown rent", unknown_rent, &[
            ("rent_arrears", "Huurachterstand", 20),
            ("rent_ratio", "Huurachterstand in maanden huur: onbekend", 0),
        ], 20),
        ("caps", rent_case(360_000, 14, 9), &[
            ("rent_arrears", "Huurachterstand", 20),
            ("rent_ratio", "Huurachterstand: 8 maand huur (€ 3.600,00), telt tot 6 maand huur", 60),
            ("months_in_arrears", "14 maanden achterstand, telt tot 12", 60),
            ("creditors", "9 verschillende schuldeisers, telt tot 6", 30),
        ], 170),
        ("rounds a third down", rent_case(15_000, 1, 2), &[
            ("rent_arrears", "Huurachterstand", 20),
            ("rent_ratio", "Huurachterstand: 0,3 maand huur (€ 150,00)", 3),
            ("months_in_arrears", "1 maand achterstand", 5),
            ("creditors", "2 verschillende schuldeisers", 10),
        ], 38),
        ("rounds a half tenth up", rent_case(2_250, 0, 0), &[
            ("rent_arrears", "Huurachterstand", 20),
            ("rent_ratio", "Huurachterstand: 0,1 maand huur (€ 22,50)", 1),
        ], 21),
        ("a cent", rent_case(1, 0, 0), &[
            ("rent_arrears", "Huurachterstand", 20),
            ("rent_ratio", "Huurachterstand: minder dan 0,1 maand huur (€ 0,01)", 0),
        ], 20),
        ("amount without the flag", amount_without_flag, &[], 0),
        ("14-day letter", court(EvictionStage::FourteenDayLetter), &[
            ("eviction_stage", "Ontruimingstraject: veertiendagenbrief", 10),
        ], 10),
        ("bailiff", court(EvictionStage::Bailiff), &[
            ("eviction_stage", "Ontruimingstraject: deurwaarder ingeschakeld", 30),
        ], 30),
        ("summons", court(EvictionStage::Summons), &[
            ("eviction_stage", "Ontruimingstraject: dagvaarding", 100),
            ("top_priority", "Topprioriteit: er loopt een rechtszaak over de woning; gaat altijd voor", 10_000),
        ], 10_100),
        ("judgment", court(EvictionStage::Judgment), &[
            ("eviction_stage", "Ontruimingstraject: vonnis", 200),
            ("top_priority", "Topprioriteit: er loopt een rechtszaak over de woning; gaat altijd voor", 10_000),
        ], 10_200),
        ("eviction date and more", everything_at_once, &[
            ("eviction_stage", "Ontruimingstraject: ontruimingsaanzegging", 300),
            ("top_priority", "Topprioriteit: er is een ontruimingsdatum; gaat altijd voor", 10_000),
            ("crisis", "Crisissituatie", 40),
            ("warm_handover", "Warme overdracht", 25),
            ("repeat_signal", "Herhaalde melding", 15),
        ], 10_380),
    ];
    let weights = PriorityWeights::default();
    for (why, input, factors, total) in cases {
        let score = score(&input, &weights);
        assert_eq!(explained(&score), factors, "{why}");
        assert_eq!(score.total, total, "{why}");
        assert_eq!(score.is_top_priority(), total >= 10_000, "{why}");
    }
}

#[test]
fn ordering() {
    let weights = PriorityWeights::default();
    let maxed_without_court = PriorityInput {
        crisis: true,
        warm_handover: true,
        repeat_signal: true,
        eviction_stage: Some(EvictionStage::Bailiff),
        ..rent_case(2_000_000, 30, 20)
    };
    let crisis_with_high_arrears = PriorityInput {
        crisis: true,
        ..rent_case(180_000, 4, 3)
    };
    let ranked = [
        ("eviction date", court(EvictionStage::EvictionNotice)),
        ("judgment", court(EvictionStage::Judgment)),
        ("summons", court(EvictionStage::Summons)),
        ("everything but a court", maxed_without_court),
        ("crisis with high arrears", crisis_with_high_arrears),
        ("two months of arrears", rent_case(90_000, 2, 1)),
        ("a 14-day letter", court(EvictionStage::FourteenDayLetter)),
        ("nothing", PriorityInput::default()),
    ];
    let totals: Vec<(&str, i64)> = ranked
        .iter()
        .map(|(why, input)| (*why, score(input, &weights).total))
        .collect();
    for pair in totals.windows(2) {
        assert!(pair[0].1 > pair[1].1, "{pair:?}");
    }
    let maxed = score(&maxed_without_court, &weights).total;
    assert_eq!(maxed, weights.max_without_court());
    assert_eq!(maxed, 280);
}

#[test]
fn total_is_the_sum_and_court_always_wins() {
    let stages = std::iter::once(None).chain(EvictionStage::ALL.map(Some));
    let rents = [
        (false, 0, None),
        (true, 500_000, Some(RENT)),
        (true, 5_000, None),
    ];
    let weights = PriorityWeights::default();
    let (mut lowest_top, mut highest_other) = (i64::MAX, i64::MIN);
    for stage in stages {
        for flags in 0..8u8 {
            for creditors in [0, 1, 3, 40] {
                for months in [0, 2, 40] {
                    for (has_rent_arrears, arrears, rent) in rents {
                        let input = PriorityInput {
                            has_rent_arrears,
                            creditor_count: creditors,
                            rent_arrears_cents: arrears,
                            monthly_rent_cents: rent,
                            months_in_arrears: months,
                            crisis: flags & 1 != 0,
                            warm_handover: flags & 2 != 0,
                            repeat_signal: flags & 4 != 0,
                            eviction_stage: stage,
                        };
                        let score = score(&input, &weights);
                        let sum: i64 = score.factors.iter().map(|f| f.points).sum();
                        assert_eq!(score.total, sum, "{input:?}");
                        if score.is_top_priority() {
                            lowest_top = lowest_top.min(score.total);
                        } else {
                            highest_other = highest_other.max(score.total);
                        }
                    }
                }
            }
        }
    }
    assert!(lowest_top > highest_other, "{lowest_top} > {highest_other}");
}

#[test]
fn default_weights_are_valid() {
    assert_eq!(PriorityWeights::default().validate(), Ok(()));
}

#[test]
fn validate_reports_every_problem_in_dutch() {
    let weights = PriorityWeights {
        per_creditor: 1_001,
        crisis: -5,
        max_creditors: 0,
        max_rent_tenths: 241,
        top_priority: 100,
        ..PriorityWeights::default()
    };
    let errors: Vec<(String, String)> = weights
        .validate()
        .unwrap_err()
        .errors
        .into_iter()
        .map(|e| (e.field, e.reason))
        .collect();
    let expected = [
        ("per_creditor", "moet tussen 0 en 1000 punten liggen"),
        ("crisis", "moet tussen 0 en 1000 punten liggen"),
        ("max_creditors", "moet tussen 1 en 50 liggen"),
        ("max_rent_tenths", "moet tussen 1 en 240 liggen"),
        (
            "top_priority",
            "moet groter zijn dan de hoogste score zonder dagvaarding (386 punten), \
             anders gaat een rechtszaak niet altijd voor",
        ),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(f, r)| (f.to_string(), r.to_string()))
        .collect();
    assert_eq!(errors, expected);
}

#[test]
fn top_priority_bounds() {
    let at = |top_priority| PriorityWeights {
        top_priority,
        ..PriorityWeights::default()
    };
    assert!(at(280).validate().is_err());
    assert_eq!(at(281).validate(), Ok(()));
    assert_eq!(at(MAX_TOP_PRIORITY).validate(), Ok(()));
    let too_high = at(MAX_TOP_PRIORITY + 1).validate().unwrap_err().errors;
    assert_eq!(
        too_high[0].reason,
        "mag niet meer dan 1.000.000 punten zijn"
    );
}
