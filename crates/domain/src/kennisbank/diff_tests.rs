use super::*;
use DiffKind::*;

fn parts(list: &[(DiffKind, &str)]) -> Vec<DiffPart> {
    list.iter()
        .map(|(kind, text)| DiffPart {
            kind: *kind,
            text: text.to_string(),
        })
        .collect()
}

/// What every diff must satisfy, whatever the texts.
fn check_invariants(old: &str, new: &str, diff: &[DiffPart]) {
    let side = |skip: DiffKind| -> String {
        diff.iter()
            .filter(|p| p.kind != skip)
            .map(|p| p.text.as_str())
            .collect()
    };
    // Plain asserts: the texts may be long.
    assert!(side(Added) == old, "old side differs");
    assert!(side(Removed) == new, "new side differs");
    assert!(diff.iter().all(|p| !p.text.is_empty()));
    assert!(diff.windows(2).all(|w| w[0].kind != w[1].kind));
    assert!(diff
        .windows(2)
        .all(|w| !(w[0].kind == Added && w[1].kind == Removed)));
}

#[test]
fn diff_table() {
    type Case<'a> = (&'a str, &'a str, &'a [(DiffKind, &'a str)]);
    let cases: &[Case] = &[
        ("gelijk", "gelijk", &[(Same, "gelijk")]),
        ("", "", &[]),
        ("", "nieuw", &[(Added, "nieuw")]),
        ("oud", "", &[(Removed, "oud")]),
        (
            "de huur is betaald",
            "de huur is op tijd betaald",
            &[
                (Same, "de huur is "),
                (Added, "op tijd "),
                (Same, "betaald"),
            ],
        ),
        (
            "de huur is op tijd betaald",
            "de huur is betaald",
            &[
                (Same, "de huur is "),
                (Removed, "op tijd "),
                (Same, "betaald"),
            ],
        ),
        (
            "de deurwaarder belt aan bij de huurder",
            "de deurwaarder schrijft aan bij de huurder",
            &[
                (Same, "de deurwaarder "),
                (Removed, "belt"),
                (Added, "schrijft"),
                (Same, " aan bij de huurder"),
            ],
        ),
        (
            "Café één: coöperatie",
            "Café twee: coöperatie",
            &[
                (Same, "Café "),
                (Removed, "één"),
                (Added, "twee"),
                (Same, ": coöperatie"),
            ],
        ),
        (
            "Bel nu, niet later.",
            "Bel nu; niet later!",
            &[
                (Same, "Bel nu"),
                (Removed, ","),
                (Added, ";"),
                (Same, " niet later"),
                (Removed, "."),
                (Added, "!"),
            ],
        ),
        (
            "een twee drie",
            "nul een drie vier",
            &[
                (Added, "nul "),
                (Same, "een "),
                (Removed, "twee "),
                (Same, "drie"),
                (Added, " vier"),
            ],
        ),
    ];
    for (old, new, expected) in cases {
        let diff = word_diff(old, new);
        assert_eq!(diff, parts(expected), "{old:?} → {new:?}");
        check_invariants(old, new, &diff);
    }
}

#[test]
fn tokens_keep_words_whole() {
    assert_eq!(
        tokens("Zo'n  coöperatie: 12,5%\n"),
        [
            "Zo",
            "'",
            "n",
            "  ",
            "coöperatie",
            ":",
            " ",
            "12",
            ",",
            "5",
            "%",
            "\n"
        ]
    );
    assert_eq!(tokens(""), Vec::<&str>::new());
}

/// A tiny deterministic generator, so the property tests need no crate.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

fn random_text(rng: &mut Lcg, words: usize) -> String {
    const WORDS: [&str; 8] = [
        "huur",
        "één",
        "de",
        "deurwaarder",
        ",",
        "\n",
        "betaald",
        ".",
    ];
    let mut text = String::new();
    for _ in 0..words {
        text.push_str(WORDS[rng.next(WORDS.len())]);
        text.push(' ');
    }
    text
}

/// The number of unchanged tokens the best diff keeps, by plain dynamic
/// programming: Myers must find a diff that keeps as many.
fn lcs(a: &[&str], b: &[&str]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[test]
fn random_texts_diff_minimally() {
    let mut rng = Lcg(6);
    for round in 0..300 {
        let (old_words, new_words) = (rng.next(25), rng.next(25));
        let old = random_text(&mut rng, old_words);
        let new = random_text(&mut rng, new_words);
        check_invariants(&old, &new, &word_diff(&old, &new));
        let (a, b) = (tokens(&old), tokens(&new));
        let ops = myers(&a, &b).expect("small texts stay within the budget");
        let kept = ops.iter().filter(|op| **op == Op::Same).count();
        assert_eq!(kept, lcs(&a, &b), "round {round}: {old:?} → {new:?}");
    }
}

fn long_text(words: usize) -> String {
    let mut text = String::new();
    for i in 0..words {
        text.push_str(["huurder", "verhuurder", "gemeente", "deurwaarder"][i % 4]);
        text.push_str(if i % 12 == 11 { ".\n" } else { " " });
    }
    text
}

#[test]
fn long_text_with_one_change() {
    let old = long_text(50_000);
    let new = old.replacen("gemeente", "wijkteam", 1);
    let diff = word_diff(&old, &new);
    check_invariants(&old, &new, &diff);
    assert_eq!(shape(&diff)[1..3], [(Removed, 8), (Added, 8)]);
    assert_eq!(
        (diff[1].text.as_str(), diff[2].text.as_str()),
        ("gemeente", "wijkteam")
    );
    assert_eq!(diff.len(), 4);
}

/// Kinds and lengths only: a failing assertion must not print 300 KB.
fn shape(diff: &[DiffPart]) -> Vec<(DiffKind, usize)> {
    diff.iter().map(|p| (p.kind, p.text.len())).collect()
}

#[test]
fn long_text_changed_at_both_ends() {
    // Nothing in common to strip at either end: Myers runs over the whole
    // text, in time proportional to its length times the few differences.
    let old = long_text(50_000);
    let new = format!("Vooraf: {}slot", old.replacen("huurder", "huurster", 1));
    let diff = word_diff(&old, &new);
    check_invariants(&old, &new, &diff);
    // Several diffs are equally short here; any of them keeps all but
    // the changed word.
    let same: usize = diff
        .iter()
        .filter(|p| p.kind == Same)
        .map(|p| p.text.len())
        .sum();
    assert_eq!(same, old.len() - "huurder".len());
    assert_eq!(shape(&diff).last(), Some(&(Added, "slot".len())));
}

#[test]
fn many_changes_fall_back_to_lines_and_stay_correct() {
    let old = long_text(20_000);
    let new: String = old
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, line)| {
            if i % 4 == 0 {
                line.replace("gemeente", "rijk")
            } else {
                line.to_string()
            }
        })
        .collect();
    let diff = word_diff(&old, &new);
    check_invariants(&old, &new, &diff);
    assert!(diff.iter().any(|p| p.kind == Same && p.text.contains('\n')));
}

#[test]
fn beyond_the_budget_the_middle_is_replaced_whole() {
    let a = vec!["a"; 5_000];
    let b = vec!["b"; 5_000];
    assert_eq!(myers(&a, &b), None);
    // One line each, nothing in common: no line diff helps either.
    let old = "x ".repeat(3_000);
    let new = "y ".repeat(3_000);
    let diff = word_diff(&old, &new);
    check_invariants(&old, &new, &diff);
    assert_eq!(
        shape(&diff),
        [(Removed, old.len() - 1), (Added, new.len() - 1), (Same, 1)]
    );
}
