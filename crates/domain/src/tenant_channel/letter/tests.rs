use super::*;

use super::example::LINK;
pub(super) use super::example::{d, lenient, GEMEENTE};

fn input(kind: LetterKind, policy: &Policy) -> LetterInput<'_> {
    super::example::input(kind, policy, "mevrouw De Vries")
}

/// Sentences of the letter: split after . ? and ! followed by a space or
/// a line end (so "€ 1.750,00" and links stay whole).
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        current.push(*c);
        let at_end = chars.get(i + 1).is_none_or(|next| next.is_whitespace());
        if matches!(c, '.' | '?' | '!') && at_end || *c == '\n' {
            if !current.trim().is_empty() {
                out.push(current.trim().to_string());
            }
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

#[test]
fn every_letter_states_the_facts_and_the_consent_offer() {
    let policy = Policy::default();
    for kind in LetterKind::ALL {
        let letter = compose(&input(kind, &policy));
        let text = letter.plain_text();
        assert_eq!(letter.event_kind.slug(), kind.slug(), "{kind}");
        assert_eq!(letter.total_cents, 175_000);
        let required = [
            "U moet ons nog € 1.750,00 betalen.",
            "Huur januari 2026: € 250,00",
            "Huur februari 2026: € 750,00",
            "Totaal: € 1.750,00",
            "Zet bij de omschrijving: HUUR-2026-00417.",
            "NL91 ABNA 0417 1643 00",
            LINK,
            "QR-code",
            "Schuldhulp Den Haag",
            "Telefoon: 14070",
            "E-mail: schuldhulp@denhaag.example",
            "Website: https://www.denhaag.example/geldzorgen",
            "Wij willen uw gegevens doorgeven aan de gemeente Den Haag.",
            "Wilt u dit niet? Zeg het ons dan op uw eigen pagina.",
            "Maakt u geen bezwaar? Dan geven wij uw gegevens door aan de gemeente.",
            "Beste mevrouw De Vries,",
            "Woonstichting Haaglanden",
        ];
        for fact in required {
            assert!(text.contains(fact), "{kind} lacks {fact:?}:\n{text}");
        }
        assert!(letter.blocks.contains(&Block::Link {
            url: LINK.to_string()
        }));
    }
}

#[test]
fn only_the_veertiendagenbrief_has_a_term_and_costs() {
    let policy = Policy::default();
    for (kind, has) in [
        (LetterKind::Herinnering, false),
        (LetterKind::Veertiendagenbrief, true),
        (LetterKind::Aanmaning, false),
    ] {
        let letter = compose(&input(kind, &policy));
        let text = letter.plain_text();
        assert_eq!(letter.term.is_some(), has, "{kind}");
        assert_eq!(letter.costs.is_some(), has, "{kind}");
        assert_eq!(text.contains("incassokosten"), has, "{kind}");
    }
}

#[test]
fn the_veertiendagenbrief_states_term_consequence_and_exact_costs() {
    let policy = Policy::default();
    let letter = compose(&input(LetterKind::Veertiendagenbrief, &policy));
    let text = letter.plain_text();
    // Sent Monday 2 March, received the 4th, term 5-18 March.
    let term = letter.term.expect("term");
    assert_eq!(
        (term.days, term.last_day, term.first_cost_day),
        (14, d("2026-03-18"), d("2026-03-19"))
    );
    // 15% of € 1.750,00.
    assert_eq!(
        letter.costs,
        Some(CollectionCosts::Charged { cents: 26_250 })
    );
    for fact in [
        "Betaal uw huurachterstand binnen 14 dagen",
        "Betaal uiterlijk op woensdag 18 maart 2026.",
        "U heeft 14 dagen de tijd.",
        "Die tijd begint op de dag nadat u deze brief kreeg.",
        "Dan moet u ook incassokosten betalen.",
        "De incassokosten zijn € 262,50.",
        "Er komt geen btw bij.",
        "aan een deurwaarder geven",
    ] {
        assert!(text.contains(fact), "lacks {fact:?}:\n{text}");
    }
}

#[test]
fn under_leniency_the_letter_says_no_costs_and_shows_no_amount_of_costs() {
    let policy = lenient();
    let letter = compose(&input(LetterKind::Veertiendagenbrief, &policy));
    let text = letter.plain_text();
    assert_eq!(letter.costs, Some(CollectionCosts::WaivedByLeniency));
    assert!(
        text.contains("Er geldt nu een coulanceregeling. Daarom rekenen wij geen incassokosten.")
    );
    assert!(!text.contains("De incassokosten zijn"));
    assert!(!text.contains("€ 262,50"), "no amount of costs");
    let euro_amounts = text.matches('€').count();
    let plain = compose(&input(LetterKind::Veertiendagenbrief, &Policy::default())).plain_text();
    assert_eq!(
        euro_amounts + 1,
        plain.matches('€').count(),
        "only the costs amount is gone"
    );
    // The term is extended as the gate extends it: 14 × 1,5 = 21 days.
    let term = letter.term.expect("term");
    assert_eq!((term.days, term.last_day), (21, d("2026-03-25")));
    assert!(text.contains("Betaal uiterlijk op woensdag 25 maart 2026."));
    assert!(letter.subject.contains("binnen 21 dagen"));
}

#[test]
fn sentences_stay_short_and_say_u() {
    for policy in [Policy::default(), lenient()] {
        for kind in LetterKind::ALL {
            let letter = compose(&input(kind, &policy));
            let text = letter.plain_text();
            for sentence in sentences(&text) {
                let words = sentence.split_whitespace().count();
                assert!(words <= 25, "{kind}: {words} words: {sentence:?}");
            }
            let words: Vec<String> = text
                .split(|c: char| !c.is_alphanumeric())
                .map(str::to_lowercase)
                .collect();
            for informal in ["je", "jij", "jou", "jouw"] {
                assert!(
                    !words.iter().any(|w| w == informal),
                    "{kind} says {informal:?}"
                );
            }
        }
    }
}

#[test]
fn the_sentence_splitter_keeps_amounts_and_links_whole() {
    assert_eq!(
        sentences("U moet € 1.750,00 betalen. Ga naar https://a.example/b. Klaar?\nJa"),
        [
            "U moet € 1.750,00 betalen.",
            "Ga naar https://a.example/b.",
            "Klaar?",
            "Ja"
        ]
    );
}

#[test]
fn letter_kinds_are_the_track_events() {
    let kinds: Vec<EventKind> = LetterKind::ALL.iter().map(|k| k.event_kind()).collect();
    assert_eq!(
        kinds,
        [
            EventKind::Herinnering,
            EventKind::Veertiendagenbrief,
            EventKind::Aanmaning
        ]
    );
}

#[test]
fn input_validation_names_every_problem() {
    let policy = Policy::default();
    assert_eq!(input(LetterKind::Herinnering, &policy).validate(), Ok(()));
    let mut bad = input(LetterKind::Herinnering, &policy);
    bad.personal_link = " ".to_string();
    bad.debt_help.phone = String::new();
    bad.arrears[1].amount_cents = 0;
    let fields: Vec<String> = bad
        .validate()
        .unwrap_err()
        .errors
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(
        fields,
        [
            "personal_link",
            "debt_help.phone",
            "arrears[1].amount_cents"
        ]
    );
    bad.arrears.clear();
    let errors = bad.validate().unwrap_err().errors;
    assert!(errors.iter().any(|e| e.field == "arrears"));
}
