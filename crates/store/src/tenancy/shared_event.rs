//! `record_tenancy_event`'s insert (its checks, the version, a melding's
//! consequences) for another capability's transaction: the tenant channel
//! keeps a letter or a tenant's answer and its step together, without a
//! second copy of the SQL. Invoked inside `tenancy_impl!`'s block, where
//! `insert_event` lives.

macro_rules! shared_event_insert {
    ($store:ty, $conn:ty) => {
        impl $store {
            pub(crate) async fn insert_tenancy_event(
                conn: &mut $conn,
                verhuurder: i64,
                tenancy_id: i64,
                event: &$crate::tenancy::NewTenancyEvent,
                recording: &$crate::tenancy::EventRecording,
            ) -> $crate::Result<$crate::tenancy::RecordedEvent> {
                insert_event(conn, verhuurder, tenancy_id, event, recording, None).await
            }
        }
    };
}

pub(crate) use shared_event_insert;
