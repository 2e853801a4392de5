//! Amounts as integer cents. Exports mix Dutch ("1.234,56") and English
//! ("1234.56") notation, so the separators are read by position:
//! - with both `.` and `,`, the last one is the decimal separator;
//! - a lone `,` is always decimal (Dutch);
//! - a lone `.` is decimal only when one or two digits follow it, otherwise
//!   every `.` separates thousands, so `1.234` is 1234 euros;
//! - thousands groups must have exactly three digits, and at most two
//!   decimals are allowed, so nothing is silently rounded or scaled.
//!
//! The sign is kept; whether a negative or zero amount is acceptable is a
//! validation rule, not a parsing one.

use super::Reject;

pub fn parse_amount_cents(value: &str) -> Result<i64, Reject> {
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let (negative, body) = split_sign(strip_currency(&compact));
    let body = strip_whole_euro_dash(strip_currency(body));
    let (integer, fraction) = split_decimal(body)?;
    let euros = parse_integer(integer)?;
    let cents = parse_fraction(fraction)?;
    let total = euros
        .checked_mul(100)
        .and_then(|c| c.checked_add(cents))
        .ok_or_else(too_large)?;
    Ok(if negative { -total } else { total })
}

fn strip_currency(text: &str) -> &str {
    let mut t = text;
    for symbol in ["€", "EUR", "eur", "Eur"] {
        t = t.strip_prefix(symbol).unwrap_or(t);
        t = t.strip_suffix(symbol).unwrap_or(t);
    }
    t
}

fn split_sign(text: &str) -> (bool, &str) {
    match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    }
}

/// "450,-" is the Dutch way of writing a whole amount.
fn strip_whole_euro_dash(text: &str) -> &str {
    for suffix in [",--", ",-", ".--", ".-"] {
        if let Some(rest) = text.strip_suffix(suffix) {
            return rest;
        }
    }
    text
}

/// Returns the integer part (thousands separators still in) and the
/// fraction digits.
fn split_decimal(body: &str) -> Result<(&str, &str), Reject> {
    let comma = body.rfind(',');
    let dot = body.rfind('.');
    let decimal_at = match (comma, dot) {
        (Some(c), Some(d)) => Some(c.max(d)),
        (Some(c), None) if body.matches(',').count() == 1 => Some(c),
        (Some(_), None) => return Err(format_error()),
        (None, Some(d))
            if body.matches('.').count() == 1 && (2..=3).contains(&(body.len() - d)) =>
        {
            Some(d)
        }
        _ => None,
    };
    match decimal_at {
        Some(at) => {
            let fraction = &body[at + 1..];
            if fraction.is_empty() {
                return Err(format_error());
            }
            Ok((&body[..at], fraction))
        }
        None => Ok((body, "")),
    }
}

fn parse_integer(integer: &str) -> Result<i64, Reject> {
    let separator = integer.chars().find(|c| *c == '.' || *c == ',');
    let groups: Vec<&str> = match separator {
        Some(sep) => integer.split(sep).collect(),
        None => vec![integer],
    };
    let first_ok = (1..=3).contains(&groups[0].len()) || separator.is_none();
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let digits_ok = groups
        .iter()
        .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()));
    if !(first_ok && rest_ok && digits_ok) {
        return Err(format_error());
    }
    groups.iter().try_fold(0i64, |acc, group| {
        let scale = 10i64
            .checked_pow(group.len() as u32)
            .ok_or_else(too_large)?;
        let part: i64 = group.parse().map_err(|_| too_large())?;
        acc.checked_mul(scale)
            .and_then(|a| a.checked_add(part))
            .ok_or_else(too_large)
    })
}

fn parse_fraction(fraction: &str) -> Result<i64, Reject> {
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format_error());
    }
    match fraction.len() {
        0 => Ok(0),
        1 => Ok(fraction.parse::<i64>().map_err(|_| format_error())? * 10),
        2 => fraction.parse::<i64>().map_err(|_| format_error()),
        _ => Err(Reject::new(
            "amount.decimals",
            "heeft meer dan twee cijfers achter de komma",
        )),
    }
}

fn format_error() -> Reject {
    Reject::new(
        "amount.format",
        "is geen bedrag (schrijf bijvoorbeeld 1.234,56 of 450)",
    )
}

fn too_large() -> Reject {
    Reject::new("amount.too_large", "is te groot")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_table() {
        let cases: &[(&str, Result<i64, &str>)] = &[
            ("1.234,56", Ok(123_456)),
            ("1234,56", Ok(123_456)),
            ("1234.56", Ok(123_456)),
            ("€ 450", Ok(45_000)),
            ("€450", Ok(45_000)),
            ("EUR 450", Ok(45_000)),
            ("eur 450,00", Ok(45_000)),
            ("450 €", Ok(45_000)),
            ("450", Ok(45_000)),
            ("450,-", Ok(45_000)),
            ("€ 1.250,--", Ok(125_000)),
            ("1.234", Ok(123_400)),
            ("1.234.567", Ok(123_456_700)),
            ("1.234.567,8", Ok(123_456_780)),
            ("1,234.56", Ok(123_456)),
            ("12.5", Ok(1_250)),
            ("0,05", Ok(5)),
            ("  75,5 ", Ok(7_550)),
            ("1\u{a0}234,56", Ok(123_456)),
            ("-450", Ok(-45_000)),
            ("€ -12,50", Ok(-1_250)),
            ("0", Ok(0)),
            ("1234,567", Err("amount.decimals")),
            ("1,234", Err("amount.decimals")),
            ("1.2345", Err("amount.format")),
            ("1234.567", Err("amount.format")),
            ("12.34.56", Err("amount.format")),
            ("1,234,567", Err("amount.format")),
            ("1.23,45", Err("amount.format")),
            ("450,", Err("amount.format")),
            (",50", Err("amount.format")),
            ("", Err("amount.format")),
            ("€", Err("amount.format")),
            ("vierhonderd", Err("amount.format")),
            ("4e5", Err("amount.format")),
            ("$ 450", Err("amount.format")),
            ("--450", Err("amount.format")),
            ("99999999999999999999", Err("amount.too_large")),
        ];
        for (input, expected) in cases {
            let got = parse_amount_cents(input).map_err(|r| r.code);
            assert_eq!(got, *expected, "{input:?}");
        }
    }
}
