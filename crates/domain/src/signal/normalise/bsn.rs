//! The burgerservicenummer and its eleven-test (elfproef): nine digits,
//! weighted 9, 8, ..., 2 and -1, summing to a multiple of 11.

use super::Reject;

/// Returns the nine-digit BSN. Spaces and dots are tolerated because people
/// type "1234.56.782"; eight digits get the leading zero back that
/// spreadsheets drop from number cells.
pub fn parse_bsn(value: &str) -> Result<String, Reject> {
    let digits: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !(8..=9).contains(&digits.len()) {
        return Err(Reject::new("bsn.format", "is geen BSN (9 cijfers)"));
    }
    let bsn = format!("{digits:0>9}");
    if !passes_eleven_test(&bsn) {
        return Err(Reject::new("bsn.eleven", "voldoet niet aan de elfproef"));
    }
    Ok(bsn)
}

fn passes_eleven_test(bsn: &str) -> bool {
    let sum: i64 = bsn
        .bytes()
        .zip([9, 8, 7, 6, 5, 4, 3, 2, -1])
        .map(|(b, weight)| i64::from(b - b'0') * weight)
        .sum();
    sum != 0 && sum % 11 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bsn_table() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("111222333", Ok("111222333")),
            ("123456782", Ok("123456782")),
            (" 123456782 ", Ok("123456782")),
            ("1234.56.782", Ok("123456782")),
            ("1234 56 782", Ok("123456782")),
            ("12345672", Ok("012345672")),
            ("012345672", Ok("012345672")),
            ("123456789", Err("bsn.eleven")),
            ("000000000", Err("bsn.eleven")),
            ("1234567", Err("bsn.format")),
            ("1234567890", Err("bsn.format")),
            ("12345678a", Err("bsn.format")),
            ("", Err("bsn.format")),
        ];
        for (input, expected) in cases {
            let got = parse_bsn(input);
            assert_eq!(got.as_deref().map_err(|r| r.code), *expected, "{input:?}");
        }
    }
}
