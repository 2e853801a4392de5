//! Unit tests of the index's bookkeeping and query planning.

use super::plan::{plan, Alternative};
use super::*;

fn doc(id: i64, title: &str, body: &str) -> Document {
    Document {
        id,
        slug: format!("p{id}"),
        title: title.into(),
        body: body.into(),
        published: true,
        ..Document::default()
    }
}

fn small() -> Index {
    let mut index = Index::new(Synonyms::default_dutch());
    index.rebuild(vec![
        doc(1, "Huurachterstand", "Bel de huurder."),
        doc(2, "Achterstand in de huur", "Een betalingsregeling helpt."),
        doc(3, "Ontruiming", "De deurwaarder komt."),
    ]);
    index
}

fn term(index: &Index, word: &str) -> u32 {
    index
        .terms
        .live(&index.stemmer.stem(word))
        .unwrap_or_else(|| panic!("{word} is indexed"))
}

fn alternative(index: &Index, words: &[&str], weight: f32) -> Alternative {
    let mut terms: Vec<u32> = words.iter().map(|w| term(index, w)).collect();
    terms.sort_unstable();
    Alternative { terms, weight }
}

#[test]
fn plans_literal_compound_typo_and_synonym_alternatives() {
    let index = small();
    let cases: [(&str, Vec<Alternative>); 4] = [
        (
            "huurachterstand",
            vec![
                alternative(&index, &["huurachterstand"], 1.0),
                alternative(&index, &["huur", "achterstand"], 0.6),
                // The synonym betalingsachterstand, by its parts.
                alternative(&index, &["betaling", "achterstand"], 0.7 * 0.6),
            ],
        ),
        (
            "betalingsregling",
            vec![alternative(&index, &["betalingsregeling"], 0.6)],
        ),
        (
            "huisuitzetting",
            vec![alternative(&index, &["ontruiming"], 0.7)],
        ),
        ("onbekendwoord", vec![]),
    ];
    for (query, want) in cases {
        let plan = plan(&index, query);
        assert_eq!(plan.clauses.len(), 1, "{query}");
        assert_eq!(plan.clauses[0].alternatives, want, "{query}");
    }
}

#[test]
fn plan_drops_stop_words_and_collects_highlights() {
    let index = small();
    let plan = plan(&index, "de deurwaarder");
    assert_eq!(plan.clauses.len(), 1);
    assert_eq!(plan.highlight, [term(&index, "deurwaarder")]);
    assert!(super::plan::plan(&index, "  ,, ").clauses.is_empty());
    let pasted: String = (0..40).map(|i| format!("woord{i} ")).collect();
    let capped = super::plan::plan(&index, &pasted);
    assert_eq!(capped.clauses.len(), super::plan::MAX_QUERY_WORDS);
}

#[test]
fn upsert_replaces_and_remove_cleans_up() {
    let mut index = small();
    let deurwaarder = term(&index, "deurwaarder");
    index.upsert(doc(3, "Ontruiming", "Niemand komt."));
    assert_eq!(index.len(), 3);
    assert_eq!(
        index.terms.df(deurwaarder),
        0,
        "the old body's terms are gone"
    );
    for id in [1, 2, 3, 42] {
        index.remove(id);
    }
    assert!(index.is_empty());
    assert_eq!(index.length_sums, [0; FIELDS]);
    assert_eq!(index.free.len(), 3, "slots are reused");
    index.upsert(doc(7, "Nieuw", ""));
    assert_eq!((index.len(), index.docs.len()), (1, 3));
}

#[test]
fn rebuild_learns_parts_from_later_documents() {
    let docs = vec![
        doc(1, "Kamerverhuurbeleid", ""),
        doc(2, "Kamerverhuur", "beleid"),
    ];
    let found = |index: &Index| -> Vec<i64> {
        let mut ids: Vec<i64> = index
            .search(&Query::text("beleid"))
            .hits
            .iter()
            .map(|h| h.id)
            .collect();
        ids.sort_unstable();
        ids
    };
    let mut rebuilt = Index::new(Synonyms::none());
    rebuilt.rebuild(docs.clone());
    assert_eq!(found(&rebuilt), [1, 2]);
    // One at a time, document 1 was split before the lexicon knew `beleid`: a known limit
    // until the next rebuild.
    let mut incremental = Index::new(Synonyms::none());
    docs.into_iter().for_each(|d| incremental.upsert(d));
    assert_eq!(found(&incremental), [2]);
}

fn found(index: &Index, text: &str) -> Vec<i64> {
    let hits = index.search(&Query::text(text)).hits;
    hits.iter().map(|h| h.id).collect()
}

#[test]
fn a_part_never_written_alone_finds_its_compounds() {
    let mut index = Index::new(Synonyms::none());
    index.rebuild(vec![
        doc(1, "Het gesprek aan de keukentafel", ""),
        doc(2, "Aan tafel met de schuldeisers", ""),
        doc(3, "Keukenla", "tafel"),
    ]);
    // `keuken` only occurs inside `keukentafel`, next to the known part `tafel`; `keukenla`
    // has no known part beside it.
    assert_eq!(found(&index, "keuken"), [1]);
    assert_eq!(found(&index, "keuken tafel")[0], 1);
    // Known words do not scan the vocabulary: `tafel` was never split out of `keukentafel`.
    assert_eq!(found(&index, "tafel"), [2, 3]);
}

#[test]
fn a_rare_synonym_does_not_outrank_the_word_typed() {
    let mut index = Index::new(Synonyms::default_dutch());
    let mut docs: Vec<Document> = (1..=8)
        .map(|id| doc(id, "Werkwijze", "De deurwaarder belt aan."))
        .collect();
    docs.push(doc(
        9,
        "Deurwaarder",
        "De deurwaarder belt aan. De deurwaarder wacht.",
    ));
    docs.push(doc(
        10,
        "Gerechtsdeurwaarder",
        "De gerechtsdeurwaarder belt aan.",
    ));
    index.rebuild(docs);
    // Each term with its own idf put the one text saying `gerechtsdeurwaarder` first.
    assert_eq!(found(&index, "deurwaarder")[0], 9);
    assert_eq!(found(&index, "gerechtsdeurwaarder")[0], 10);
}

#[test]
fn a_longer_title_is_not_a_weaker_title() {
    let mut index = Index::new(Synonyms::none());
    index.rebuild(vec![
        doc(1, "Convenant met deurwaarders", "Afspraken in de regio."),
        doc(
            2,
            "De deurwaarder belt eerst aan en legt niet meteen beslag",
            "Afspraken in de regio met de deurwaarder.",
        ),
        doc(3, "Nazorg", "Afspraken in de regio."),
    ]);
    // Both titles name the deurwaarder; the body decides, not the title's length.
    assert_eq!(found(&index, "deurwaarder"), [2, 1]);
}
