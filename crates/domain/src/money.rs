//! Money is integer cents everywhere; this is how people read it.

/// "€ 1.234,56": Dutch thousands dots and decimal comma.
pub fn format_euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    let euros = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, digit) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    format!("{sign}€ {grouped},{:02}", cents % 100)
}

#[cfg(test)]
mod tests {
    #[test]
    fn format_euros_table() {
        let cases = [
            (0, "€ 0,00"),
            (5, "€ 0,05"),
            (45_000, "€ 450,00"),
            (123_456, "€ 1.234,56"),
            (100_000_000, "€ 1.000.000,00"),
            (-2_550, "-€ 25,50"),
        ];
        for (cents, expected) in cases {
            assert_eq!(super::format_euros(cents), expected);
        }
    }
}
