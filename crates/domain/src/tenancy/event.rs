//! A tenancy's history as dated events: the landlord's collection steps,
//! the prevention around them, and the court and eviction steps after.

use crate::ddas::ContactKind;
use crate::slug_enum::slug_enum;
use chrono::NaiveDate;

slug_enum! {
    /// Every kind of event of issue 5, point 2, in the order of the track.
    EventKind, "soort gebeurtenis" {
        Herinnering => "herinnering", "Herinnering";
        Veertiendagenbrief => "veertiendagenbrief", "Veertiendagenbrief";
        Aanmaning => "aanmaning", "Aanmaning";
        Contactpoging => "contactpoging", "Contactpoging";
        GewezenOpSchuldhulp => "gewezen_op_schuldhulp", "Gewezen op schuldhulp";
        SignaalGemeente => "signaal_gemeente", "Signaal aan de gemeente";
        /// The tenant objected to passing their data to the gemeente.
        BezwaarDoorgeven => "bezwaar_doorgeven", "Bezwaar tegen doorgeven";
        /// The tenant asked for help through their personal link.
        HulpGevraagd => "hulp_gevraagd", "Huurder vraagt om hulp";
        /// The tenant told what is going on: a note on the tenancy.
        SituatieGemeld => "situatie_gemeld", "Huurder vertelt over situatie";
        /// The tenant picked an arrangement; the verhuurder accepts or counters.
        BetalingsregelingVoorgesteld => "betalingsregeling_voorgesteld", "Betalingsregeling voorgesteld door huurder";
        /// The verhuurder answered a proposal with another arrangement.
        BetalingsregelingTegenvoorstel => "betalingsregeling_tegenvoorstel", "Tegenvoorstel betalingsregeling";
        BetalingsregelingAangeboden => "betalingsregeling_aangeboden", "Betalingsregeling aangeboden";
        Betalingsregeling => "betalingsregeling", "Betalingsregeling";
        SchuldhulpGestart => "schuldhulp_gestart", "Schuldhulp gestart";
        SchuldhulpBeeindigd => "schuldhulp_beeindigd", "Schuldhulp beëindigd";
        /// The debt counsellor agrees that collection may go on.
        SchuldhulpAkkoordEscalatie => "schuldhulp_akkoord_escalatie", "Akkoord schuldhulp met doorgaan incasso";
        /// Handover to a bailiff or external collection (VERA ExterneIncasso).
        Deurwaarder => "deurwaarder", "Overdracht aan deurwaarder";
        Dagvaarding => "dagvaarding", "Dagvaarding";
        Vonnis => "vonnis", "Vonnis";
        Betekening => "betekening", "Betekening";
        Ontruimingsaanzegging => "ontruimingsaanzegging", "Ontruimingsaanzegging";
        MeldingGemeenteOntruiming => "melding_gemeente_ontruiming", "Melding ontruiming aan gemeente";
        LaatsteKansOvereenkomst => "laatste_kans_overeenkomst", "Laatstekansovereenkomst";
        OntruimingGepland => "ontruiming_gepland", "Ontruiming gepland";
        Ontruimd => "ontruimd", "Ontruimd";
        Voorkomen => "voorkomen", "Ontruiming voorkomen";
    }
}

impl EventKind {
    /// How far along the track this step is; `None` for events around the
    /// track (contact, help, arrangements) that do not move it forward.
    pub fn track_position(self) -> Option<u8> {
        use EventKind::*;
        let position = match self {
            Herinnering => 1,
            Veertiendagenbrief => 2,
            Aanmaning => 3,
            Deurwaarder => 4,
            Dagvaarding => 5,
            Vonnis => 6,
            Betekening => 7,
            Ontruimingsaanzegging => 8,
            MeldingGemeenteOntruiming => 9,
            OntruimingGepland => 10,
            Ontruimd => 11,
            _ => return None,
        };
        Some(position)
    }

    /// Which kind-specific details an event of this kind carries.
    pub fn details_shape(self) -> DetailsShape {
        match self {
            EventKind::Contactpoging => DetailsShape::Contact,
            EventKind::Betalingsregeling | EventKind::LaatsteKansOvereenkomst => {
                DetailsShape::Agreement
            }
            EventKind::OntruimingGepland => DetailsShape::Planned,
            EventKind::Voorkomen => DetailsShape::Prevented,
            _ => DetailsShape::None,
        }
    }
}

slug_enum! {
    /// Why the landlord wants the home back. Only arrears get the
    /// prevention rules; the other grounds still get documented.
    #[derive(Default)]
    Grounds, "grond" {
        #[default]
        Huurachterstand => "huurachterstand", "Huurachterstand";
        Overlast => "overlast", "Overlast";
        ErnstigeOverlast => "ernstige_overlast", "Ernstige overlast";
        Criminaliteit => "criminaliteit", "Criminaliteit";
        Hennep => "hennep", "Hennepkwekerij";
    }
}

slug_enum! {
    /// The steps that move a household closer to the street; the gate runs
    /// before each of them.
    Step, "stap waar de poort voor geldt" {
        Deurwaarder => "deurwaarder", "Overdracht aan deurwaarder";
        Dagvaarding => "dagvaarding", "Dagvaarding";
        Ontruimingsaanzegging => "ontruimingsaanzegging", "Ontruimingsaanzegging";
        OntruimingGepland => "ontruiming_gepland", "Ontruiming plannen";
    }
}

impl Step {
    /// The event that records this step once it is taken.
    pub fn kind(self) -> EventKind {
        match self {
            Step::Deurwaarder => EventKind::Deurwaarder,
            Step::Dagvaarding => EventKind::Dagvaarding,
            Step::Ontruimingsaanzegging => EventKind::Ontruimingsaanzegging,
            Step::OntruimingGepland => EventKind::OntruimingGepland,
        }
    }
}

slug_enum! {
    /// Where a payment arrangement or a last-chance agreement stands.
    AgreementStatus, "status" {
        /// Running and being kept.
        Lopend => "lopend", "Lopend";
        Nagekomen => "nagekomen", "Nagekomen";
        Verbroken => "verbroken", "Verbroken";
    }
}

slug_enum! {
    /// How an eviction was prevented.
    PreventedBy, "manier van voorkomen" {
        Betalingsregeling => "betalingsregeling", "Betalingsregeling";
        Schuldhulp => "schuldhulp", "Schuldhulp";
        LaatsteKans => "laatste_kans", "Laatstekansovereenkomst";
        Betaald => "betaald", "Betaald";
        Anders => "anders", "Anders";
    }
}

/// Which variant of `Details` belongs to a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailsShape {
    None,
    Contact,
    Agreement,
    Planned,
    Prevented,
}

/// The fields only some kinds carry. Who recorded an event and its
/// document are the storage's business and are not part of the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Details {
    None,
    /// `contactpoging`: DDAS contact kind (`soort`) and whether the tenant
    /// was reached (`bereikt`).
    Contact {
        kind: ContactKind,
        reached: bool,
    },
    /// `betalingsregeling` and `laatste_kans_overeenkomst`: a status update;
    /// updates without `id` all belong to one agreement.
    Agreement {
        status: AgreementStatus,
        id: Option<String>,
    },
    /// `ontruiming_gepland`: the date the eviction is planned for.
    Planned {
        date: NaiveDate,
    },
    /// `voorkomen`: how (`hoe`).
    Prevented {
        by: PreventedBy,
    },
}

impl DetailsShape {
    /// The JSON keys of this shape, for a message about a mismatch.
    pub fn keys_nl(self) -> &'static str {
        match self {
            DetailsShape::None => "geen extra gegevens",
            DetailsShape::Contact => "soort en bereikt",
            DetailsShape::Agreement => "status (en eventueel id)",
            DetailsShape::Planned => "planned_date",
            DetailsShape::Prevented => "hoe",
        }
    }
}

impl Details {
    pub fn shape(&self) -> DetailsShape {
        match self {
            Details::None => DetailsShape::None,
            Details::Contact { .. } => DetailsShape::Contact,
            Details::Agreement { .. } => DetailsShape::Agreement,
            Details::Planned { .. } => DetailsShape::Planned,
            Details::Prevented { .. } => DetailsShape::Prevented,
        }
    }
}

/// One dated step or fact in a tenancy's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub kind: EventKind,
    pub date: NaiveDate,
    pub details: Details,
}

impl Event {
    /// An event of a kind without details (panics in debug builds
    /// otherwise; the gate rejects a mismatch as invalid input anyway).
    pub fn plain(kind: EventKind, date: NaiveDate) -> Event {
        debug_assert_eq!(kind.details_shape(), DetailsShape::None, "{kind}");
        Event {
            kind,
            date,
            details: Details::None,
        }
    }

    pub fn contact(date: NaiveDate, kind: ContactKind, reached: bool) -> Event {
        Event {
            kind: EventKind::Contactpoging,
            date,
            details: Details::Contact { kind, reached },
        }
    }

    /// A `betalingsregeling` or `laatste_kans_overeenkomst` status update.
    pub fn agreement(
        kind: EventKind,
        date: NaiveDate,
        status: AgreementStatus,
        id: Option<&str>,
    ) -> Event {
        debug_assert_eq!(kind.details_shape(), DetailsShape::Agreement, "{kind}");
        Event {
            kind,
            date,
            details: Details::Agreement {
                status,
                id: id.map(str::to_string),
            },
        }
    }

    pub fn eviction_planned(date: NaiveDate, planned: NaiveDate) -> Event {
        Event {
            kind: EventKind::OntruimingGepland,
            date,
            details: Details::Planned { date: planned },
        }
    }

    pub fn prevented(date: NaiveDate, by: PreventedBy) -> Event {
        Event {
            kind: EventKind::Voorkomen,
            date,
            details: Details::Prevented { by },
        }
    }
}
