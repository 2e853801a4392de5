//! Storing one batch of signals: idempotency by (partner, kenmerk), history
//! on change, and matching into cases. Per batch it reads what it needs in
//! a few set-based queries (known kenmerken, candidate cases), decides in
//! memory with `domain::matching`, and writes new signals in multi-row
//! INSERTs, so a row costs a fraction of a statement; only new cases and
//! changed signals take a statement each. The SQL is the same on both
//! backends, so `intake_queries!` stamps the functions out for each
//! backend's connection type; the backend's `lock_intake` serialises
//! batches where the database does not already (PostgreSQL), so two
//! concurrent imports end as if run one after the other.

mod case_index;
pub(crate) mod sql;

use crate::signal_records::{CaseLink, NewSignal, SignalOutcome};
pub(crate) use case_index::CaseIndex;
use chrono::NaiveDate;
use std::collections::HashMap;
use vangnet_domain::matching::{Incoming, MatchDecision, MatchSettings};
use vangnet_domain::routing::Route;

/// Rows per multi-row INSERT: 30 × 32 columns stays far below both
/// backends' limits on parameters per statement.
pub(crate) const ROWS_PER_INSERT: usize = 30;
/// Values per `IN (…)` list.
pub(crate) const IN_CHUNK: usize = 500;

#[derive(sqlx::FromRow, Clone)]
pub(crate) struct ExistingSignal {
    pub id: i64,
    pub kenmerk: String,
    pub content_hash: String,
    pub version: i64,
    pub amount_cents: i64,
    pub arrears_start: Option<NaiveDate>,
    pub signal_date: NaiveDate,
    pub household_key: String,
    pub routing: String,
    pub gemeente_org_id: Option<i64>,
    pub case_id: Option<i64>,
    pub match_reason: Option<String>,
}

impl ExistingSignal {
    /// What is stored for `signal` once it is written at `at`, so a later
    /// row of the same batch with the same kenmerk is compared with it.
    pub fn stored(id: i64, version: i64, signal: &NewSignal, at: &Placement) -> ExistingSignal {
        ExistingSignal {
            id,
            kenmerk: signal.kenmerk.clone(),
            content_hash: signal.content_hash.clone(),
            version,
            amount_cents: signal.amount_cents,
            arrears_start: signal.arrears_start,
            signal_date: signal.signal_date,
            household_key: signal.household_key.clone(),
            routing: at.routing.clone(),
            gemeente_org_id: at.gemeente,
            case_id: at.case_id,
            match_reason: at.reason.clone(),
        }
    }
}

/// Where a signal sits: its routing, gemeente and case.
pub(crate) struct Placement {
    pub routing: String,
    pub gemeente: Option<i64>,
    pub case_id: Option<i64>,
    pub reason: Option<String>,
}

impl Placement {
    pub fn new(signal: &NewSignal, case: CaseLink, reason: Option<&str>) -> Placement {
        let (routing, gemeente) = routing_slug(signal);
        Placement {
            routing: routing.to_string(),
            gemeente,
            case_id: case_id_of(case),
            reason: reason.map(str::to_string),
        }
    }

    pub fn of(old: &ExistingSignal) -> Placement {
        Placement {
            routing: old.routing.clone(),
            gemeente: old.gemeente_org_id,
            case_id: old.case_id,
            reason: old.match_reason.clone(),
        }
    }
}

/// A resent signal whose address or routing changed must be placed anew:
/// the old gemeente and case no longer fit it.
pub(crate) fn moved(old: &ExistingSignal, signal: &NewSignal) -> bool {
    let (routing, gemeente) = routing_slug(signal);
    old.household_key != signal.household_key
        || old.routing != routing
        || old.gemeente_org_id != gemeente
}

pub(crate) fn case_id_of(link: CaseLink) -> Option<i64> {
    match link {
        CaseLink::Created { case_id, .. } | CaseLink::Joined { case_id } => Some(case_id),
        CaseLink::None => None,
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct CandidateRow {
    pub id: i64,
    pub gemeente_org_id: i64,
    pub household_key: String,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub bsn: Option<String>,
}

pub(crate) type SettingsCache = HashMap<i64, MatchSettings>;

/// A gemeente's stored matching settings, or the defaults when it has none.
pub(crate) fn match_settings_of(row: Option<(i64, i64)>) -> MatchSettings {
    row.map_or_else(MatchSettings::default, |(period, window)| MatchSettings {
        matching_period_months: period as u32,
        repeat_window_months: window as u32,
    })
}

pub(crate) fn case_link(decision: &MatchDecision, case_id: i64) -> CaseLink {
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
    match &signal.route {
        Route::Gemeente(id) => ("routed", Some(*id)),
        Route::Unroutable => ("unroutable", None),
        Route::Conflict(_) => ("conflict", None),
    }
}

/// The audit entry of one stored batch, written in the batch's transaction;
/// the import's start entry says who sent it.
pub(crate) fn batch_event(
    import_id: i64,
    partner_org_id: i64,
    outcomes: &[SignalOutcome],
) -> vangnet_domain::audit::AuditEvent {
    let count = |f: fn(&SignalOutcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
    let detail = serde_json::json!({
        "created": count(|o| matches!(o, SignalOutcome::Created { .. })),
        "updated": count(|o| matches!(o, SignalOutcome::Updated { .. })),
        "duplicates": count(|o| matches!(o, SignalOutcome::Duplicate { .. })),
    });
    vangnet_domain::audit::AuditEvent::new("signals.store", "import", Some(import_id.to_string()))
        .by_label("import")
        .in_org(Some(partner_org_id))
        .with_detail(detail)
}

/// "$first, $first+1, …" for `count` parameters.
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A signal's own columns, bound by `bind_signal_columns!`.
pub(crate) const SIGNAL_COLUMNS: &str = "kenmerk, partner_type, amount_cents, arrears_start, \
     signal_date, crisis, warm_handover, bsn, initials, prefix, surname, birth_date, phone, email, \
     street, house_number, addition, postcode, city, household_key, monthly_rent_cents, \
     contact_tried, pointed_to_help, reminder_sent_on, content_hash";
pub(crate) const INSERT_COLUMN_COUNT: usize = 33;

/// `INSERT … VALUES (…), (…)` for `rows` rows.
pub(crate) fn insert_sql(rows: usize) -> String {
    let values: Vec<String> = (0..rows)
        .map(|r| {
            let first = r * INSERT_COLUMN_COUNT + 1;
            format!("({})", placeholders(first, INSERT_COLUMN_COUNT))
        })
        .collect();
    format!(
        "INSERT INTO signals (partner_org_id, gemeente_org_id, routing, case_id, match_reason, \
         {SIGNAL_COLUMNS}, import_id, created_at, updated_at) VALUES {}",
        values.join(", ")
    )
}

/// A case opened by this batch, written with the batch's other new cases
/// in one multi-row INSERT. Until then it has a provisional, negative id.
pub(crate) struct NewCase {
    pub provisional_id: i64,
    pub gemeente: i64,
    pub household_key: String,
    pub opened_on: NaiveDate,
    pub repeat_of: Option<i64>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct InsertedCase {
    pub id: i64,
    pub gemeente_org_id: i64,
    pub household_key: String,
    pub opened_on: NaiveDate,
}

/// `INSERT INTO cases … VALUES (…), (…) RETURNING …` for `rows` rows.
pub(crate) fn insert_cases_sql(rows: usize) -> String {
    let values: Vec<String> = (0..rows)
        .map(|r| format!("({})", placeholders(r * 5 + 1, 5)))
        .collect();
    format!(
        "INSERT INTO cases (gemeente_org_id, household_key, opened_on, repeat_of_case_id, \
         created_at) VALUES {} RETURNING id, gemeente_org_id, household_key, opened_on",
        values.join(", ")
    )
}

/// Replaces a provisional case id by the real one.
pub(crate) fn resolve(id: i64, real: &HashMap<i64, i64>) -> i64 {
    if id < 0 {
        real.get(&id).copied().unwrap_or(id)
    } else {
        id
    }
}

pub(crate) fn resolve_link(link: CaseLink, real: &HashMap<i64, i64>) -> CaseLink {
    match link {
        CaseLink::Created { case_id, repeat } => CaseLink::Created {
            case_id: resolve(case_id, real),
            repeat,
        },
        CaseLink::Joined { case_id } => CaseLink::Joined {
            case_id: resolve(case_id, real),
        },
        CaseLink::None => CaseLink::None,
    }
}

/// A new signal waiting for the multi-row INSERT.
pub(crate) struct Pending {
    pub position: usize,
    pub case: CaseLink,
    pub reason: Option<&'static str>,
}

/// Where each signal of the batch stands while the batch is decided.
pub(crate) type Outcomes = Vec<Option<SignalOutcome>>;

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
            let row: Option<(i64, i64)> = sqlx::query_as($crate::intake::sql::MATCH_SETTINGS)
                .bind(gemeente)
                .fetch_optional(&mut *conn)
                .await?;
            let settings = $crate::intake::match_settings_of(row);
            cache.insert(gemeente, settings);
            Ok(settings)
        }

        async fn update_signal(
            conn: &mut $conn,
            import_id: i64,
            old: &$crate::intake::ExistingSignal,
            s: &$crate::NewSignal,
            place: &$crate::intake::Placement,
        ) -> $crate::Result<()> {
            let now = $crate::ts::Ts(chrono::Utc::now());
            sqlx::query($crate::intake::sql::INSERT_HISTORY)
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
            sqlx::query($crate::intake::sql::UPDATE_SIGNAL)
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
                .bind(s.house_number)
                .bind(&s.addition)
                .bind(&s.postcode)
                .bind(&s.household_key)
                .bind(&place.routing)
                .bind(place.gemeente)
                .bind(place.case_id)
                .bind(&place.reason)
                .execute(&mut *conn)
                .await?;
            Ok(())
        }

        /// The batch's kenmerken that this partner sent before.
        async fn load_existing(
            conn: &mut $conn,
            partner: i64,
            batch: &[$crate::NewSignal],
        ) -> $crate::Result<std::collections::HashMap<String, $crate::intake::ExistingSignal>> {
            let mut found = std::collections::HashMap::new();
            for chunk in batch.chunks($crate::intake::IN_CHUNK) {
                let sql = format!(
                    "{} IN ({})",
                    $crate::intake::sql::EXISTING_SELECT,
                    $crate::intake::placeholders(2, chunk.len())
                );
                let mut query =
                    sqlx::query_as::<_, $crate::intake::ExistingSignal>(&sql).bind(partner);
                for signal in chunk {
                    query = query.bind(&signal.kenmerk);
                }
                for row in query.fetch_all(&mut *conn).await? {
                    found.insert(row.kenmerk.clone(), row);
                }
            }
            Ok(found)
        }

        /// Every case that shares a household or a BSN with the batch.
        async fn load_cases(
            conn: &mut $conn,
            batch: &[$crate::NewSignal],
        ) -> $crate::Result<$crate::intake::CaseIndex> {
            let mut keys: Vec<&str> = batch.iter().map(|s| s.household_key.as_str()).collect();
            keys.sort_unstable();
            keys.dedup();
            let mut bsns: Vec<&str> = batch.iter().filter_map(|s| s.bsn.as_deref()).collect();
            bsns.sort_unstable();
            bsns.dedup();
            let select = $crate::intake::sql::CANDIDATE_SELECT;
            let mut rows = Vec::new();
            for chunk in keys.chunks($crate::intake::IN_CHUNK) {
                let sql = format!(
                    "{select} c.household_key IN ({})",
                    $crate::intake::placeholders(1, chunk.len())
                );
                let mut query = sqlx::query_as::<_, $crate::intake::CandidateRow>(&sql);
                for key in chunk {
                    query = query.bind(*key);
                }
                rows.extend(query.fetch_all(&mut *conn).await?);
            }
            for chunk in bsns.chunks($crate::intake::IN_CHUNK) {
                let sql = format!(
                    "{select} c.id IN (SELECT case_id FROM signals WHERE bsn IN ({}) \
                     AND case_id IS NOT NULL)",
                    $crate::intake::placeholders(1, chunk.len())
                );
                let mut query = sqlx::query_as::<_, $crate::intake::CandidateRow>(&sql);
                for bsn in chunk {
                    query = query.bind(*bsn);
                }
                rows.extend(query.fetch_all(&mut *conn).await?);
            }
            Ok($crate::intake::CaseIndex::from_rows(rows))
        }

        /// Writes the batch's new cases and returns provisional → real ids.
        async fn insert_cases(
            conn: &mut $conn,
            cases: &mut Vec<$crate::intake::NewCase>,
        ) -> $crate::Result<std::collections::HashMap<i64, i64>> {
            let mut real = std::collections::HashMap::new();
            let now = $crate::ts::Ts(chrono::Utc::now());
            for chunk in cases.chunks($crate::intake::ROWS_PER_INSERT * 6) {
                let sql = $crate::intake::insert_cases_sql(chunk.len());
                let mut query = sqlx::query_as::<_, $crate::intake::InsertedCase>(&sql);
                for case in chunk {
                    // A repeat of a case from this same batch is linked below,
                    // once that case has its real id.
                    let repeat_of = case.repeat_of.filter(|id| *id > 0);
                    query = query
                        .bind(case.gemeente)
                        .bind(&case.household_key)
                        .bind(case.opened_on)
                        .bind(repeat_of)
                        .bind(now);
                }
                for row in query.fetch_all(&mut *conn).await? {
                    let case = chunk
                        .iter()
                        .find(|c| {
                            c.gemeente == row.gemeente_org_id
                                && c.household_key == row.household_key
                                && c.opened_on == row.opened_on
                        })
                        .ok_or($crate::StoreError::NotFound)?;
                    real.insert(case.provisional_id, row.id);
                }
            }
            for case in cases
                .iter()
                .filter(|c| c.repeat_of.is_some_and(|id| id < 0))
            {
                sqlx::query($crate::intake::sql::SET_REPEAT_OF)
                    .bind($crate::intake::resolve(
                        case.repeat_of.unwrap_or_default(),
                        &real,
                    ))
                    .bind($crate::intake::resolve(case.provisional_id, &real))
                    .execute(&mut *conn)
                    .await?;
            }
            cases.clear();
            Ok(real)
        }

        /// Finds or opens the case of a routed signal.
        async fn place_in_case(
            conn: &mut $conn,
            cache: &mut $crate::intake::SettingsCache,
            index: &mut $crate::intake::CaseIndex,
            new_cases: &mut Vec<$crate::intake::NewCase>,
            gemeente: i64,
            signal: &$crate::NewSignal,
        ) -> $crate::Result<($crate::CaseLink, Option<&'static str>)> {
            let settings = match_settings_in(conn, cache, gemeente).await?;
            let candidates =
                index.candidates(gemeente, &signal.household_key, signal.bsn.as_deref());
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
                    let id = index.provisional_id();
                    new_cases.push($crate::intake::NewCase {
                        provisional_id: id,
                        gemeente,
                        household_key: signal.household_key.clone(),
                        opened_on: signal.signal_date,
                        repeat_of: *repeat_of,
                    });
                    (id, None)
                }
            };
            index.record(gemeente, case_id, &decision, signal);
            Ok(($crate::intake::case_link(&decision, case_id), reason))
        }

        /// Writes the waiting new signals in multi-row INSERTs and records
        /// their outcomes with the ids they got.
        async fn insert_pending(
            conn: &mut $conn,
            import_id: i64,
            partner: i64,
            batch: &[$crate::NewSignal],
            new_cases: &mut Vec<$crate::intake::NewCase>,
            pending: &mut Vec<$crate::intake::Pending>,
            outcomes: &mut $crate::intake::Outcomes,
        ) -> $crate::Result<std::collections::HashMap<i64, i64>> {
            let real = insert_cases(conn, new_cases).await?;
            for p in pending.iter_mut() {
                p.case = $crate::intake::resolve_link(p.case, &real);
            }
            let now = $crate::ts::Ts(chrono::Utc::now());
            for chunk in pending.chunks($crate::intake::ROWS_PER_INSERT) {
                let sql = $crate::intake::insert_sql(chunk.len());
                let mut query = sqlx::query(&sql);
                for p in chunk {
                    let s = &batch[p.position];
                    let (routing, gemeente) = $crate::intake::routing_slug(s);
                    let case_id = match p.case {
                        $crate::CaseLink::Created { case_id, .. }
                        | $crate::CaseLink::Joined { case_id } => Some(case_id),
                        $crate::CaseLink::None => None,
                    };
                    query = query
                        .bind(partner)
                        .bind(gemeente)
                        .bind(routing)
                        .bind(case_id)
                        .bind(p.reason);
                    query = $crate::intake::bind_signal_columns!(query, s)
                        .bind(import_id)
                        .bind(now)
                        .bind(now);
                }
                query.execute(&mut *conn).await?;
            }
            let written: Vec<$crate::NewSignal> =
                pending.iter().map(|p| batch[p.position].clone()).collect();
            let ids = load_existing(conn, partner, &written).await?;
            for p in pending.drain(..) {
                let id = ids
                    .get(&batch[p.position].kenmerk)
                    .map(|e| e.id)
                    .ok_or($crate::StoreError::NotFound)?;
                outcomes[p.position] = Some($crate::SignalOutcome::Created {
                    signal_id: id,
                    case: p.case,
                });
            }
            Ok(real)
        }

        /// A whole batch: duplicates and updates of known kenmerken, new
        /// signals placed in cases, in the order given.
        async fn store_batch(
            conn: &mut $conn,
            import_id: i64,
            partner: i64,
            batch: &[$crate::NewSignal],
        ) -> $crate::Result<Vec<$crate::SignalOutcome>> {
            let mut cache = $crate::intake::SettingsCache::new();
            let mut existing = load_existing(conn, partner, batch).await?;
            let mut index = load_cases(conn, batch).await?;
            let mut outcomes: $crate::intake::Outcomes = vec![None; batch.len()];
            let mut pending: Vec<$crate::intake::Pending> = Vec::new();
            let mut new_cases: Vec<$crate::intake::NewCase> = Vec::new();
            let mut waiting: std::collections::HashSet<&str> = std::collections::HashSet::new();
            for (position, signal) in batch.iter().enumerate() {
                // The same kenmerk twice in one batch: write the first, so
                // the second is compared with it like any resend.
                if waiting.contains(signal.kenmerk.as_str()) {
                    insert_pending(
                        conn,
                        import_id,
                        partner,
                        batch,
                        &mut new_cases,
                        &mut pending,
                        &mut outcomes,
                    )
                    .await?;
                    waiting.clear();
                    index = load_cases(conn, batch).await?;
                    existing = load_existing(conn, partner, batch).await?;
                }
                if let Some(old) = existing.get(&signal.kenmerk).cloned() {
                    if old.content_hash == signal.content_hash {
                        outcomes[position] =
                            Some($crate::SignalOutcome::Duplicate { signal_id: old.id });
                    } else {
                        let place = if $crate::intake::moved(&old, signal) {
                            // Write what is queued, so the new placement sees it.
                            insert_pending(
                                conn,
                                import_id,
                                partner,
                                batch,
                                &mut new_cases,
                                &mut pending,
                                &mut outcomes,
                            )
                            .await?;
                            waiting.clear();
                            index = load_cases(conn, batch).await?;
                            let (case, reason) = match $crate::intake::routing_slug(signal).1 {
                                Some(g) => {
                                    place_in_case(
                                        conn,
                                        &mut cache,
                                        &mut index,
                                        &mut new_cases,
                                        g,
                                        signal,
                                    )
                                    .await?
                                }
                                None => ($crate::CaseLink::None, None),
                            };
                            let real = insert_pending(
                                conn,
                                import_id,
                                partner,
                                batch,
                                &mut new_cases,
                                &mut pending,
                                &mut outcomes,
                            )
                            .await?;
                            index = load_cases(conn, batch).await?;
                            let case = $crate::intake::resolve_link(case, &real);
                            $crate::intake::Placement::new(signal, case, reason)
                        } else {
                            $crate::intake::Placement::of(&old)
                        };
                        update_signal(conn, import_id, &old, signal, &place).await?;
                        let newer = $crate::intake::ExistingSignal::stored(
                            old.id,
                            old.version + 1,
                            signal,
                            &place,
                        );
                        existing.insert(signal.kenmerk.clone(), newer);
                        outcomes[position] =
                            Some($crate::SignalOutcome::Updated { signal_id: old.id });
                    }
                    continue;
                }
                let (case, reason) = match $crate::intake::routing_slug(signal).1 {
                    Some(gemeente) => {
                        place_in_case(
                            conn,
                            &mut cache,
                            &mut index,
                            &mut new_cases,
                            gemeente,
                            signal,
                        )
                        .await?
                    }
                    None => ($crate::CaseLink::None, None),
                };
                pending.push($crate::intake::Pending {
                    position,
                    case,
                    reason,
                });
                waiting.insert(signal.kenmerk.as_str());
            }
            insert_pending(
                conn,
                import_id,
                partner,
                batch,
                &mut new_cases,
                &mut pending,
                &mut outcomes,
            )
            .await?;
            outcomes
                .into_iter()
                .map(|o| o.ok_or($crate::StoreError::NotFound))
                .collect()
        }
    };
}

pub(crate) use intake_queries;

/// Binds a signal's own columns, in the order of `SIGNAL_COLUMNS`; shared
/// by every INSERT of a signal.
macro_rules! bind_signal_columns {
    ($query:expr, $s:expr) => {
        $query
            .bind(&$s.kenmerk)
            .bind(&$s.partner_type)
            .bind($s.amount_cents)
            .bind($s.arrears_start)
            .bind($s.signal_date)
            .bind($s.crisis)
            .bind($s.warm_handover)
            .bind(&$s.bsn)
            .bind(&$s.initials)
            .bind(&$s.prefix)
            .bind(&$s.surname)
            .bind($s.birth_date)
            .bind(&$s.phone)
            .bind(&$s.email)
            .bind(&$s.street)
            .bind($s.house_number)
            .bind(&$s.addition)
            .bind(&$s.postcode)
            .bind(&$s.city)
            .bind(&$s.household_key)
            .bind($s.monthly_rent_cents)
            .bind($s.contact_tried)
            .bind($s.pointed_to_help)
            .bind($s.reminder_sent_on)
            .bind(&$s.content_hash)
    };
}

pub(crate) use bind_signal_columns;
