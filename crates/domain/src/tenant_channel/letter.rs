//! The content of the three letters of the collection track (herinnering,
//! veertiendagenbrief, aanmaning) as data: a renderer (HTML for e-mail,
//! PDF for print) lays the blocks out and decides nothing. The words are
//! plain Dutch at B1 level: short sentences, "u", no jargon.

#[cfg(any(test, feature = "fixtures"))]
pub mod example;
#[cfg(test)]
mod term_tests;
#[cfg(test)]
mod tests;
mod text;

use super::collection_costs::{collection_costs, CollectionCosts, CostsCharged};
use crate::slug_enum::slug_enum;
use crate::tenancy::{first_cost_day, EventKind, Policy};
use crate::validation::required_text;
use crate::Invalid;
use chrono::{Days, NaiveDate};

slug_enum! {
    /// The letters issue 9 generates, each the event of the same name.
    LetterKind, "soort brief" {
        Herinnering => "herinnering", "Herinnering";
        Veertiendagenbrief => "veertiendagenbrief", "Veertiendagenbrief";
        Aanmaning => "aanmaning", "Aanmaning";
    }
}

impl LetterKind {
    /// The event generating the letter records, with the letter attached.
    pub fn event_kind(self) -> EventKind {
        match self {
            LetterKind::Herinnering => EventKind::Herinnering,
            LetterKind::Veertiendagenbrief => EventKind::Veertiendagenbrief,
            LetterKind::Aanmaning => EventKind::Aanmaning,
        }
    }
}

/// One month of the ledger's arrears: what is still open of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrearsLine {
    /// Any day of the month; the letter shows only the month and year.
    pub month: NaiveDate,
    pub amount_cents: i64,
}

/// The gemeente's debt help, as every letter names it (condition (b) and
/// (d) of the decree).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DebtHelpContact {
    /// The gemeente's name, as in "de gemeente Den Haag".
    pub gemeente: String,
    /// The desk or team, as in "Schuldhulp Den Haag".
    pub name: String,
    pub phone: String,
    pub email: String,
    pub website: String,
}

/// The verhuurder who signs, and where the tenant can call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    pub name: String,
    pub phone: String,
}

/// Everything a letter says, gathered by the caller from the tenancy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterInput<'a> {
    pub kind: LetterKind,
    pub tenant_name: String,
    pub sender: Sender,
    pub sent_on: NaiveDate,
    /// Per month, oldest first; the letter claims their sum.
    pub arrears: Vec<ArrearsLine>,
    pub iban: String,
    pub payment_reference: String,
    /// The personal link; the QR code encodes exactly this.
    pub personal_link: String,
    pub debt_help: DebtHelpContact,
    /// The tenancy's gemeente, for leniency declared by area.
    pub gemeentecode: String,
    /// The gate policy in force: the term and leniency come from it.
    pub policy: &'a Policy,
}

impl LetterInput<'_> {
    /// Every problem at once, under its field: a letter is only composed
    /// from input that passes, so no letter asks for nothing or for a
    /// negative amount, or lacks the link, the reference or the contact.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut invalid = Invalid::default();
        let texts = [
            ("tenant_name", &self.tenant_name, 200),
            ("sender.name", &self.sender.name, 200),
            ("sender.phone", &self.sender.phone, 40),
            ("iban", &self.iban, 40),
            ("payment_reference", &self.payment_reference, 60),
            ("personal_link", &self.personal_link, 500),
            ("debt_help.gemeente", &self.debt_help.gemeente, 100),
            ("debt_help.name", &self.debt_help.name, 200),
            ("debt_help.phone", &self.debt_help.phone, 40),
            ("debt_help.email", &self.debt_help.email, 254),
            ("debt_help.website", &self.debt_help.website, 500),
        ];
        for (field, value, max) in texts {
            invalid.check(required_text(field, value, max));
        }
        if self.arrears.is_empty() {
            invalid.push("arrears", "is leeg: een brief noemt minstens één maand");
        }
        for (i, line) in self.arrears.iter().enumerate() {
            if line.amount_cents <= 0 {
                invalid.push(
                    &format!("arrears[{i}].amount_cents"),
                    "moet meer dan 0 cent zijn",
                );
            }
        }
        invalid.into_result()
    }
}

/// The veertiendagenbrief's term, counted as the gate counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaymentTerm {
    /// 14, or more under a policy or leniency that extends it.
    pub days: u32,
    /// The last day the tenant can pay without costs.
    pub last_day: NaiveDate,
    /// The first day costs may be charged: the day after `last_day`.
    pub first_cost_day: NaiveDate,
}

/// The term of a veertiendagenbrief sent on `sent_on`: `first_cost_day`
/// with the policy's receipt days and term, the term extended by a
/// leniency holding for the tenancy's gemeente, exactly as the gate's
/// `fourteen_day_term` rule does. The gate looks at leniency on the day it
/// is asked; a letter can only know the day it is sent.
pub fn payment_term(policy: &Policy, gemeentecode: &str, sent_on: NaiveDate) -> PaymentTerm {
    let term = policy.veertiendagen_term_days;
    let days = policy
        .leniency_on(gemeentecode, sent_on)
        .map_or(term, |leniency| leniency.extend(term));
    let first = first_cost_day(sent_on, policy.receipt_days, days);
    PaymentTerm {
        days,
        last_day: first - Days::new(1),
        first_cost_day: first,
    }
}

/// No collection costs while a leniency holds for the gemeente on the day
/// the letter is sent: the letter must then say so, and a letter that
/// said so can never lead to costs later.
pub fn costs_charged(policy: &Policy, gemeentecode: &str, sent_on: NaiveDate) -> CostsCharged {
    match policy.leniency_on(gemeentecode, sent_on) {
        Some(_) => CostsCharged::WaivedByLeniency,
        None => CostsCharged::Yes,
    }
}

/// A piece of the letter, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    /// The build-up of the amount: (label, amount) rows and the total row.
    Amounts {
        rows: Vec<(String, String)>,
        total: (String, String),
    },
    /// The personal link, printed in full next to its QR code.
    Link {
        url: String,
    },
    /// (label, value) lines of a contact.
    Contact {
        lines: Vec<(String, String)>,
    },
}

/// A composed letter: the blocks to render and the facts they state, so
/// the store can record them with the event and tests can check them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub kind: LetterKind,
    pub event_kind: EventKind,
    pub sent_on: NaiveDate,
    pub subject: String,
    pub salutation: String,
    pub blocks: Vec<Block>,
    /// "Met vriendelijke groet," and the signer.
    pub closing: Vec<String>,
    pub total_cents: i64,
    pub payment_reference: String,
    pub personal_link: String,
    /// Only the veertiendagenbrief has a legal term and states costs.
    pub term: Option<PaymentTerm>,
    pub costs: Option<CollectionCosts>,
}

/// The letter for input that passed `LetterInput::validate`.
pub fn compose(input: &LetterInput) -> Letter {
    let total_cents: i64 = input.arrears.iter().map(|line| line.amount_cents).sum();
    let (term, costs) = match input.kind {
        LetterKind::Veertiendagenbrief => {
            let charged = costs_charged(input.policy, &input.gemeentecode, input.sent_on);
            (
                Some(payment_term(
                    input.policy,
                    &input.gemeentecode,
                    input.sent_on,
                )),
                Some(collection_costs(total_cents, charged)),
            )
        }
        LetterKind::Herinnering | LetterKind::Aanmaning => (None, None),
    };
    let facts = text::Facts {
        input,
        total_cents,
        term,
        costs,
    };
    Letter {
        kind: input.kind,
        event_kind: input.kind.event_kind(),
        sent_on: input.sent_on,
        subject: text::subject(input.kind, term),
        salutation: format!("Beste {},", input.tenant_name.trim()),
        blocks: text::blocks(&facts),
        closing: vec![
            "Met vriendelijke groet,".to_string(),
            input.sender.name.clone(),
        ],
        total_cents,
        payment_reference: input.payment_reference.clone(),
        personal_link: input.personal_link.clone(),
        term,
        costs,
    }
}

impl Letter {
    /// The letter as plain text, one block per paragraph: the e-mail's text
    /// part, and what a PDF's extracted text is compared with.
    pub fn plain_text(&self) -> String {
        let mut out = vec![self.subject.clone(), self.salutation.clone()];
        for block in &self.blocks {
            out.push(match block {
                Block::Heading(text) | Block::Paragraph(text) => text.clone(),
                Block::Amounts { rows, total } => rows
                    .iter()
                    .chain(std::iter::once(total))
                    .map(|(label, amount)| format!("{label}: {amount}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
                Block::Link { url } => url.clone(),
                Block::Contact { lines } => lines
                    .iter()
                    .map(|(label, value)| format!("{label}: {value}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            });
        }
        out.push(self.closing.join("\n"));
        out.join("\n\n")
    }
}
