//! `vangnet kb import|export|search`: the kennisbank as files. Parsing is
//! the domain's (`parse_file`/`write_file`), deciding per file the import
//! service's (`vangnet_web::kennisbank::import`), searching the same index
//! the app uses, built from the database.

use super::CliResult;
use crate::cli::{KbImportArgs, KbSearchArgs};
use chrono::Utc;
use serde_json::json;
use std::path::Path;
use std::sync::Arc;
use vangnet_domain::calendar::amsterdam_date;
use vangnet_domain::kennisbank::{parse_file, write_file, ActorKind, Phase, PracticeFile, Slug};
use vangnet_domain::org::OrgKind;
use vangnet_domain::permission::{can, Action, Actor, Credential, Decision, Resource};
use vangnet_search::Query;
use vangnet_store::Store;
use vangnet_web::kennisbank::convert::from_store;
use vangnet_web::kennisbank::documents;
use vangnet_web::kennisbank::import::{self, FileOutcome, ImportFile, Importer, Outcome};
use vangnet_web::kennisbank::search::SearchIndex;

/// One problem in one file, as reported.
pub struct FileError {
    pub file: String,
    pub line: usize,
    pub field: String,
    pub message: String,
}

/// Parses (name, text) pairs: the good files to import and every problem
/// of the others.
pub fn parse_all(texts: &[(String, String)]) -> (Vec<ImportFile>, Vec<FileError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for (name, text) in texts {
        match parse_file(text) {
            Ok(file) => files.push(ImportFile {
                name: name.clone(),
                file,
            }),
            Err(problems) => errors.extend(problems.errors.into_iter().map(|e| FileError {
                file: name.clone(),
                line: e.line,
                field: e.field,
                message: e.reason,
            })),
        }
    }
    (files, errors)
}

/// The directory's `*.md` files but its README, in name order.
fn read_dir(dir: &Path) -> CliResult<Vec<(String, String)>> {
    let cannot = |e: std::io::Error| format!("kan map '{}' niet lezen: {e}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(cannot)?
        .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()
        .map_err(cannot)?;
    names.retain(|n| n.ends_with(".md") && !n.eq_ignore_ascii_case("README.md"));
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(&name))
                .map_err(|e| format!("kan '{name}' niet lezen: {e}"))?;
            Ok((name, text))
        })
        .collect()
}

/// The person an import acts as, checked with `can` like the app would.
pub async fn importer(store: &dyn Store, email: &str, action: Action) -> CliResult<Importer> {
    let user = store
        .user_by_email(email)
        .await
        .map_err(|e| e.to_string())?
        .filter(|u| !u.disabled)
        .ok_or_else(|| format!("er is geen actieve gebruiker met e-mailadres {email}"))?;
    let org = store
        .org_by_id(user.org_id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("de organisatie van {email} bestaat niet meer"))?;
    let actor = Actor {
        org_id: org.id,
        org_kind: org.kind,
        credential: Credential::User {
            user_id: user.id,
            role: user.role,
        },
    };
    let (user_id, org_id) = (user.id, org.id);
    match can(&actor, action, Resource::Platform) {
        Decision::Allow if action == Action::ReviewPractices => {
            Ok(Importer::Editor { user_id, org_id })
        }
        Decision::Allow => Ok(Importer::Contributor { user_id, org_id }),
        _ if action == Action::ReviewPractices && org.kind != OrgKind::Redactie => Err(format!(
            "{email} hoort niet bij de redactie; alleen een redacteur van de redactie mag \
             met --publish publiceren"
        )),
        Decision::Forbidden(reason) => Err(format!("{email}: {reason}")),
        Decision::NotFound => Err(format!("{email} mag dit niet")),
    }
}

pub async fn import(store: Arc<dyn Store>, args: KbImportArgs) -> CliResult {
    let importer = match (&args.editor, &args.author, args.publish) {
        (Some(email), _, true) => importer(&*store, email, Action::ReviewPractices).await?,
        (Some(_), _, false) => {
            return Err("--editor hoort bij --publish; zonder --publish gebruik --author".into())
        }
        (None, Some(email), _) => importer(&*store, email, Action::SubmitPractice).await?,
        (None, None, true) => return Err("--publish vraagt --editor E-MAILADRES".into()),
        (None, None, false) => Importer::Cli,
    };
    let texts = read_dir(&args.dir)?;
    let (files, errors) = parse_all(&texts);
    let today = amsterdam_date(Utc::now());
    let outcomes = import::import(&*store, &files, importer, "cli", today, None)
        .await
        .map_err(|e| e.to_string())?;
    if args.json {
        println!("{}", summary_json(&outcomes, &errors));
    } else {
        print!("{}", summary_text(&outcomes, &errors, args.publish));
    }
    Ok(())
}

fn count(outcomes: &[FileOutcome], outcome: Outcome) -> usize {
    outcomes.iter().filter(|o| o.outcome == outcome).count()
}

pub fn summary_json(outcomes: &[FileOutcome], errors: &[FileError]) -> serde_json::Value {
    json!({
        "created": count(outcomes, Outcome::Created),
        "updated": count(outcomes, Outcome::Updated),
        "unchanged": count(outcomes, Outcome::Unchanged),
        "refused": count(outcomes, Outcome::Refused),
        "errors": errors.iter().map(|e| json!({
            "file": e.file, "line": e.line, "field": e.field, "message": e.message,
        })).collect::<Vec<_>>(),
        "files": outcomes.iter().map(|o| {
            let mut file = json!({"file": o.file, "slug": o.slug, "outcome": o.outcome});
            if let Some(reason) = &o.reason {
                file["reason"] = reason.as_str().into();
            }
            file
        }).collect::<Vec<_>>(),
    })
}

fn summary_text(outcomes: &[FileOutcome], errors: &[FileError], publish: bool) -> String {
    let mut out = String::new();
    for o in outcomes {
        out.push_str(&format!(
            "{:<12} {} ({})",
            o.outcome.dutch(),
            o.file,
            o.slug
        ));
        if let Some(reason) = &o.reason {
            out.push_str(&format!(": {reason}"));
        }
        out.push('\n');
    }
    for e in errors {
        let field = if e.field.is_empty() {
            String::new()
        } else {
            format!(", veld {}", e.field)
        };
        out.push_str(&format!(
            "fout         {} regel {}{field}: {}\n",
            e.file, e.line, e.message
        ));
    }
    let broken: std::collections::BTreeSet<&str> = errors.iter().map(|e| e.file.as_str()).collect();
    out.push_str(&format!(
        "\n{} aangemaakt, {} bijgewerkt, {} ongewijzigd, {} geweigerd, {} met fouten (niet ingelezen).\n",
        count(outcomes, Outcome::Created),
        count(outcomes, Outcome::Updated),
        count(outcomes, Outcome::Unchanged),
        count(outcomes, Outcome::Refused),
        broken.len(),
    ));
    if !publish {
        out.push_str("Zonder --publish wachten nieuwe teksten op beoordeling door de redactie.\n");
    }
    out
}

pub async fn export(store: Arc<dyn Store>, dir: &Path) -> CliResult {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("kan map '{}' niet maken: {e}", dir.display()))?;
    let practices = store
        .published_practices()
        .await
        .map_err(|e| e.to_string())?;
    for published in &practices {
        let slug = Slug::parse(&published.practice.slug).map_err(|e| e.reason)?;
        let file = PracticeFile {
            slug: Some(slug),
            content: from_store(&published.revision.content),
        };
        let path = dir.join(format!("{}.md", published.practice.slug));
        std::fs::write(&path, write_file(&file))
            .map_err(|e| format!("kan '{}' niet schrijven: {e}", path.display()))?;
    }
    println!(
        "{} gepubliceerde praktijken geschreven naar {}",
        practices.len(),
        dir.display()
    );
    Ok(())
}

pub async fn search(store: Arc<dyn Store>, args: KbSearchArgs) -> CliResult {
    for phase in &args.phases {
        Phase::from_slug(phase).ok_or_else(|| format!("onbekende fase '{phase}'"))?;
    }
    for actor in &args.actors {
        ActorKind::from_slug(actor).ok_or_else(|| format!("onbekende actor '{actor}'"))?;
    }
    let index = SearchIndex::default();
    documents::rebuild(&*store, &index)
        .await
        .map_err(|e| e.to_string())?;
    let results = index.search(&Query {
        text: args.query.clone(),
        phases: args.phases,
        actors: args.actors,
        limit: args.limit,
        ..Query::default()
    });
    // One line of plain text: the snippet keeps the body's line breaks.
    let snippet = |hit: &vangnet_search::Hit| -> String {
        let text: String = hit.snippet.iter().map(|p| p.text.as_str()).collect();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    if args.json {
        let facet = |counts: &[vangnet_search::FacetCount]| -> serde_json::Value {
            counts
                .iter()
                .map(|c| (c.value.clone(), json!(c.count)))
                .collect::<serde_json::Map<_, _>>()
                .into()
        };
        let value = json!({
            "total": results.total,
            "hits": results.hits.iter().map(|h| json!({
                "slug": h.slug, "title": h.title, "score": h.score,
                "phases": h.phases, "actors": h.actors, "snippet": snippet(h),
            })).collect::<Vec<_>>(),
            "facets": {
                "phases": facet(&results.facets.phases),
                "actors": facet(&results.facets.actors),
                "regions": facet(&results.facets.regions),
            },
        });
        println!("{value}");
        return Ok(());
    }
    println!(
        "{} {} voor \"{}\"",
        results.total,
        if results.total == 1 {
            "praktijk"
        } else {
            "praktijken"
        },
        args.query
    );
    for (n, hit) in results.hits.iter().enumerate() {
        println!("\n{}. {} ({})", n + 1, hit.title, hit.slug);
        println!("   {}", snippet(hit));
    }
    Ok(())
}
