//! Storing one batch of signals: idempotency by (partner, kenmerk), history
//! on change, and matching into cases. The SQL is the same on both
//! backends, so `intake_queries!` stamps these functions out for each
//! backend's connection type; the backend's `lock_intake` serialises
//! batches where the database does not already (PostgreSQL), so two
//! concurrent imports end as if run one after the other.

use crate::signal_records::{CaseLink, NewSignal};
use chrono::NaiveDate;
use std::collections::HashMap;
use vangnet_domain::matching::{CaseSummary, Incoming, MatchDecision, MatchSettings};

#[derive(sqlx::FromRow)]
pub(crate) struct ExistingSignal {
    pub id: i64,
    pub content_hash: String,
    pub version: i64,
    pub amount_cents: i64,
    pub arrears_start: Option<NaiveDate>,
    pub signal_date: NaiveDate,
}

#[derive(sqlx::FromRow)]
pub(crate) struct CandidateRow {
    pub id: i64,
    pub household_key: String,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub bsn: Option<String>,
}

/// Folds one row per (case, signal BSN) into one summary per case.
pub(crate) fn summarise(rows: Vec<CandidateRow>) -> Vec<CaseSummary> {
    let mut cases: Vec<CaseSummary> = Vec::new();
    for row in rows {
        let case = match cases.iter_mut().find(|c| c.id == row.id) {
            Some(case) => case,
            None => {
                cases.push(CaseSummary {
                    id: row.id,
                    household_key: row.household_key,
                    bsns: Vec::new(),
                    opened_on: row.opened_on,
                    closed_on: row.closed_on,
                });
                cases.last_mut().expect("just pushed")
            }
        };
        if let Some(bsn) = row.bsn {
            if !case.bsns.contains(&bsn) {
                case.bsns.push(bsn);
            }
        }
    }
    cases
}

pub(crate) type SettingsCache = HashMap<i64, MatchSettings>;

pub(crate) fn new_case_link(decision: &MatchDecision, case_id: i64) -> CaseLink {
    match decision {
        MatchDecision::Join { .. } => CaseLink::Joined { case_id },
        MatchDecision::NewCase { repeat_of } => CaseLink::Created {
            case_id,
            repeat: repeat_of.is_some(),
        },
    }
}

pub(crate) fn incoming(signal: &NewSignal) -> Incoming<'_> {
    Incoming {
        household_key: &signal.household_key,
        bsn: signal.bsn.as_deref(),
        signal_date: signal.signal_date,
    }
}

pub(crate) fn routing_slug(signal: &NewSignal) -> (&'static str, Option<i64>) {
    use vangnet_domain::routing::Route;
    match &signal.route {
        Route::Gemeente(id) => ("routed", Some(*id)),
        Route::Unroutable => ("unroutable", None),
        Route::Conflict(_) => ("conflict", None),
    }
}

macro_rules! intake_queries {
    ($conn:ty) => {
        async fn match_settings_in(
            conn: &mut $conn,
            cache: &mut $crate::intake::SettingsCache,
            gemeente: i64,
        ) -> $crate::Result<vangnet_domain::matching::MatchSettings> {
            if let Some(settings) = cache.get(&gemeente) {
                return Ok(*settings);
            }
            let row: Option<(i64, i64)> = sqlx::query_as(
                "SELECT matching_period_months, repeat_window_months FROM gemeente_settings \
                 WHERE org_id = $1",
            )
            .bind(gemeente)
            .fetch_optional(&mut *conn)
            .await?;
            let settings = match row {
                Some((period, window)) => vangnet_domain::matching::MatchSettings {
                    matching_period_months: period as u32,
                    repeat_window_months: window as u32,
                },
                None => Default::default(),
            };
            cache.insert(gemeente, settings);
            Ok(settings)
        }

        /// Finds or opens the case this signal belongs to.
        async fn place_in_case(
            conn: &mut $conn,
            cache: &mut $crate::intake::SettingsCache,
            gemeente: i64,
            signal: &$crate::NewSignal,
        ) -> $crate::Result<($crate::CaseLink, Option<&'static str>)> {
            let settings = match_settings_in(conn, cache, gemeente).await?;
            let rows: Vec<$crate::intake::CandidateRow> = sqlx::query_as(
                "SELECT c.id, c.household_key, c.opened_on, c.closed_on, s.bsn \
                 FROM cases c LEFT JOIN signals s ON s.case_id = c.id \
                 WHERE c.gemeente_org_id = $1 AND (c.household_key = $2 OR c.id IN \
                   (SELECT case_id FROM signals WHERE gemeente_org_id = $1 AND bsn = $3 \
                    AND case_id IS NOT NULL))",
            )
            .bind(gemeente)
            .bind(&signal.household_key)
            .bind(&signal.bsn)
            .fetch_all(&mut *conn)
            .await?;
            let candidates = $crate::intake::summarise(rows);
            let decision = vangnet_domain::matching::decide(
                &$crate::intake::incoming(signal),
                &candidates,
                settings,
            );
            let (case_id, reason) = match &decision {
                vangnet_domain::matching::MatchDecision::Join { case_id, reason } => {
                    (*case_id, Some(reason.slug()))
                }
                vangnet_domain::matching::MatchDecision::NewCase { repeat_of } => {
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO cases (gemeente_org_id, household_key, opened_on, \
                         repeat_of_case_id, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    )
                    .bind(gemeente)
                    .bind(&signal.household_key)
                    .bind(signal.signal_date)
                    .bind(*repeat_of)
                    .bind($crate::ts::Ts(chrono::Utc::now()))
                    .fetch_one(&mut *conn)
                    .await?;
                    (id, None)
                }
            };
            Ok(($crate::intake::new_case_link(&decision, case_id), reason))
        }

        async fn update_signal(
            conn: &mut $conn,
            import_id: i64,
            old: &$crate::intake::ExistingSignal,
            s: &$crate::NewSignal,
        ) -> $crate::Result<()> {
            let now = $crate::ts::Ts(chrono::Utc::now());
            sqlx::query(
                "INSERT INTO signal_history (signal_id, version, amount_cents, arrears_start, \
                 signal_date, content_hash, replaced_at, import_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(old.id)
            .bind(old.version)
            .bind(old.amount_cents)
            .bind(old.arrears_start)
            .bind(old.signal_date)
            .bind(&old.content_hash)
            .bind(now)
            .bind(import_id)
            .execute(&mut *conn)
            .await?;
            sqlx::query(
                "UPDATE signals SET partner_type = $2, amount_cents = $3, arrears_start = $4, \
                 signal_date = $5, crisis = $6, warm_handover = $7, bsn = $8, initials = $9, \
                 prefix = $10, surname = $11, birth_date = $12, phone = $13, email = $14, \
                 street = $15, city = $16, monthly_rent_cents = $17, contact_tried = $18, \
                 pointed_to_help = $19, reminder_sent_on = $20, content_hash = $21, \
                 version = version + 1, import_id = $22, updated_at = $23 WHERE id = $1",
            )
            .bind(old.id)
            .bind(&s.partner_type)
            .bind(s.amount_cents)
            .bind(s.arrears_start)
            .bind(s.signal_date)
            .bind(s.crisis)
            .bind(s.warm_handover)
            .bind(&s.bsn)
            .bind(&s.initials)
            .bind(&s.prefix)
            .bind(&s.surname)
            .bind(s.birth_date)
            .bind(&s.phone)
            .bind(&s.email)
            .bind(&s.street)
            .bind(&s.city)
            .bind(s.monthly_rent_cents)
            .bind(s.contact_tried)
            .bind(s.pointed_to_help)
            .bind(s.reminder_sent_on)
            .bind(&s.content_hash)
            .bind(import_id)
            .bind(now)
            .execute(&mut *conn)
            .await?;
            Ok(())
        }

        async fn insert_signal(
            conn: &mut $conn,
            import_id: i64,
            partner: i64,
            s: &$crate::NewSignal,
            case_id: Option<i64>,
            reason: Option<&str>,
        ) -> $crate::Result<i64> {
            let (routing, gemeente) = $crate::intake::routing_slug(s);
            let now = $crate::ts::Ts(chrono::Utc::now());
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO signals (partner_org_id, gemeente_org_id, routing, case_id, \
                 match_reason, kenmerk, partner_type, amount_cents, arrears_start, signal_date, \
                 crisis, warm_handover, bsn, initials, prefix, surname, birth_date, phone, email, \
                 street, house_number, addition, postcode, city, household_key, \
                 monthly_rent_cents, contact_tried, pointed_to_help, reminder_sent_on, \
                 content_hash, import_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, \
                 $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, \
                 $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $32) RETURNING id",
            )
            .bind(partner)
            .bind(gemeente)
            .bind(routing)
            .bind(case_id)
            .bind(reason)
            .bind(&s.kenmerk)
            .bind(&s.partner_type)
            .bind(s.amount_cents)
            .bind(s.arrears_start)
            .bind(s.signal_date)
            .bind(s.crisis)
            .bind(s.warm_handover)
            .bind(&s.bsn)
            .bind(&s.initials)
            .bind(&s.prefix)
            .bind(&s.surname)
            .bind(s.birth_date)
            .bind(&s.phone)
            .bind(&s.email)
            .bind(&s.street)
            .bind(s.house_number)
            .bind(&s.addition)
            .bind(&s.postcode)
            .bind(&s.city)
            .bind(&s.household_key)
            .bind(s.monthly_rent_cents)
            .bind(s.contact_tried)
            .bind(s.pointed_to_help)
            .bind(s.reminder_sent_on)
            .bind(&s.content_hash)
            .bind(import_id)
            .bind(now)
            .fetch_one(&mut *conn)
            .await?;
            Ok(id)
        }

        /// One signal: a duplicate, an update with history, or a new signal
        /// placed in a case.
        async fn store_signal(
            conn: &mut $conn,
            cache: &mut $crate::intake::SettingsCache,
            import_id: i64,
            partner: i64,
            s: &$crate::NewSignal,
        ) -> $crate::Result<$crate::SignalOutcome> {
            let existing: Option<$crate::intake::ExistingSignal> = sqlx::query_as(
                "SELECT id, content_hash, version, amount_cents, arrears_start, signal_date \
                 FROM signals WHERE partner_org_id = $1 AND kenmerk = $2",
            )
            .bind(partner)
            .bind(&s.kenmerk)
            .fetch_optional(&mut *conn)
            .await?;
            if let Some(old) = existing {
                if old.content_hash == s.content_hash {
                    return Ok($crate::SignalOutcome::Duplicate { signal_id: old.id });
                }
                update_signal(conn, import_id, &old, s).await?;
                return Ok($crate::SignalOutcome::Updated { signal_id: old.id });
            }
            let (case, reason) = match $crate::intake::routing_slug(s).1 {
                Some(gemeente) => place_in_case(conn, cache, gemeente, s).await?,
                None => ($crate::CaseLink::None, None),
            };
            let case_id = match case {
                $crate::CaseLink::Created { case_id, .. } | $crate::CaseLink::Joined { case_id } => {
                    Some(case_id)
                }
                $crate::CaseLink::None => None,
            };
            let signal_id = insert_signal(conn, import_id, partner, s, case_id, reason).await?;
            Ok($crate::SignalOutcome::Created { signal_id, case })
        }
    };
}

pub(crate) use intake_queries;
