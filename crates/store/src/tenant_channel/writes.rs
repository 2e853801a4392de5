//! The helpers `tenant_channel_impl!`'s writes share: a link that must be
//! live, one audited change to a link, and the optional tenancy event of a
//! response or an answer. Stamped into the same block (`channel_writes!`),
//! so they see its imports and the backend's `append`.

/// Why a write through a link cannot go ahead: a link that exists but is
/// revoked, locked or expired is a conflict the tenant can be told about;
/// an unknown one is not found.
pub(crate) fn refused(exists: bool) -> crate::StoreError {
    if exists {
        crate::StoreError::conflict("link", "deze link is ingetrokken, geblokkeerd of verlopen")
    } else {
        crate::StoreError::NotFound
    }
}

macro_rules! channel_writes {
    ($store:ty, $conn:ty) => {
        /// The tenancy and verhuurder of a link that is live now.
        async fn live_link(conn: &mut $conn, link_id: i64) -> Result<(i64, i64)> {
            let now = Ts(chrono::Utc::now());
            let found = sqlx::query_as(sql::LIVE_LINK)
                .bind(link_id)
                .bind(now)
                .fetch_optional(&mut *conn)
                .await?;
            let exists: Option<i64> = sqlx::query_scalar(sql::LINK_TENANCY)
                .bind(link_id)
                .fetch_optional(&mut *conn)
                .await?;
            found.ok_or_else(|| $crate::tenant_channel::writes::refused(exists.is_some()))
        }

        /// A change to one link (`statement` with `$1` the link), audited.
        async fn change_link(
            store: &$store,
            statement: &str,
            link_id: i64,
            now: chrono::DateTime<chrono::Utc>,
            flag: bool,
            audit: AuditEvent,
        ) -> Result<tc::TenantLink> {
            let mut tx = store.write().await?;
            let row: Option<rows::LinkRow> = sqlx::query_as(statement)
                .bind(link_id)
                .bind(Ts(now))
                .bind(flag)
                .fetch_optional(&mut *tx)
                .await?;
            let link = match row {
                Some(row) => tc::TenantLink::from(row),
                None => {
                    let exists: Option<i64> = sqlx::query_scalar(sql::LINK_TENANCY)
                        .bind(link_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                    return Err($crate::tenant_channel::writes::refused(exists.is_some()));
                }
            };
            let audit = tc::in_link_org(audit, link.verhuurder_org_id);
            append(&mut tx, audited(audit, link.id, tc::link_facts(&link))).await?;
            tx.commit().await?;
            Ok(link)
        }

        /// Records the step of a response or an answer, if there is one.
        async fn maybe_event(
            conn: &mut $conn,
            verhuurder: i64,
            tenancy_id: i64,
            event: Option<ChannelEvent<'_>>,
        ) -> Result<Option<RecordedEvent>> {
            let Some((event, recording)) = event else {
                return Ok(None);
            };
            let recorded =
                <$store>::insert_tenancy_event(conn, verhuurder, tenancy_id, event, recording);
            Ok(Some(recorded.await?))
        }

        /// The steps of an answer, in order, in its transaction.
        async fn record_steps(
            conn: &mut $conn,
            verhuurder: i64,
            tenancy_id: i64,
            events: &[ChannelEvent<'_>],
        ) -> Result<Vec<RecordedEvent>> {
            let mut recorded = Vec::with_capacity(events.len());
            for event in events {
                let one = maybe_event(&mut *conn, verhuurder, tenancy_id, Some(*event));
                recorded.extend(one.await?);
            }
            Ok(recorded)
        }

        /// The facts of an answer's steps, each as a step's facts.
        fn steps_facts(events: &[ChannelEvent<'_>], recorded: &[RecordedEvent]) -> serde_json::Value {
            let steps: Vec<serde_json::Value> = events
                .iter()
                .zip(recorded)
                .map(|((e, _), r)| event_facts(&e.kind, r))
                .collect();
            serde_json::json!({ "steps": steps })
        }

        /// The facts of a response or answer, with its step's if any.
        fn step_facts(
            event: Option<ChannelEvent<'_>>,
            recorded: Option<&RecordedEvent>,
        ) -> serde_json::Value {
            match (event, recorded) {
                (Some((e, _)), Some(r)) => event_facts(&e.kind, r),
                _ => serde_json::json!({}),
            }
        }
    };
}

pub(crate) use channel_writes;
