//! Yes/no cells. Empty is `None`: whether a missing answer means "no" or
//! "unknown" depends on the field, so the caller decides.

use super::Reject;

const YES: [&str; 7] = ["ja", "j", "true", "1", "yes", "y", "waar"];
const NO: [&str; 6] = ["nee", "n", "false", "0", "no", "onwaar"];

pub fn parse_bool(value: &str) -> Result<Option<bool>, Reject> {
    let v = value.trim();
    let is = |word: &&str| word.eq_ignore_ascii_case(v);
    if v.is_empty() {
        Ok(None)
    } else if YES.iter().any(is) {
        Ok(Some(true))
    } else if NO.iter().any(is) {
        Ok(Some(false))
    } else {
        Err(Reject::new(
            "bool.format",
            "is geen ja/nee-waarde (gebruik ja of nee)",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_table() {
        let cases: &[(&str, Result<Option<bool>, &str>)] = &[
            ("ja", Ok(Some(true))),
            ("JA", Ok(Some(true))),
            (" Ja ", Ok(Some(true))),
            ("j", Ok(Some(true))),
            ("true", Ok(Some(true))),
            ("TRUE", Ok(Some(true))),
            ("1", Ok(Some(true))),
            ("yes", Ok(Some(true))),
            ("Y", Ok(Some(true))),
            ("waar", Ok(Some(true))),
            ("Waar", Ok(Some(true))),
            ("nee", Ok(Some(false))),
            ("NEE", Ok(Some(false))),
            ("n", Ok(Some(false))),
            ("false", Ok(Some(false))),
            ("0", Ok(Some(false))),
            ("no", Ok(Some(false))),
            ("N", Ok(Some(false))),
            ("onwaar", Ok(Some(false))),
            ("", Ok(None)),
            ("   ", Ok(None)),
            ("misschien", Err("bool.format")),
            ("2", Err("bool.format")),
            ("jaa", Err("bool.format")),
        ];
        for (input, expected) in cases {
            assert_eq!(
                parse_bool(input).map_err(|r| r.code),
                *expected,
                "{input:?}"
            );
        }
    }
}
