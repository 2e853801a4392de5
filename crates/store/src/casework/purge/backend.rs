//! `PurgeStore` for both backends, stamped out by `purge_impl!`.

/// `PurgeStore` for a backend. Each purge transaction first runs the
/// backend's preparation: on PostgreSQL it takes the intake's advisory
/// lock, so no batch matches a signal to a case being purged (and two nodes
/// purge one after the other); on SQLite, where `BEGIN IMMEDIATE` already
/// serialises writers, it turns on `secure_delete`, so freed space is
/// zeroed instead of keeping old values in the file. It needs `self.pool`,
/// `self.write()` and `append` in the invoking module, like `casework_impl!`.
macro_rules! purge_impl {
    ($store:ty, $conn:ty, advisory_lock = $key:expr) => {
        $crate::casework::purge::purge_impl!(
            @with $store, $conn, &format!("SELECT pg_advisory_xact_lock({})", $key)
        );
    };
    ($store:ty, $conn:ty, secure_delete) => {
        $crate::casework::purge::purge_impl!(@with $store, $conn, "PRAGMA secure_delete = ON");
    };
    (@with $store:ty, $conn:ty, $prepare:expr) => {
        const _: () = {
            use $crate::casework::purge::{self as p, plan, sql};

            async fn scopes(
                store: &$store,
                today: chrono::NaiveDate,
            ) -> $crate::Result<(Vec<plan::Scope>, Vec<p::PurgeFailure>)> {
                let ids: Vec<i64> = sqlx::query_scalar(
                    "SELECT id FROM organisations WHERE kind = 'gemeente' ORDER BY id",
                )
                .fetch_all(&store.pool)
                .await?;
                let mut gemeenten = Vec::new();
                let mut failures = Vec::new();
                for id in ids {
                    match $crate::casework::CaseStore::casework_settings(store, id).await {
                        Ok(settings) => gemeenten.push((id, settings.retention)),
                        Err(error) => failures.push(p::PurgeFailure {
                            gemeente_org_id: Some(id),
                            error: error.to_string(),
                        }),
                    }
                }
                Ok((plan::scopes(today, gemeenten), failures))
            }

            async fn find_due(conn: &mut $conn, scope: &plan::Scope) -> $crate::Result<plan::Due> {
                let mut due = plan::Due::new(scope);
                let c = &scope.cutoffs;
                if let Some(gemeente) = scope.gemeente_org_id {
                    for (select, cases) in [(sql::due_signals_sql(), false), (sql::due_cases_sql(), true)] {
                        let rows = sqlx::query_as(&select)
                            .bind(gemeente)
                            .bind(c.never_picked_up)
                            .bind(c.picked_up_open)
                            .bind(c.closed_case)
                            .fetch_all(&mut *conn)
                            .await?;
                        if cases {
                            due.add_cases(rows);
                        } else {
                            due.add_signals(rows);
                        }
                    }
                } else {
                    let rows = sqlx::query_as(sql::UNROUTED_SIGNALS)
                        .bind(c.never_picked_up)
                        .fetch_all(&mut *conn)
                        .await?;
                    due.add_signals(rows);
                }
                let tenancy_sql = sql::due_tenancies_sql(scope.gemeente_org_id.is_some());
                let mut query = sqlx::query_scalar::<_, i64>(&tenancy_sql);
                if let Some(gemeente) = scope.gemeente_org_id {
                    query = query.bind(gemeente);
                }
                let tenancy_ids = query.bind(c.closed_case).fetch_all(&mut *conn).await?;
                let mut notice_ids: Vec<i64> = match scope.gemeente_org_id {
                    Some(gemeente) => {
                        sqlx::query_scalar(sql::DUE_NOTICES)
                            .bind(gemeente)
                            .bind(c.closed_case)
                            .fetch_all(&mut *conn)
                            .await?
                    }
                    None => Vec::new(),
                };
                for chunk in tenancy_ids.chunks($crate::intake::IN_CHUNK) {
                    let select = sql::notices_of_tenancies_sql(chunk.len());
                    let mut query = sqlx::query_scalar::<_, i64>(&select);
                    for id in chunk {
                        query = query.bind(*id);
                    }
                    notice_ids.extend(query.fetch_all(&mut *conn).await?);
                }
                due.add_tenancies(tenancy_ids, notice_ids);
                if let Some(before) = scope.rejected_before {
                    let ids = sqlx::query_scalar(sql::OLD_REJECTED_ROWS)
                        .bind($crate::ts::Ts(before))
                        .fetch_all(&mut *conn)
                        .await?;
                    due.add_imports(ids);
                }
                Ok(due)
            }

            async fn strip_states(conn: &mut $conn, case_ids: &[i64]) -> $crate::Result<()> {
                for chunk in case_ids.chunks($crate::intake::IN_CHUNK) {
                    let select = sql::reopened_states_sql(chunk.len());
                    let mut query = sqlx::query_as::<_, (i64, Option<String>)>(&select);
                    for id in chunk {
                        query = query.bind(*id);
                    }
                    for (id, state) in query.fetch_all(&mut *conn).await? {
                        if let Some(state) = plan::without_free_text(id, state.as_deref())? {
                            sqlx::query(sql::SET_STATE)
                                .bind(state)
                                .bind(id)
                                .execute(&mut *conn)
                                .await?;
                        }
                    }
                }
                Ok(())
            }

            async fn strip_details(conn: &mut $conn, tenancy_ids: &[i64]) -> $crate::Result<()> {
                for table in sql::DETAIL_TABLES {
                    for chunk in tenancy_ids.chunks($crate::intake::IN_CHUNK) {
                        let select = sql::details_sql(table, chunk.len());
                        let mut query = sqlx::query_as::<_, (i64, String)>(&select);
                        for id in chunk {
                            query = query.bind(*id);
                        }
                        for (id, details) in query.fetch_all(&mut *conn).await? {
                            if let Some(details) = plan::details_without_free_text(&details) {
                                sqlx::query(&sql::set_details_sql(table))
                                    .bind(details)
                                    .bind(id)
                                    .execute(&mut *conn)
                                    .await?;
                            }
                        }
                    }
                }
                Ok(())
            }

            async fn purge_scope(
                store: &$store,
                scope: &plan::Scope,
                audit: &vangnet_domain::audit::AuditEvent,
            ) -> $crate::Result<p::ScopeReport> {
                let mut tx = store.write().await?;
                sqlx::query($prepare).execute(&mut *tx).await?;
                let due = find_due(&mut tx, scope).await?;
                if due.report.is_empty() {
                    return Ok(due.report);
                }
                let now = $crate::ts::Ts(chrono::Utc::now());
                let case_ids = due.case_ids();
                strip_states(&mut tx, &case_ids).await?;
                strip_details(&mut tx, &due.tenancy_ids).await?;
                for statement in due.statements(&case_ids) {
                    let mut query = sqlx::query(&statement.sql);
                    if statement.stamped {
                        query = query.bind(now);
                    }
                    for id in statement.ids {
                        query = query.bind(*id);
                    }
                    query.execute(&mut *tx).await?;
                }
                append(&mut tx, due.audit(audit, scope.today)).await?;
                tx.commit().await?;
                Ok(due.report)
            }

            #[async_trait::async_trait]
            impl $crate::casework::PurgeStore for $store {
                async fn purge_plan(
                    &self,
                    today: chrono::NaiveDate,
                ) -> $crate::Result<p::PurgeReport> {
                    let (scopes, failures) = scopes(self, today).await?;
                    let mut report = p::PurgeReport::new(today, true, failures);
                    let mut conn = self.pool.acquire().await?;
                    for scope in &scopes {
                        match find_due(&mut conn, scope).await {
                            Ok(due) => report.scopes.push(due.report),
                            Err(error) => report.failures.push(scope.failure(error)),
                        }
                    }
                    Ok(report)
                }

                async fn purge(
                    &self,
                    today: chrono::NaiveDate,
                    audit: vangnet_domain::audit::AuditEvent,
                ) -> $crate::Result<p::PurgeReport> {
                    let (scopes, failures) = scopes(self, today).await?;
                    let mut report = p::PurgeReport::new(today, false, failures);
                    for scope in &scopes {
                        match purge_scope(self, scope, &audit).await {
                            Ok(scope_report) => report.scopes.push(scope_report),
                            Err(error) => report.failures.push(scope.failure(error)),
                        }
                    }
                    Ok(report)
                }
            }
        };
    };
}

pub(crate) use purge_impl;
