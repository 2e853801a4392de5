//! Which dashboard, for which period, and may this actor see it: shared by
//! the pages, the downloads and the API, so they cannot disagree.

use crate::auth::authorize;
use crate::state::AppState;
use chrono::{Datelike, NaiveDate};
use vangnet_domain::org::OrgKind;
use vangnet_domain::permission::{Action, Actor, Decision, Resource};
use vangnet_domain::stats::{Dashboard, DashboardKind, Period};
use vangnet_store::{Org, StoreError};

/// The path segment ("gemeente", "verhuurder", "platform") as a kind.
pub fn kind_of(slug: &str) -> Option<DashboardKind> {
    [
        DashboardKind::Gemeente,
        DashboardKind::Verhuurder,
        DashboardKind::Platform,
    ]
    .into_iter()
    .find(|k| k.slug() == slug)
}

/// The organisation kind whose own dashboard `kind` is.
fn owner_kind(kind: DashboardKind) -> Option<OrgKind> {
    match kind {
        DashboardKind::Gemeente => Some(OrgKind::Gemeente),
        DashboardKind::Verhuurder => Some(OrgKind::Verhuurder),
        DashboardKind::Platform => None,
    }
}

/// The dashboard this actor has, if any: the platform's for a platform
/// administrator, otherwise its own organisation's kind.
pub fn own_kind(actor: &Actor) -> Option<DashboardKind> {
    if actor.is_platform_admin() {
        return Some(DashboardKind::Platform);
    }
    match actor.org_kind {
        OrgKind::Gemeente => Some(DashboardKind::Gemeente),
        OrgKind::Verhuurder => Some(DashboardKind::Verhuurder),
        _ => None,
    }
}

pub const NOT_YOUR_KIND: Decision =
    Decision::Forbidden("dit zijn de statistieken van een ander soort organisatie");

/// `can` through `authorize` (a denial is audited): the platform's
/// figures, or the actor's own organisation's, of the right kind.
pub async fn allow(state: &AppState, actor: &Actor, kind: DashboardKind) -> Result<(), Decision> {
    match owner_kind(kind) {
        None => authorize(state, actor, Action::ViewStatistics, Resource::Platform).await,
        Some(org_kind) => {
            let own = Resource::Organisation(actor.org_id);
            authorize(state, actor, Action::ViewStatistics, own).await?;
            if actor.org_kind == org_kind {
                Ok(())
            } else {
                Err(NOT_YOUR_KIND)
            }
        }
    }
}

/// A period as asked for, parsed.
pub struct AskedPeriod {
    pub period: Period,
    /// As `Period::parse` reads it back, for links and file names.
    pub label: String,
}

/// The period asked for: the free field `anders` when filled in, else the
/// choice `periode`, else this year. An error names the field.
pub fn asked_period(
    choice: Option<&str>,
    other: Option<&str>,
    today: NaiveDate,
) -> Result<AskedPeriod, (&'static str, String)> {
    let filled = |v: Option<&str>| v.map(str::trim).filter(|v| !v.is_empty()).map(String::from);
    let (field, text) = match (filled(other), filled(choice)) {
        (Some(text), _) => ("anders", text),
        (None, Some(text)) => ("periode", text),
        (None, None) => ("periode", today.year().to_string()),
    };
    let period = Period::parse(&text).map_err(|e| (field, e.to_string()))?;
    Ok(AskedPeriod {
        period,
        label: period.to_string(),
    })
}

/// The figures, computed by the domain from the store's counts.
pub async fn load(
    state: &AppState,
    kind: DashboardKind,
    org: &Org,
    asked: &AskedPeriod,
    today: NaiveDate,
) -> Result<Dashboard, StoreError> {
    let store = &*state.store;
    let (period, label) = (asked.period, asked.label.as_str());
    match kind {
        DashboardKind::Gemeente => {
            crate::stats::load::gemeente(store, org, period, label, today).await
        }
        DashboardKind::Verhuurder => {
            crate::stats::load::verhuurder(store, org, period, label, today).await
        }
        DashboardKind::Platform => crate::stats::load::platform(store, period, label).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_free_field_wins_and_errors_name_their_field() {
        let today: NaiveDate = "2026-11-22".parse().unwrap();
        let label = |c, o| asked_period(c, o, today).map(|a| a.label);
        assert_eq!(label(None, None).unwrap(), "2026");
        assert_eq!(label(Some("2025-K2"), Some(" ")).unwrap(), "2025-K2");
        assert_eq!(
            label(Some("2025"), Some("2026-01-15..2026-03-31")).unwrap(),
            "2026-01-15..2026-03-31"
        );
        assert_eq!(label(Some("2025-k1"), None).unwrap(), "2025-K1");
        let (field, why) = label(Some("2025"), Some("vorig jaar")).unwrap_err();
        assert_eq!(field, "anders");
        assert!(why.contains("vorig jaar"), "{why}");
        assert_eq!(label(Some("2026-13"), None).unwrap_err().0, "periode");
        assert_eq!(kind_of("verhuurder"), Some(DashboardKind::Verhuurder));
        assert_eq!(kind_of("x"), None);
    }
}
