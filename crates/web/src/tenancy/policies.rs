//! The gate's policies as people declare them (issue 5, point 4): a
//! platform administrator declares moratoria, leniency and settings for the
//! whole platform; a verhuurder may only be stricter. Every version is kept
//! as it was declared (a decision names the versions it used); lifting one
//! early only moves its end. Who may declare is the caller's `authorize`;
//! whether a verhuurder's version is strict enough is checked here, so no
//! caller can skip it.

use super::{TenancyActor, TenancyError};
use chrono::NaiveDate;
use serde_json::Value;
use vangnet_domain::tenancy::Policy;
use vangnet_domain::Invalid;
use vangnet_store::tenancy::{GatePolicy, NewGatePolicy, PolicyArea, PolicyScope};
use vangnet_store::Store;

/// One new version as a person declares it.
#[derive(Debug, Clone, PartialEq)]
pub struct Declaration {
    pub scope: PolicyScope,
    pub version_label: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub area: PolicyArea,
    /// Overrides of the defaults, read as `gate eval` reads its `policy`.
    pub policy: Value,
}

/// Stores a new version after checking its contents and, for a
/// verhuurder, that it is no laxer than the platform in each gemeente it
/// covers on the day it starts. Every problem is reported at once.
pub async fn declare_policy(
    store: &dyn Store,
    who: &TenancyActor<'_>,
    declaration: Declaration,
) -> Result<i64, TenancyError> {
    Policy::from_json(&declaration.policy)?;
    if let PolicyScope::Verhuurder(own) = declaration.scope {
        check_stricter(store, own, &declaration).await?;
    }
    let new = NewGatePolicy {
        scope: declaration.scope,
        area: declaration.area,
        valid_from: declaration.valid_from,
        valid_to: declaration.valid_to,
        version_label: declaration.version_label.trim().to_string(),
        policy: declaration.policy,
        created_by_user_id: who.actor.user_id(),
    };
    let audit = (who.audit)("gate_policy.declare");
    Ok(store.create_gate_policy(&new, audit).await?)
}

/// Ends a version on `valid_to` (a moratorium lifted early).
pub async fn end_policy(
    store: &dyn Store,
    who: &TenancyActor<'_>,
    scope: PolicyScope,
    policy_id: i64,
    valid_to: NaiveDate,
) -> Result<(), TenancyError> {
    let audit = (who.audit)("gate_policy.end");
    Ok(store
        .end_gate_policy(scope, policy_id, valid_to, audit)
        .await?)
}

/// The policy the gate applies on `on` to the scope's tenancies in
/// `gemeentecode` (all-area versions only without one); for the platform,
/// its own versions only.
pub async fn policy_in_force(
    store: &dyn Store,
    scope: PolicyScope,
    gemeentecode: Option<&str>,
    on: NaiveDate,
) -> Result<Policy, TenancyError> {
    // No verhuurder has id 0, so the platform's scope reads only its own.
    let verhuurder = scope.verhuurder_org_id().unwrap_or(0);
    let versions = store
        .gate_policies_in_force(verhuurder, gemeentecode, on)
        .await?;
    Ok(merged_policy(&versions)?)
}

/// Moratoria and leniency add up with the platform's (see
/// `merged_policy`), so only settings and holidays can make a verhuurder's
/// version laxer; those are compared in each gemeente it covers.
async fn check_stricter(
    store: &dyn Store,
    verhuurder: i64,
    declaration: &Declaration,
) -> Result<(), TenancyError> {
    let codes: Vec<Option<&str>> = match &declaration.area {
        PolicyArea::All => vec![None],
        PolicyArea::Gemeenten(codes) => codes.iter().map(|c| Some(c.as_str())).collect(),
    };
    for code in codes {
        let platform = store
            .gate_policies_in_force(verhuurder, code, declaration.valid_from)
            .await?
            .into_iter()
            .filter(|p| p.data.scope == PolicyScope::Platform)
            .collect::<Vec<_>>();
        let platform = merged_policy(&platform)?;
        let mut mine = Policy::merged(&platform, &declaration.policy)?;
        mine.moratoria.clone_from(&platform.moratoria);
        mine.leniency.clone_from(&platform.leniency);
        mine.check_at_least_as_strict_as(&platform)?;
    }
    Ok(())
}

/// The policies in force merged onto the defaults, platform first, then the
/// verhuurder's, each by start (the order `gate_policies_in_force` gives).
/// Settings follow the domain's key-by-key merge. Moratoria and leniency
/// of different versions add up rather than replace each other: two
/// declarations in force at once both hold, and a verhuurder's own policy
/// can never lift the platform's moratorium. A verhuurder's settings are
/// tightened to the platform's, so its version (checked when declared)
/// never makes the gate laxer than the platform asks today. The version
/// names every version used, so a stored decision can be traced to them.
pub fn merged_policy(policies: &[GatePolicy]) -> Result<Policy, Invalid> {
    let mut policy = Policy::default();
    let mut platform = Policy::default();
    let mut labels = Vec::new();
    for stored in policies {
        let mut overrides = clipped(&stored.data.policy, stored.data.valid_to);
        if let Value::Object(map) = &mut overrides {
            map.remove("version");
        }
        let before = policy.clone();
        let mut merged = Policy::merged(&before, &overrides).map_err(|e| {
            vangnet_domain::Invalid::one(
                "policy",
                format!(
                    "beleidsversie {} is ongeldig: {e}",
                    stored.data.version_label
                ),
            )
        })?;
        for m in before.moratoria {
            if !merged.moratoria.contains(&m) {
                merged.moratoria.insert(0, m);
            }
        }
        for l in before.leniency {
            if !merged.leniency.contains(&l) {
                merged.leniency.insert(0, l);
            }
        }
        let owner = match stored.data.scope {
            PolicyScope::Platform => "platform",
            PolicyScope::Verhuurder(_) => "verhuurder",
        };
        labels.push((stored.id, format!("{owner}:{}", stored.data.version_label)));
        policy = merged;
        if stored.data.scope == PolicyScope::Platform {
            platform = policy.clone();
        }
    }
    policy = policy.tightened_to(&platform);
    policy.version = policy_version(&labels);
    Ok(policy)
}

/// "vangnet-standaard-1", or the defaults plus each version used; by
/// policy id when the labels would not fit a version (64 characters).
fn policy_version(labels: &[(i64, String)]) -> String {
    let default = vangnet_domain::tenancy::policy::DEFAULT_VERSION;
    if labels.is_empty() {
        return default.to_string();
    }
    let named: Vec<&str> = labels.iter().map(|(_, l)| l.as_str()).collect();
    let full = format!("{default}+{}", named.join("+"));
    if full.chars().count() <= 64 {
        return full;
    }
    let ids: Vec<String> = labels.iter().map(|(id, _)| format!("#{id}")).collect();
    format!("{default}+beleid{}", ids.join(""))
}

/// A version's moratoria and leniency end when the version does: lifting a
/// version early (its contents never change) must lift them too, also for
/// a planned date after the lift. One lifted before it began is dropped.
fn clipped(policy: &Value, valid_to: Option<NaiveDate>) -> Value {
    let mut policy = policy.clone();
    let Some(end) = valid_to else {
        return policy;
    };
    let date = |item: &Value, key: &str| {
        item.get(key)
            .and_then(Value::as_str)
            .and_then(|d| d.parse::<NaiveDate>().ok())
    };
    for key in ["moratoria", "leniency"] {
        if let Some(Value::Array(items)) = policy.get_mut(key) {
            items.retain(|item| date(item, "from").is_none_or(|from| from <= end));
            for item in items.iter_mut() {
                if date(item, "to").is_some_and(|to| to > end) {
                    item["to"] = Value::from(end.to_string());
                }
            }
        }
    }
    policy
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use serde_json::json;

    fn stored(id: i64, scope: PolicyScope, label: &str, policy: serde_json::Value) -> GatePolicy {
        GatePolicy {
            id,
            data: NewGatePolicy {
                scope,
                area: PolicyArea::All,
                valid_from: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
                valid_to: None,
                version_label: label.into(),
                policy,
                created_by_user_id: None,
            },
            created_at: Utc::now(),
        }
    }

    fn moratorium(from: &str, to: &str) -> serde_json::Value {
        json!({"moratoria": [{"from": from, "to": to, "gemeentecodes": null}]})
    }

    #[test]
    fn no_policies_is_the_default() {
        assert_eq!(merged_policy(&[]).unwrap(), Policy::default());
    }

    #[test]
    fn settings_merge_key_by_key_and_the_version_names_every_version() {
        let policies = [
            stored(
                1,
                PolicyScope::Platform,
                "p1",
                json!({"signal_to_dagvaarding_days": 90}),
            ),
            stored(
                2,
                PolicyScope::Verhuurder(7),
                "v1",
                json!({"receipt_days": 3, "version": "ignored"}),
            ),
        ];
        let policy = merged_policy(&policies).unwrap();
        assert_eq!(policy.signal_to_dagvaarding_days, 90);
        assert_eq!(policy.receipt_days, 3);
        assert_eq!(
            policy.version,
            "vangnet-standaard-1+platform:p1+verhuurder:v1"
        );
    }

    #[test]
    fn moratoria_of_several_versions_add_up() {
        let policies = [
            stored(
                1,
                PolicyScope::Platform,
                "m1",
                moratorium("2020-03-26", "2020-06-30"),
            ),
            stored(
                2,
                PolicyScope::Platform,
                "m2",
                moratorium("2021-01-01", "2021-02-01"),
            ),
            stored(3, PolicyScope::Verhuurder(7), "v", json!({"moratoria": []})),
        ];
        let policy = merged_policy(&policies).unwrap();
        assert_eq!(policy.moratoria.len(), 2, "a verhuurder cannot lift one");
    }

    #[test]
    fn a_long_version_falls_back_to_policy_ids() {
        let label = "x".repeat(40);
        let policies = [
            stored(4, PolicyScope::Platform, &label, json!({})),
            stored(9, PolicyScope::Verhuurder(7), &label, json!({})),
        ];
        let policy = merged_policy(&policies).unwrap();
        assert_eq!(policy.version, "vangnet-standaard-1+beleid#4#9");
        assert!(policy.validate().is_ok());
    }

    #[test]
    fn an_invalid_stored_policy_is_named() {
        let policies = [stored(
            1,
            PolicyScope::Platform,
            "kapot",
            json!({"receipt_days": 99}),
        )];
        let error = merged_policy(&policies).unwrap_err();
        assert!(error.to_string().contains("kapot"), "{error}");
    }

    #[test]
    fn a_lifted_version_ends_its_moratoria_and_leniency() {
        let mut version = stored(
            1,
            PolicyScope::Platform,
            "winter",
            json!({
                "moratoria": [
                    {"from": "2026-12-01", "to": "2027-01-31", "gemeentecodes": null},
                    {"from": "2027-01-10", "to": "2027-01-20", "gemeentecodes": null}
                ],
                "leniency": [{"from": "2026-12-01", "to": "2027-03-31", "gemeentecodes": null}]
            }),
        );
        version.data.valid_to = NaiveDate::from_ymd_opt(2027, 1, 5);
        let policy = merged_policy(&[version]).unwrap();
        let end = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
        assert_eq!(policy.moratoria.len(), 1, "the later one never began");
        assert_eq!(policy.moratoria[0].to, end);
        assert_eq!(policy.leniency[0].to, end);
    }

    #[test]
    fn a_verhuurders_settings_never_go_below_the_platforms() {
        let policies = [
            stored(
                1,
                PolicyScope::Platform,
                "p",
                json!({"signal_to_dagvaarding_days": 90}),
            ),
            stored(
                2,
                PolicyScope::Verhuurder(7),
                "v",
                json!({"signal_to_dagvaarding_days": 70, "receipt_days": 4}),
            ),
        ];
        let policy = merged_policy(&policies).unwrap();
        assert_eq!(policy.signal_to_dagvaarding_days, 90);
        assert_eq!(policy.receipt_days, 4);
    }
}
