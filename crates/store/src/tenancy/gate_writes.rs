//! Writing the gate's records inside a transaction: decisions, overrides
//! and policy versions, stamped out per backend connection by
//! `gate_writes!` (which uses `tenancy_writes!`'s `insert_event`), with the
//! checks that need no database written once, here.

use super::gate_records::{
    GateOverride, NewGateOverride, NewGatePolicy, OverrideStatus, PolicyArea,
};
use crate::{Result, StoreError};
use chrono::NaiveDate;
use vangnet_domain::Invalid;

/// An override is for a step the stored decision blocked, with a reason.
pub(crate) fn check_override_request(
    step: &str,
    allowed: bool,
    request: &NewGateOverride,
) -> Result<()> {
    let mut invalid = Invalid::default();
    if allowed {
        invalid.push(
            "decision_id",
            "de poort stond deze stap toe; een doorbraak is niet nodig",
        );
    }
    if request.event.kind != step {
        invalid.push("event.kind", "de stap hoort bij een andere poortbeslissing");
    }
    if request.reason.trim().is_empty() {
        invalid.push("reason", "schrijf op waarom deze stap toch nodig is");
    }
    Ok(invalid.into_result()?)
}

/// Four eyes: only a pending override is decided, by someone other than
/// who asked for it.
pub(crate) fn check_reviewer(found: &GateOverride, reviewer_user_id: i64) -> Result<()> {
    if found.status != OverrideStatus::Pending {
        return Err(StoreError::conflict(
            "status",
            "over deze doorbraak is al beslist",
        ));
    }
    if found.requested_by_user_id == reviewer_user_id {
        return Err(StoreError::conflict(
            "reviewer",
            "een tweede persoon moet over de doorbraak beslissen, niet wie hem aanvroeg",
        ));
    }
    Ok(())
}

pub(crate) fn check_policy(policy: &NewGatePolicy) -> Result<()> {
    let mut invalid = Invalid::default();
    if policy.version_label.trim().is_empty() {
        invalid.push("version_label", "geef de versie een naam");
    }
    if policy.valid_to.is_some_and(|to| to < policy.valid_from) {
        invalid.push("valid_to", "de einddatum ligt vóór de begindatum");
    }
    if let PolicyArea::Gemeenten(codes) = &policy.area {
        if codes.is_empty() {
            invalid.push("area", "kies minstens één gemeente, of het hele land");
        }
        if codes
            .iter()
            .any(|c| c.len() != 4 || !c.bytes().all(|b| b.is_ascii_digit()))
        {
            invalid.push("area", "een gemeentecode heeft vier cijfers");
        }
    }
    Ok(invalid.into_result()?)
}

/// A version may end earlier than planned, but not before it began.
pub(crate) fn check_end(
    valid_from: NaiveDate,
    planned_to: Option<NaiveDate>,
    valid_to: NaiveDate,
) -> Result<()> {
    if valid_to < valid_from || planned_to.is_some_and(|planned| valid_to > planned) {
        return Err(Invalid::one(
            "valid_to",
            "een beleid kan alleen eerder eindigen dan gepland, en niet vóór het begint",
        )
        .into());
    }
    Ok(())
}

macro_rules! gate_writes {
    ($conn:ty) => {
        async fn insert_decision(
            conn: &mut $conn,
            verhuurder: i64,
            d: &$crate::tenancy::NewGateDecision,
        ) -> $crate::Result<i64> {
            use $crate::tenancy::sql;
            let version: Option<i64> = sqlx::query_scalar(sql::TENANCY_VERSION)
                .bind(d.tenancy_id)
                .bind(verhuurder)
                .fetch_optional(&mut *conn)
                .await?;
            match version {
                None => return Err($crate::StoreError::NotFound),
                // A decision on facts that have changed since must be made again.
                Some(v) if v != d.tenancy_version => return Err($crate::tenancy::writes::stale()),
                Some(_) => {}
            }
            Ok(sqlx::query_scalar(sql::INSERT_DECISION)
                .bind(d.tenancy_id)
                .bind(d.tenancy_version)
                .bind(&d.step)
                .bind(d.evaluated_on)
                .bind(d.planned_date)
                .bind(d.allowed)
                .bind(d.reasons.to_string())
                .bind(&d.policy_version)
                .bind(d.decided_by_user_id)
                .bind($crate::ts::Ts(chrono::Utc::now()))
                .fetch_one(&mut *conn)
                .await?)
        }

        async fn insert_override(
            conn: &mut $conn,
            verhuurder: i64,
            r: &$crate::tenancy::NewGateOverride,
        ) -> $crate::Result<i64> {
            use $crate::tenancy::{gate_writes, rows, sql};
            let decision: Option<(String, bool)> = sqlx::query_as(
                "SELECT d.step, d.allowed FROM gate_decisions d \
                 JOIN tenancies t ON t.id = d.tenancy_id \
                 WHERE d.id = $1 AND d.tenancy_id = $2 AND t.verhuurder_org_id = $3",
            )
            .bind(r.decision_id)
            .bind(r.tenancy_id)
            .bind(verhuurder)
            .fetch_optional(&mut *conn)
            .await?;
            let (step, allowed) = decision.ok_or($crate::StoreError::NotFound)?;
            gate_writes::check_override_request(&step, allowed, r)?;
            $crate::tenancy::writes::check_event(&r.event)?;
            let pending: Option<i64> = sqlx::query_scalar(sql::PENDING_OVERRIDE)
                .bind(r.tenancy_id)
                .bind(&step)
                .fetch_optional(&mut *conn)
                .await?;
            if pending.is_some() {
                return Err($crate::StoreError::conflict(
                    "step",
                    "voor deze stap wacht al een doorbraak op een tweede persoon",
                ));
            }
            let (document_name, document_sha256) = rows::document_columns(&r.event);
            Ok(sqlx::query_scalar(sql::INSERT_OVERRIDE)
                .bind(r.tenancy_id)
                .bind(r.decision_id)
                .bind(&step)
                .bind(r.event.on_date)
                .bind(r.event.target_date)
                .bind(r.event.details.to_string())
                .bind(document_name)
                .bind(document_sha256)
                .bind(&r.reason)
                .bind(r.requested_by_user_id)
                .bind($crate::ts::Ts(chrono::Utc::now()))
                .fetch_one(&mut *conn)
                .await?)
        }

        /// Approves (recording the step) or rejects a pending override.
        async fn decide_override(
            conn: &mut $conn,
            verhuurder: i64,
            override_id: i64,
            reviewer: i64,
            decision: $crate::tenancy::OverrideStatus,
            expected_version: Option<i64>,
        ) -> $crate::Result<(
            $crate::tenancy::GateOverride,
            Option<$crate::tenancy::RecordedEvent>,
        )> {
            use $crate::tenancy::{gate_writes, sql, EventRecording, GateOverride, OverrideStatus};
            let row: Option<$crate::tenancy::rows::OverrideRow> =
                sqlx::query_as(&sql::override_query("o.id = $2"))
                    .bind(verhuurder)
                    .bind(override_id)
                    .fetch_optional(&mut *conn)
                    .await?;
            let found = GateOverride::try_from(row.ok_or($crate::StoreError::NotFound)?)?;
            gate_writes::check_reviewer(&found, reviewer)?;
            let colleague: Option<i64> =
                sqlx::query_scalar("SELECT id FROM users WHERE id = $1 AND org_id = $2")
                    .bind(reviewer)
                    .bind(verhuurder)
                    .fetch_optional(&mut *conn)
                    .await?;
            if colleague.is_none() {
                return Err($crate::StoreError::NotFound);
            }
            let decided = sqlx::query(sql::DECIDE_OVERRIDE)
                .bind(override_id)
                .bind(decision.slug())
                .bind(reviewer)
                .bind($crate::ts::Ts(chrono::Utc::now()))
                .execute(&mut *conn)
                .await?;
            if decided.rows_affected() == 0 {
                return Err($crate::StoreError::conflict(
                    "status",
                    "over deze doorbraak is al beslist",
                ));
            }
            if decision != OverrideStatus::Approved {
                return Ok((found, None));
            }
            let recording = EventRecording {
                recorded_by_user_id: Some(found.requested_by_user_id),
                expected_version,
                gate_decision_id: Some(found.decision_id),
            };
            let recorded = insert_event(
                conn,
                verhuurder,
                found.tenancy_id,
                &found.event,
                &recording,
                Some(found.id),
            )
            .await?;
            Ok((found, Some(recorded)))
        }

        async fn insert_policy(
            conn: &mut $conn,
            p: &$crate::tenancy::NewGatePolicy,
        ) -> $crate::Result<i64> {
            use $crate::tenancy::{gate_writes, rows, sql, PolicyArea};
            gate_writes::check_policy(p)?;
            let taken: Option<i64> = sqlx::query_scalar(&format!(
                "SELECT p.id FROM gate_policies p WHERE {} AND p.version_label = $2",
                sql::in_scope(1)
            ))
            .bind(p.scope.verhuurder_org_id())
            .bind(&p.version_label)
            .fetch_optional(&mut *conn)
            .await?;
            if taken.is_some() {
                return Err($crate::StoreError::conflict(
                    "version_label",
                    "deze versie bestaat al; kies een nieuwe naam",
                ));
            }
            let codes: &[String] = match &p.area {
                PolicyArea::All => &[],
                PolicyArea::Gemeenten(codes) => codes,
            };
            let id: i64 = sqlx::query_scalar(sql::INSERT_POLICY)
                .bind(p.scope.verhuurder_org_id())
                .bind(matches!(p.area, PolicyArea::All))
                .bind(p.valid_from)
                .bind(p.valid_to)
                .bind(&p.version_label)
                .bind(rows::to_json(&p.policy)?)
                .bind(p.created_by_user_id)
                .bind($crate::ts::Ts(chrono::Utc::now()))
                .fetch_one(&mut *conn)
                .await?;
            let mut unique: Vec<&String> = codes.iter().collect();
            unique.sort();
            unique.dedup();
            for code in unique {
                sqlx::query(sql::INSERT_POLICY_AREA)
                    .bind(id)
                    .bind(code)
                    .execute(&mut *conn)
                    .await?;
            }
            Ok(id)
        }

        async fn end_policy(
            conn: &mut $conn,
            scope: $crate::tenancy::PolicyScope,
            policy_id: i64,
            valid_to: chrono::NaiveDate,
        ) -> $crate::Result<()> {
            let found: Option<(chrono::NaiveDate, Option<chrono::NaiveDate>)> =
                sqlx::query_as(&format!(
                    "SELECT p.valid_from, p.valid_to FROM gate_policies p WHERE p.id = $1 AND {}",
                    $crate::tenancy::sql::in_scope(2)
                ))
                .bind(policy_id)
                .bind(scope.verhuurder_org_id())
                .fetch_optional(&mut *conn)
                .await?;
            let (valid_from, planned_to) = found.ok_or($crate::StoreError::NotFound)?;
            $crate::tenancy::gate_writes::check_end(valid_from, planned_to, valid_to)?;
            sqlx::query("UPDATE gate_policies SET valid_to = $2 WHERE id = $1")
                .bind(policy_id)
                .bind(valid_to)
                .execute(&mut *conn)
                .await?;
            Ok(())
        }
    };
}

pub(crate) use gate_writes;
