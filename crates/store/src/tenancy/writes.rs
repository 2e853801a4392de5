//! Writing tenancies, ledger entries and events inside a transaction:
//! free functions stamped out per backend connection by `tenancy_writes!`,
//! with the checks that need no database written once, here.

use super::records::{NewTenancyEvent, RecordedEvent};
use super::{MELDING_KIND, PLANNED_KIND};
use crate::{Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use vangnet_domain::Invalid;

pub(crate) fn stale() -> StoreError {
    StoreError::conflict(
        "version",
        "iemand anders heeft deze huurovereenkomst intussen gewijzigd; \
         laad de pagina opnieuw en probeer het nog eens",
    )
}

/// A step taken on a stored decision must be the step that decision was
/// about, and allowed unless an approved override carries it.
pub(crate) fn check_decision(
    found: Option<(String, bool)>,
    kind: &str,
    overridden: bool,
) -> Result<()> {
    let reason = match found {
        None => "deze poortbeslissing hoort niet bij deze huurovereenkomst",
        Some((step, _)) if step != kind => "deze poortbeslissing gaat over een andere stap",
        Some((_, false)) if !overridden => {
            "de poort hield deze stap tegen; vraag een doorbraak aan"
        }
        Some(_) => return Ok(()),
    };
    Err(Invalid::one("gate_decision_id", reason).into())
}

/// What the store itself needs of a step: the date a kind aims at (the
/// intended eviction of a melding, the planned date of an eviction), and a
/// document named by a real SHA-256.
pub(crate) fn check_event(event: &NewTenancyEvent) -> Result<()> {
    let mut invalid = Invalid::default();
    let missing_date = match event.kind.as_str() {
        MELDING_KIND => Some("vul de beoogde ontruimingsdatum in"),
        PLANNED_KIND => Some("vul de geplande ontruimingsdatum in"),
        _ => None,
    };
    if let (Some(reason), None) = (missing_date, event.target_date) {
        invalid.push("target_date", reason);
    }
    if let Some(document) = &event.document {
        let hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
        if document.sha256.len() != 64 || !document.sha256.bytes().all(hex) {
            invalid.push(
                "document",
                "de SHA-256 van het document is 64 hexadecimale tekens",
            );
        }
        if document.name.trim().is_empty() {
            invalid.push("document", "geef het document een naam");
        }
    }
    Ok(invalid.into_result()?)
}

/// A melding goes to the tenancy's gemeente; without one vangnet cannot
/// make it, and saying it did would be worse than refusing.
pub(crate) fn melding_gemeente(gemeente: Option<i64>) -> Result<i64> {
    gemeente.ok_or_else(|| {
        Invalid::one(
            "gemeente",
            "geen gemeente bekend voor dit adres; meld de ontruiming rechtstreeks bij de gemeente",
        )
        .into()
    })
}

pub(crate) fn dutch_date(date: NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

/// What the audit log keeps of a recorded step: ids and the kind only.
pub(crate) fn event_facts(kind: &str, recorded: &RecordedEvent) -> serde_json::Value {
    let mut facts = serde_json::json!({
        "event_id": recorded.event_id,
        "kind": kind,
        "version": recorded.version,
    });
    if let Some(notice) = recorded.notice {
        facts["notice_id"] = notice.notice_id.into();
        facts["case_id"] = notice.case_id.into();
        facts["case_opened"] = notice.case_opened.into();
    }
    facts
}

/// A step being written, with what its consequences need.
pub(crate) struct Step<'a> {
    pub verhuurder: i64,
    pub tenancy_id: i64,
    pub event_id: i64,
    pub event: &'a NewTenancyEvent,
    pub actor: Option<i64>,
    pub now: DateTime<Utc>,
}

macro_rules! tenancy_writes {
    ($conn:ty) => {
        /// Runs `INSERT_TENANCY` or `UPDATE_TENANCY` (the same parameters).
        async fn write_tenancy(
            conn: &mut $conn,
            statement: &str,
            verhuurder: i64,
            data: &$crate::tenancy::TenancyData,
            now: $crate::ts::Ts,
        ) -> $crate::Result<Option<i64>> {
            let a = &data.address;
            Ok(sqlx::query_scalar(statement)
                .bind(verhuurder)
                .bind(&data.reference)
                .bind($crate::tenancy::rows::to_json(&data.tenants)?)
                .bind(&a.street)
                .bind(i64::from(a.house_number))
                .bind(&a.addition)
                .bind(&a.postcode)
                .bind(&a.city)
                .bind(data.household_key())
                .bind(data.gemeente_org_id)
                .bind(&data.gemeentecode)
                .bind(&data.grounds)
                .bind(data.monthly_rent_cents)
                .bind(data.start_date)
                .bind(now)
                .fetch_optional(&mut *conn)
                .await?)
        }

        async fn upsert_tenancy(
            conn: &mut $conn,
            verhuurder: i64,
            data: &$crate::tenancy::TenancyData,
            now: $crate::ts::Ts,
        ) -> $crate::Result<$crate::tenancy::TenancyOutcome> {
            use $crate::tenancy::{sql, Tenancy, TenancyOutcome};
            let inserted = write_tenancy(conn, sql::INSERT_TENANCY, verhuurder, data, now).await?;
            if let Some(tenancy_id) = inserted {
                return Ok(TenancyOutcome::Created { tenancy_id });
            }
            let row: $crate::tenancy::rows::TenancyRow =
                sqlx::query_as(&sql::tenancy_query("t.reference = $2", ""))
                    .bind(verhuurder)
                    .bind(&data.reference)
                    .fetch_one(&mut *conn)
                    .await?;
            let stored = Tenancy::try_from(row)?;
            if stored.data == *data {
                return Ok(TenancyOutcome::Unchanged {
                    tenancy_id: stored.id,
                });
            }
            write_tenancy(conn, sql::UPDATE_TENANCY, verhuurder, data, now).await?;
            Ok(TenancyOutcome::Updated {
                tenancy_id: stored.id,
            })
        }

        /// Raises the version of a tenancy in scope (if still at `expected`).
        async fn touch_tenancy(
            conn: &mut $conn,
            verhuurder: i64,
            tenancy_id: i64,
            expected: Option<i64>,
            now: $crate::ts::Ts,
        ) -> $crate::Result<(i64, Option<i64>, String)> {
            let touched = sqlx::query_as($crate::tenancy::sql::TOUCH_TENANCY)
                .bind(tenancy_id)
                .bind(verhuurder)
                .bind(expected)
                .bind(now)
                .fetch_optional(&mut *conn)
                .await?;
            if let Some(touched) = touched {
                return Ok(touched);
            }
            let exists: Option<i64> = sqlx::query_scalar($crate::tenancy::sql::TENANCY_VERSION)
                .bind(tenancy_id)
                .bind(verhuurder)
                .fetch_optional(&mut *conn)
                .await?;
            Err(match exists {
                Some(_) => $crate::tenancy::writes::stale(),
                None => $crate::StoreError::NotFound,
            })
        }

        async fn add_ledger(
            conn: &mut $conn,
            verhuurder: i64,
            tenancy_id: i64,
            entries: &[$crate::tenancy::NewLedgerEntry],
        ) -> $crate::Result<Vec<$crate::tenancy::LedgerOutcome>> {
            use $crate::tenancy::{sql, LedgerOutcome};
            let exists: Option<i64> = sqlx::query_scalar(sql::TENANCY_VERSION)
                .bind(tenancy_id)
                .bind(verhuurder)
                .fetch_optional(&mut *conn)
                .await?;
            if exists.is_none() {
                return Err($crate::StoreError::NotFound);
            }
            let now = $crate::ts::Ts(chrono::Utc::now());
            let mut outcomes = Vec::with_capacity(entries.len());
            for entry in entries {
                let added: Option<i64> = sqlx::query_scalar(sql::INSERT_LEDGER)
                    .bind(tenancy_id)
                    .bind(entry.kind.slug())
                    .bind(entry.on_date)
                    .bind(entry.amount_cents)
                    .bind(&entry.description)
                    .bind(&entry.reference)
                    .bind(now)
                    .fetch_optional(&mut *conn)
                    .await?;
                outcomes.push(added.map_or(LedgerOutcome::Duplicate, |entry_id| {
                    LedgerOutcome::Added { entry_id }
                }));
            }
            // Only a real change makes decisions on the old balance stale.
            if outcomes.iter().any(|o| matches!(o, LedgerOutcome::Added { .. })) {
                touch_tenancy(conn, verhuurder, tenancy_id, None, now).await?;
            }
            Ok(outcomes)
        }

        /// Records a step and its consequences; `override_id` when an
        /// approved override carries a blocked step.
        async fn insert_event(
            conn: &mut $conn,
            verhuurder: i64,
            tenancy_id: i64,
            event: &$crate::tenancy::NewTenancyEvent,
            recording: &$crate::tenancy::EventRecording,
            override_id: Option<i64>,
        ) -> $crate::Result<$crate::tenancy::RecordedEvent> {
            use $crate::tenancy::{rows, sql, writes, MELDING_KIND, PLANNED_KIND};
            writes::check_event(event)?;
            let now = chrono::Utc::now();
            let (version, gemeente, household_key) = touch_tenancy(
                conn,
                verhuurder,
                tenancy_id,
                recording.expected_version,
                $crate::ts::Ts(now),
            )
            .await?;
            if let Some(decision_id) = recording.gate_decision_id {
                let found = sqlx::query_as(
                    "SELECT step, allowed FROM gate_decisions WHERE id = $1 AND tenancy_id = $2",
                )
                .bind(decision_id)
                .bind(tenancy_id)
                .fetch_optional(&mut *conn)
                .await?;
                writes::check_decision(found, &event.kind, override_id.is_some())?;
            }
            let (document_name, document_sha256) = rows::document_columns(event);
            let event_id: i64 = sqlx::query_scalar(sql::INSERT_EVENT)
                .bind(tenancy_id)
                .bind(&event.kind)
                .bind(event.on_date)
                .bind(event.target_date)
                .bind(event.details.to_string())
                .bind(document_name)
                .bind(document_sha256)
                .bind(recording.recorded_by_user_id)
                .bind($crate::ts::Ts(now))
                .bind(recording.gate_decision_id)
                .bind(override_id)
                .fetch_one(&mut *conn)
                .await?;
            let step = writes::Step {
                verhuurder,
                tenancy_id,
                event_id,
                event,
                actor: recording.recorded_by_user_id,
                now,
            };
            // `check_event` made sure both kinds have their date.
            let notice = match (event.kind.as_str(), event.target_date) {
                (MELDING_KIND, Some(intended)) => {
                    let gemeente = writes::melding_gemeente(gemeente)?;
                    Some(notify_gemeente(conn, &step, gemeente, &household_key, intended).await?)
                }
                (PLANNED_KIND, Some(planned)) => {
                    show_planned_date(conn, &step, planned).await?;
                    None
                }
                _ => None,
            };
            Ok($crate::tenancy::RecordedEvent {
                event_id,
                version,
                notice,
            })
        }

        /// Art. 14: the notice in the gemeente's list, and the household's
        /// open cases up for a new priority, or a case opened for it.
        async fn notify_gemeente(
            conn: &mut $conn,
            step: &$crate::tenancy::writes::Step<'_>,
            gemeente: i64,
            household_key: &str,
            intended: chrono::NaiveDate,
        ) -> $crate::Result<$crate::tenancy::NoticeLink> {
            use $crate::tenancy::{sql, writes};
            let now = $crate::ts::Ts(step.now);
            let open: Vec<i64> = sqlx::query_scalar(sql::REPRIORITISE_CASES)
                .bind(gemeente)
                .bind(household_key)
                .fetch_all(&mut *conn)
                .await?;
            let (case_id, case_opened) = match open.iter().min() {
                Some(id) => (*id, false),
                None => {
                    let id = sqlx::query_scalar(sql::OPEN_CASE)
                        .bind(gemeente)
                        .bind(household_key)
                        .bind(step.event.on_date)
                        .bind(now)
                        .fetch_one(&mut *conn)
                        .await?;
                    (id, true)
                }
            };
            let notice_id = sqlx::query_scalar(sql::INSERT_NOTICE)
                .bind(step.tenancy_id)
                .bind(step.event_id)
                .bind(case_id)
                .bind(step.event.on_date)
                .bind(intended)
                .bind(now)
                .fetch_one(&mut *conn)
                .await?;
            let summary = format!(
                "Melding voorgenomen ontruiming (art. 14 Gerechtsdeurwaarderswet), beoogd op {}",
                writes::dutch_date(intended)
            );
            case_event(conn, step, case_id, &summary).await?;
            Ok($crate::tenancy::NoticeLink {
                notice_id,
                case_id,
                case_opened,
            })
        }

        /// The gemeente sees the planned date on the latest notice, if any.
        async fn show_planned_date(
            conn: &mut $conn,
            step: &$crate::tenancy::writes::Step<'_>,
            planned: chrono::NaiveDate,
        ) -> $crate::Result<()> {
            let case_id: Option<i64> = sqlx::query_scalar($crate::tenancy::sql::PLAN_NOTICE)
                .bind(step.tenancy_id)
                .bind(planned)
                .fetch_optional(&mut *conn)
                .await?;
            if let Some(case_id) = case_id {
                let summary = format!(
                    "Ontruiming gepland op {}",
                    $crate::tenancy::writes::dutch_date(planned)
                );
                case_event(conn, step, case_id, &summary).await?;
            }
            Ok(())
        }

        /// A line in the case's timeline, so the gemeente sees why it moved.
        async fn case_event(
            conn: &mut $conn,
            step: &$crate::tenancy::writes::Step<'_>,
            case_id: i64,
            summary: &str,
        ) -> $crate::Result<()> {
            sqlx::query($crate::tenancy::sql::INSERT_CASE_EVENT)
                .bind(case_id)
                .bind($crate::ts::Ts(step.now))
                .bind(step.verhuurder)
                .bind(step.actor)
                .bind(&step.event.kind)
                .bind(summary)
                .execute(&mut *conn)
                .await?;
            Ok(())
        }
    };
}

pub(crate) use tenancy_writes;
