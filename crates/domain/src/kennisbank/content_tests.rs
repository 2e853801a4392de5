use super::*;

pub(crate) fn sample() -> PracticeContent {
    PracticeContent {
        title: "Huisbezoek binnen vijf werkdagen".into(),
        summary: "Na elk signaal gaat iemand langs.".into(),
        body_md: "## Aanleiding\n\nVeel signalen bleven liggen.\n".into(),
        phases: vec![Phase::Arrears, Phase::Prevention],
        actors: vec![ActorKind::Tenant, ActorKind::Municipality],
        region: Some("Den Haag".into()),
        organisation: Some("Gemeente Den Haag".into()),
        contact: Some("team@denhaag.example".into()),
        results: None,
        figures: vec![],
        links: vec![],
        review_by: NaiveDate::from_ymd_opt(2027, 9, 1),
    }
}

fn reasons(content: PracticeContent) -> Vec<String> {
    match content.validate() {
        Ok(_) => vec![],
        Err(invalid) => invalid
            .errors
            .into_iter()
            .map(|e| format!("{}: {}", e.field, e.reason))
            .collect(),
    }
}

#[test]
fn validate_normalises() {
    let mut raw = sample();
    raw.title = "  Huisbezoek \n binnen   vijf werkdagen ".into();
    raw.body_md = "\r\n## Aanleiding\r\n\r\nTekst.  \r\n\r\n".into();
    raw.phases = vec![Phase::Horizon, Phase::Prevention, Phase::Horizon];
    raw.actors = vec![ActorKind::Government, ActorKind::Municipality];
    raw.region = Some("   ".into());
    raw.figures = vec![Figure {
        label: " Ontruimingen ".into(),
        value: "−40%".into(),
    }];
    raw.links = vec![Link {
        title: "Handreiking".into(),
        url: " https://example.org/a?b=c#d ".into(),
    }];
    let content = raw.validate().unwrap();
    assert_eq!(content.title, "Huisbezoek binnen vijf werkdagen");
    assert_eq!(content.body_md, "## Aanleiding\n\nTekst.");
    assert_eq!(content.phases, [Phase::Prevention, Phase::Horizon]);
    assert_eq!(
        content.actors,
        [ActorKind::Municipality, ActorKind::Government]
    );
    assert_eq!(content.region, None);
    assert_eq!(content.figures[0].label, "Ontruimingen");
    assert_eq!(content.links[0].url, "https://example.org/a?b=c#d");
}

#[test]
fn every_problem_at_once_with_field_paths() {
    let raw = PracticeContent {
        title: "x".repeat(201),
        summary: " ".into(),
        body_md: "a\u{0}b".into(),
        phases: vec![],
        actors: vec![],
        region: Some("r".repeat(121)),
        organisation: Some("o".repeat(201)),
        contact: Some("c".repeat(301)),
        results: Some("r".repeat(5_001)),
        figures: vec![
            Figure {
                label: "".into(),
                value: "v".repeat(61),
            };
            21
        ],
        links: vec![Link {
            title: "t".repeat(201),
            url: "javascript:alert(1)".into(),
        }],
        review_by: None,
    };
    let got = reasons(raw);
    let expect_prefix = [
        "title: is te lang (maximaal 200 tekens)",
        "summary: is verplicht",
        "body_md: bevat ongeldige tekens",
        "region: is te lang (maximaal 120 tekens)",
        "organisation: is te lang (maximaal 200 tekens)",
        "contact: is te lang (maximaal 300 tekens)",
        "results: is te lang (maximaal 5000 tekens)",
        "phases: kies minstens één fase",
        "actors: kies minstens één actor",
        "figures: maximaal 20 kengetallen",
        "figures[0].label: is verplicht",
        "figures[0].value: is te lang (maximaal 60 tekens)",
    ];
    assert_eq!(got[..expect_prefix.len()], expect_prefix);
    assert!(got.contains(&"figures[20].value: is te lang (maximaal 60 tekens)".to_string()));
    assert_eq!(
        got[got.len() - 2..],
        [
            "links[0].title: is te lang (maximaal 200 tekens)",
            "links[0].url: is geen webadres; begin met http:// of https:// (zonder spaties)"
        ]
    );
}

#[test]
fn limits_are_inclusive() {
    let mut raw = sample();
    raw.title = "é".repeat(MAX_TITLE);
    raw.summary = "s".repeat(MAX_SUMMARY);
    raw.body_md = "b".repeat(MAX_BODY);
    raw.links = vec![
        Link {
            title: "t".into(),
            url: format!("https://e.org/{}", "p".repeat(MAX_URL - 14)),
        };
        MAX_LINKS
    ];
    assert_eq!(reasons(raw), Vec::<String>::new());
}

#[test]
fn url_table() {
    let cases: &[(&str, bool)] = &[
        ("https://www.rijksoverheid.nl/onderwerpen", true),
        ("HTTP://EXAMPLE.ORG", true),
        ("http://localhost:8080/x", true),
        ("https://", false),
        ("https:///pad", false),
        ("https://:80", false),
        ("ftp://example.org", false),
        ("javascript:alert(1)", false),
        ("//example.org", false),
        ("www.example.org", false),
        ("https://exa mple.org", false),
        ("", false),
    ];
    for (input, ok) in cases {
        assert_eq!(validate_url("url", input).is_ok(), *ok, "{input}");
    }
}

#[test]
fn hash_is_canonical() {
    let content = sample().validate().unwrap();
    let hash = content.content_hash();
    assert_eq!(hash.len(), 64);
    assert!(hash.chars().all(|c| c.is_ascii_hexdigit()));
    // Same content given in another order, with other whitespace: same hash.
    let mut reordered = sample();
    reordered.phases.reverse();
    reordered.actors.reverse();
    reordered.body_md = "## Aanleiding\r\n\r\nVeel signalen bleven liggen.".into();
    assert_eq!(reordered.validate().unwrap().content_hash(), hash);
    // Key order in the JSON does not matter either.
    let json = serde_json::to_value(&content).unwrap();
    let mut keys: Vec<(String, serde_json::Value)> =
        json.as_object().unwrap().clone().into_iter().collect();
    keys.reverse();
    let mut text = String::from("{");
    for (i, (k, v)) in keys.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!("{}:{}", serde_json::Value::String(k.clone()), v));
    }
    text.push('}');
    let back: PracticeContent = serde_json::from_str(&text).unwrap();
    assert_eq!(back.content_hash(), hash);
    // Any change in content changes it.
    let mut changed = content.clone();
    changed.summary.push('!');
    assert_ne!(changed.content_hash(), hash);
    let mut dated = content;
    dated.review_by = None;
    assert_ne!(dated.content_hash(), hash);
}

#[test]
fn hash_is_pinned() {
    // The stored hashes depend on this exact canonical form: a change here
    // would make every re-import look like new content.
    let content = PracticeContent {
        title: "T".into(),
        summary: "S".into(),
        body_md: "B".into(),
        phases: vec![Phase::Prevention],
        actors: vec![ActorKind::Tenant],
        ..PracticeContent::default()
    };
    let canonical =
        r#"{"actors":["huurder"],"body_md":"B","phases":["preventie"],"summary":"S","title":"T"}"#;
    assert_eq!(
        content.content_hash(),
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
}

#[test]
fn comment_table() {
    assert_eq!(
        validate_comment("  Graag een bron.\r\n ").unwrap(),
        "Graag een bron."
    );
    assert_eq!(
        validate_comment(" ").unwrap_err().to_string(),
        "body: is verplicht"
    );
    assert!(validate_comment(&"x".repeat(5_001)).is_err());
}
