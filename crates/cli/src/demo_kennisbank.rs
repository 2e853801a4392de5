//! The demo's kennisbank: the 29 practices of content/kennisbank, embedded
//! at build time (build.rs) and published through the same import service
//! as `vangnet kb import --publish`, by the demo editor; and one new
//! practice a corporation's worker submitted, so the editors' queue has
//! something to review.

use crate::commands::kb::{importer, parse_all};
use crate::commands::CliResult;
use chrono::Utc;
use vangnet_domain::calendar::amsterdam_date;
use vangnet_domain::permission::Action;
use vangnet_store::Store;
use vangnet_web::kennisbank::import::{import, ImportFile, Outcome};

const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/kennisbank_files.rs"));

pub const EDITOR: &str = "redacteur@redactie.example";
pub const CONTRIBUTOR: &str = "medewerker@woningstichting.example";

const SUBMISSION: &str = "---
title: Spreekuur huurschuld in de bibliotheek
summary: De Haagse Woningstichting houdt elke dinsdagmiddag een inloopspreekuur in de wijkbibliotheek, samen met het wijkteam, voor huurders met een beginnende achterstand.
phases: [preventie, fase-1-huurachterstand]
actors: [woningcorporatie, hulpverlening, huurder]
region: Den Haag
organisation: Haagse Woningstichting
---
## Aanpak

Een huurder die een herinnering kreeg, vindt in de brief een uitnodiging voor het spreekuur.
Zonder afspraak, op neutraal terrein: wie binnenloopt, spreekt een medewerker van de corporatie
en iemand van het wijkteam tegelijk.

## Wat het oplevert

In het eerste halfjaar kwamen 64 huurders langs; met 51 van hen is een regeling getroffen.
";

pub async fn seed(store: &dyn Store) -> CliResult {
    let today = amsterdam_date(Utc::now());
    let texts: Vec<(String, String)> = FILES
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    let files = parsed(&texts)?;
    let editor = importer(store, EDITOR, Action::ReviewPractices).await?;
    check(import(store, &files, editor, "demo", today, None).await)?;
    let submission = parsed(&[("spreekuur-huurschuld.md".into(), SUBMISSION.into())])?;
    let contributor = importer(store, CONTRIBUTOR, Action::SubmitPractice).await?;
    check(import(store, &submission, contributor, "demo", today, None).await)?;
    Ok(())
}

fn parsed(texts: &[(String, String)]) -> CliResult<Vec<ImportFile>> {
    let (files, errors) = parse_all(texts);
    match errors.first() {
        Some(e) => Err(format!(
            "demopraktijk {} regel {}: {}",
            e.file, e.line, e.message
        )),
        None => Ok(files),
    }
}

fn check(
    outcomes: Result<Vec<vangnet_web::kennisbank::import::FileOutcome>, vangnet_store::StoreError>,
) -> CliResult {
    let outcomes = outcomes.map_err(|e| e.to_string())?;
    match outcomes.iter().find(|o| o.outcome != Outcome::Created) {
        Some(o) => Err(format!(
            "demopraktijk {} niet aangemaakt: {}",
            o.file,
            o.reason.as_deref().unwrap_or(o.outcome.dutch())
        )),
        None => Ok(()),
    }
}
