//! Reading a verhuurder's tenancies and gate records: free functions
//! stamped out per backend pool by `tenancy_reads!`, shared by the trait's
//! methods (`gate_facts` reads a tenancy, its events and its policies).

/// How one tenancy is looked up within its verhuurder.
#[derive(Clone, Copy)]
pub(crate) enum TenancyKey<'a> {
    Id(i64),
    Reference(&'a str),
}

macro_rules! tenancy_reads {
    ($pool:ty) => {
        async fn one_tenancy(
            pool: &$pool,
            verhuurder: i64,
            key: $crate::tenancy::reads::TenancyKey<'_>,
        ) -> $crate::Result<Option<$crate::tenancy::Tenancy>> {
            use $crate::tenancy::{reads::TenancyKey, rows, sql, Tenancy};
            let condition = match key {
                TenancyKey::Id(_) => "t.id = $2",
                TenancyKey::Reference(_) => "t.reference = $2",
            };
            let statement = sql::tenancy_query(condition, "");
            let query = sqlx::query_as(&statement).bind(verhuurder);
            let query = match key {
                TenancyKey::Id(id) => query.bind(id),
                TenancyKey::Reference(reference) => query.bind(reference),
            };
            let row: Option<rows::TenancyRow> = query.fetch_optional(pool).await?;
            row.map(Tenancy::try_from).transpose()
        }

        async fn events(
            pool: &$pool,
            verhuurder: i64,
            tenancy_id: i64,
        ) -> $crate::Result<Vec<$crate::tenancy::TenancyEvent>> {
            use $crate::tenancy::{rows, sql};
            let rows: Vec<rows::EventRow> = sqlx::query_as(sql::EVENT_SELECT)
                .bind(verhuurder)
                .bind(tenancy_id)
                .fetch_all(pool)
                .await?;
            rows::convert(rows)
        }

        async fn policies_in_force(
            pool: &$pool,
            verhuurder: i64,
            gemeentecode: Option<&str>,
            on: chrono::NaiveDate,
        ) -> $crate::Result<Vec<$crate::tenancy::GatePolicy>> {
            use $crate::tenancy::{rows, sql};
            let rows: Vec<rows::PolicyRow> = sqlx::query_as(&sql::policies_in_force())
                .bind(verhuurder)
                .bind(gemeentecode)
                .bind(on)
                .fetch_all(pool)
                .await?;
            rows::convert(rows)
        }

        /// The verhuurder's decisions whose `condition` holds for `id` ($2).
        async fn decisions(
            pool: &$pool,
            verhuurder: i64,
            condition: &str,
            id: i64,
        ) -> $crate::Result<Vec<$crate::tenancy::GateDecision>> {
            use $crate::tenancy::{rows, sql};
            let rows: Vec<rows::DecisionRow> = sqlx::query_as(&sql::decision_query(condition))
                .bind(verhuurder)
                .bind(id)
                .fetch_all(pool)
                .await?;
            rows::convert(rows)
        }

        async fn overrides(
            pool: &$pool,
            verhuurder: i64,
            filter: $crate::tenancy::OverrideFilter,
        ) -> $crate::Result<Vec<$crate::tenancy::GateOverride>> {
            use $crate::tenancy::{rows, sql, OverrideFilter};
            let rows: Vec<rows::OverrideRow> = match filter {
                OverrideFilter::Tenancy(id) => {
                    sqlx::query_as(&sql::override_query("o.tenancy_id = $2"))
                        .bind(verhuurder)
                        .bind(id)
                        .fetch_all(pool)
                        .await?
                }
                OverrideFilter::Pending => {
                    sqlx::query_as(&sql::override_query("o.status = 'pending'"))
                        .bind(verhuurder)
                        .fetch_all(pool)
                        .await?
                }
            };
            rows::convert(rows)
        }
    };
}

pub(crate) use tenancy_reads;
