//! `TenancyStore` for both backends: the same SQL (`sql.rs`), stamped out
//! per store type by `tenancy_impl!` like `casework_impl!`, with the free
//! functions of `writes.rs`, `gate_writes.rs` and `reads.rs`. It needs
//! `self.pool`, `self.write()` and `append` in the invoking module. The
//! free functions live in an anonymous const block, so their names cannot
//! clash with the backend module's own.

macro_rules! tenancy_impl {
    ($store:ty, $pool:ty, $conn:ty) => {
        const _: () = {
            use vangnet_domain::audit::AuditEvent;
            use $crate::tenancy::{self as tn, rows, sql};
            use $crate::Result;

            $crate::tenancy::writes::tenancy_writes!($conn);
            $crate::tenancy::gate_writes::gate_writes!($conn);
            $crate::tenancy::reads::tenancy_reads!($pool);
            $crate::tenancy::shared_event::shared_event_insert!($store, $conn);

            /// Both decisions on an override, audited with both people and
            /// the reason's digest.
            async fn review(
                store: &$store,
                verhuurder: i64,
                override_id: i64,
                reviewer: i64,
                decision: tn::OverrideStatus,
                expected_version: Option<i64>,
                audit: AuditEvent,
            ) -> Result<Option<tn::RecordedEvent>> {
                let mut tx = store.write().await?;
                let (found, recorded) = decide_override(
                    &mut tx,
                    verhuurder,
                    override_id,
                    reviewer,
                    decision,
                    expected_version,
                )
                .await?;
                let mut facts = recorded.as_ref().map_or_else(
                    || serde_json::json!({}),
                    |r| tn::writes::event_facts(&found.event.kind, r),
                );
                facts["override_id"] = found.id.into();
                facts["step"] = found.event.kind.clone().into();
                facts["status"] = decision.slug().into();
                facts["requested_by"] = found.requested_by_user_id.into();
                facts["decided_by"] = reviewer.into();
                facts["reason_sha256"] = tn::reason_digest(&found.reason).into();
                append(&mut tx, tn::audited(audit, found.tenancy_id, facts)).await?;
                tx.commit().await?;
                Ok(recorded)
            }

            #[async_trait::async_trait]
            impl tn::TenancyStore for $store {
                async fn upsert_tenancies(
                    &self,
                    verhuurder_org_id: i64,
                    batch: &[tn::TenancyData],
                    audit: AuditEvent,
                ) -> Result<Vec<tn::TenancyOutcome>> {
                    let now = $crate::ts::Ts(chrono::Utc::now());
                    let mut tx = self.write().await?;
                    let mut outcomes = Vec::with_capacity(batch.len());
                    for data in batch {
                        outcomes.push(upsert_tenancy(&mut tx, verhuurder_org_id, data, now).await?);
                    }
                    let count = |f: fn(&tn::TenancyOutcome) -> bool| {
                        outcomes.iter().filter(|o| f(o)).count()
                    };
                    let facts = serde_json::json!({
                        "created": count(|o| matches!(o, tn::TenancyOutcome::Created { .. })),
                        "updated": count(|o| matches!(o, tn::TenancyOutcome::Updated { .. })),
                        "unchanged": count(|o| matches!(o, tn::TenancyOutcome::Unchanged { .. })),
                    });
                    append(&mut tx, tn::audited(audit, verhuurder_org_id, facts)).await?;
                    tx.commit().await?;
                    Ok(outcomes)
                }

                async fn tenancy(
                    &self,
                    verhuurder_org_id: i64,
                    tenancy_id: i64,
                ) -> Result<Option<tn::Tenancy>> {
                    let key = $crate::tenancy::reads::TenancyKey::Id(tenancy_id);
                    one_tenancy(&self.pool, verhuurder_org_id, key).await
                }

                async fn tenancy_by_reference(
                    &self,
                    verhuurder_org_id: i64,
                    reference: &str,
                ) -> Result<Option<tn::Tenancy>> {
                    let key = $crate::tenancy::reads::TenancyKey::Reference(reference);
                    one_tenancy(&self.pool, verhuurder_org_id, key).await
                }

                async fn tenancies(
                    &self,
                    verhuurder_org_id: i64,
                    page: $crate::Page,
                ) -> Result<Vec<tn::Tenancy>> {
                    let rows: Vec<rows::TenancyRow> = sqlx::query_as(&sql::tenancy_query(
                        "TRUE",
                        "ORDER BY t.reference, t.id LIMIT $2 OFFSET $3",
                    ))
                    .bind(verhuurder_org_id)
                    .bind(page.limit)
                    .bind(page.offset)
                    .fetch_all(&self.pool)
                    .await?;
                    rows::convert(rows)
                }

                async fn add_ledger_entries(
                    &self,
                    verhuurder_org_id: i64,
                    tenancy_id: i64,
                    entries: &[tn::NewLedgerEntry],
                    audit: AuditEvent,
                ) -> Result<Vec<tn::LedgerOutcome>> {
                    let mut tx = self.write().await?;
                    let outcomes =
                        add_ledger(&mut tx, verhuurder_org_id, tenancy_id, entries).await?;
                    let added = outcomes
                        .iter()
                        .filter(|o| matches!(o, tn::LedgerOutcome::Added { .. }))
                        .count();
                    let facts = serde_json::json!({
                        "added": added,
                        "duplicates": outcomes.len() - added,
                    });
                    append(&mut tx, tn::audited(audit, tenancy_id, facts)).await?;
                    tx.commit().await?;
                    Ok(outcomes)
                }

                async fn ledger(
                    &self,
                    verhuurder_org_id: i64,
                    tenancy_id: i64,
                ) -> Result<Vec<tn::LedgerEntry>> {
                    let rows: Vec<rows::LedgerRow> = sqlx::query_as(sql::LEDGER_SELECT)
                        .bind(verhuurder_org_id)
                        .bind(tenancy_id)
                        .fetch_all(&self.pool)
                        .await?;
                    rows::convert(rows)
                }

                async fn record_tenancy_event(
                    &self,
                    verhuurder_org_id: i64,
                    tenancy_id: i64,
                    event: &tn::NewTenancyEvent,
                    recording: &tn::EventRecording,
                    audit: AuditEvent,
                ) -> Result<tn::RecordedEvent> {
                    let mut tx = self.write().await?;
                    let recorded = insert_event(
                        &mut tx,
                        verhuurder_org_id,
                        tenancy_id,
                        event,
                        recording,
                        None,
                    )
                    .await?;
                    let facts = tn::writes::event_facts(&event.kind, &recorded);
                    append(&mut tx, tn::audited(audit, tenancy_id, facts)).await?;
                    tx.commit().await?;
                    Ok(recorded)
                }

                async fn tenancy_events(
                    &self,
                    verhuurder_org_id: i64,
                    tenancy_id: i64,
                ) -> Result<Vec<tn::TenancyEvent>> {
                    events(&self.pool, verhuurder_org_id, tenancy_id).await
                }

                async fn gate_facts(
                    &self,
                    verhuurder_org_id: i64,
                    tenancy_id: i64,
                    on: chrono::NaiveDate,
                ) -> Result<Option<tn::GateFacts>> {
                    // The tenancy (its version) first: see `GateFacts`.
                    let key = $crate::tenancy::reads::TenancyKey::Id(tenancy_id);
                    let Some(tenancy) = one_tenancy(&self.pool, verhuurder_org_id, key).await?
                    else {
                        return Ok(None);
                    };
                    let events = events(&self.pool, verhuurder_org_id, tenancy_id).await?;
                    let code = tenancy.data.gemeentecode.as_deref();
                    let policies =
                        policies_in_force(&self.pool, verhuurder_org_id, code, on).await?;
                    Ok(Some(tn::GateFacts {
                        tenancy,
                        events,
                        policies,
                    }))
                }

                async fn record_gate_decision(
                    &self,
                    verhuurder_org_id: i64,
                    decision: &tn::NewGateDecision,
                    audit: AuditEvent,
                ) -> Result<i64> {
                    let mut tx = self.write().await?;
                    let id = insert_decision(&mut tx, verhuurder_org_id, decision).await?;
                    let facts = serde_json::json!({
                        "decision_id": id,
                        "step": decision.step,
                        "allowed": decision.allowed,
                        "policy_version": decision.policy_version,
                    });
                    append(&mut tx, tn::audited(audit, decision.tenancy_id, facts)).await?;
                    tx.commit().await?;
                    Ok(id)
                }

                async fn gate_decision(
                    &self,
                    verhuurder_org_id: i64,
                    decision_id: i64,
                ) -> Result<Option<tn::GateDecision>> {
                    let found = decisions(&self.pool, verhuurder_org_id, "d.id = $2", decision_id);
                    Ok(found.await?.into_iter().next())
                }

                async fn gate_decisions(
                    &self,
                    verhuurder_org_id: i64,
                    tenancy_id: i64,
                ) -> Result<Vec<tn::GateDecision>> {
                    decisions(
                        &self.pool,
                        verhuurder_org_id,
                        "d.tenancy_id = $2",
                        tenancy_id,
                    )
                    .await
                }

                async fn request_gate_override(
                    &self,
                    verhuurder_org_id: i64,
                    request: &tn::NewGateOverride,
                    audit: AuditEvent,
                ) -> Result<i64> {
                    let mut tx = self.write().await?;
                    let id = insert_override(&mut tx, verhuurder_org_id, request).await?;
                    let facts = serde_json::json!({
                        "override_id": id,
                        "decision_id": request.decision_id,
                        "step": request.event.kind,
                        "requested_by": request.requested_by_user_id,
                        "reason_sha256": tn::reason_digest(&request.reason),
                    });
                    append(&mut tx, tn::audited(audit, request.tenancy_id, facts)).await?;
                    tx.commit().await?;
                    Ok(id)
                }

                async fn approve_gate_override(
                    &self,
                    verhuurder_org_id: i64,
                    override_id: i64,
                    approver_user_id: i64,
                    expected_version: Option<i64>,
                    audit: AuditEvent,
                ) -> Result<tn::RecordedEvent> {
                    let approved = tn::OverrideStatus::Approved;
                    let recorded = review(
                        self,
                        verhuurder_org_id,
                        override_id,
                        approver_user_id,
                        approved,
                        expected_version,
                        audit,
                    );
                    recorded.await?.ok_or($crate::StoreError::NotFound)
                }

                async fn reject_gate_override(
                    &self,
                    verhuurder_org_id: i64,
                    override_id: i64,
                    reviewer_user_id: i64,
                    audit: AuditEvent,
                ) -> Result<()> {
                    let rejected = tn::OverrideStatus::Rejected;
                    review(
                        self,
                        verhuurder_org_id,
                        override_id,
                        reviewer_user_id,
                        rejected,
                        None,
                        audit,
                    )
                    .await?;
                    Ok(())
                }

                async fn gate_overrides(
                    &self,
                    verhuurder_org_id: i64,
                    filter: tn::OverrideFilter,
                ) -> Result<Vec<tn::GateOverride>> {
                    overrides(&self.pool, verhuurder_org_id, filter).await
                }

                async fn create_gate_policy(
                    &self,
                    policy: &tn::NewGatePolicy,
                    audit: AuditEvent,
                ) -> Result<i64> {
                    let mut tx = self.write().await?;
                    let id = insert_policy(&mut tx, policy).await?;
                    let facts = serde_json::json!({
                        "verhuurder_org_id": policy.scope.verhuurder_org_id(),
                        "version_label": policy.version_label,
                        "valid_from": policy.valid_from,
                        "valid_to": policy.valid_to,
                    });
                    append(&mut tx, tn::audited(audit, id, facts)).await?;
                    tx.commit().await?;
                    Ok(id)
                }

                async fn gate_policies(
                    &self,
                    scope: tn::PolicyScope,
                ) -> Result<Vec<tn::GatePolicy>> {
                    let order = "p.valid_from DESC, p.id DESC";
                    let rows: Vec<rows::PolicyRow> =
                        sqlx::query_as(&sql::policy_query(&sql::in_scope(1), order))
                            .bind(scope.verhuurder_org_id())
                            .fetch_all(&self.pool)
                            .await?;
                    rows::convert(rows)
                }

                async fn gate_policies_in_force(
                    &self,
                    verhuurder_org_id: i64,
                    gemeentecode: Option<&str>,
                    on: chrono::NaiveDate,
                ) -> Result<Vec<tn::GatePolicy>> {
                    policies_in_force(&self.pool, verhuurder_org_id, gemeentecode, on).await
                }

                async fn end_gate_policy(
                    &self,
                    scope: tn::PolicyScope,
                    policy_id: i64,
                    valid_to: chrono::NaiveDate,
                    audit: AuditEvent,
                ) -> Result<()> {
                    let mut tx = self.write().await?;
                    end_policy(&mut tx, scope, policy_id, valid_to).await?;
                    let facts = serde_json::json!({ "valid_to": valid_to });
                    append(&mut tx, tn::audited(audit, policy_id, facts)).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn eviction_notices(
                    &self,
                    gemeente_org_id: i64,
                    page: $crate::Page,
                ) -> Result<Vec<tn::EvictionNotice>> {
                    let rows: Vec<rows::NoticeRow> = sqlx::query_as(sql::NOTICE_SELECT)
                        .bind(gemeente_org_id)
                        .bind(page.limit)
                        .bind(page.offset)
                        .fetch_all(&self.pool)
                        .await?;
                    rows::convert(rows)
                }
            }
        };
    };
}

pub(crate) use tenancy_impl;
