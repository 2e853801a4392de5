//! The forms of the case page, one per step, all posted to
//! `/gemeente/zaken/{id}/{step}`: read the form, let the domain decide,
//! save against the version the form was filled in on, and go back to the
//! case page (or show it again with the reason it did not work).

use super::case::{render_case, Flash};
use super::step::{take_step, StepError, StepNames, StepRequest, STALE};
use super::{load, today};
use crate::auth::SignedIn;
use crate::middleware::CsrfToken;
use crate::pages::errors::PageError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::NaiveDate;
use serde::Deserialize;
use vangnet_domain::casework::state::Command;
use vangnet_domain::ddas::{ContactKind, DeclineReason, EndResult, PartOfDay};
use vangnet_domain::org::OrgKind;
use vangnet_domain::permission::Action;
use vangnet_domain::signal::normalise::parse_date;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Assign,
    PickUp,
    Decline,
    Contact,
    HandOff,
    Note,
    Close,
    Reopen,
}

impl Step {
    const ALL: [Step; 8] = [
        Step::Assign,
        Step::PickUp,
        Step::Decline,
        Step::Contact,
        Step::HandOff,
        Step::Note,
        Step::Close,
        Step::Reopen,
    ];

    /// The last segment of the form's URL, and the notice after it.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Assign => "toewijzen",
            Step::PickUp => "oppakken",
            Step::Decline => "niet-oppakken",
            Step::Contact => "contactpoging",
            Step::HandOff => "overdragen",
            Step::Note => "notitie",
            Step::Close => "afsluiten",
            Step::Reopen => "heropenen",
        }
    }

    fn parse(slug: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// What `can` is asked. Assigning the case to oneself is taking it,
    /// which every worker may; assigning anyone else is steering the team.
    fn action(self, form: &StepForm, me: i64) -> Action {
        match self {
            Step::Assign if form.medewerker.parse::<i64>() == Ok(me) => Action::TakeCase,
            Step::Assign => Action::AssignCase,
            Step::PickUp | Step::Decline => Action::DecideCase,
            Step::Contact => Action::RecordContact,
            Step::HandOff => Action::HandOffCase,
            Step::Note => Action::AddNote,
            Step::Close => Action::CloseCase,
            Step::Reopen => Action::ReopenCase,
        }
    }
}

/// The notice on the case page after a step was saved.
pub fn done_text(slug: &str) -> Option<&'static str> {
    Some(match Step::parse(slug)? {
        Step::Assign => "De toewijzing is opgeslagen.",
        Step::PickUp => "De zaak is opgepakt.",
        Step::Decline => "De zaak is niet opgepakt; de reden is vastgelegd.",
        Step::Contact => "De contactpoging is vastgelegd.",
        Step::HandOff => "De zaak is overgedragen.",
        Step::Note => "De notitie is toegevoegd.",
        Step::Close => "De zaak is afgesloten.",
        Step::Reopen => "De zaak is heropend.",
    })
}

/// Every field of every step's form; each form sends the ones it has.
#[derive(Deserialize, Default, Clone)]
pub struct StepForm {
    #[serde(default)]
    pub versie: String,
    #[serde(default)]
    pub medewerker: String,
    #[serde(default)]
    pub datum: String,
    #[serde(default)]
    pub reden: String,
    #[serde(default)]
    pub soort: String,
    #[serde(default)]
    pub bereikt: String,
    #[serde(default)]
    pub dagdeel: String,
    #[serde(default)]
    pub notitie: String,
    #[serde(default)]
    pub organisatie: String,
    #[serde(default)]
    pub resultaat: String,
}

/// A command and the names its timeline sentence needs.
struct Prepared {
    command: Command,
    worker: Option<String>,
    organisation: Option<String>,
}

impl Prepared {
    fn plain(command: Command) -> Prepared {
        Prepared {
            command,
            worker: None,
            organisation: None,
        }
    }
}

/// A form field that could not be read, as a Dutch sentence.
type Input<T> = Result<T, String>;

/// A date from a date field (`jjjj-mm-dd`, or typed as `dd-mm-jjjj`). A
/// step is recorded when it happened, so a date ahead is a typing error.
fn date(text: &str, today: NaiveDate) -> Input<NaiveDate> {
    if text.trim().is_empty() {
        return Err("Vul de datum in.".into());
    }
    let on = parse_date(text).map_err(|e| format!("De datum {}.", e.message))?;
    if on > today {
        return Err("De datum ligt in de toekomst; vul de datum in waarop het gebeurde.".into());
    }
    Ok(on)
}

fn chosen<T>(value: Option<T>, what: &str) -> Input<T> {
    value.ok_or_else(|| format!("Kies {what} uit de lijst."))
}

fn id(text: &str, what: &str) -> Input<i64> {
    text.parse()
        .map_err(|_| format!("Kies {what} uit de lijst."))
}

/// Reads the form into the step's command, looking up the worker or the
/// organisation it names. Rules about the case itself are the domain's.
async fn prepare(
    state: &AppState,
    who: &SignedIn,
    step: Step,
    form: &StepForm,
) -> Result<Input<Prepared>, PageError> {
    let today = today();
    let prepared = match step {
        Step::Assign if form.medewerker.is_empty() => {
            Ok(Prepared::plain(Command::Assign { worker: None }))
        }
        Step::Assign => match id(&form.medewerker, "een medewerker") {
            Err(message) => Err(message),
            Ok(worker_id) => {
                // Only an active colleague in one's own organisation.
                let worker = state.store.user_in_org(who.org.id, worker_id).await?;
                match worker.filter(|w| !w.disabled) {
                    None => Err("Kies een medewerker uit de lijst.".into()),
                    Some(worker) => Ok(Prepared {
                        command: Command::Assign {
                            worker: Some(worker.id),
                        },
                        worker: Some(worker.name),
                        organisation: None,
                    }),
                }
            }
        },
        Step::HandOff => match (
            id(&form.organisatie, "een organisatie"),
            date(&form.datum, today),
        ) {
            (Err(message), _) | (_, Err(message)) => Err(message),
            (Ok(org_id), Ok(on)) => {
                let org = state.store.org_by_id(org_id).await?;
                match org.filter(|o| o.kind == OrgKind::Hulpverlening) {
                    None => Err("Kies een hulpverleningsorganisatie uit de lijst.".into()),
                    Some(org) => Ok(Prepared {
                        command: Command::HandOff { to_org: org.id, on },
                        worker: None,
                        organisation: Some(org.name),
                    }),
                }
            }
        },
        _ => plain_command(step, form, today).map(Prepared::plain),
    };
    Ok(prepared)
}

/// The commands that need nothing but the form.
fn plain_command(step: Step, form: &StepForm, today: NaiveDate) -> Input<Command> {
    Ok(match step {
        Step::PickUp => Command::PickUp {
            on: date(&form.datum, today)?,
        },
        Step::Decline => Command::Decline {
            reason: chosen(DeclineReason::parse(&form.reden), "een reden")?,
        },
        Step::Contact => Command::RecordContact {
            kind: chosen(ContactKind::parse(&form.soort), "de soort contact")?,
            reached: match form.bereikt.as_str() {
                "ja" => true,
                "nee" => false,
                _ => return Err("Geef aan of de persoon is bereikt.".into()),
            },
            on: date(&form.datum, today)?,
            part_of_day: match form.dagdeel.as_str() {
                "" => None,
                part => Some(chosen(PartOfDay::parse(part), "een dagdeel")?),
            },
            note: Some(form.notitie.clone()).filter(|n| !n.trim().is_empty()),
        },
        Step::Note => Command::AddNote {
            text: form.notitie.clone(),
        },
        Step::Close => Command::Close {
            result: chosen(EndResult::parse(&form.resultaat), "een eindresultaat")?,
            on: date(&form.datum, today)?,
        },
        Step::Reopen => Command::Reopen {
            reason: form.reden.clone(),
        },
        Step::Assign | Step::HandOff => unreachable!("prepared with a lookup"),
    })
}

pub async fn submit(
    State(state): State<AppState>,
    who: SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path((case_id, slug)): Path<(i64, String)>,
    Form(form): Form<StepForm>,
) -> Result<Response, PageError> {
    let step = Step::parse(&slug).ok_or_else(PageError::not_found)?;
    let action = step.action(&form, who.user.id);
    let (owner, work) = load(&state, &who, case_id, action).await?;
    let problem = |message: String, status| Flash::Problem {
        message,
        status,
        step: step.slug(),
        form: Box::new(form.clone()),
    };
    let Ok(version) = form.versie.parse::<i64>() else {
        let message =
            "Het formulier was onvolledig. Laad de pagina opnieuw en probeer het nog eens.";
        let flash = problem(message.into(), StatusCode::UNPROCESSABLE_ENTITY);
        return render_case(&state, &who, &csrf, work, Some(flash)).await;
    };
    let prepared = match prepare(&state, &who, step, &form).await? {
        Ok(prepared) => prepared,
        Err(message) => {
            let flash = problem(message, StatusCode::UNPROCESSABLE_ENTITY);
            return render_case(&state, &who, &csrf, work, Some(flash)).await;
        }
    };
    let request = StepRequest {
        owner,
        work: &work,
        expected_version: version,
        command: &prepared.command,
        names: StepNames {
            worker: prepared.worker.as_deref(),
            organisation: prepared.organisation.as_deref(),
        },
        actor_user_id: Some(who.user.id),
    };
    let flash = match take_step(&*state.store, request, |action| who.audit(action, "case")).await {
        Ok(_) => {
            let back = format!("/gemeente/zaken/{case_id}?melding={}", step.slug());
            return Ok(Redirect::to(&back).into_response());
        }
        Err(StepError::Refused(error)) => {
            problem(error.to_string(), StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(StepError::Stale) => problem(STALE.into(), StatusCode::CONFLICT),
        Err(StepError::Store(error)) => return Err(error.into()),
    };
    // Shown as it is now, so a conflict shows what the other person saved.
    let (_, current) = load(&state, &who, case_id, Action::ViewCase).await?;
    render_case(&state, &who, &csrf, current, Some(flash)).await
}
