//! Migrations are plain SQL files per backend, embedded in the binary and
//! applied in name order. `schema_migrations` records which ran.

pub struct Migration {
    pub name: &'static str,
    pub sql: &'static str,
}

macro_rules! migrations {
    ($backend:literal: $($name:literal),* $(,)?) => {
        &[$(Migration {
            name: $name,
            sql: include_str!(concat!("../migrations/", $backend, "/", $name, ".sql")),
        }),*]
    };
}

pub const SQLITE: &[Migration] = migrations!("sqlite": "0001_foundation", "0002_signals", "0003_lean_signal_indexes", "0004_casework", "0005_purge", "0006_tenancies", "0007_tenancy_retention", "0008_notice_mail", "0009_kennisbank", "0010_kb_review_reminders", "0011_stats", "0012_tenant_channel", "0013_tenant_letter_details", "0014_tenant_letter_mailed", "0015_tenant_sessions", "0016_signal_contact_wish", "0017_tenant_reply_email");
pub const POSTGRES: &[Migration] = migrations!("postgres": "0001_foundation", "0002_signals", "0003_lean_signal_indexes", "0004_casework", "0005_purge", "0006_tenancies", "0007_tenancy_retention", "0008_notice_mail", "0009_kennisbank", "0010_kb_review_reminders", "0011_stats", "0012_tenant_channel", "0013_tenant_letter_details", "0014_tenant_letter_mailed", "0015_tenant_sessions", "0016_signal_contact_wish", "0017_tenant_reply_email");

#[cfg(test)]
mod tests {
    #[test]
    fn both_backends_have_the_same_migrations_in_order() {
        let names = |m: &[super::Migration]| m.iter().map(|m| m.name).collect::<Vec<_>>();
        assert_eq!(names(super::SQLITE), names(super::POSTGRES));
        let mut sorted = names(super::SQLITE);
        sorted.sort();
        assert_eq!(sorted, names(super::SQLITE));
    }
}
