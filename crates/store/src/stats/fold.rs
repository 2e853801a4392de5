//! From the rows of `sql.rs` (per day, stored slugs) to the domain's facts
//! (per month, parsed enums). Rows are folded on their stored text first,
//! so the domain types need no ordering of their own.

use crate::{Result, StoreError};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;
use vangnet_domain::ddas::EndResult;
use vangnet_domain::org::OrgKind;
use vangnet_domain::signal::PartnerType;
use vangnet_domain::stats::facts::{CaseGroup, EventCount, SignalCount, StageCount};
use vangnet_domain::tenancy::{EventKind, Step};

pub(crate) fn month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// Sums counts per (month, key), in month order.
fn by_month<K: Ord>(
    rows: impl IntoIterator<Item = (NaiveDate, K, i64)>,
) -> BTreeMap<(NaiveDate, K), u64> {
    let mut folded = BTreeMap::new();
    for (day, key, count) in rows {
        *folded.entry((month(day), key)).or_insert(0) += count as u64;
    }
    folded
}

fn unreadable(what: &str, value: &str) -> StoreError {
    StoreError::Unsupported(format!("onbekende {what} '{value}' in de database"))
}

pub(crate) fn signals(rows: Vec<(NaiveDate, String, i64)>) -> Result<Vec<SignalCount>> {
    by_month(rows)
        .into_iter()
        .map(|((month, partner), count)| {
            let partner_type =
                PartnerType::parse(&partner).map_err(|_| unreadable("partnersoort", &partner))?;
            Ok(SignalCount {
                month,
                partner_type,
                count,
            })
        })
        .collect()
}

/// (opened_on, picked up, contact made, handed off, repeat, end result, count)
pub(crate) type CaseRow = (NaiveDate, bool, bool, bool, bool, Option<String>, i64);

pub(crate) fn cases(rows: Vec<CaseRow>) -> Result<Vec<CaseGroup>> {
    let keyed = rows
        .into_iter()
        .map(|(day, p, c, h, r, end, count)| (day, (p, c, h, r, end), count));
    by_month(keyed)
        .into_iter()
        .map(
            |((month, (picked_up, contact_made, handed_off, repeat, end)), count)| {
                let end_result = end
                    .map(|text| {
                        EndResult::parse(&text).ok_or_else(|| unreadable("eindresultaat", &text))
                    })
                    .transpose()?;
                Ok(CaseGroup {
                    month,
                    picked_up,
                    contact_made,
                    handed_off,
                    repeat,
                    end_result,
                    count,
                })
            },
        )
        .collect()
}

pub(crate) fn events(
    rows: Vec<(NaiveDate, String, Option<String>, i64)>,
) -> Result<Vec<EventCount>> {
    let keyed = rows
        .into_iter()
        .map(|(day, kind, detail, count)| (day, (kind, detail), count));
    by_month(keyed)
        .into_iter()
        .map(|((month, (kind, detail)), count)| {
            Ok(EventCount {
                month,
                kind: event_kind(&kind)?,
                detail,
                count,
            })
        })
        .collect()
}

fn event_kind(slug: &str) -> Result<EventKind> {
    EventKind::from_slug(slug).ok_or_else(|| unreadable("soort gebeurtenis", slug))
}

pub(crate) fn step(slug: &str) -> Result<Step> {
    Step::from_slug(slug).ok_or_else(|| unreadable("stap", slug))
}

pub(crate) fn org_kind(slug: &str) -> Result<OrgKind> {
    slug.parse()
        .map_err(|_| unreadable("soort organisatie", slug))
}

/// Positions back to the kinds they stand for, in track order (no step
/// yet first).
pub(crate) fn stages(rows: Vec<(Option<i64>, i64)>) -> Result<Vec<StageCount>> {
    let mut rows = rows;
    rows.sort();
    rows.into_iter()
        .map(|(position, count)| {
            let stage = match position {
                None => None,
                Some(position) => Some(
                    EventKind::ALL
                        .into_iter()
                        .find(|k| k.track_position().map(i64::from) == Some(position))
                        .ok_or_else(|| unreadable("stap", &position.to_string()))?,
                ),
            };
            Ok(StageCount {
                stage,
                count: count as u64,
            })
        })
        .collect()
}
