//! Reading a whole case and saving a step: free functions per backend,
//! stamped out by `casework_fns!` for the backend's pool and connection.

macro_rules! casework_fns {
    ($pool:ty, $conn:ty) => {
        async fn load_case_work(
            pool: &$pool,
            owner: $crate::casework::CaseOwner,
            case_id: i64,
        ) -> Result<Option<$crate::casework::CaseWork>> {
            let column = $crate::casework::queries::owner_column(owner);
            let row: Option<(i64, String, chrono::NaiveDate, Option<i64>, i64, Option<String>)> =
                sqlx::query_as(&format!(
                    "SELECT c.gemeente_org_id, c.household_key, c.opened_on, \
                     c.repeat_of_case_id, c.version, c.state FROM cases c \
                     WHERE c.id = $1 AND {column} = $2"
                ))
                .bind(case_id)
                .bind(owner.org_id())
                .fetch_optional(pool)
                .await?;
            let Some((gemeente_org_id, household_key, opened_on, repeat_of_case_id, version, state)) =
                row
            else {
                return Ok(None);
            };
            let state = match state {
                Some(text) => serde_json::from_str(&text).map_err(|e| {
                    $crate::StoreError::Unsupported(format!("zaak {case_id} is onleesbaar: {e}"))
                })?,
                None => vangnet_domain::casework::state::CaseState::new(),
            };
            let signals = sqlx::query_as(&format!(
                "{} WHERE s.case_id = $1 ORDER BY s.signal_date, s.id",
                $crate::common::GEMEENTE_SIGNAL_SELECT
            ))
            .bind(case_id)
            .fetch_all(pool)
            .await?;
            let events = sqlx::query_as(
                "SELECT e.at, e.kind, e.summary, u.name AS actor_name, o.name AS org_name \
                 FROM case_events e JOIN organisations o ON o.id = e.org_id \
                 LEFT JOIN users u ON u.id = e.actor_user_id WHERE e.case_id = $1 ORDER BY e.id",
            )
            .bind(case_id)
            .fetch_all(pool)
            .await?;
            let contacts = sqlx::query_as(
                "SELECT a.kind, a.reached, a.on_date, a.part_of_day, a.note, u.name AS actor_name \
                 FROM contact_attempts a LEFT JOIN users u ON u.id = a.actor_user_id \
                 WHERE a.case_id = $1 ORDER BY a.on_date, a.id",
            )
            .bind(case_id)
            .fetch_all(pool)
            .await?;
            // Notes stay within the organisation that wrote them.
            let notes = sqlx::query_as(
                "SELECT n.at, n.text, u.name AS author_name FROM case_notes n \
                 LEFT JOIN users u ON u.id = n.author_user_id \
                 WHERE n.case_id = $1 AND n.org_id = $2 ORDER BY n.id",
            )
            .bind(case_id)
            .bind(owner.org_id())
            .fetch_all(pool)
            .await?;
            let aggregate: $crate::casework::priority::PriorityRow = sqlx::query_as(&format!(
                "{} WHERE c.id = $1 GROUP BY c.id, c.repeat_of_case_id",
                $crate::casework::priority::AGGREGATE
            ))
            .bind(case_id)
            .fetch_one(pool)
            .await?;
            Ok(Some($crate::casework::CaseWork {
                id: case_id,
                gemeente_org_id,
                household_key,
                opened_on,
                repeat_of_case_id,
                version,
                state,
                signals,
                events,
                contacts,
                notes,
                eviction_notice_on: aggregate.eviction_notice_on,
                priority_input: aggregate.input(),
            }))
        }

        async fn save_step(conn: &mut $conn, step: &$crate::casework::CaseStep<'_>) -> Result<()> {
            let today = vangnet_domain::calendar::amsterdam_date(chrono::Utc::now());
            let columns = $crate::casework::queries::StateColumns::of(step.state, today);
            let state = serde_json::to_string(step.state)
                .map_err(|e| $crate::StoreError::Unsupported(e.to_string()))?;
            let column = $crate::casework::queries::owner_column(step.owner);
            let updated = sqlx::query(&format!(
                "UPDATE cases SET state = $1, stage = $2, assignee_user_id = $3, \
                 handed_off_to_org_id = $4, picked_up_on = $5, first_contact_on = $6, \
                 closed_on = CASE WHEN $7 = 1 THEN COALESCE(closed_on, $8) ELSE NULL END, \
                 reopened_on = CASE WHEN $2 = 'heropend' AND stage <> 'heropend' THEN $12 \
                   ELSE reopened_on END, \
                 end_result = $13, version = version + 1 \
                 WHERE id = $9 AND version = $10 AND id IN (SELECT c.id FROM cases c \
                 WHERE c.id = $9 AND {column} = $11)"
            ))
            .bind(state)
            .bind(columns.stage)
            .bind(columns.assignee)
            .bind(columns.handed_off_to)
            .bind(columns.picked_up_on)
            .bind(columns.first_contact_on)
            .bind(columns.closed)
            .bind(columns.closed_on)
            .bind(step.case_id)
            .bind(step.expected_version)
            .bind(step.owner.org_id())
            // The reopening restarts the retention period (`retention::RetentionFacts`).
            .bind(today)
            .bind(columns.end_result)
            .execute(&mut *conn)
            .await?;
            if updated.rows_affected() == 0 {
                return Err($crate::StoreError::conflict(
                    "version",
                    "iemand anders heeft deze zaak intussen gewijzigd; \
                     laad de pagina opnieuw en probeer het nog eens",
                ));
            }
            let now = $crate::ts::Ts(chrono::Utc::now());
            let org_id = step.owner.org_id();
            sqlx::query(
                "INSERT INTO case_events (case_id, at, org_id, actor_user_id, kind, summary) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(step.case_id)
            .bind(now)
            .bind(org_id)
            .bind(step.actor_user_id)
            .bind(step.kind)
            .bind(step.summary)
            .execute(&mut *conn)
            .await?;
            if let Some(contact) = &step.contact {
                sqlx::query(
                    "INSERT INTO contact_attempts (case_id, org_id, actor_user_id, kind, \
                     reached, on_date, part_of_day, note, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(step.case_id)
                .bind(org_id)
                .bind(step.actor_user_id)
                .bind(contact.kind)
                .bind(contact.reached)
                .bind(contact.on_date)
                .bind(contact.part_of_day)
                .bind(contact.note)
                .bind(now)
                .execute(&mut *conn)
                .await?;
                // Statistics count contact made by the earliest reached
                // attempt; attempts may be recorded out of date order.
                sqlx::query(
                    "UPDATE cases SET contact_made_on = (SELECT MIN(a.on_date) \
                     FROM contact_attempts a WHERE a.case_id = $1 AND a.reached) WHERE id = $1",
                )
                .bind(step.case_id)
                .execute(&mut *conn)
                .await?;
            }
            if let Some(text) = step.note {
                sqlx::query(
                    "INSERT INTO case_notes (case_id, org_id, author_user_id, at, text) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(step.case_id)
                .bind(org_id)
                .bind(step.actor_user_id)
                .bind(now)
                .bind(text)
                .execute(&mut *conn)
                .await?;
            }
            Ok(())
        }
    };
}

pub(crate) use casework_fns;
