//! The generated corpus: 10,000 practices of Dutch-looking text with the word mix of the real
//! kennisbank (stop words, domain words, compounds, rare names), the same on every run.

use vangnet_search::Document;

pub const DOCUMENTS: usize = 10_000;
pub const BODY_WORDS: usize = 300;

pub const STOP: &[&str] = &[
    "de", "het", "een", "en", "van", "in", "op", "te", "dat", "die", "voor", "met", "is", "zijn",
    "aan", "er", "maar", "om", "ook", "als", "bij", "of", "naar", "door", "over", "ze", "niet",
];
pub const WORDS: &[&str] = &[
    "huurder",
    "verhuurder",
    "woning",
    "gemeente",
    "corporatie",
    "gezin",
    "kinderen",
    "budget",
    "afspraak",
    "gesprek",
    "brief",
    "termijn",
    "betaling",
    "regeling",
    "achterstand",
    "schulden",
    "ontruiming",
    "vonnis",
    "rechter",
    "deurwaarder",
    "wijkteam",
    "hulpverlener",
    "vrijwilliger",
    "bewindvoerder",
    "inkomen",
    "uitkering",
    "toeslag",
    "energie",
    "water",
    "zorg",
    "verzekering",
    "maand",
    "week",
    "bellen",
    "bezoeken",
    "helpen",
    "voorkomen",
    "betalen",
    "melden",
    "zoeken",
    "snel",
    "vroeg",
    "samen",
    "persoonlijk",
    "haalbaar",
    "lastig",
    "nieuw",
    "tijdelijk",
    "vaste",
    "lasten",
    "kosten",
    "incasso",
    "signaal",
    "aanpak",
    "werkwijze",
    "ervaring",
    "resultaat",
    "huisbezoek",
    "keukentafel",
    "overzicht",
    "aanmelding",
    "wachtlijst",
    "opvang",
    "nazorg",
];
pub const PARTS: &[&str] = &[
    "huur",
    "schuld",
    "hulp",
    "betalings",
    "achterstand",
    "regeling",
    "huis",
    "uitzetting",
    "deurwaarders",
    "woning",
    "vroeg",
    "signalering",
    "budget",
    "beheer",
    "energie",
    "water",
    "zorg",
    "kosten",
    "incasso",
    "bureau",
    "plan",
    "kans",
    "melding",
    "gemeente",
    "wijk",
    "team",
];
pub const SYLLABLES: &[&str] = &[
    "ka", "ver", "lo", "ming", "ste", "ra", "den", "bo", "wel", "tij", "gra", "mo", "sen", "pel",
    "dro", "vin", "ker", "la", "zu", "nel",
];
pub const PHASES: &[&str] = &["vroeg", "dagvaarding", "vonnis", "ontruiming", "nazorg"];
pub const ACTORS: &[&str] = &[
    "corporatie",
    "gemeente",
    "deurwaarder",
    "wijkteam",
    "rechtbank",
];
pub const REGIONS: &[&str] = &[
    "Haaglanden",
    "Utrecht",
    "Rotterdam",
    "Groningen",
    "Twente",
    "Zeeland",
];

pub const QUERIES: &[&str] = &[
    "huurachterstand",
    "betalingsregeling",
    "schuldhulpverlening",
    "ontruiming voorkomen",
    "deurwaarder",
    "gezin met kinderen",
    "vroegsignalering",
    "budgetbeheer",
    "huisbezoek",
    "keukentafel gesprek",
    "energie water",
    "vaste lasten",
    "wijkteam nazorg",
    "de huur van een woning",
    "betalingsregling",
    "deurwaarde",
    "ontruming",
    "schuldhulp",
    "achterstand",
    "huisuitzetting",
    "gerechtsdeurwaarder",
    "schuldsanering",
    "betalingsachterstand",
    "incassokosten",
    "huurder bellen binnen een week",
    "tijdelijke opvang",
    "uitkering toeslag",
    "coulance",
    "één aanspreekpunt",
    "wachtlijst aanmelding",
];

/// A tiny deterministic generator (xorshift), so every run indexes the same corpus.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}

/// A word as it appears in practice: mostly common words, some stop words, compounds of two
/// parts, and now and then a rare word (a name, a place) that widens the vocabulary.
fn word(rng: &mut Rng) -> String {
    match rng.below(100) {
        0..=39 => rng.pick(STOP).to_string(),
        40..=79 => rng.pick(WORDS).to_string(),
        80..=94 => format!("{}{}", rng.pick(PARTS), rng.pick(PARTS)),
        _ => (0..2 + rng.below(3)).map(|_| rng.pick(SYLLABLES)).collect(),
    }
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut text: Vec<String> = (0..words).map(|_| word(rng)).collect();
    if let Some(first) = text.first_mut() {
        *first = first[..1].to_uppercase() + &first[1..];
    }
    text.join(" ") + "."
}

pub fn document(rng: &mut Rng, id: usize) -> Document {
    let body: Vec<String> = (0..BODY_WORDS / 15).map(|_| sentence(rng, 15)).collect();
    let (title_words, summary_words) = (4 + rng.below(5), 15 + rng.below(10));
    Document {
        id: id as i64,
        slug: format!("praktijk-{id}"),
        title: sentence(rng, title_words),
        summary: sentence(rng, summary_words),
        body: body.join(" "),
        phases: vec![rng.pick(PHASES).to_string(), rng.pick(PHASES).to_string()],
        actors: vec![rng.pick(ACTORS).to_string()],
        region: Some(rng.pick(REGIONS).to_string()),
        updated: 19_000 + rng.below(2_000) as i32,
        published: rng.below(10) != 0,
    }
}
