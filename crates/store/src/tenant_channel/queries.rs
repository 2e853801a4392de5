//! `TenantChannelStore` for both backends: the same SQL (`sql.rs`), stamped
//! out per store type by `tenant_channel_impl!` like `tenancy_impl!`. It
//! needs `self.pool`, `self.write()` and `append` in the invoking module,
//! and the store's `insert_tenancy_event` (`tenancy/shared_event.rs`);
//! the helpers its writes share are in `writes.rs`.

macro_rules! tenant_channel_impl {
    ($store:ty, $conn:ty) => {
        const _: () = {
            use vangnet_domain::audit::AuditEvent;
            use $crate::tenancy::RecordedEvent;
            use $crate::tenancy::{audited, writes::event_facts, EventRecording, NewTenancyEvent};
            use $crate::tenant_channel::{self as tc, rows, sql, ChannelEvent};
            use $crate::ts::Ts;
            use $crate::{Result, StoreError};

            $crate::tenant_channel::writes::channel_writes!($store, $conn);

            #[async_trait::async_trait]
            impl tc::TenantChannelStore for $store {
                async fn create_link(
                    &self,
                    verhuurder_org_id: i64,
                    link: &tc::NewLink,
                    audit: AuditEvent,
                ) -> Result<tc::TenantLink> {
                    tc::check_link(link)?;
                    let mut tx = self.write().await?;
                    let row: Option<rows::LinkRow> = sqlx::query_as(&sql::insert_link())
                        .bind(link.tenancy_id)
                        .bind(verhuurder_org_id)
                        .bind(&link.token_hash)
                        .bind(Ts(link.created_at))
                        .bind(Ts(link.expires_at))
                        .bind(link.created_by_user_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                    let created = tc::TenantLink::from(row.ok_or(StoreError::NotFound)?);
                    let revoked = sqlx::query(sql::REVOKE_OTHER_LINKS)
                        .bind(link.tenancy_id)
                        .bind(verhuurder_org_id)
                        .bind(created.id)
                        .bind(Ts(link.created_at))
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                    let mut facts = tc::link_facts(&created);
                    facts["revoked_earlier"] = revoked.into();
                    append(&mut tx, audited(audit, created.id, facts)).await?;
                    tx.commit().await?;
                    Ok(created)
                }

                async fn revoke_link(
                    &self,
                    verhuurder_org_id: i64,
                    link_id: i64,
                    now: chrono::DateTime<chrono::Utc>,
                    audit: AuditEvent,
                ) -> Result<tc::TenantLink> {
                    let mut tx = self.write().await?;
                    let row: Option<rows::LinkRow> = sqlx::query_as(&sql::revoke_link())
                        .bind(link_id)
                        .bind(verhuurder_org_id)
                        .bind(Ts(now))
                        .fetch_optional(&mut *tx)
                        .await?;
                    let link = tc::TenantLink::from(row.ok_or(StoreError::NotFound)?);
                    append(&mut tx, audited(audit, link.id, tc::link_facts(&link))).await?;
                    tx.commit().await?;
                    Ok(link)
                }

                async fn links_of_tenancy(
                    &self,
                    verhuurder_org_id: i64,
                    tenancy_id: i64,
                ) -> Result<Vec<tc::TenantLink>> {
                    let statement = sql::links_where("verhuurder_org_id = $1 AND tenancy_id = $2");
                    let rows: Vec<rows::LinkRow> = sqlx::query_as(&statement)
                        .bind(verhuurder_org_id)
                        .bind(tenancy_id)
                        .fetch_all(&self.pool)
                        .await?;
                    Ok(rows.into_iter().map(tc::TenantLink::from).collect())
                }

                async fn link_by_token_hash(
                    &self,
                    token_hash: &str,
                ) -> Result<Option<tc::TenantLink>> {
                    let row: Option<rows::LinkRow> =
                        sqlx::query_as(&sql::links_where("token_hash = $1"))
                            .bind(token_hash)
                            .fetch_optional(&self.pool)
                            .await?;
                    Ok(row.map(tc::TenantLink::from))
                }

                async fn record_failed_check(
                    &self,
                    link_id: i64,
                    now: chrono::DateTime<chrono::Utc>,
                    lock: bool,
                    audit: AuditEvent,
                ) -> Result<tc::TenantLink> {
                    change_link(self, &sql::failed_check(), link_id, now, lock, audit).await
                }

                async fn record_link_use(
                    &self,
                    link_id: i64,
                    now: chrono::DateTime<chrono::Utc>,
                    confirmed: bool,
                    audit: AuditEvent,
                ) -> Result<tc::TenantLink> {
                    let statement = sql::link_use();
                    change_link(self, &statement, link_id, now, confirmed, audit).await
                }

                async fn record_letter(
                    &self,
                    verhuurder_org_id: i64,
                    tenancy_id: i64,
                    letter: &tc::NewLetter,
                    event: &NewTenancyEvent,
                    recording: &EventRecording,
                    audit: AuditEvent,
                ) -> Result<tc::RecordedLetter> {
                    tc::check_letter(letter, event)?;
                    let mut tx = self.write().await?;
                    // The step first: it checks the tenancy's verhuurder and version.
                    let recorded = <$store>::insert_tenancy_event(
                        &mut tx,
                        verhuurder_org_id,
                        tenancy_id,
                        event,
                        recording,
                    )
                    .await?;
                    if let Some(link_id) = letter.link_id {
                        let of: Option<i64> = sqlx::query_scalar(sql::LINK_TENANCY)
                            .bind(link_id)
                            .fetch_optional(&mut *tx)
                            .await?;
                        if of != Some(tenancy_id) {
                            let reason = "deze link hoort niet bij deze huurovereenkomst";
                            return Err(vangnet_domain::Invalid::one("link_id", reason).into());
                        }
                    }
                    let letter_id: i64 = sqlx::query_scalar(sql::INSERT_LETTER)
                        .bind(tenancy_id)
                        .bind(verhuurder_org_id)
                        .bind(&letter.kind)
                        .bind(letter.link_id)
                        .bind(recorded.event_id)
                        .bind(letter.amount_cents)
                        .bind(letter.collection_costs_cents)
                        .bind(&letter.html)
                        .bind(Ts(chrono::Utc::now()))
                        .bind(letter.created_by_user_id)
                        .fetch_one(&mut *tx)
                        .await?;
                    let mut facts = event_facts(&event.kind, &recorded);
                    facts["tenancy_id"] = tenancy_id.into();
                    facts["link_id"] = letter.link_id.into();
                    append(&mut tx, audited(audit, letter_id, facts)).await?;
                    tx.commit().await?;
                    Ok(tc::RecordedLetter {
                        letter_id,
                        event: recorded,
                    })
                }

                async fn letters(
                    &self,
                    verhuurder_org_id: i64,
                    tenancy_id: i64,
                ) -> Result<Vec<tc::TenantLetter>> {
                    let rows: Vec<rows::LetterRow> =
                        sqlx::query_as(&sql::letters_where("tenancy_id = $2"))
                            .bind(verhuurder_org_id)
                            .bind(tenancy_id)
                            .fetch_all(&self.pool)
                            .await?;
                    Ok(rows.into_iter().map(tc::TenantLetter::from).collect())
                }

                async fn letter(
                    &self,
                    verhuurder_org_id: i64,
                    letter_id: i64,
                ) -> Result<Option<tc::TenantLetter>> {
                    let row: Option<rows::LetterRow> =
                        sqlx::query_as(&sql::letters_where("id = $2"))
                            .bind(verhuurder_org_id)
                            .bind(letter_id)
                            .fetch_optional(&self.pool)
                            .await?;
                    Ok(row.map(tc::TenantLetter::from))
                }

                async fn record_letter_mail(
                    &self,
                    verhuurder_org_id: i64,
                    letter_id: i64,
                    mailed_at: Option<chrono::DateTime<chrono::Utc>>,
                    audit: AuditEvent,
                ) -> Result<()> {
                    let mut tx = self.write().await?;
                    let tenancy_id: Option<i64> = sqlx::query_scalar(sql::LETTER_MAILED)
                        .bind(verhuurder_org_id)
                        .bind(letter_id)
                        .bind(mailed_at.map(Ts))
                        .fetch_optional(&mut *tx)
                        .await?;
                    let tenancy_id = tenancy_id.ok_or(StoreError::NotFound)?;
                    let facts = serde_json::json!({
                        "tenancy_id": tenancy_id,
                        "mailed": mailed_at.is_some(),
                    });
                    append(&mut tx, audited(audit, letter_id, facts)).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn add_response(
                    &self,
                    link_id: i64,
                    response: &tc::NewResponse,
                    event: Option<ChannelEvent<'_>>,
                    audit: AuditEvent,
                ) -> Result<tc::RecordedResponse> {
                    let mut tx = self.write().await?;
                    let (tenancy_id, verhuurder) = live_link(&mut tx, link_id).await?;
                    let recorded = maybe_event(&mut tx, verhuurder, tenancy_id, event).await?;
                    let response_id: i64 = sqlx::query_scalar(sql::INSERT_RESPONSE)
                        .bind(tenancy_id)
                        .bind(verhuurder)
                        .bind(link_id)
                        .bind(&response.kind)
                        .bind(response.detail.to_string())
                        .bind(recorded.map(|r| r.event_id))
                        .bind(Ts(chrono::Utc::now()))
                        .fetch_one(&mut *tx)
                        .await?;
                    let mut facts = step_facts(event, recorded.as_ref());
                    facts["response_kind"] = response.kind.clone().into();
                    facts["tenancy_id"] = tenancy_id.into();
                    facts["link_id"] = link_id.into();
                    let audit = tc::in_link_org(audit, verhuurder);
                    append(&mut tx, audited(audit, response_id, facts)).await?;
                    tx.commit().await?;
                    Ok(tc::RecordedResponse {
                        response_id,
                        event: recorded,
                    })
                }

                async fn responses(
                    &self,
                    verhuurder_org_id: i64,
                    status: Option<tc::ResponseStatus>,
                    page: $crate::Page,
                ) -> Result<Vec<tc::TenantResponse>> {
                    let statement = sql::responses_where(
                        "(CAST($2 AS TEXT) IS NULL OR status = $2)",
                        "LIMIT $3 OFFSET $4",
                    );
                    let rows: Vec<rows::ResponseRow> = sqlx::query_as(&statement)
                        .bind(verhuurder_org_id)
                        .bind(status.map(tc::ResponseStatus::slug))
                        .bind(page.limit)
                        .bind(page.offset)
                        .fetch_all(&self.pool)
                        .await?;
                    rows.into_iter().map(tc::TenantResponse::try_from).collect()
                }

                async fn response(
                    &self,
                    verhuurder_org_id: i64,
                    response_id: i64,
                ) -> Result<Option<tc::TenantResponse>> {
                    let row: Option<rows::ResponseRow> =
                        sqlx::query_as(&sql::responses_where("id = $2", ""))
                            .bind(verhuurder_org_id)
                            .bind(response_id)
                            .fetch_optional(&self.pool)
                            .await?;
                    row.map(tc::TenantResponse::try_from).transpose()
                }

                async fn answer_response(
                    &self,
                    verhuurder_org_id: i64,
                    response_id: i64,
                    answer: &tc::ResponseAnswer,
                    events: &[ChannelEvent<'_>],
                    audit: AuditEvent,
                ) -> Result<Vec<RecordedEvent>> {
                    tc::check_answer(answer)?;
                    let mut tx = self.write().await?;
                    let tenancy_id: Option<i64> = sqlx::query_scalar(sql::ANSWER_RESPONSE)
                        .bind(response_id)
                        .bind(verhuurder_org_id)
                        .bind(answer.status.slug())
                        .bind(answer.answer.as_ref().map(|a| a.to_string()))
                        .bind(Ts(chrono::Utc::now()))
                        .bind(answer.handled_by_user_id)
                        .bind(answer.expected_status.slug())
                        .fetch_optional(&mut *tx)
                        .await?;
                    let Some(tenancy_id) = tenancy_id else {
                        let now: Option<String> = sqlx::query_scalar(sql::RESPONSE_STATUS)
                            .bind(response_id)
                            .bind(verhuurder_org_id)
                            .fetch_optional(&mut *tx)
                            .await?;
                        return Err(match now {
                            Some(_) => StoreError::conflict(
                                "status",
                                "iemand anders heeft deze reactie intussen beantwoord; \
                                 laad de pagina opnieuw",
                            ),
                            None => StoreError::NotFound,
                        });
                    };
                    let recorded =
                        record_steps(&mut tx, verhuurder_org_id, tenancy_id, events).await?;
                    let mut facts = steps_facts(events, &recorded);
                    facts["tenancy_id"] = tenancy_id.into();
                    facts["status"] = answer.status.slug().into();
                    facts["from_status"] = answer.expected_status.slug().into();
                    append(&mut tx, audited(audit, response_id, facts)).await?;
                    tx.commit().await?;
                    Ok(recorded)
                }

                async fn open_response_count(&self, verhuurder_org_id: i64) -> Result<i64> {
                    Ok(sqlx::query_scalar(sql::OPEN_RESPONSES)
                        .bind(verhuurder_org_id)
                        .fetch_one(&self.pool)
                        .await?)
                }

                async fn channel_settings(
                    &self,
                    verhuurder_org_id: i64,
                ) -> Result<tc::ChannelSettings> {
                    let row: Option<rows::SettingsRow> = sqlx::query_as(sql::SETTINGS)
                        .bind(verhuurder_org_id)
                        .fetch_optional(&self.pool)
                        .await?;
                    Ok(row.map(tc::ChannelSettings::from).unwrap_or_default())
                }

                async fn set_channel_settings(
                    &self,
                    verhuurder_org_id: i64,
                    settings: &tc::ChannelSettings,
                    audit: AuditEvent,
                ) -> Result<()> {
                    tc::check_settings(settings)?;
                    let desk = settings.debt_help.as_ref();
                    let mut tx = self.write().await?;
                    sqlx::query(sql::SET_SETTINGS)
                        .bind(verhuurder_org_id)
                        .bind(settings.link_valid_days)
                        .bind(settings.max_failed_attempts)
                        .bind(settings.max_term_months)
                        .bind(settings.min_instalment_cents)
                        .bind(&settings.ideal_url)
                        .bind(Ts(chrono::Utc::now()))
                        .bind(&settings.sender_phone)
                        .bind(&settings.iban)
                        .bind(desk.map(|d| &d.name))
                        .bind(desk.map(|d| &d.phone))
                        .bind(desk.map(|d| &d.email))
                        .bind(desk.map(|d| &d.website))
                        .bind(&settings.reply_email)
                        .execute(&mut *tx)
                        .await?;
                    let facts = serde_json::to_value(settings).unwrap_or_default();
                    append(&mut tx, audited(audit, verhuurder_org_id, facts)).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn channel_counts(
                    &self,
                    verhuurder_org_id: i64,
                    from: chrono::DateTime<chrono::Utc>,
                    to: chrono::DateTime<chrono::Utc>,
                ) -> Result<tc::ChannelCounts> {
                    let mut counts = tc::ChannelCounts::default();
                    for (table, into) in [
                        ("tenant_letters", &mut counts.letters),
                        ("tenant_responses", &mut counts.responses),
                    ] {
                        let rows: Vec<(String, i64)> = sqlx::query_as(&sql::count_kinds(table))
                            .bind(verhuurder_org_id)
                            .bind(Ts(from))
                            .bind(Ts(to))
                            .fetch_all(&self.pool)
                            .await?;
                        into.extend(rows);
                    }
                    counts.links_opened = sqlx::query_scalar(sql::LINKS_OPENED)
                        .bind(verhuurder_org_id)
                        .bind(Ts(from))
                        .bind(Ts(to))
                        .fetch_one(&self.pool)
                        .await?;
                    Ok(counts)
                }
            }
        };
    };
}

pub(crate) use tenant_channel_impl;
