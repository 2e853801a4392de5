//! The test's world: the demo content published into the server's
//! database, a `serve` of its own on it, and raw downloads.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;
use vangnet_domain::audit::AuditEvent;
use vangnet_domain::kennisbank::parse_file;
use vangnet_store::kennisbank::{NewPractice, NewRevision, PublishAs};
use vangnet_store::OrgScope;

const CONTENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/kennisbank");

pub fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap()
        })
        .block_on(future)
}

/// A published practice as the test knows it: slug, title, phase slugs.
pub struct Seeded {
    pub slug: String,
    pub title: String,
    pub phases: Vec<String>,
}

/// Publishes every content file whose slug is not in the database yet (the
/// demo may already hold them), and returns everything published.
pub fn seed(database_url: &str) -> Vec<Seeded> {
    let store = block_on(vangnet_store::connect(database_url)).unwrap();
    let editor = &demo_editor(&*store);
    let mut files: Vec<_> = std::fs::read_dir(CONTENT)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md"))
        .collect();
    files.sort();
    assert!(files.len() >= 29, "the demo content is in the repository");
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let file = parse_file(&text).unwrap_or_else(|e| panic!("{path:?}: {e:?}"));
        let slug = match &file.slug {
            Some(slug) => slug.as_str().to_string(),
            None => path.file_stem().unwrap().to_string_lossy().into_owned(),
        };
        if block_on(store.latest_revision_hash(&slug))
            .unwrap()
            .is_some()
        {
            continue;
        }
        publish(&*store, editor, &slug, &file.content);
    }
    block_on(store.published_practices())
        .unwrap()
        .into_iter()
        .map(|p| Seeded {
            slug: p.practice.slug,
            title: p.revision.content.title,
            phases: p.revision.content.phases,
        })
        .collect()
}

/// The demo's redacteur.
pub fn demo_editor(store: &dyn vangnet_store::Store) -> vangnet_store::User {
    let users = block_on(store.list_users(OrgScope::All)).unwrap();
    users
        .into_iter()
        .find(|u| u.email == "redacteur@redactie.example")
        .expect("the demo editor")
}

/// Publishes `content` as `slug` with the demo editor as author and
/// editor, as an editor's import would.
pub fn publish(
    store: &dyn vangnet_store::Store,
    editor: &vangnet_store::User,
    slug: &str,
    content: &vangnet_domain::kennisbank::PracticeContent,
) -> vangnet_store::kennisbank::CreatedPractice {
    let practice = NewPractice {
        slug: slug.to_string(),
        owner_user_id: Some(editor.id),
        contributor_org_id: Some(editor.org_id),
        revision: NewRevision {
            content: vangnet_web::kennisbank::convert::to_store(content),
            author_user_id: Some(editor.id),
            author_org_id: Some(editor.org_id),
            suggester_name: None,
            suggester_email: None,
            content_hash: content.content_hash(),
        },
        publish: Some(PublishAs {
            editor_user_id: editor.id,
            review_by: content
                .review_by
                .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(2027, 12, 31).unwrap()),
        }),
    };
    let audit = AuditEvent::new("kennisbank.practice.import", "practice", None).by_label("test");
    block_on(store.create_practice(&practice, audit)).unwrap()
}

/// `vangnet serve` on the seeded database: it builds its index at start.
pub struct Serve {
    child: Child,
    pub base_url: String,
}

impl Serve {
    pub fn start(database_url: &str) -> Serve {
        Self::start_with(database_url, "chromium")
    }

    pub fn start_with(database_url: &str, chromium: &str) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vangnet"))
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--purge-delay-seconds",
                "86400",
            ])
            .args(["--database-url", database_url])
            .env("RUST_LOG", "error")
            .env("VANGNET_CHROMIUM", chromium)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start vangnet serve");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://") {
                    let _ = tx.send(line[at..].trim().to_string());
                }
            }
        });
        let base_url = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("serve's address");
        Serve { child, base_url }
    }
}

impl Serve {
    /// Stops the server as an operator's SIGTERM would (gracefully), and
    /// waits for it to exit (the statistics test's kennisbank reads).
    #[allow(dead_code)]
    pub fn terminate(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status();
        assert!(sent.is_ok_and(|s| s.success()), "SIGTERM to {pid}");
        self.child.wait().expect("the server exits")
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Status, content type and body bytes (the test client reads text only).
pub fn get_bytes(base: &str, path: &str) -> (u16, String, Vec<u8>) {
    let response = match ureq::get(&format!("{base}{path}")).call() {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{path}: {e}"),
    };
    let status = response.status();
    let kind = response.header("content-type").unwrap_or("").to_string();
    let mut body = Vec::new();
    response.into_reader().read_to_end(&mut body).unwrap();
    (status, kind, body)
}

pub fn count(body: &str, needle: &str) -> usize {
    body.matches(needle).count()
}
