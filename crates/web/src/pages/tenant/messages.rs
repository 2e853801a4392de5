//! The tenant pages' words, per language. Dutch is the default; English is
//! there for tenants who read it better. A language is one `Texts` table,
//! so adding one (Turkish, Arabic, Polish, …) is a new constant and a new
//! `Lang` variant, with the compiler pointing at every text still missing.
//! The Dutch is B1: short sentences, "u", no jargon.

/// The languages the tenant pages speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

use super::catalogue::{EN, NL};

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    /// The code of `?taal=` and the cookie, and the page's `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The language's own name, for the switch.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Nl => "Nederlands",
            Lang::En => "English",
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Nl => &NL,
            Lang::En => &EN,
        }
    }
}

/// Every fixed text of the tenant pages.
pub struct Texts {
    pub skip: &'static str,
    pub language: &'static str,
    pub footer: &'static str,
    pub gone_title: &'static str,
    pub gone_body: &'static str,
    pub gone_call: &'static str,
    pub check_title: &'static str,
    pub check_intro: &'static str,
    pub postcode: &'static str,
    pub postcode_hint: &'static str,
    pub house_number: &'static str,
    pub house_number_hint: &'static str,
    pub check_button: &'static str,
    pub check_wrong: &'static str,
    pub check_wait: &'static str,
    pub check_too_soon: &'static str,
    pub check_invalid_postcode: &'static str,
    pub check_invalid_number: &'static str,
    pub errors_title: &'static str,
    pub view_title: &'static str,
    pub view_intro: &'static str,
    pub stop: &'static str,
    pub owed_title: &'static str,
    pub owed_total: &'static str,
    pub owed_nothing: &'static str,
    pub ledger_caption: &'static str,
    pub col_date: &'static str,
    pub col_what: &'static str,
    pub col_amount: &'static str,
    pub ledger_due: &'static str,
    pub ledger_payment: &'static str,
    pub next_title: &'static str,
    pub next_none: &'static str,
    pub next_now: &'static str,
    pub next_not_yet: &'static str,
    pub pay_before: &'static str,
    pub history_title: &'static str,
    pub history_empty: &'static str,
    pub agreed_title: &'static str,
    pub agreed_none: &'static str,
    pub status_open: &'static str,
    pub status_accepted: &'static str,
    pub status_countered: &'static str,
    pub status_handled: &'static str,
    pub actions_title: &'static str,
    pub pay_title: &'static str,
    pub pay_amount: &'static str,
    pub pay_iban: &'static str,
    pub pay_reference: &'static str,
    pub pay_ideal: &'static str,
    pub pay_iban_ask: &'static str,
    pub arrangement_title: &'static str,
    pub arrangement_intro: &'static str,
    pub arrangement_legend: &'static str,
    pub arrangement_none: &'static str,
    pub months: &'static str,
    pub per_month: &'static str,
    pub last_month: &'static str,
    pub arrangement_button: &'static str,
    pub help_title: &'static str,
    pub help_intro: &'static str,
    pub help_consent: &'static str,
    pub help_contact_legend: &'static str,
    pub contact_phone: &'static str,
    pub contact_email: &'static str,
    pub contact_letter: &'static str,
    pub contact_visit: &'static str,
    pub help_phone: &'static str,
    pub help_email: &'static str,
    pub help_when: &'static str,
    pub help_when_hint: &'static str,
    pub help_button: &'static str,
    pub help_consent_missing: &'static str,
    pub object_title: &'static str,
    pub object_intro: &'static str,
    pub object_button: &'static str,
    pub situation_title: &'static str,
    pub situation_intro: &'static str,
    pub situation_legend: &'static str,
    pub situation_lost_income: &'static str,
    pub situation_illness: &'static str,
    pub situation_separation: &'static str,
    pub situation_crisis: &'static str,
    pub situation_other: &'static str,
    pub situation_text: &'static str,
    pub situation_button: &'static str,
    pub input_invalid: &'static str,
    pub done_title: &'static str,
    pub done_arrangement: &'static str,
    pub done_help: &'static str,
    pub done_help_later: &'static str,
    pub done_object: &'static str,
    pub done_situation: &'static str,
    pub done_back: &'static str,
    pub stopped: &'static str,
}

/// What a kind of tenancy event means, in plain words.
pub fn event_words(lang: Lang, kind: &str) -> String {
    let (nl, en) = match kind {
        "herinnering" => ("U kreeg een herinnering.", "You received a reminder."),
        "veertiendagenbrief" => (
            "U kreeg een brief met 14 dagen om te betalen.",
            "You received a letter giving you 14 days to pay.",
        ),
        "aanmaning" => ("U kreeg een aanmaning.", "You received a final demand."),
        "contactpoging" => (
            "De verhuurder probeerde contact met u te krijgen.",
            "The landlord tried to contact you.",
        ),
        "gewezen_op_schuldhulp" => (
            "De verhuurder vertelde u over hulp bij geldzorgen.",
            "The landlord told you about help with money worries.",
        ),
        "signaal_gemeente" => (
            "Uw gegevens zijn doorgegeven aan de gemeente.",
            "Your details were passed to the municipality.",
        ),
        "bezwaar_doorgeven" => (
            "U wilde niet dat uw gegevens aan de gemeente gaan.",
            "You did not want your details passed to the municipality.",
        ),
        "hulp_gevraagd" => ("U vroeg om hulp.", "You asked for help."),
        "situatie_gemeld" => ("U vertelde wat er speelt.", "You told us what is going on."),
        "betalingsregeling_voorgesteld" => (
            "U stelde een betalingsregeling voor.",
            "You proposed a payment plan.",
        ),
        "betalingsregeling_tegenvoorstel" => (
            "De verhuurder deed een ander voorstel voor een betalingsregeling.",
            "The landlord made another payment plan offer.",
        ),
        "betalingsregeling_aangeboden" => (
            "De verhuurder bood een betalingsregeling aan.",
            "The landlord offered a payment plan.",
        ),
        "betalingsregeling" => ("Er is een betalingsregeling.", "There is a payment plan."),
        "schuldhulp_gestart" => ("Uw schuldhulp is begonnen.", "Your debt help started."),
        "schuldhulp_beeindigd" => ("Uw schuldhulp is gestopt.", "Your debt help ended."),
        "schuldhulp_akkoord_escalatie" => (
            "Uw schuldhulpverlener vindt dat de verhuurder verder mag gaan.",
            "Your debt counsellor agreed that the landlord may go on.",
        ),
        "deurwaarder" => (
            "De verhuurder gaf de zaak aan een deurwaarder.",
            "The landlord handed the matter to a bailiff.",
        ),
        "dagvaarding" => (
            "U kreeg een oproep voor de rechter (dagvaarding).",
            "You were summoned to court.",
        ),
        "vonnis" => (
            "De rechter deed een uitspraak.",
            "The court gave a judgment.",
        ),
        "betekening" => (
            "De deurwaarder bracht u de uitspraak van de rechter.",
            "The bailiff served you the judgment.",
        ),
        "ontruimingsaanzegging" => (
            "U kreeg bericht dat u de woning uit moet.",
            "You were told you must leave the home.",
        ),
        "melding_gemeente_ontruiming" => (
            "De gemeente weet dat u de woning uit moet.",
            "The municipality was told you must leave the home.",
        ),
        "laatste_kans_overeenkomst" => (
            "U heeft een laatste-kansafspraak.",
            "You have a last-chance agreement.",
        ),
        "ontruiming_gepland" => (
            "Er is een datum gepland waarop u de woning uit moet.",
            "A date was set on which you must leave the home.",
        ),
        "ontruimd" => (
            "U heeft de woning moeten verlaten.",
            "You had to leave the home.",
        ),
        "voorkomen" => (
            "U hoeft de woning niet uit.",
            "You do not have to leave the home.",
        ),
        _ => ("Er is iets gebeurd.", "Something happened."),
    };
    pick(lang, nl, en).to_string()
}

/// The next step of the track, in plain words.
pub fn step_words(lang: Lang, step: &str) -> &'static str {
    let (nl, en) = match step {
        "deurwaarder" => (
            "De verhuurder geeft de zaak aan een deurwaarder. Dan komen er kosten bij.",
            "The landlord hands the matter to a bailiff. Then costs are added.",
        ),
        "dagvaarding" => (
            "De verhuurder vraagt de rechter om de huur te stoppen.",
            "The landlord asks the court to end the tenancy.",
        ),
        "ontruimingsaanzegging" => (
            "U krijgt bericht dat u de woning uit moet.",
            "You are told that you must leave the home.",
        ),
        "ontruiming_gepland" => (
            "Er wordt een datum gepland waarop u de woning uit moet.",
            "A date is set on which you must leave the home.",
        ),
        _ => ("Een volgende stap.", "A next step."),
    };
    pick(lang, nl, en)
}

fn pick(lang: Lang, nl: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_is_none() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code(" EN "), Some(Lang::En));
        assert_eq!(Lang::from_code("tr"), None);
    }

    #[test]
    fn every_event_kind_has_its_own_words() {
        for kind in vangnet_domain::tenancy::EventKind::ALL {
            for lang in Lang::ALL {
                let words = event_words(lang, kind.slug());
                assert_ne!(words, event_words(lang, "onbekend"), "{}", kind.slug());
            }
        }
    }
}
