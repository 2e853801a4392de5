//! The Dutch words of the letters, kept apart from the model so they can
//! be read (and later translated) in one place. B1: one thought per
//! sentence, "u", everyday words; the legal words (incassokosten,
//! deurwaarder) are explained where they appear.

use super::{Block, LetterInput, LetterKind, PaymentTerm};
use crate::money::format_euros;
use crate::stats::period::Period;
use crate::tenant_channel::collection_costs::CollectionCosts;
use chrono::{Datelike, NaiveDate, Weekday};

/// What the words are made from.
pub(super) struct Facts<'a, 'b> {
    pub input: &'a LetterInput<'b>,
    pub total_cents: i64,
    pub term: Option<PaymentTerm>,
    pub costs: Option<CollectionCosts>,
}

pub(super) fn subject(kind: LetterKind, term: Option<PaymentTerm>) -> String {
    match (kind, term) {
        (LetterKind::Herinnering, _) => "Herinnering: uw huur is nog niet betaald".to_string(),
        (LetterKind::Veertiendagenbrief, Some(term)) => {
            format!("Betaal uw huurachterstand binnen {} dagen", term.days)
        }
        (LetterKind::Veertiendagenbrief, None) => "Betaal uw huurachterstand".to_string(),
        (LetterKind::Aanmaning, _) => "Aanmaning: betaal uw huurachterstand nu".to_string(),
    }
}

/// "donderdag 19 maart 2026": a date nobody has to decode.
pub(super) fn long_date(date: NaiveDate) -> String {
    let weekday = match date.weekday() {
        Weekday::Mon => "maandag",
        Weekday::Tue => "dinsdag",
        Weekday::Wed => "woensdag",
        Weekday::Thu => "donderdag",
        Weekday::Fri => "vrijdag",
        Weekday::Sat => "zaterdag",
        Weekday::Sun => "zondag",
    };
    format!("{weekday} {} {}", date.day(), month_nl(date))
}

/// "maart 2026", as the statistics name a month.
fn month_nl(date: NaiveDate) -> String {
    Period::Month {
        year: date.year(),
        month: date.month(),
    }
    .dutch()
}

fn p(text: impl Into<String>) -> Block {
    Block::Paragraph(text.into())
}

fn h(text: impl Into<String>) -> Block {
    Block::Heading(text.into())
}

pub(super) fn blocks(f: &Facts) -> Vec<Block> {
    let mut out = opening(f);
    out.push(amounts(f));
    out.extend(how_to_pay(f));
    if let Some(term) = f.term {
        out.extend(term_blocks(term));
    }
    out.extend(consequence(f));
    out.extend(cannot_pay(f));
    out.extend(personal_page(f));
    out.extend(debt_help(f));
    out.extend(consent_offer(f));
    out
}

fn opening(f: &Facts) -> Vec<Block> {
    let total = format_euros(f.total_cents);
    let first = match f.input.kind {
        LetterKind::Herinnering => {
            "U heeft uw huur nog niet helemaal betaald. Misschien bent u het vergeten."
        }
        LetterKind::Veertiendagenbrief => "U heeft uw huur nog niet helemaal betaald.",
        LetterKind::Aanmaning => "U heeft uw huurachterstand nog steeds niet betaald.",
    };
    let mut out = vec![p(first), p(format!("U moet ons nog {total} betalen."))];
    if f.input.kind == LetterKind::Aanmaning {
        out.push(p("Betaal dit bedrag zo snel mogelijk."));
    }
    out
}

fn amounts(f: &Facts) -> Block {
    let rows = f
        .input
        .arrears
        .iter()
        .map(|line| {
            (
                format!("Huur {}", month_nl(line.month)),
                format_euros(line.amount_cents),
            )
        })
        .collect();
    Block::Amounts {
        rows,
        total: ("Totaal".to_string(), format_euros(f.total_cents)),
    }
}

fn how_to_pay(f: &Facts) -> Vec<Block> {
    let i = f.input;
    vec![
        h("Zo betaalt u"),
        p(format!(
            "Maak {} over naar rekeningnummer {}.",
            format_euros(f.total_cents),
            i.iban.trim()
        )),
        p(format!(
            "Zet bij de omschrijving: {}. Dan weten wij dat het geld van u komt.",
            i.payment_reference.trim()
        )),
    ]
}

fn term_blocks(term: PaymentTerm) -> Vec<Block> {
    let days = term.days;
    vec![
        h(format!("Betaal binnen {days} dagen")),
        p(format!(
            "Betaal uiterlijk op {}. Dan betaalt u niets extra.",
            long_date(term.last_day)
        )),
        p(format!(
            "U heeft {days} dagen de tijd. Die tijd begint op de dag nadat u deze brief kreeg."
        )),
    ]
}

fn consequence(f: &Facts) -> Vec<Block> {
    let mut out = vec![h("Wat gebeurt er als u niet op tijd betaalt?")];
    match (f.input.kind, f.costs) {
        (LetterKind::Veertiendagenbrief, Some(CollectionCosts::Charged { cents })) => {
            out.push(p("Dan moet u ook incassokosten betalen. Dat zijn extra kosten voor het innen van uw schuld."));
            out.push(p(format!(
                "De incassokosten zijn {}. Dit bedrag staat in de wet. Er komt geen btw bij.",
                format_euros(cents)
            )));
            out.push(p("Ook kunnen wij uw schuld dan aan een deurwaarder geven."));
        }
        (LetterKind::Veertiendagenbrief, _) => {
            out.push(p(
                "Er geldt nu een coulanceregeling. Daarom rekenen wij geen incassokosten.",
            ));
            out.push(p(
                "Betaalt u niet op tijd? Dan kunnen wij uw schuld wel aan een deurwaarder geven.",
            ));
        }
        (LetterKind::Herinnering, _) => {
            out.push(p(
                "Dan sturen wij u nog een brief. Later kunnen er extra kosten bij komen.",
            ));
        }
        (LetterKind::Aanmaning, _) => {
            out.push(p("Betaalt u niet? Dan geven wij uw schuld aan een deurwaarder. Dat kost u extra geld."));
        }
    }
    if f.input.kind != LetterKind::Herinnering {
        out.push(p(
            "Daarna kan de zaak naar de rechter gaan. In het ergste geval moet u uw huis uit.",
        ));
    }
    out
}

fn cannot_pay(f: &Facts) -> Vec<Block> {
    vec![
        h("Kunt u niet alles betalen?"),
        p("Dat kan gebeuren. Neem dan contact met ons op. Dan zoeken we samen een oplossing."),
        p("U kunt bijvoorbeeld in delen betalen. Dat heet een betalingsregeling."),
        p(format!("Bel ons op {}.", f.input.sender.phone.trim())),
    ]
}

fn personal_page(f: &Facts) -> Vec<Block> {
    vec![
        h("Uw eigen pagina"),
        p("Op uw eigen pagina ziet u hoeveel u moet betalen. U kunt daar ook een betalingsregeling kiezen. Of u vraagt om hulp."),
        p("U heeft geen account nodig. U vult alleen uw postcode en huisnummer in."),
        Block::Link {
            url: f.input.personal_link.trim().to_string(),
        },
        p("U kunt ook de QR-code scannen met de camera van uw telefoon. De QR-code brengt u naar dezelfde pagina."),
    ]
}

fn debt_help(f: &Facts) -> Vec<Block> {
    let c = &f.input.debt_help;
    vec![
        h("Hulp bij geldzorgen"),
        p(format!(
            "Heeft u geldzorgen? De gemeente {} kan u helpen. Die hulp is gratis.",
            c.gemeente.trim()
        )),
        Block::Contact {
            lines: vec![
                ("Naam".to_string(), c.name.trim().to_string()),
                ("Telefoon".to_string(), c.phone.trim().to_string()),
                ("E-mail".to_string(), c.email.trim().to_string()),
                ("Website".to_string(), c.website.trim().to_string()),
            ],
        },
    ]
}

/// Condition (d) of the decree: the offer to pass the details on, and how
/// to object. Without an objection the verhuurder may signal the gemeente.
fn consent_offer(f: &Facts) -> Vec<Block> {
    let gemeente = f.input.debt_help.gemeente.trim();
    vec![
        h("Wij willen de gemeente vragen u te helpen"),
        p(format!(
            "Wij willen uw gegevens doorgeven aan de gemeente {gemeente}. Dan kan de gemeente contact met u opnemen."
        )),
        p("Het gaat om uw naam, adres, telefoonnummer en e-mailadres. En om het bedrag dat u nog moet betalen."),
        p(format!(
            "Wilt u dit niet? Zeg het ons dan op uw eigen pagina. Of bel ons op {}.",
            f.input.sender.phone.trim()
        )),
        p("Maakt u geen bezwaar? Dan geven wij uw gegevens door aan de gemeente."),
    ]
}
