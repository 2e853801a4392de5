//! What a tenant can do through the personal link (issue 9, point 3), as a
//! closed list: each action is checked here, says which tenancy events it
//! records, and whether it asks the verhuurder to consider leniency.

mod arrangement;
#[cfg(test)]
mod tests;

pub use arrangement::{arrangement_options, ArrangementOption, ArrangementPolicy, MAX_TERM_MONTHS};

use crate::ddas::ContactKind;
use crate::slug_enum::slug_enum;
use crate::tenancy::{AgreementStatus, EventKind};
use crate::Invalid;

/// Free text limits of issue 9's forms.
pub const MAX_WHEN_CHARS: usize = 200;
pub const MAX_SITUATION_CHARS: usize = 1000;

slug_enum! {
    /// How the tenant wants the gemeente to reach them.
    ContactBy, "manier van contact" {
        Phone => "telefoon", "Telefoon";
        Email => "email", "E-mail";
        Letter => "brief", "Brief";
        Visit => "huisbezoek", "Huisbezoek";
    }
}

impl ContactBy {
    /// The DDAS contact kind the gemeente's contact attempt will have.
    pub fn ddas(self) -> ContactKind {
        match self {
            ContactBy::Phone => ContactKind::Phone,
            ContactBy::Email => ContactKind::Mail,
            ContactBy::Letter => ContactKind::Letter,
            ContactBy::Visit => ContactKind::HomeVisit,
        }
    }
}

slug_enum! {
    /// What is going on, in the tenant's own choice of words.
    SituationKind, "soort situatie" {
        LostIncome => "inkomen_kwijt", "Ik heb minder inkomen";
        Illness => "ziekte", "Ik ben ziek";
        Separation => "scheiding", "Ik ga uit elkaar met mijn partner";
        Crisis => "crisis", "Er is een crisis";
        Other => "anders", "Iets anders";
    }
}

/// One event an action records on the tenancy's track.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    Event(EventKind),
    /// A `betalingsregeling` status update.
    Agreement(AgreementStatus),
}

/// A tenant's action, as checked by `TenantAction::validate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TenantAction {
    /// Shown only: amount and reference. Nothing is recorded but the audit.
    Pay,
    ProposeArrangement {
        term_months: u32,
        instalment_cents: i64,
    },
    /// Consent to pass the details on, with a wish for contact.
    AskForHelp {
        contact_by: ContactBy,
        when: Option<String>,
    },
    /// Objection to passing the details to the gemeente.
    Object,
    TellSituation {
        kind: SituationKind,
        text: Option<String>,
    },
}

/// The verhuurder's answer to a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalDecision {
    Accept,
    Counter,
}

impl TenantAction {
    /// Checks the action against the options offered for `debt_cents`,
    /// with every problem in Dutch under its field, and gives it back
    /// normalised (texts trimmed, empty texts `None`).
    pub fn validate(
        self,
        debt_cents: i64,
        policy: &ArrangementPolicy,
    ) -> Result<TenantAction, Invalid> {
        let mut invalid = Invalid::default();
        let action = match self {
            TenantAction::ProposeArrangement {
                term_months,
                instalment_cents,
            } => {
                let options = arrangement_options(debt_cents, policy);
                match options.iter().find(|o| o.term_months == term_months) {
                    None => invalid.push("looptijd", offered_terms_nl(&options)),
                    Some(o) if o.instalment_cents != instalment_cents => invalid.push(
                        "termijnbedrag",
                        "Termijnbedrag: past niet bij de gekozen looptijd. Kies opnieuw een regeling.",
                    ),
                    Some(_) => {}
                }
                self
            }
            TenantAction::AskForHelp { contact_by, when } => {
                let when =
                    invalid.check(optional_text("wanneer", "Wanneer", &when, MAX_WHEN_CHARS));
                TenantAction::AskForHelp {
                    contact_by,
                    when: when.flatten(),
                }
            }
            TenantAction::TellSituation { kind, text } => {
                let text = invalid
                    .check(optional_text(
                        "toelichting",
                        "Toelichting",
                        &text,
                        MAX_SITUATION_CHARS,
                    ))
                    .flatten();
                if kind == SituationKind::Other && text.is_none() && invalid.errors.is_empty() {
                    invalid.push(
                        "toelichting",
                        "Toelichting: vertel kort wat er aan de hand is als u 'Iets anders' kiest.",
                    );
                }
                TenantAction::TellSituation { kind, text }
            }
            TenantAction::Pay | TenantAction::Object => self,
        };
        invalid.into_result().map(|()| action)
    }

    /// The events the action records on the tenancy when the tenant sends it.
    pub fn records(&self) -> Vec<Recorded> {
        match self {
            TenantAction::Pay => Vec::new(),
            TenantAction::ProposeArrangement { .. } => {
                vec![Recorded::Event(EventKind::BetalingsregelingVoorgesteld)]
            }
            // The signal goes to the gemeente at once, as a warm handover.
            TenantAction::AskForHelp { .. } => vec![
                Recorded::Event(EventKind::HulpGevraagd),
                Recorded::Event(EventKind::SignaalGemeente),
            ],
            TenantAction::Object => vec![Recorded::Event(EventKind::BezwaarDoorgeven)],
            TenantAction::TellSituation { .. } => {
                vec![Recorded::Event(EventKind::SituatieGemeld)]
            }
        }
    }

    /// What a help request tells the gemeente about reaching the tenant
    /// (the signal's contact wish): how, and when if they said.
    pub fn contact_wish(&self) -> Option<String> {
        let TenantAction::AskForHelp { contact_by, when } = self else {
            return None;
        };
        Some(match when.as_deref().map(str::trim) {
            Some(when) if !when.is_empty() => format!("{}, {when}", contact_by.label_nl()),
            _ => contact_by.label_nl().to_string(),
        })
    }

    /// The kind of response the verhuurder sees: the action's first event
    /// (its slug names the response). `None` for paying, which leaves none.
    pub fn response_kind(&self) -> Option<EventKind> {
        self.records()
            .into_iter()
            .find_map(|recorded| match recorded {
                Recorded::Event(kind) => Some(kind),
                Recorded::Agreement(_) => None,
            })
    }

    /// Lost income or a crisis: the verhuurder is asked to decide on
    /// leniency (the 2020 practice: lenient where income was lost).
    pub fn flags_leniency(&self) -> bool {
        matches!(
            self,
            TenantAction::TellSituation {
                kind: SituationKind::LostIncome | SituationKind::Crisis,
                ..
            }
        )
    }
}

impl ProposalDecision {
    /// Accepting records the offer (which the gate's "arrangement offered"
    /// rule looks for) and the running arrangement.
    pub fn records(self) -> Vec<Recorded> {
        match self {
            ProposalDecision::Accept => vec![
                Recorded::Event(EventKind::BetalingsregelingAangeboden),
                Recorded::Agreement(AgreementStatus::Lopend),
            ],
            ProposalDecision::Counter => {
                vec![Recorded::Event(EventKind::BetalingsregelingTegenvoorstel)]
            }
        }
    }
}

/// "Looptijd: kies 3, 6 of 12 maanden."
fn offered_terms_nl(options: &[ArrangementOption]) -> String {
    let terms: Vec<String> = options.iter().map(|o| o.term_months.to_string()).collect();
    match terms.as_slice() {
        [] => "Looptijd: er is nu geen betalingsregeling mogelijk.".to_string(),
        [one] => format!("Looptijd: kies {one} maanden."),
        [rest @ .., last] => format!("Looptijd: kies {} of {last} maanden.", rest.join(", ")),
    }
}

/// A trimmed text of at most `max` characters; empty is `None`. Line
/// breaks are allowed (a textarea), other control characters are not.
fn optional_text(
    field: &str,
    label: &str,
    value: &Option<String>,
    max: usize,
) -> Result<Option<String>, crate::FieldError> {
    let text = value.as_deref().unwrap_or("").replace("\r\n", "\n");
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > max {
        let reason = format!("{label}: is te lang (maximaal {max} tekens).");
        return Err(crate::validation::field_error(field, reason));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        let reason = format!("{label}: bevat ongeldige tekens.");
        return Err(crate::validation::field_error(field, reason));
    }
    Ok(Some(text.to_string()))
}
