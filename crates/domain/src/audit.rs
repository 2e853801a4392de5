//! The audit chain. Each entry's hash covers its own fields and the previous
//! entry's hash, so changing or deleting any stored row breaks the chain
//! from that point on. Storage appends; this module computes and checks.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The hash the first entry points back to.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened, before it is placed in the chain. `detail` is a JSON
/// object text and, like every field here, must hold no personal data:
/// refer to people by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEvent {
    pub actor_user_id: Option<i64>,
    pub actor_token_id: Option<i64>,
    /// Who acted when there is no user or token: "cli", "system", "anoniem".
    pub actor_label: String,
    pub org_id: Option<i64>,
    pub action: String,
    pub object_type: String,
    pub object_id: Option<String>,
    pub reason: Option<String>,
    pub detail: String,
}

impl AuditEvent {
    pub fn new(action: &str, object_type: &str, object_id: Option<String>) -> Self {
        AuditEvent {
            actor_user_id: None,
            actor_token_id: None,
            actor_label: "system".into(),
            org_id: None,
            action: action.into(),
            object_type: object_type.into(),
            object_id,
            reason: None,
            detail: "{}".into(),
        }
    }

    pub fn by_user(mut self, user_id: i64, org_id: i64) -> Self {
        self.actor_user_id = Some(user_id);
        self.actor_label = "gebruiker".into();
        self.org_id = Some(org_id);
        self
    }

    pub fn by_token(mut self, token_id: i64, org_id: i64) -> Self {
        self.actor_token_id = Some(token_id);
        self.actor_label = "token".into();
        self.org_id = Some(org_id);
        self
    }

    pub fn by_label(mut self, label: &str) -> Self {
        self.actor_label = label.into();
        self
    }

    pub fn in_org(mut self, org_id: Option<i64>) -> Self {
        self.org_id = org_id;
        self
    }

    /// Names the object by id (people are never named in the log).
    pub fn with_object(mut self, id: impl ToString) -> Self {
        self.object_id = Some(id.to_string());
        self
    }

    pub fn because(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }

    pub fn with_detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = detail.to_string();
        self
    }
}

/// A stored entry: the event, its place in the chain and its hashes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    #[serde(flatten)]
    pub event: AuditEvent,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEntry {
    /// Places an event after `prev` (None for the first entry).
    pub fn chain(prev: Option<(i64, &str)>, at: DateTime<Utc>, event: AuditEvent) -> AuditEntry {
        let (seq, prev_hash) = match prev {
            Some((seq, hash)) => (seq + 1, hash.to_string()),
            None => (1, GENESIS_HASH.to_string()),
        };
        let at = truncate_to_micros(at);
        let hash = entry_hash(seq, at, &event, &prev_hash);
        AuditEntry {
            seq,
            at,
            event,
            prev_hash,
            hash,
        }
    }
}

/// Databases keep microseconds; hashing only what survives a round trip
/// keeps the chain verifiable on both backends.
pub fn truncate_to_micros(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(at.timestamp_micros()).unwrap_or(at)
}

/// Fields are length-prefixed so no two different entries encode the same.
pub fn entry_hash(seq: i64, at: DateTime<Utc>, event: &AuditEvent, prev_hash: &str) -> String {
    let opt = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    let fields = [
        seq.to_string(),
        at.timestamp_micros().to_string(),
        opt(event.actor_user_id),
        opt(event.actor_token_id),
        event.actor_label.clone(),
        opt(event.org_id),
        event.action.clone(),
        event.object_type.clone(),
        event.object_id.clone().unwrap_or_default(),
        event.reason.clone().unwrap_or_default(),
        event.detail.clone(),
        prev_hash.to_string(),
    ];
    let mut hasher = Sha256::new();
    for field in &fields {
        hasher.update(field.len().to_string().as_bytes());
        hasher.update(b":");
        hasher.update(field.as_bytes());
        hasher.update(b";");
    }
    hex::encode(hasher.finalize())
}

/// Why the chain is broken at an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub seq: i64,
    pub reason: String,
}

/// Checks entries one by one in `seq` order, so storage can stream the log
/// in pages instead of loading it.
#[derive(Debug, Default)]
pub struct ChainVerifier {
    last: Option<(i64, String)>,
    checked: u64,
}

impl ChainVerifier {
    pub fn feed(&mut self, entry: &AuditEntry) -> Result<(), BrokenLink> {
        let broken = |reason: String| BrokenLink {
            seq: entry.seq,
            reason,
        };
        let (expected_seq, expected_prev) = match &self.last {
            Some((seq, hash)) => (seq + 1, hash.as_str()),
            None => (1, GENESIS_HASH),
        };
        if entry.seq != expected_seq {
            return Err(broken(format!(
                "volgnummer {} verwacht maar {} gevonden: er ontbreken regels",
                expected_seq, entry.seq
            )));
        }
        if entry.prev_hash != expected_prev {
            return Err(broken(
                "verwijst niet naar de hash van de vorige regel".into(),
            ));
        }
        if entry_hash(entry.seq, entry.at, &entry.event, &entry.prev_hash) != entry.hash {
            return Err(broken(
                "inhoud past niet bij de opgeslagen hash: de regel is gewijzigd".into(),
            ));
        }
        self.last = Some((entry.seq, entry.hash.clone()));
        self.checked += 1;
        Ok(())
    }

    pub fn checked(&self) -> u64 {
        self.checked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain_of(n: usize) -> Vec<AuditEntry> {
        let at = DateTime::from_timestamp(1_790_000_000, 123_456_789).unwrap();
        let mut entries: Vec<AuditEntry> = Vec::new();
        for i in 0..n {
            let prev = entries.last().map(|e| (e.seq, e.hash.as_str()));
            let event = AuditEvent::new("user.create", "user", Some(i.to_string())).by_user(1, 1);
            entries.push(AuditEntry::chain(prev, at, event));
        }
        entries
    }

    fn verify(entries: &[AuditEntry]) -> Result<u64, BrokenLink> {
        let mut verifier = ChainVerifier::default();
        for entry in entries {
            verifier.feed(entry)?;
        }
        Ok(verifier.checked())
    }

    #[test]
    fn intact_chain_verifies() {
        assert_eq!(verify(&chain_of(5)), Ok(5));
        assert_eq!(chain_of(1)[0].at.timestamp_subsec_nanos(), 123_456_000);
    }

    #[test]
    fn tampering_table() {
        type Tamper = fn(&mut Vec<AuditEntry>);
        let cases: [(&str, Tamper, i64); 5] = [
            (
                "changed action",
                |e| e[2].event.action = "user.delete".into(),
                3,
            ),
            (
                "changed time",
                |e| e[1].at += chrono::Duration::seconds(1),
                2,
            ),
            (
                "deleted row",
                |e| {
                    e.remove(2);
                },
                4,
            ),
            (
                "deleted last row and rehashed",
                |e| {
                    e.remove(1);
                    e[1].seq = 2;
                    let prev = e[0].hash.clone();
                    e[1].prev_hash = prev;
                },
                2,
            ),
            (
                "changed reason",
                |e| e[4].event.reason = Some("x".into()),
                5,
            ),
        ];
        for (name, tamper, broken_at) in cases {
            let mut entries = chain_of(5);
            tamper(&mut entries);
            assert_eq!(verify(&entries).unwrap_err().seq, broken_at, "{name}");
        }
    }

    #[test]
    fn encoding_is_unambiguous() {
        let at = DateTime::from_timestamp(0, 0).unwrap();
        let mut a = AuditEvent::new("ab", "c", None);
        let mut b = AuditEvent::new("a", "bc", None);
        a.detail = String::new();
        b.detail = String::new();
        assert_ne!(
            entry_hash(1, at, &a, GENESIS_HASH),
            entry_hash(1, at, &b, GENESIS_HASH)
        );
    }
}
