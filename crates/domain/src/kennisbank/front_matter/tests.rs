use super::*;

const GOOD: &str = "---
title: Huisbezoek binnen vijf werkdagen   # de titel
summary: \"Bellen: werkt niet; langsgaan wel.\"
phases: [fase-1-huurachterstand, preventie]
actors:
  - gemeente
  - 'huurder'   # ook de huurder zelf
region: \"'s-Hertogenbosch\"
organisation: Gemeente Den Haag # afdeling wijkzaken
slug: huisbezoek-binnen-vijf-werkdagen
contact: team@denhaag.example
review_by: 2027-09-01
---
## Aanleiding

Tekst met --- erin.
---
Nog meer tekst.
";

#[test]
fn parses_the_subset() {
    let file = parse(GOOD).unwrap();
    let c = &file.content;
    assert_eq!(c.title, "Huisbezoek binnen vijf werkdagen");
    assert_eq!(c.summary, "Bellen: werkt niet; langsgaan wel.");
    assert_eq!(c.phases, [Phase::Prevention, Phase::Arrears]);
    assert_eq!(c.actors, [ActorKind::Municipality, ActorKind::Tenant]);
    assert_eq!(c.region.as_deref(), Some("'s-Hertogenbosch"));
    assert_eq!(c.organisation.as_deref(), Some("Gemeente Den Haag"));
    assert_eq!(
        file.slug.unwrap().as_str(),
        "huisbezoek-binnen-vijf-werkdagen"
    );
    assert_eq!(c.review_by, NaiveDate::from_ymd_opt(2027, 9, 1));
    assert_eq!(
        c.body_md,
        "## Aanleiding\n\nTekst met --- erin.\n---\nNog meer tekst."
    );
}

#[test]
fn quoting_table() {
    let cases: &[(&str, Result<&str, &str>)] = &[
        ("plain text", Ok("plain text")),
        ("plain # comment", Ok("plain")),
        ("a#b", Ok("a#b")),
        (
            "\"dubbel \\\"q\\\" \\\\ #niet\" # wel",
            Ok("dubbel \"q\" \\ #niet"),
        ),
        ("'enkel ''q'' #niet'", Ok("enkel 'q' #niet")),
        ("\"open", Err("het aanhalingsteken \" wordt niet gesloten")),
        ("'open", Err("het aanhalingsteken ' wordt niet gesloten")),
        ("\"a\" b", Err("onverwachte tekst 'b' na de waarde")),
        (
            "\"\\x\"",
            Err("onbekende escape '\\x' tussen aanhalingstekens"),
        ),
        (
            "&anker",
            Err("'&anker' moet tussen aanhalingstekens (\"…\") staan"),
        ),
    ];
    for (value, expected) in cases {
        let text =
            format!("---\ntitle: {value}\nsummary: s\nphases: [horizon]\nactors: [rijk]\n---\nb\n");
        match (parse(&text), expected) {
            (Ok(file), Ok(title)) => assert_eq!(file.content.title, *title, "{value}"),
            (Err(errors), Err(reason)) => {
                assert_eq!(
                    errors.to_string(),
                    format!("regel 2, title: {reason}"),
                    "{value}"
                )
            }
            (got, _) => panic!("{value}: {got:?}"),
        }
    }
}

#[test]
fn errors_name_line_field_and_reason() {
    let text = "---
title: Goed
summary: [een, lijst]
phases: [preventie,
actors:
  - huurder
  - fase-9
regen: Den Haag
slug: Niet Goed
review_by: 1-9-2027
  ingesprongen
zomaar tekst
phases: [horizon]
---
";
    let errors = parse(text).unwrap_err().to_string();
    let expected = [
        "regel 3, summary: verwacht één waarde, geen lijst",
        "regel 4, phases: de lijst mist een afsluitende ']'",
        "regel 7, actors: 'fase-9' is geen actor; kies uit gemeente, woningcorporatie, \
         deurwaarder, incassobureau, schuldeiser, hulpverlening, huurder, rijk",
        "regel 8, regen: onbekend veld; toegestaan zijn title, summary, phases, actors, \
         region, organisation, slug, contact, review_by",
        "regel 9, slug: 'Niet Goed' is geen geldige slug: gebruik 3 tot 80 kleine letters en \
         cijfers, met losse streepjes ertussen (bijvoorbeeld 'huisbezoek-binnen-vijf-werkdagen')",
        "regel 10, review_by: '1-9-2027' is geen datum; schrijf JJJJ-MM-DD",
        "regel 11: onverwachte inspringing; elke regel is 'veld: waarde' of '- item'",
        "regel 12: verwacht 'veld: waarde', niet 'zomaar tekst'",
        "regel 13, phases: staat er twee keer in",
        "regel 15, tekst: is verplicht",
    ];
    assert_eq!(errors, expected.join("\n"));
}

#[test]
fn the_example_message_of_the_issue() {
    let text = "---\ntitle: T\nsummary: S\nphases: [preventie, fase-9]\nactors: [rijk]\n---\nB\n";
    assert_eq!(
        parse(text).unwrap_err().to_string(),
        "regel 4, phases: 'fase-9' is geen fase; kies uit preventie, fase-1-huurachterstand, \
         fase-2-deurwaarder, fase-3-vonnis, fase-4-ontruiming, fase-5-nazorg, horizon"
    );
}

#[test]
fn missing_and_empty_fields() {
    let text = "---\n# alleen commentaar\nregion:\nphases: []\n---\n\n";
    let errors = parse(text).unwrap_err().to_string();
    assert_eq!(
        errors,
        [
            "regel 4, phases: kies minstens één fase",
            "regel 5, title: is verplicht",
            "regel 5, summary: is verplicht",
            "regel 5, actors: kies minstens één actor",
            "regel 6, tekst: is verplicht",
        ]
        .join("\n")
    );
}

#[test]
fn block_list_rules() {
    let base =
        |phases: &str| format!("---\ntitle: T\nsummary: S\n{phases}\nactors: [rijk]\n---\nB\n");
    let cases: &[(&str, &str)] = &[
        ("- preventie", "regel 4, summary: heeft al een waarde; een lijst met '- ' begint onder een lege waarde"),
        ("phases: horizon\n- preventie", "regel 5, phases: heeft al een waarde; een lijst met '- ' begint onder een lege waarde"),
        ("phases: [horizon]\n- preventie", "regel 5, phases: heeft al een waarde; een lijst met '- ' begint onder een lege waarde"),
        ("phases:\n  -\n  - horizon", "regel 5, phases: lege regel in de lijst"),
    ];
    for (phases, first_error) in cases {
        let errors = parse(&base(phases)).unwrap_err().to_string();
        assert_eq!(errors.lines().next(), Some(*first_error), "{phases}");
    }
    let orphan = "---\n- preventie\n---\n";
    let errors = parse(orphan).unwrap_err().to_string();
    assert_eq!(
        errors.lines().next(),
        Some("regel 2: een lijstregel ('- …') hoort onder een veld")
    );
    // Items under a key whose value failed belong to that key's problem.
    let broken = base("phases: \"open\n  - horizon");
    assert_eq!(
        parse(&broken).unwrap_err().to_string(),
        "regel 4, phases: het aanhalingsteken \" wordt niet gesloten"
    );
    let single = parse(&base("phases: horizon")).unwrap();
    assert_eq!(single.content.phases, [Phase::Horizon]);
}

#[test]
fn structure_errors() {
    let cases: &[(&str, &str)] = &[
        (
            "",
            "regel 1: een kennisbankbestand begint met een regel '---'",
        ),
        (
            "title: T\n",
            "regel 1: een kennisbankbestand begint met een regel '---'",
        ),
        (
            "---\ntitle: T\n",
            "regel 2: de front matter wordt niet afgesloten met een regel '---'",
        ),
    ];
    for (text, message) in cases {
        assert_eq!(parse(text).unwrap_err().to_string(), *message, "{text:?}");
    }
    // A byte-order mark and Windows line ends are fine.
    let windows = "\u{feff}---\r\ntitle: T\r\nsummary: S\r\nphases: [horizon]\r\nactors: [rijk]\r\n---\r\nB\r\nC\r\n";
    assert_eq!(parse(windows).unwrap().content.body_md, "B\nC");
}

#[test]
fn write_table() {
    let cases: &[(&str, &str)] = &[
        ("Den Haag", "Den Haag"),
        ("'s-Hertogenbosch", "\"'s-Hertogenbosch\""),
        ("Let op: dit", "\"Let op: dit\""),
        ("Team#1", "Team#1"),
        ("Team #1", "\"Team #1\""),
        ("- lijst", "\"- lijst\""),
        ("ja: nee", "\"ja: nee\""),
        ("yes", "\"yes\""),
        ("2027", "\"2027\""),
        ("zeg \"hoi\" \\", "zeg \"hoi\" \\"),
        ("[x]", "\"[x]\""),
    ];
    for (value, written) in cases {
        assert_eq!(yaml::write_scalar(value), *written, "{value}");
    }
}

#[test]
fn write_golden() {
    let file = PracticeFile {
        slug: Some(Slug::parse("toets-voor-de-dagvaarding").unwrap()),
        content: PracticeContent {
            title: "Toets vóór de dagvaarding".into(),
            summary: "Eerst de checklist: dan pas naar de rechter.".into(),
            body_md: "## Aanleiding\n\nTekst.".into(),
            phases: vec![Phase::Bailiff, Phase::Judgment],
            actors: vec![ActorKind::HousingAssociation],
            region: Some("'s-Hertogenbosch".into()),
            review_by: NaiveDate::from_ymd_opt(2027, 9, 1),
            ..PracticeContent::default()
        },
    };
    let expected = "---
title: Toets vóór de dagvaarding
summary: \"Eerst de checklist: dan pas naar de rechter.\"
phases: [fase-2-deurwaarder, fase-3-vonnis]
actors: [woningcorporatie]
region: \"'s-Hertogenbosch\"
slug: toets-voor-de-dagvaarding
review_by: 2027-09-01
---
## Aanleiding

Tekst.
";
    assert_eq!(write(&file), expected);
    assert_eq!(parse(expected).unwrap(), file);
}
