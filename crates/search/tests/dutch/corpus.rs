//! A small Dutch kennisbank: fourteen practices, each written to prove one requirement.

use vangnet_search::Document;

pub type Row = (
    i64,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
    i32,
);

/// id, title, summary, body, phases, actors, region, updated. All published except 14.
pub const CORPUS: &[Row] = &[
    (1, "Betalingsregeling na een huurachterstand", "Een corporatie maakt samen met de huurder een haalbare regeling.",
     "Bij een huurachterstand bellen we de huurder binnen een week. Samen stellen we een betalingsregeling op die past bij het budget. Bij twee gemiste termijnen vragen we de budgetcoach om mee te kijken.",
     &["vroeg"], &["corporatie"], "Haaglanden", 19000),
    (2, "Achterstand in de huur vroeg aanpakken", "Kleine bedragen, snelle actie.",
     "Een achterstand in de huur begint vaak klein. Wie in de eerste maand belt, voorkomt incassokosten en een dagvaarding.",
     &["vroeg"], &["gemeente"], "Utrecht", 19010),
    (3, "Schuldhulpverlening aan huis", "De gemeente komt langs bij gezinnen met schulden.",
     "Een medewerker van de schuldhulpverlening bezoekt het gezin thuis en brengt alle rekeningen in kaart.",
     &["vroeg", "dagvaarding"], &["gemeente"], "Utrecht", 19020),
    (4, "Huisuitzettingen voorkomen met een tweede kans", "Een laatste-kansovereenkomst als alternatief.",
     "Als de rechter de huisuitzetting al heeft toegewezen, biedt de corporatie het gezin een tweedekansovereenkomst met begeleiding door het wijkteam.",
     &["dagvaarding", "ontruiming"], &["corporatie", "wijkteam"], "Rotterdam", 19030),
    (5, "Nazorg na een ontruiming", "Niemand op straat.",
     "Na de ontruiming regelt het wijkteam tijdelijke opvang voor het gezin en zoekt het samen met de gemeente naar een nieuwe woning.",
     &["nazorg"], &["wijkteam", "gemeente"], "Rotterdam", 19040),
    (6, "Samenwerken met de deurwaarder", "Korte lijnen voorkomen kosten.",
     "De deurwaarder meldt elke betekening aan het sociaal team, zodat er nog een gesprek kan plaatsvinden voor de zitting.",
     &["dagvaarding"], &["deurwaarder"], "Haaglanden", 19050),
    (7, "Afspraken met de gerechtsdeurwaarder", "Een convenant in de regio.",
     "De gerechtsdeurwaarder wacht met de betekening tot de hulpverlening contact heeft gehad.",
     &["dagvaarding"], &["deurwaarder"], "Utrecht", 19060),
    (8, "Schuldsanering en vaste lasten", "Eerst de vaste lasten veiligstellen.",
     "Tijdens de schuldsanering betaalt de bewindvoerder huur, energie en zorgverzekering als eerste.",
     &["nazorg"], &["gemeente"], "Haaglanden", 19070),
    (9, "Betalingsachterstand bij energie en water", "Signalen van leveranciers benutten.",
     "Een betalingsachterstand bij het energiebedrijf of het waterbedrijf is vaak het eerste signaal van geldzorgen.",
     &["vroeg"], &["gemeente"], "Rotterdam", 19080),
    (10, "Eén aanspreekpunt voor de huurder", "Coulancé bij de eerste gemiste betaling.",
     "De corporatie toont coulancé: één vast aanspreekpunt neemt contact op en zoekt samen met de huurder naar een oplossing.",
     &["vroeg"], &["corporatie"], "Utrecht", 19090),
    (11, "De budgetcoach aan tafel", "Inkomsten en uitgaven op een rij.",
     "Een vrijwilliger helpt het huishouden met een overzicht van inkomsten en uitgaven.",
     &["nazorg"], &["wijkteam"], "Haaglanden", 19100),
    (12, "Huurdersavond in de wijk", "Voorlichting over rekeningen.",
     "Op de huurdersavond vertellen medewerkers over toeslagen en regelingen.",
     &["vroeg"], &["corporatie"], "Rotterdam", 19110),
    (13, "Huurdersavond in de wijk", "Voorlichting over rekeningen.",
     "Op de huurdersavond vertellen medewerkers over toeslagen en regelingen.",
     &["vroeg"], &["corporatie"], "Rotterdam", 19120),
    (14, "Concept: studentenhuizen en kamerhuur", "Nog niet klaar.",
     "Een aanpak voor studentenhuizen is nog in de maak.",
     &["vroeg"], &["corporatie"], "Utrecht", 19130),
];

pub fn document(row: &Row) -> Document {
    let &(id, title, summary, body, phases, actors, region, updated) = row;
    Document {
        id,
        slug: format!("praktijk-{id}"),
        title: title.into(),
        summary: summary.into(),
        body: body.into(),
        phases: phases.iter().map(|s| s.to_string()).collect(),
        actors: actors.iter().map(|s| s.to_string()).collect(),
        region: Some(region.into()),
        updated,
        published: id != 14,
    }
}
