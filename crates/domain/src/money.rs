//! Money is integer cents everywhere; this is how people read it.

/// "€ 1.234,56": Dutch thousands dots and decimal comma.
pub fn format_euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!(
        "{sign}€ {},{:02}",
        dutch_thousands(cents / 100),
        cents % 100
    )
}

/// "1.234.567": Dutch thousands dots.
pub fn dutch_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    grouped
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
