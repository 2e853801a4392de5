//! What the kennisbank's contract tests start from: a redactie with an
//! editor, a gemeente with two contributors, and builders for revisions
//! whose text is marked, so a test can search the audit log for it.

use super::world::{cli, date};
use sha2::Digest;
use std::sync::Arc;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::org::NewOrg;
use vangnet_domain::user::NewUser;
use vangnet_store::kennisbank::*;
use vangnet_store::*;

/// Text put in titles, bodies, reasons, comments, names, e-mail addresses
/// and filenames; none of it may reach the audit log.
pub const MARKERS: &[&str] = &[
    "Titeltekst",
    "Samenvattingtekst",
    "Broodtekst",
    "Redentekst",
    "Commentaartekst",
    "Suggestienaam",
    "suggestie@example.org",
    "bestandsnaam",
    "Synoniemtekst",
];

pub struct Kb {
    pub store: Arc<dyn Store>,
    pub redactie: i64,
    pub editor: i64,
    pub gemeente: i64,
    pub alice: i64,
    pub bob: i64,
}

pub async fn kb(store: Arc<dyn Store>) -> Kb {
    let mut orgs = Vec::new();
    for (code, kind, gc, pcs) in [
        ("redactie", "redactie", None, None),
        ("den-haag", "gemeente", Some("0518"), Some("2490-2599")),
    ] {
        let new = NewOrg::parse(code, code, kind, gc, pcs).unwrap();
        orgs.push(store.create_org(&new, cli()).await.unwrap());
    }
    let mut users = Vec::new();
    for (email, role, org) in [
        ("redacteur@redactie.example", "redacteur", &orgs[0]),
        ("alice@den-haag.example", "medewerker", &orgs[1]),
        ("bob@den-haag.example", "medewerker", &orgs[1]),
    ] {
        let new = NewUser::parse(email, "Gebruiker", role, org.kind).unwrap();
        users.push(
            store
                .create_user(org.id, &new, "x", cli())
                .await
                .unwrap()
                .id,
        );
    }
    Kb {
        store,
        redactie: orgs[0].id,
        editor: users[0],
        gemeente: orgs[1].id,
        alice: users[1],
        bob: users[2],
    }
}

impl Kb {
    /// How many audit entries there are, to see that a step added one.
    pub async fn audit_count(&self) -> usize {
        self.store.audit_page(0, 10_000).await.unwrap().len()
    }

    /// The audit event of a user (the editor's in the redactie, everyone
    /// else's in the gemeente).
    pub fn by(&self, user: i64) -> AuditEvent {
        let org = if user == self.editor {
            self.redactie
        } else {
            self.gemeente
        };
        AuditEvent::new("kennisbank.test", "kb_practice", None).by_user(user, org)
    }

    /// A contributor's revision (`title` goes into the marked title).
    pub fn revision(&self, author: i64, title: &str) -> NewRevision {
        let content = content(title);
        NewRevision {
            content_hash: content_hash(&content),
            content,
            author_user_id: Some(author),
            author_org_id: Some(self.gemeente),
            suggester_name: None,
            suggester_email: None,
        }
    }

    pub fn practice(&self, slug: &str, author: i64, title: &str) -> NewPractice {
        NewPractice {
            slug: slug.into(),
            owner_user_id: Some(author),
            contributor_org_id: Some(self.gemeente),
            revision: self.revision(author, title),
            publish: None,
        }
    }

    /// Creates and publishes a practice; its id and revision id.
    pub async fn published(&self, slug: &str, review_by: &str) -> CreatedPractice {
        let mut new = self.practice(slug, self.alice, slug);
        new.publish = Some(PublishAs {
            editor_user_id: self.editor,
            review_by: date(review_by),
        });
        let by = self.by(self.editor);
        self.store.create_practice(&new, by).await.unwrap()
    }
}

/// An event without a person (a public suggestion, the purge).
pub fn kennisbank_event() -> AuditEvent {
    AuditEvent::new("kennisbank.suggest", "kb_practice", None)
}

/// A public suggestion: no user, the suggester's marked name and e-mail.
pub fn suggestion(title: &str) -> NewRevision {
    let content = content(title);
    NewRevision {
        content_hash: content_hash(&content),
        content,
        author_user_id: None,
        author_org_id: None,
        suggester_name: Some("Suggestienaam".into()),
        suggester_email: Some("suggestie@example.org".into()),
    }
}

pub fn content(title: &str) -> RevisionContent {
    RevisionContent {
        title: format!("Titeltekst {title}"),
        summary: "Samenvattingtekst over vroeg eropaf".into(),
        body_md: "# Aanpak\n\nBroodtekst met **Markdown** en een €-teken.".into(),
        phases: vec!["horizon".into(), "preventie".into()],
        actors: vec!["woningcorporatie".into(), "gemeente".into()],
        region: Some("Haaglanden".into()),
        organisation: Some("Gemeente Den Haag".into()),
        contact: None,
        results: Some("Minder ontruimingen".into()),
        figures: vec![Figure {
            label: "Ontruimingen voorkomen".into(),
            value: "42".into(),
        }],
        links: vec![Link {
            title: "Rapport".into(),
            url: "https://example.org/rapport.pdf".into(),
        }],
        review_by: None,
    }
}

pub fn content_hash(content: &RevisionContent) -> String {
    let json = serde_json::to_string(content).unwrap();
    format!("{:x}", sha2::Sha256::digest(json.as_bytes()))
}
