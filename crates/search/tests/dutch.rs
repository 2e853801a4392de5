//! The search crate against a small Dutch kennisbank: every requirement of issue 6 by example.

#[path = "dutch/corpus.rs"]
mod corpus;

use corpus::{document, CORPUS};
use vangnet_search::{FacetCount, Index, Query, Results, Synonyms};

fn index_with(synonyms: Synonyms) -> Index {
    let mut index = Index::new(synonyms);
    index.rebuild(CORPUS.iter().map(document).collect());
    index
}

fn index() -> Index {
    index_with(Synonyms::default_dutch())
}

fn ids(results: &Results) -> Vec<i64> {
    results.hits.iter().map(|h| h.id).collect()
}

fn search(index: &Index, text: &str) -> Vec<i64> {
    ids(&index.search(&Query::text(text)))
}

/// (query, document that must be the first hit)
fn assert_first(index: &Index, cases: &[(&str, i64)]) {
    for &(query, want) in cases {
        let found = search(index, query);
        assert_eq!(found.first(), Some(&want), "{query:?} gave {found:?}");
    }
}

/// (query, document, whether it is found)
fn assert_found(index: &Index, cases: &[(&str, i64, bool)]) {
    for &(query, id, want) in cases {
        let found = search(index, query);
        assert_eq!(found.contains(&id), want, "{query:?} → {id}: {found:?}");
    }
}

#[test]
fn index_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Index>();
}

#[test]
fn stemming_finds_other_inflections() {
    assert_first(
        &index(),
        &[
            ("huisuitzetting", 4),
            ("betalingsregelingen", 1),
            ("deurwaarders", 6),
            ("ontruimingen", 5),
        ],
    );
}

#[test]
fn compounds_match_their_parts_both_ways() {
    let index = index_with(Synonyms::none());
    assert_found(
        &index,
        &[
            ("huurachterstand", 2, true), // "achterstand in de huur"
            ("huurachterstand", 1, true),
            ("schuldhulp", 3, true),       // schuldhulpverlening
            ("achterstand", 1, true),      // huurachterstand
            ("achterstand", 9, true),      // betalingsachterstand
            ("kansovereenkomst", 4, true), // tweedekansovereenkomst
            ("huurachterstand", 8, false), // huur without achterstand
        ],
    );
    assert_first(&index, &[("achterstand", 2), ("huurachterstand", 1)]);
}

#[test]
fn typos_find_the_intended_word_below_exact_matches() {
    let index = index();
    assert_first(
        &index,
        &[
            ("betalingsregling", 1),
            ("deurwaarde", 6),
            ("shculdsanering", 8),
        ],
    );
    let typo = index.search(&Query::text("deurwaarde"));
    let exact = index.search(&Query::text("deurwaarder"));
    assert!(typo.hits[0].score < exact.hits[0].score);
    assert_eq!(search(&index, "xyzzyq"), Vec::<i64>::new());
}

#[test]
fn diacritics_and_case_do_not_matter() {
    let index = index();
    assert_first(
        &index,
        &[("coulance", 10), ("COULANCÉ", 10), ("Coulancé", 10)],
    );
    assert_eq!(search(&index, "één gezin"), search(&index, "een gezin"));
    assert_eq!(search(&index, "Eén aanspreekpunt"), [10]);
}

#[test]
fn stop_words_are_ignored_unless_the_query_has_nothing_else() {
    let index = index();
    let found = search(&index, "de huisuitzetting van een gezin");
    assert_eq!(found.first(), Some(&4));
    assert!(!found.contains(&9), "{found:?}");
    let only_stop_words = index.search(&Query::text("één"));
    assert!(only_stop_words.total > 5, "{}", only_stop_words.total);
}

#[test]
fn default_synonyms_find_each_other() {
    let with = index();
    let without = index_with(Synonyms::none());
    let cases = [
        ("ontruiming", 4),
        ("huisuitzetting", 5),
        ("gerechtsdeurwaarder", 6),
        ("schuldsanering", 3),
        ("schuldhulpverlening", 8),
        ("schuldhulp", 8),
        ("huurachterstand", 9),
        ("betalingsachterstand", 2),
    ];
    for (query, id) in cases {
        assert!(search(&with, query).contains(&id), "{query} → {id}");
        assert!(
            !search(&without, query).contains(&id),
            "{query} ↛ {id} without synonyms"
        );
    }
}

#[test]
fn a_typo_finds_the_synonyms_of_the_word_meant() {
    let found = search(&index(), "ontruimng");
    assert_eq!(
        found[..2],
        [5, 4],
        "ontruiming, then its synonym huisuitzetting"
    );
}

#[test]
fn synonyms_rank_below_the_literal_word() {
    assert_eq!(search(&index(), "ontruiming")[..2], [5, 4]);
}

#[test]
fn synonyms_can_be_replaced() {
    let mut index = index_with(Synonyms::none());
    assert!(!search(&index, "kamerverhuur").contains(&3));
    index.set_synonyms(Synonyms::parse("kamerverhuur, schuldhulpverlening").unwrap());
    assert!(search(&index, "kamerverhuur").contains(&3));
}

#[test]
fn title_outranks_body() {
    assert_eq!(search(&index(), "budgetcoach"), [11, 1]);
}

#[test]
fn recency_breaks_ties() {
    assert_eq!(search(&index(), "huurdersavond"), [13, 12]);
}

#[test]
fn documents_with_all_words_come_first() {
    let index = index();
    let found = search(&index, "vroeg huurachterstand");
    assert_eq!(found.first(), Some(&2), "{found:?}");
    assert!(found.contains(&1), "partial matches stay: {found:?}");
}

#[test]
fn empty_query_lists_by_recency_with_paging() {
    let index = index();
    let all = index.search(&Query::default());
    assert_eq!(all.total, 13);
    assert_eq!(ids(&all)[..3], [13, 12, 11]);
    let page = index.search(&Query {
        offset: 3,
        limit: 3,
        ..Query::default()
    });
    assert_eq!(page.total, 13);
    assert_eq!(ids(&page), [10, 9, 8]);
    let past_end = index.search(&Query {
        offset: 50,
        ..Query::default()
    });
    assert_eq!((past_end.total, past_end.hits.len()), (13, 0));
}

#[test]
fn filters_narrow_the_matches() {
    let index = index();
    let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let cases: [(Query, &[i64]); 4] = [
        (
            Query {
                phases: strings(&["nazorg"]),
                ..Query::text("huur")
            },
            &[8],
        ),
        (
            Query {
                actors: strings(&["deurwaarder"]),
                region: Some("Haaglanden".into()),
                ..Query::default()
            },
            &[6],
        ),
        (
            Query {
                phases: strings(&["ontruiming", "nazorg"]),
                actors: strings(&["wijkteam"]),
                ..Query::default()
            },
            &[11, 5, 4],
        ),
        (
            Query {
                region: Some("Groningen".into()),
                ..Query::default()
            },
            &[],
        ),
    ];
    for (query, want) in cases {
        assert_eq!(ids(&index.search(&query)), want, "{query:?}");
    }
}

#[test]
fn drafts_only_for_editors() {
    let index = index();
    assert_eq!(search(&index, "studentenhuizen"), Vec::<i64>::new());
    let editor = Query {
        include_drafts: true,
        ..Query::text("studentenhuizen")
    };
    assert_eq!(ids(&index.search(&editor)), [14]);
}

#[test]
fn facets_count_all_matches_before_paging() {
    let counts = |c: &[FacetCount]| {
        c.iter()
            .map(|f| (f.value.clone(), f.count))
            .collect::<Vec<_>>()
    };
    let index = index();
    let all = index.search(&Query {
        limit: 1,
        ..Query::default()
    });
    assert_eq!(all.hits.len(), 1);
    assert_eq!(
        counts(&all.facets.phases),
        [
            ("vroeg".into(), 7),
            ("dagvaarding".into(), 4),
            ("nazorg".into(), 3),
            ("ontruiming".into(), 1)
        ]
    );
    assert_eq!(
        counts(&all.facets.actors),
        [
            ("corporatie".into(), 5),
            ("gemeente".into(), 5),
            ("wijkteam".into(), 3),
            ("deurwaarder".into(), 2)
        ]
    );
    assert_eq!(
        counts(&all.facets.regions),
        [
            ("Rotterdam".into(), 5),
            ("Haaglanden".into(), 4),
            ("Utrecht".into(), 4)
        ]
    );
    let utrecht = index.search(&Query {
        region: Some("Utrecht".into()),
        include_drafts: true,
        limit: 0,
        ..Query::default()
    });
    assert_eq!(utrecht.total, 5);
    assert_eq!(
        counts(&utrecht.facets.phases),
        [("vroeg".into(), 4), ("dagvaarding".into(), 2)]
    );
}

#[test]
fn snippets_highlight_matches_without_markup() {
    let index = index();
    let hit = &index.search(&Query::text("huisuitzetting")).hits[0];
    let highlighted: Vec<&str> = hit
        .snippet
        .iter()
        .filter(|p| p.highlight)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(highlighted, ["huisuitzetting"]);
    assert!(hit.snippet.iter().all(|p| !p.text.contains('<')));
    // No match in the body: the summary.
    let hit = &index.search(&Query::text("voorlichting")).hits[0];
    assert_eq!(hit.snippet[0].text, "Voorlichting");
    assert!(hit.snippet[0].highlight);
    // A compound part is highlighted as the whole word.
    let hit = index
        .search(&Query::text("achterstand"))
        .hits
        .into_iter()
        .find(|h| h.id == 1)
        .unwrap();
    assert!(hit
        .snippet
        .iter()
        .any(|p| p.highlight && p.text == "huurachterstand"));
}

#[test]
fn upsert_replaces_and_remove_forgets() {
    let mut index = index();
    let mut changed = document(&CORPUS[0]);
    changed.title = "Vroeg bellen".into();
    changed.summary = String::new();
    changed.body = "We bellen binnen een week.".into();
    index.upsert(changed);
    assert_eq!(index.len(), 14);
    assert!(!search(&index, "betalingsregeling").contains(&1));
    assert_eq!(search(&index, "bellen"), [1]);

    index.remove(6);
    index.remove(999);
    assert_eq!(index.len(), 13);
    assert!(!search(&index, "deurwaarder").contains(&6));
    assert!(search(&index, "deurwaarder").contains(&7));
}

#[test]
fn upsert_builds_an_index_one_document_at_a_time() {
    let mut index = Index::new(Synonyms::default_dutch());
    for row in CORPUS {
        index.upsert(document(row));
    }
    assert_eq!(index.len(), 14);
    assert_first(
        &index,
        &[
            ("huurachterstand", 1),
            ("betalingsregling", 1),
            ("budgetcoach", 11),
        ],
    );
}
