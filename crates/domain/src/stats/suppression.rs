//! Small-cell suppression: a count of fewer than `SMALL_CELL` households is
//! never shown, in any output, because a small number in a small area can
//! point at one family. Zero is suppressed too: "none" next to "<5" would
//! tell which cells are the small ones.

use crate::money::dutch_thousands;
use serde::Serialize;
use std::fmt;

/// Counts under this are shown as "<5".
pub const SMALL_CELL: u64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Shown {
    Count(u64),
    /// Serialised as the text "<5", the same as every other output.
    #[serde(serialize_with = "fewer")]
    Fewer,
}

fn fewer<S: serde::Serializer>(serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(FEWER)
}

const FEWER: &str = "<5";

pub fn shown(count: u64) -> Shown {
    match count < SMALL_CELL {
        true => Shown::Fewer,
        false => Shown::Count(count),
    }
}

impl Shown {
    /// The count when it may be shown.
    pub fn count(self) -> Option<u64> {
        match self {
            Shown::Count(n) => Some(n),
            Shown::Fewer => None,
        }
    }
}

impl fmt::Display for Shown {
    /// Dutch thousands separators: 12.345.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shown::Count(n) => f.write_str(&dutch_thousands(*n)),
            Shown::Fewer => f.write_str(FEWER),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_under_five_are_never_shown() {
        for (count, text) in [
            (0, "<5"),
            (1, "<5"),
            (4, "<5"),
            (5, "5"),
            (999, "999"),
            (1_000, "1.000"),
            (1_234_567, "1.234.567"),
        ] {
            assert_eq!(shown(count).to_string(), text, "{count}");
        }
        assert_eq!(shown(3).count(), None);
        assert_eq!(shown(7).count(), Some(7));
        assert_eq!(serde_json::to_string(&shown(2)).unwrap(), "\"<5\"");
        assert_eq!(serde_json::to_string(&shown(12)).unwrap(), "12");
    }
}
