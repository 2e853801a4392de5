//! DDAS amounts (`bedrag`) are whole euros; vangnet keeps cents.

/// Whole euros, half a euro rounded up in magnitude: 149 cents is 1, 150 is
/// 2, and -150 is -2. That is HALF_UP as Java's BigDecimal and Python's
/// decimal define it (away from zero), so a credit and a debit of the same
/// size round to the same number of euros. Integer arithmetic, so no amount
/// is off by a float's representation error, and no overflow at the edges.
pub fn cents_to_whole_euros_half_up(cents: i64) -> i64 {
    let euros = cents / 100;
    let rest = cents % 100;
    if rest >= 50 {
        euros + 1
    } else if rest <= -50 {
        euros - 1
    } else {
        euros
    }
}

#[cfg(test)]
mod tests {
    use super::cents_to_whole_euros_half_up;

    #[test]
    fn rounding_table() {
        let cases: &[(i64, i64)] = &[
            (0, 0),
            (1, 0),
            (49, 0),
            (50, 1),
            (99, 1),
            (100, 1),
            (149, 1),
            (150, 2),
            (151, 2),
            (45_000, 450),
            (45_049, 450),
            (45_050, 451),
            (-1, 0),
            (-49, 0),
            (-50, -1),
            (-149, -1),
            (-150, -2),
            (-151, -2),
            (i64::MAX, 92_233_720_368_547_758),
            (i64::MIN, -92_233_720_368_547_758),
        ];
        for (cents, euros) in cases {
            assert_eq!(cents_to_whole_euros_half_up(*cents), *euros, "{cents}");
        }
    }
}
