//! Rebuild rate and query latency at 10,000 generated practices.
//! Run with `cargo bench -p vangnet-search`; the target is p99 ≤ 5 ms per query.

use std::time::{Duration, Instant};

use vangnet_search::{Document, Index, Query, Synonyms};

const DOCUMENTS: usize = 10_000;
const BODY_WORDS: usize = 300;
const ROUNDS: usize = 20;

const STOP: &[&str] = &[
    "de", "het", "een", "en", "van", "in", "op", "te", "dat", "die", "voor", "met", "is", "zijn",
    "aan", "er", "maar", "om", "ook", "als", "bij", "of", "naar", "door", "over", "ze", "niet",
];
const WORDS: &[&str] = &[
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
const PARTS: &[&str] = &[
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
const SYLLABLES: &[&str] = &[
    "ka", "ver", "lo", "ming", "ste", "ra", "den", "bo", "wel", "tij", "gra", "mo", "sen", "pel",
    "dro", "vin", "ker", "la", "zu", "nel",
];
const PHASES: &[&str] = &["vroeg", "dagvaarding", "vonnis", "ontruiming", "nazorg"];
const ACTORS: &[&str] = &[
    "corporatie",
    "gemeente",
    "deurwaarder",
    "wijkteam",
    "rechtbank",
];
const REGIONS: &[&str] = &[
    "Haaglanden",
    "Utrecht",
    "Rotterdam",
    "Groningen",
    "Twente",
    "Zeeland",
];

const QUERIES: &[&str] = &[
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
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
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

fn document(rng: &mut Rng, id: usize) -> Document {
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

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

fn main() {
    let mut rng = Rng(0x5eed_cafe_f00d);
    let docs: Vec<Document> = (0..DOCUMENTS).map(|i| document(&mut rng, i)).collect();
    let words: usize = docs.iter().map(|d| d.body.split(' ').count()).sum();

    let mut index = Index::new(Synonyms::default_dutch());
    let started = Instant::now();
    index.rebuild(docs.clone());
    let rebuild = started.elapsed();

    // An edit: the first 1,000 practices get new generated text under their old ids.
    let edits: Vec<Document> = (0..1_000).map(|i| document(&mut rng, i)).collect();
    let started = Instant::now();
    for doc in edits {
        index.upsert(doc);
    }
    let upserts = started.elapsed();

    if let Ok(text) = std::env::var("SEARCH_BENCH_QUERY") {
        // For profiling one query: `SEARCH_BENCH_QUERY=huur perf record …`.
        for _ in 0..2_000 {
            std::hint::black_box(index.search(&Query::text(&text)));
        }
        return;
    }
    let mut latencies = Vec::new();
    let mut per_query = vec![Vec::new(); QUERIES.len()];
    let mut totals = Vec::new();
    for round in 0..ROUNDS {
        for (i, text) in QUERIES.iter().enumerate() {
            let query = Query {
                phases: if i % 5 == 0 {
                    vec!["nazorg".into()]
                } else {
                    Vec::new()
                },
                ..Query::text(text)
            };
            let started = Instant::now();
            let results = std::hint::black_box(index.search(&query));
            latencies.push(started.elapsed());
            per_query[i].push(started.elapsed());
            if round == 0 {
                totals.push(results.total);
            }
        }
    }
    latencies.sort();
    let mut slowest: Vec<(Duration, &str)> = per_query
        .iter_mut()
        .zip(QUERIES)
        .map(|(times, text)| {
            times.sort();
            (percentile(times, 0.5), *text)
        })
        .collect();
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));

    println!(
        "vangnet-search, {DOCUMENTS} documents, {} body words on average",
        words / DOCUMENTS
    );
    println!("| measure                     | value          |");
    println!("|-----------------------------|----------------|");
    println!(
        "| rebuild                     | {:>9.0} ms   |",
        ms(rebuild)
    );
    println!(
        "| rebuild rate                | {:>9.0} doc/s |",
        DOCUMENTS as f64 / rebuild.as_secs_f64()
    );
    println!(
        "| upsert (edit) rate          | {:>9.0} doc/s |",
        1_000.0 / upserts.as_secs_f64()
    );
    println!(
        "| queries timed               | {:>9}      |",
        latencies.len()
    );
    println!(
        "| query p50                   | {:>9.3} ms   |",
        ms(percentile(&latencies, 0.50))
    );
    println!(
        "| query p99                   | {:>9.3} ms   |",
        ms(percentile(&latencies, 0.99))
    );
    println!(
        "| query max                   | {:>9.3} ms   |",
        ms(latencies[latencies.len() - 1])
    );
    println!(
        "| matches per query (mean)    | {:>9}      |",
        totals.iter().sum::<usize>() / totals.len()
    );
    println!();
    println!("| slowest queries (median)          | ms     |");
    println!("|-----------------------------------|--------|");
    for (time, text) in slowest.iter().take(5) {
        println!("| {text:<33} | {:>6.3} |", ms(*time));
    }
}
