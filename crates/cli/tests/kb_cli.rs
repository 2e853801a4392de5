//! `vangnet kb import|export|search` and the demo's kennisbank, run as an
//! editor's script would, on SQLite and PostgreSQL.

mod support;

#[path = "kb_cli/db.rs"]
mod db;
use db::{audit_count, with_store, Db, AUTHOR, EDITOR};

use std::path::Path;
use support::server::DemoServer;

const CONTENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/kennisbank");

fn slugs(summary: &serde_json::Value, outcome: &str) -> Vec<String> {
    summary["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["outcome"] == outcome)
        .map(|f| f["slug"].as_str().unwrap().to_string())
        .collect()
}

fn publishing_twice_creates_then_changes_nothing(db: &Db) {
    let started = std::time::Instant::now();
    let first = db.publish(CONTENT);
    eprintln!("imported 29 practices in {:?}", started.elapsed());
    let keys: Vec<&String> = first.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "created",
            "errors",
            "files",
            "refused",
            "unchanged",
            "updated"
        ]
    );
    assert_eq!(first["created"], 29, "{first}");
    assert_eq!(first["errors"], serde_json::json!([]));
    assert_eq!(first["files"].as_array().unwrap().len(), 29);
    assert!(slugs(&first, "created").contains(&"huisbezoek-binnen-vijf-werkdagen".to_string()));
    let audit = audit_count(&db.url);
    let second = db.publish(CONTENT);
    assert_eq!(
        (&second["unchanged"], &second["created"], &second["updated"]),
        (&29.into(), &0.into(), &0.into()),
        "{second}"
    );
    assert_eq!(audit_count(&db.url), audit, "no audit entry for nothing");
    let text = db.ok(&["kb", "import", CONTENT, "--publish", "--editor", EDITOR]);
    assert!(
        text.contains("ongewijzigd  huisbezoek-binnen-vijf-werkdagen.md"),
        "{text}"
    );
}

fn a_broken_file_is_named_and_the_others_still_import(db: &Db) {
    let dir = db.path("broken");
    std::fs::create_dir(&dir).unwrap();
    let good =
        std::fs::read_to_string(Path::new(CONTENT).join("huisbezoek-binnen-vijf-werkdagen.md"));
    std::fs::write(dir.join("a-goed.md"), good.unwrap()).unwrap();
    std::fs::write(
        dir.join("b-kapot.md"),
        "---\ntitle: Een kapotte praktijk\nsummary: Kort.\nphases: [fase-9]\nactors: [gemeente]\n---\nTekst.\n",
    )
    .unwrap();
    std::fs::write(dir.join("README.md"), "not a practice").unwrap();
    let summary = db.publish(dir.to_str().unwrap());
    assert_eq!(summary["created"], 1, "{summary}");
    let errors = summary["errors"].as_array().unwrap();
    assert!(!errors.is_empty());
    let phase = errors
        .iter()
        .find(|e| e["field"] == "phases")
        .expect("{summary}");
    assert_eq!(phase["file"], "b-kapot.md");
    assert_eq!(phase["line"], 4);
    assert!(
        phase["message"].as_str().unwrap().contains("fase-9"),
        "{phase}"
    );
    let (ok, out, _) = db.run(&[
        "kb",
        "import",
        dir.to_str().unwrap(),
        "--publish",
        "--editor",
        EDITOR,
    ]);
    assert!(ok);
    assert!(out.contains("b-kapot.md regel 4, veld phases"), "{out}");
    let (ok, _, err) = db.run(&["kb", "import", "/no/such/dir", "--json"]);
    assert!(!ok && err.contains("/no/such/dir"), "{err}");
}

fn only_an_editor_may_publish(db: &Db) {
    let (ok, _, err) = db.run(&["kb", "import", CONTENT, "--publish", "--editor", AUTHOR]);
    assert!(!ok);
    assert!(
        err.contains("alleen een redacteur van de redactie"),
        "{err}"
    );
    let (ok, _, err) = db.run(&["kb", "import", CONTENT, "--publish"]);
    assert!(!ok, "{err}");
}

fn without_publish_practices_wait_for_the_editors(db: &Db) {
    let summary = db.json(&["kb", "import", CONTENT, "--author", AUTHOR, "--json"]);
    assert_eq!(summary["created"], 29, "{summary}");
    let search = db.json(&["kb", "search", "huisuitzettingen", "--json"]);
    assert_eq!(search["total"], 0, "submissions are not public: {search}");
    let (open, published) = with_store(&db.url, async |store| {
        (
            store.open_revisions().await.unwrap(),
            store.published_practices().await.unwrap(),
        )
    });
    assert_eq!(open.len(), 29);
    assert!(published.is_empty());
    let again = db.json(&["kb", "import", CONTENT, "--author", AUTHOR, "--json"]);
    assert_eq!(again["unchanged"], 29, "{again}");
    // The editor publishes the same texts: each open revision is decided.
    let published = db.publish(CONTENT);
    assert_eq!(published["updated"], 29, "{published}");
    let search = db.json(&["kb", "search", "huisuitzettingen", "--json"]);
    assert!(search["total"].as_u64().unwrap() >= 2, "{search}");
}

fn another_authors_open_revision_refuses_the_import(db: &Db) {
    db.json(&["kb", "import", CONTENT, "--author", AUTHOR, "--json"]);
    let dir = db.path("changed");
    std::fs::create_dir(&dir).unwrap();
    let name = "huisbezoek-binnen-vijf-werkdagen.md";
    let text = std::fs::read_to_string(Path::new(CONTENT).join(name)).unwrap();
    std::fs::write(dir.join(name), format!("{text}\nEen extra zin.\n")).unwrap();
    let summary = db.publish(dir.to_str().unwrap());
    assert_eq!(summary["refused"], 1, "{summary}");
    assert!(summary["files"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("beoordeling"));
}

fn export_then_import_elsewhere_round_trips(db: &Db) {
    db.publish(CONTENT);
    let first = db.path("export-1");
    db.ok(&["kb", "export", first.to_str().unwrap()]);
    let other = Db::sqlite();
    let summary = other.publish(first.to_str().unwrap());
    assert_eq!(summary["created"], 29, "{summary}");
    let second = other.path("export-2");
    other.ok(&["kb", "export", second.to_str().unwrap()]);
    let mut names: Vec<_> = std::fs::read_dir(&first)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names.len(), 29);
    for name in names {
        assert_eq!(
            std::fs::read(first.join(&name)).unwrap(),
            std::fs::read(second.join(&name)).unwrap(),
            "{name:?}"
        );
    }
}

fn search_finds_the_labelled_practice_and_filters(db: &Db) {
    db.publish(CONTENT);
    let result = db.json(&["kb", "search", "huisuitzettingen", "--json"]);
    let keys: Vec<&String> = result.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["facets", "hits", "total"]);
    let hits = result["hits"].as_array().unwrap();
    let top: Vec<&str> = hits
        .iter()
        .take(5)
        .map(|h| h["slug"].as_str().unwrap())
        .collect();
    assert!(
        top.contains(&"gezin-met-kinderen-geen-huisuitzetting-zonder-gesprek"),
        "{top:?}"
    );
    let hit = &hits[0];
    let mut hit_keys: Vec<&String> = hit.as_object().unwrap().keys().collect();
    hit_keys.sort();
    assert_eq!(
        hit_keys,
        ["actors", "phases", "score", "slug", "snippet", "title"]
    );
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    assert!(!hit["snippet"].as_str().unwrap().is_empty());
    for facet in ["phases", "actors", "regions"] {
        assert!(result["facets"][facet].is_object(), "{facet}");
    }
    let nazorg = db.json(&[
        "kb",
        "search",
        "huisuitzettingen",
        "--phase",
        "fase-5-nazorg",
        "--json",
    ]);
    let hits = nazorg["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(nazorg["total"].as_u64() < result["total"].as_u64());
    for hit in hits {
        let phases = hit["phases"].as_array().unwrap();
        assert!(phases.contains(&"fase-5-nazorg".into()), "{hit}");
    }
    let limited = db.json(&["kb", "search", "huur", "--limit", "2", "--json"]);
    assert_eq!(limited["hits"].as_array().unwrap().len(), 2);
    let text = db.ok(&["kb", "search", "huisuitzettingen"]);
    assert!(
        text.contains("praktijken voor \"huisuitzettingen\""),
        "{text}"
    );
    let (ok, _, err) = db.run(&["kb", "search", "x", "--phase", "fase-9"]);
    assert!(!ok && err.contains("onbekende fase"), "{err}");
}

fn purge_reports_the_kennisbank_suggesters(db: &Db) {
    let report = db.json(&["purge", "--json"]);
    assert_eq!(report["kb_suggesters"], 0, "{report}");
    let plan = db.json(&["purge", "--dry-run", "--json"]);
    assert!(plan["kb_suggesters"].is_null(), "{plan}");
    let text = db.ok(&["purge"]);
    assert!(
        text.contains("Kennisbank: naam en e-mailadres gewist van 0 inzenders."),
        "{text}"
    );
}

macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[test] fn $name() { super::$name(&super::Db::sqlite()); } )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    let Some(db) = super::Db::postgres() else { return };
                    super::$name(&db);
                }
            )*
        }
    };
}

on_both_databases!(
    publishing_twice_creates_then_changes_nothing,
    a_broken_file_is_named_and_the_others_still_import,
    only_an_editor_may_publish,
    without_publish_practices_wait_for_the_editors,
    another_authors_open_revision_refuses_the_import,
    export_then_import_elsewhere_round_trips,
    search_finds_the_labelled_practice_and_filters,
    purge_reports_the_kennisbank_suggesters,
);

fn demo_has_the_kennisbank(server: &DemoServer) {
    let (published, open) = with_store(&server.database_url, async |store| {
        (
            store.published_practices().await.unwrap(),
            store.open_revisions().await.unwrap(),
        )
    });
    assert_eq!(published.len(), 29);
    assert_eq!(open.len(), 1);
    assert!(open[0].revision.author_user_id.is_some());
    assert_eq!(open[0].published_revision_id, None, "a new practice");
}

#[test]
fn demo_has_the_kennisbank_on_sqlite() {
    demo_has_the_kennisbank(&DemoServer::start());
}

#[test]
fn demo_has_the_kennisbank_on_postgres() {
    if let Some(server) = DemoServer::start_postgres() {
        demo_has_the_kennisbank(&server);
    }
}
