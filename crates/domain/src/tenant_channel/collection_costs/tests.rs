use super::*;

/// Euros and cents as written, to keep the table readable.
fn eur(euros: i64, cents: i64) -> i64 {
    euros * 100 + cents
}

#[test]
fn scale_table_with_every_boundary() {
    // (principal, costs, why)
    let cases = [
        (0, 0, "nothing owed, nothing to collect"),
        (-5_000, 0, "a credit is no claim"),
        (1, eur(40, 0), "one cent: the minimum"),
        (eur(100, 0), eur(40, 0), "15% is 15,00: the minimum"),
        (eur(266, 66), eur(40, 0), "15% is 39,999: rounds to 40,00"),
        (
            eur(266, 67),
            eur(40, 0),
            "15% is 40,0005: where 15% crosses 40",
        ),
        (eur(266, 70), eur(40, 1), "15% is 40,005: half up"),
        (eur(266, 73), eur(40, 1), "15% is 40,0095"),
        (eur(1_000, 0), eur(150, 0), "15% of 1.000"),
        (eur(2_500, 0), eur(375, 0), "end of the 15% tier"),
        (eur(2_500, 1), eur(375, 0), "one cent at 10%: 0,001"),
        (
            eur(2_500, 5),
            eur(375, 1),
            "five cents at 10%: 0,005, half up",
        ),
        (eur(5_000, 0), eur(625, 0), "end of the 10% tier"),
        (eur(5_000, 1), eur(625, 0), "one cent at 5%"),
        (
            eur(5_000, 10),
            eur(625, 1),
            "ten cents at 5%: 0,005, half up",
        ),
        (eur(10_000, 0), eur(875, 0), "end of the 5% tier"),
        (eur(10_000, 1), eur(875, 0), "one cent at 1%"),
        (
            eur(10_000, 50),
            eur(875, 1),
            "fifty cents at 1%: 0,005, half up",
        ),
        (eur(200_000, 0), eur(2_775, 0), "end of the 1% tier"),
        (eur(200_000, 1), eur(2_775, 0), "one cent at 0,5%"),
        (
            eur(200_001, 0),
            eur(2_775, 1),
            "one euro at 0,5%: 0,005, half up",
        ),
        (eur(999_998, 99), eur(6_774, 99), "just below the cap"),
        (
            eur(999_999, 0),
            eur(6_775, 0),
            "6.774,995 rounds up to the cap",
        ),
        (
            eur(1_000_000, 0),
            eur(6_775, 0),
            "the cap point: exactly 6.775",
        ),
        (eur(1_000_000, 1), eur(6_775, 0), "past the cap point"),
        (eur(5_000_000, 0), eur(6_775, 0), "far past it"),
        (i64::MAX, eur(6_775, 0), "no overflow"),
    ];
    for (principal, expected, why) in cases {
        assert_eq!(
            statutory_scale_cents(principal),
            expected,
            "{principal}: {why}"
        );
    }
}

#[test]
fn the_scale_never_falls_as_the_principal_grows() {
    let mut previous = 0;
    for principal in (0..eur(12_000, 0)).step_by(997) {
        let costs = statutory_scale_cents(principal);
        assert!(costs >= previous, "{principal}");
        previous = costs;
    }
}

#[test]
fn leniency_is_an_input_and_states_no_amount() {
    let cases = [
        (
            eur(700, 0),
            CostsCharged::Yes,
            CollectionCosts::Charged { cents: eur(105, 0) },
        ),
        (
            eur(700, 0),
            CostsCharged::WaivedByLeniency,
            CollectionCosts::WaivedByLeniency,
        ),
        (0, CostsCharged::Yes, CollectionCosts::Charged { cents: 0 }),
        (
            0,
            CostsCharged::WaivedByLeniency,
            CollectionCosts::WaivedByLeniency,
        ),
    ];
    for (principal, charged, expected) in cases {
        assert_eq!(
            collection_costs(principal, charged),
            expected,
            "{principal} {charged:?}"
        );
    }
}
