//! Demo case work, taken through the same state machine and storage as a
//! worker's forms: cases picked up with contact attempts, one handed off to
//! the hulpverlener (who then reaches the household), one closed, one whose
//! first contact is overdue, and others left open past their pick-up
//! deadline, so the queue shows every state.

use crate::commands::{cli_event, CliResult};
use chrono::{Duration, NaiveDate, Utc};
use vangnet_domain::calendar::amsterdam_date;
use vangnet_domain::casework::state::{apply, Command};
use vangnet_domain::ddas::{ContactKind, EndResult, PartOfDay};
use vangnet_store::casework::{CaseOwner, DdasContact, QueueFilter};
use vangnet_store::{Org, Page, Store, User};
use vangnet_web::{take_step, StepNames, StepRequest};

/// Who takes a step: a gemeente worker, the teamleider or the hulpverlener.
#[derive(Clone, Copy)]
pub(crate) enum By {
    Worker,
    Lead,
    Helper,
}

pub(crate) fn contact(
    kind: ContactKind,
    reached: bool,
    on: NaiveDate,
    part_of_day: PartOfDay,
    note: Option<&str>,
) -> Command {
    Command::RecordContact {
        kind,
        reached,
        on,
        part_of_day: Some(part_of_day),
        note: note.map(String::from),
    }
}

/// The steps per household (by postcode), oldest first.
fn plans(
    today: NaiveDate,
    worker: i64,
    helper_org: i64,
) -> Vec<(&'static str, Vec<(By, Command)>)> {
    let ago = |days| today - Duration::days(days);
    let assign = Command::Assign {
        worker: Some(worker),
    };
    vec![
        (
            "2526BM",
            vec![
                (By::Lead, assign.clone()),
                (By::Worker, Command::PickUp { on: ago(37) }),
                (
                    By::Worker,
                    contact(
                        ContactKind::Letter,
                        false,
                        ago(36),
                        PartOfDay::Morning,
                        None,
                    ),
                ),
                (
                    By::Worker,
                    contact(
                        ContactKind::HomeVisit,
                        true,
                        ago(31),
                        PartOfDay::Afternoon,
                        Some("Gesprek aan de deur; wil hulp bij de schulden."),
                    ),
                ),
                (
                    By::Worker,
                    Command::HandOff {
                        to_org: helper_org,
                        on: ago(29),
                    },
                ),
                (
                    By::Helper,
                    contact(ContactKind::Phone, true, ago(27), PartOfDay::Morning, None),
                ),
            ],
        ),
        (
            "2574AE",
            vec![
                (By::Worker, Command::PickUp { on: ago(27) }),
                (
                    By::Worker,
                    contact(ContactKind::Phone, true, ago(26), PartOfDay::Evening, None),
                ),
                (
                    By::Worker,
                    Command::Close {
                        result: EndResult::FinancialFollowUp,
                        on: ago(20),
                    },
                ),
            ],
        ),
        (
            "2562GX",
            vec![
                (By::Lead, assign.clone()),
                (By::Worker, Command::PickUp { on: ago(16) }),
            ],
        ),
        (
            "2515BP",
            vec![
                (By::Lead, assign.clone()),
                (By::Worker, Command::PickUp { on: ago(14) }),
                (
                    By::Worker,
                    contact(ContactKind::Phone, false, ago(12), PartOfDay::Morning, None),
                ),
                (
                    By::Worker,
                    contact(
                        ContactKind::Card,
                        false,
                        ago(9),
                        PartOfDay::Evening,
                        Some("Niet thuis; kaartje met ons telefoonnummer achtergelaten."),
                    ),
                ),
                (
                    By::Worker,
                    Command::AddNote {
                        text: "Verhuurder gebeld: een betalingsregeling is bespreekbaar.".into(),
                    },
                ),
            ],
        ),
        (
            "2526AB",
            vec![
                (
                    By::Worker,
                    Command::Assign {
                        worker: Some(worker),
                    },
                ),
                (By::Worker, Command::PickUp { on: ago(1) }),
            ],
        ),
    ]
}

async fn user(store: &dyn Store, email: &str) -> CliResult<User> {
    store
        .user_by_email(email)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("demogebruiker {email} ontbreekt"))
}

/// The open case of a household, found through the queue like a worker would.
async fn case_id(store: &dyn Store, gemeente: i64, postcode: &str) -> CliResult<i64> {
    let pc4: u16 = postcode[..4].parse().map_err(|_| "postcode".to_string())?;
    let filter = QueueFilter {
        postcode_area: Some((pc4, pc4)),
        ..QueueFilter::default()
    };
    let rows = store
        .case_queue(CaseOwner::Gemeente(gemeente), &filter, Page::first(50))
        .await
        .map_err(|e| e.to_string())?;
    rows.iter()
        .find(|r| r.household_key.starts_with(&format!("{postcode}|")))
        .map(|r| r.id)
        .ok_or_else(|| format!("geen demozaak voor {postcode}"))
}

/// The people who work a gemeente's cases: its worker (and teamleider, if
/// it has one) and the hulpverlener cases are handed to.
pub(crate) struct CaseWorkers<'a> {
    pub gemeente: &'a Org,
    pub helper: &'a Org,
    worker: User,
    lead: Option<User>,
    hulpverlener: User,
}

impl<'a> CaseWorkers<'a> {
    pub async fn load(
        store: &dyn Store,
        gemeente: &'a Org,
        helper: &'a Org,
        worker: &str,
        lead: Option<&str>,
    ) -> CliResult<CaseWorkers<'a>> {
        let lead = match lead {
            Some(email) => Some(user(store, email).await?),
            None => None,
        };
        Ok(CaseWorkers {
            gemeente,
            helper,
            worker: user(store, worker).await?,
            lead,
            hulpverlener: user(store, "medewerker@schuldhulp.example").await?,
        })
    }

    /// Steps on one case, in order, through the same service as the
    /// worker's form. The case is read once; after each step its state
    /// and version are those the step saved.
    pub async fn steps(&self, store: &dyn Store, id: i64, steps: &[(By, Command)]) -> CliResult {
        let gemeente = CaseOwner::Gemeente(self.gemeente.id);
        let mut work = store
            .case_work(gemeente, id)
            .await
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("demozaak {id} is niet zichtbaar"))?;
        for (by, command) in steps {
            let (actor, owner) = match (by, &self.lead) {
                (By::Worker, _) | (By::Lead, None) => (&self.worker, gemeente),
                (By::Lead, Some(lead)) => (lead, gemeente),
                (By::Helper, _) => (&self.hulpverlener, CaseOwner::HandedOffTo(self.helper.id)),
            };
            let names = StepNames {
                worker: Some(self.worker.name.as_str()),
                organisation: Some(self.helper.name.as_str()),
            };
            let request = StepRequest {
                owner,
                work: &work,
                expected_version: work.version,
                command,
                names,
                actor_user_id: Some(actor.id),
            };
            work.version = take_step(store, request, |action| {
                cli_event(action, "case").by_label("demo")
            })
            .await
            .map_err(|e| format!("demozaak {id}: {e}"))?;
            work.state = apply(&work.state, command).map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}

pub async fn seed(store: &dyn Store, gemeente: &Org, helper: &Org) -> CliResult {
    let today = amsterdam_date(Utc::now());
    let workers = CaseWorkers::load(
        store,
        gemeente,
        helper,
        "medewerker@denhaag.example",
        Some("teamleider@denhaag.example"),
    )
    .await?;
    for (postcode, steps) in plans(today, workers.worker.id, helper.id) {
        let id = case_id(store, gemeente.id, postcode).await?;
        workers.steps(store, id, &steps).await?;
    }
    ddas_settings(store, gemeente).await
}

/// The DDAS delivery needs a supplier code and a contact person; the demo
/// fills them in so the download works out of the box.
async fn ddas_settings(store: &dyn Store, gemeente: &Org) -> CliResult {
    let mut settings = store
        .casework_settings(gemeente.id)
        .await
        .map_err(|e| e.to_string())?;
    settings.ddas_supplier = Some("VANGNET".into());
    settings.ddas_contact = Some(DdasContact {
        name: "Team Vroegsignalering".into(),
        email: Some("vroegsignalering@denhaag.example".into()),
        phone: Some("070 123 45 67".into()),
    });
    let event = cli_event("casework.settings", "organisation").by_label("demo");
    store
        .set_casework_settings(gemeente.id, &settings, event)
        .await
        .map_err(|e| e.to_string())
}
