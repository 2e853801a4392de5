//! `StatsStore` for both backends, stamped out per store type like
//! `tenancy_impl!`, with the SQL of `sql.rs` and the folding of `fold.rs`.
//! It needs `self.pool`, `self.write()` and `append` in the invoking module.

macro_rules! stats_impl {
    ($store:ty, $db:ty, $dialect:expr) => {
        const _: () = {
            use chrono::NaiveDate;
            use vangnet_domain::audit::AuditEvent;
            use vangnet_domain::stats::facts as f;
            use $crate::stats::{fold, sql, DateRange, StatsScope};
            use $crate::Result;

            /// Runs a grouped statement over `range`, binding the owner when
            /// the scope has one.
            async fn grouped<R>(
                store: &$store,
                (statement, owner): (String, Option<i64>),
                range: DateRange,
            ) -> Result<Vec<R>>
            where
                R: Send + Unpin + for<'r> sqlx::FromRow<'r, <$db as sqlx::Database>::Row>,
            {
                let mut query = sqlx::query_as::<$db, R>(&statement)
                    .bind(range.from)
                    .bind(range.to);
                if let Some(id) = owner {
                    query = query.bind(id);
                }
                Ok(query.fetch_all(&store.pool).await?)
            }

            #[async_trait::async_trait]
            impl $crate::stats::StatsStore for $store {
                async fn signal_counts(
                    &self,
                    scope: StatsScope,
                    range: DateRange,
                ) -> Result<Vec<f::SignalCount>> {
                    fold::signals(grouped(self, sql::signal_counts(scope), range).await?)
                }

                async fn case_groups(
                    &self,
                    scope: StatsScope,
                    range: DateRange,
                ) -> Result<Vec<f::CaseGroup>> {
                    let Some(statement) = sql::case_groups(scope) else {
                        return Ok(Vec::new());
                    };
                    fold::cases(grouped(self, statement, range).await?)
                }

                async fn case_dates(
                    &self,
                    scope: StatsScope,
                    range: DateRange,
                ) -> Result<Vec<f::CaseDates>> {
                    let Some(statement) = sql::case_dates(scope) else {
                        return Ok(Vec::new());
                    };
                    let rows: Vec<(NaiveDate, Option<NaiveDate>, Option<NaiveDate>, i64)> =
                        grouped(self, statement, range).await?;
                    let mut dates: Vec<f::CaseDates> = rows
                        .into_iter()
                        .map(
                            |(opened_on, picked_up_on, first_contact_on, count)| f::CaseDates {
                                opened_on,
                                picked_up_on,
                                first_contact_on,
                                count: count as u64,
                            },
                        )
                        .collect();
                    dates.sort_by_key(|d| (d.opened_on, d.picked_up_on, d.first_contact_on));
                    Ok(dates)
                }

                async fn notice_counts(
                    &self,
                    scope: StatsScope,
                    range: DateRange,
                ) -> Result<Vec<f::NoticeCount>> {
                    let rows: Vec<(NaiveDate, i64)> =
                        grouped(self, sql::notice_counts(scope), range).await?;
                    let mut months = std::collections::BTreeMap::new();
                    for (day, count) in rows {
                        *months.entry(fold::month(day)).or_insert(0) += count as u64;
                    }
                    Ok(months
                        .into_iter()
                        .map(|(month, count)| f::NoticeCount { month, count })
                        .collect())
                }

                async fn event_counts(
                    &self,
                    scope: StatsScope,
                    range: DateRange,
                    kinds: &[vangnet_domain::tenancy::EventKind],
                ) -> Result<Vec<f::EventCount>> {
                    if kinds.is_empty() {
                        return Ok(Vec::new());
                    }
                    let statement = sql::event_counts($dialect, scope, kinds);
                    fold::events(grouped(self, statement, range).await?)
                }

                async fn arrears_by_stage(
                    &self,
                    verhuurder_org_id: i64,
                    on: NaiveDate,
                ) -> Result<Vec<f::StageCount>> {
                    let rows: Vec<(Option<i64>, i64)> = sqlx::query_as(&sql::arrears_by_stage())
                        .bind(verhuurder_org_id)
                        .bind(on)
                        .fetch_all(&self.pool)
                        .await?;
                    fold::stages(rows)
                }

                async fn gate_counts(
                    &self,
                    scope: StatsScope,
                    range: DateRange,
                ) -> Result<Vec<f::GateCount>> {
                    let rows: Vec<(String, bool, i64)> =
                        grouped(self, sql::gate_counts(scope), range).await?;
                    let mut counts = rows
                        .into_iter()
                        .map(|(step, allowed, count)| {
                            Ok(f::GateCount {
                                step: fold::step(&step)?,
                                allowed,
                                count: count as u64,
                            })
                        })
                        .collect::<Result<Vec<_>>>()?;
                    counts.sort_by_key(|c| (c.step, c.allowed));
                    Ok(counts)
                }

                async fn override_counts(
                    &self,
                    scope: StatsScope,
                    range: DateRange,
                ) -> Result<Vec<f::OverrideCount>> {
                    let (statement, owner) = sql::override_counts(scope);
                    let (from, to) = sql::instants(range);
                    let mut query = sqlx::query_as(&statement).bind(from).bind(to);
                    if let Some(id) = owner {
                        query = query.bind(id);
                    }
                    let mut rows: Vec<(String, i64)> = query.fetch_all(&self.pool).await?;
                    rows.sort();
                    Ok(rows
                        .into_iter()
                        .map(|(status, count)| f::OverrideCount {
                            status,
                            count: count as u64,
                        })
                        .collect())
                }

                async fn org_counts(&self) -> Result<Vec<f::OrgCount>> {
                    let rows: Vec<(String, i64)> = sqlx::query_as(sql::ORG_COUNTS)
                        .fetch_all(&self.pool)
                        .await?;
                    let mut counts = rows
                        .into_iter()
                        .map(|(kind, count)| {
                            Ok(f::OrgCount {
                                kind: fold::org_kind(&kind)?,
                                count: count as u64,
                            })
                        })
                        .collect::<Result<Vec<_>>>()?;
                    let order = |k: &vangnet_domain::org::OrgKind| {
                        vangnet_domain::org::OrgKind::ALL
                            .iter()
                            .position(|a| a == k)
                    };
                    counts.sort_by_key(|c| order(&c.kind));
                    Ok(counts)
                }

                async fn kennisbank_activity(
                    &self,
                    range: DateRange,
                ) -> Result<f::KennisbankActivity> {
                    let (from, to) = sql::instants(range);
                    let (contributions, by_partners): (i64, i64) =
                        sqlx::query_as(sql::KB_CONTRIBUTIONS)
                            .bind(from)
                            .bind(to)
                            .fetch_one(&self.pool)
                            .await?;
                    let mut decisions: Vec<(String, i64)> = sqlx::query_as(sql::KB_DECISIONS)
                        .bind(from)
                        .bind(to)
                        .fetch_all(&self.pool)
                        .await?;
                    decisions.sort();
                    let published: i64 = sqlx::query_scalar(sql::KB_PUBLISHED)
                        .bind(to)
                        .fetch_one(&self.pool)
                        .await?;
                    let most_read: Vec<(String, String, i64)> = sqlx::query_as(sql::KB_MOST_READ)
                        .bind(fold::month(range.from))
                        .bind(range.to)
                        .fetch_all(&self.pool)
                        .await?;
                    Ok(f::KennisbankActivity {
                        contributions: contributions as u64,
                        by_partners: by_partners as u64,
                        decisions: decisions
                            .into_iter()
                            .map(|(status, count)| (status, count as u64))
                            .collect(),
                        published: published as u64,
                        most_read: most_read
                            .into_iter()
                            .map(|(slug, title, reads)| (slug, title, reads as u64))
                            .collect(),
                    })
                }

                async fn add_practice_reads(&self, reads: &[(i64, NaiveDate, u64)]) -> Result<()> {
                    let mut tx = self.write().await?;
                    for &(practice_id, day, count) in reads.iter().filter(|r| r.2 > 0) {
                        sqlx::query(sql::ADD_READS)
                            .bind(practice_id)
                            .bind(fold::month(day))
                            .bind(i64::try_from(count).unwrap_or(i64::MAX))
                            .execute(&mut *tx)
                            .await?;
                    }
                    tx.commit().await?;
                    Ok(())
                }

                async fn eviction_cost(&self, verhuurder_org_id: i64) -> Result<Option<i64>> {
                    let cost: Option<Option<i64>> = sqlx::query_scalar(sql::EVICTION_COST)
                        .bind(verhuurder_org_id)
                        .fetch_optional(&self.pool)
                        .await?;
                    Ok(cost.flatten())
                }

                async fn set_eviction_cost(
                    &self,
                    verhuurder_org_id: i64,
                    cents: Option<i64>,
                    audit: AuditEvent,
                ) -> Result<()> {
                    $crate::stats::check_eviction_cost(cents)?;
                    let mut tx = self.write().await?;
                    sqlx::query(sql::SET_EVICTION_COST)
                        .bind(verhuurder_org_id)
                        .bind(cents)
                        .execute(&mut *tx)
                        .await?;
                    let facts = serde_json::json!({ "eviction_cost_cents": cents });
                    let event = $crate::tenancy::audited(audit, verhuurder_org_id, facts);
                    append(&mut tx, event).await?;
                    tx.commit().await?;
                    Ok(())
                }
            }
        };
    };
}

pub(crate) use stats_impl;
