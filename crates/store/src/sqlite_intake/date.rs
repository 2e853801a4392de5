//! Dates bound as SQLite text without chrono's format strings. rusqlite
//! writes a `NaiveDate` with `format("%F")`, which interprets the format
//! and allocates a `String` each time; an import binds five dates a row.
//! The text is the same "YYYY-MM-DD", so what is stored does not change.

use chrono::{Datelike, NaiveDate};
use rusqlite::types::{ToSql, ToSqlOutput, ValueRef};

pub(super) enum SqlDate {
    Text([u8; 10]),
    /// Years outside 0–9999 are written by chrono (with a sign or more
    /// digits), as before.
    Other(NaiveDate),
}

impl SqlDate {
    pub fn new(date: NaiveDate) -> SqlDate {
        let year = date.year();
        if !(0..=9999).contains(&year) {
            return SqlDate::Other(date);
        }
        let mut text = *b"0000-00-00";
        let mut put = |at: usize, value: u32, width: usize| {
            let mut value = value;
            for i in (at..at + width).rev() {
                text[i] = b'0' + (value % 10) as u8;
                value /= 10;
            }
        };
        put(0, year as u32, 4);
        put(5, date.month(), 2);
        put(8, date.day(), 2);
        SqlDate::Text(text)
    }
}

/// For an optional column: `None` binds NULL.
pub(super) fn sql_date(date: Option<NaiveDate>) -> Option<SqlDate> {
    date.map(SqlDate::new)
}

impl ToSql for SqlDate {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        match self {
            SqlDate::Text(text) => Ok(ToSqlOutput::Borrowed(ValueRef::Text(text))),
            SqlDate::Other(date) => date.to_sql(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_text_as_chrono() {
        let dates = [
            (2026, 6, 30),
            (1, 1, 1),
            (999, 12, 31),
            (2024, 2, 29),
            (9999, 12, 31),
        ];
        for (y, m, d) in dates {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let SqlDate::Text(text) = SqlDate::new(date) else {
                panic!("{date} is in range");
            };
            assert_eq!(
                std::str::from_utf8(&text).unwrap(),
                date.format("%F").to_string()
            );
        }
        let far = NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap();
        assert!(matches!(SqlDate::new(far), SqlDate::Other(_)));
    }
}
