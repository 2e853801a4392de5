use super::*;

fn policy(max_term_months: u32, min_instalment_cents: i64) -> ArrangementPolicy {
    ArrangementPolicy {
        max_term_months,
        min_instalment_cents,
    }
}

/// (term, instalment, last instalment)
fn options(debt: i64, p: ArrangementPolicy) -> Vec<(u32, i64, i64)> {
    arrangement_options(debt, &p)
        .iter()
        .map(|o| (o.term_months, o.instalment_cents, o.last_instalment_cents))
        .collect()
}

#[test]
fn arrangement_options_table() {
    type Case = (i64, (u32, i64), &'static [(u32, i64, i64)], &'static str);
    let cases: &[Case] = &[
        (
            120_000,
            (12, 2_500),
            &[
                (3, 40_000, 40_000),
                (6, 20_000, 20_000),
                (9, 13_334, 13_328),
                (12, 10_000, 10_000),
            ],
            "1.200 over 3 to 12 months; 9 rounds up, the last pays the rest",
        ),
        (
            10_000,
            (12, 2_500),
            &[(3, 3_334, 3_332)],
            "100: 6 months would be 16,67, below the minimum",
        ),
        (
            100_000,
            (10, 2_500),
            &[
                (3, 33_334, 33_332),
                (6, 16_667, 16_665),
                (9, 11_112, 11_104),
                (10, 10_000, 10_000),
            ],
            "a maximum of 10 is offered after 9",
        ),
        (
            50_000,
            (1, 2_500),
            &[(1, 50_000, 50_000)],
            "max term 1: pay at once",
        ),
        (
            50_000,
            (2, 2_500),
            &[(2, 25_000, 25_000)],
            "max term 2: only 2",
        ),
        (
            2_000,
            (12, 2_500),
            &[(1, 2_000, 2_000)],
            "debt below the minimum: at once",
        ),
        (
            2_000,
            (1, 2_500),
            &[(1, 2_000, 2_000)],
            "below the minimum, max term 1",
        ),
        (
            5_000,
            (12, 2_500),
            &[(2, 2_500, 2_500)],
            "two minimums: 2 months, not 3",
        ),
        (
            7_500,
            (12, 2_500),
            &[(3, 2_500, 2_500)],
            "three minimums exactly",
        ),
        (
            7_499,
            (12, 2_500),
            &[(3, 2_500, 2_499)],
            "rounding up still meets the minimum",
        ),
        (
            7_497,
            (12, 2_500),
            &[(2, 3_749, 3_748)],
            "24,99 is too little: 2 months",
        ),
        (
            5,
            (12, 1),
            &[(3, 2, 1)],
            "tiny debt: 6 months of 1 cent would end early",
        ),
        (0, (12, 2_500), &[], "nothing owed: nothing to arrange"),
        (-100, (12, 2_500), &[], "a credit: nothing to arrange"),
    ];
    for (debt, (max, min), expected, why) in cases {
        assert_eq!(
            options(*debt, policy(*max, *min)),
            expected.to_vec(),
            "{why}"
        );
    }
}

#[test]
fn every_option_pays_exactly_the_debt_and_respects_the_minimum() {
    for debt in [1, 99, 2_501, 7_777, 123_457, 999_999] {
        for max in [1, 2, 3, 7, 12, 24] {
            let p = policy(max, 2_500);
            let all = arrangement_options(debt, &p);
            assert!(!all.is_empty(), "{debt} {max}");
            for o in all {
                let total =
                    o.instalment_cents * i64::from(o.term_months - 1) + o.last_instalment_cents;
                assert_eq!(total, debt, "{debt} {max} {o:?}");
                assert!(
                    o.last_instalment_cents > 0 && o.last_instalment_cents <= o.instalment_cents
                );
                assert!(o.term_months <= max);
                assert!(
                    o.instalment_cents >= 2_500 || o.term_months == 1,
                    "{debt} {max} {o:?}"
                );
            }
        }
    }
}

#[test]
fn arrangement_policy_validation() {
    assert!(ArrangementPolicy::default().validate().is_ok());
    let bad = policy(0, 0).validate().unwrap_err();
    let fields: Vec<&str> = bad.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["max_term_months", "min_instalment_cents"]);
    assert!(policy(61, 1).validate().is_err());
    assert!(policy(60, 1).validate().is_ok());
}
