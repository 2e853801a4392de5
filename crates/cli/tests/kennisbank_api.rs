//! The kennisbank's public API against `vangnet demo`, on SQLite and on
//! PostgreSQL: search without a token (Dutch analysis, filters, facets,
//! paging, bad filters named), and one published practice with its body
//! rendered safely; a draft is never served.

mod support;

use serde_json::Value;
use support::http::Client;
use support::server::{token, DemoServer};

on_both_databases!(
    the_published_kennisbank_is_searchable_and_readable_without_a_token,
    partners_submit_by_token_and_the_redactie_reads_the_queue,
);

fn get(api: &mut Client, path: &str) -> (u16, Value) {
    let reply = api.get(path);
    let body = serde_json::from_str(&reply.body).unwrap_or(Value::Null);
    (reply.status, body)
}

fn slugs(answer: &Value) -> Vec<String> {
    answer["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["slug"].as_str().unwrap().to_string())
        .collect()
}

fn the_published_kennisbank_is_searchable_and_readable_without_a_token(server: &DemoServer) {
    let mut api = Client::new(&server.base_url);
    let (status, all) = get(&mut api, "/api/v1/kennisbank?limit=100");
    assert_eq!(status, 200, "{all}");
    assert_eq!(
        all["total"], 29,
        "the demo's published practices, not its draft"
    );

    // Plural finds singular, through the stemmer.
    let (_, found) = get(&mut api, "/api/v1/kennisbank?q=huisuitzettingen&limit=5");
    assert!(found["total"].as_u64().unwrap() >= 1, "{found}");
    assert!(!found["hits"][0]["highlights"]
        .as_array()
        .unwrap()
        .is_empty());
    let first = slugs(&found)[0].clone();

    // Filters narrow; facets count over all matches.
    let (_, nazorg) = get(&mut api, "/api/v1/kennisbank?fase=fase-5-nazorg&limit=100");
    let total = nazorg["total"].as_u64().unwrap();
    assert!((1..29).contains(&total), "{nazorg}");
    for hit in nazorg["hits"].as_array().unwrap() {
        assert!(hit["phases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "fase-5-nazorg"));
    }
    let phase_facet = all["facets"]["phases"].as_array().unwrap();
    let counted = phase_facet
        .iter()
        .find(|f| f["value"] == "fase-5-nazorg")
        .map(|f| f["count"].as_u64().unwrap());
    assert_eq!(counted, Some(total));

    // Paging: two pages of ten are the first twenty of one page of twenty.
    let (_, page1) = get(&mut api, "/api/v1/kennisbank?limit=10");
    let (_, page2) = get(&mut api, "/api/v1/kennisbank?limit=10&offset=10");
    let (_, both) = get(&mut api, "/api/v1/kennisbank?limit=20");
    let mut paged = slugs(&page1);
    paged.extend(slugs(&page2));
    assert_eq!(paged, slugs(&both));

    let (status, problem) = get(&mut api, "/api/v1/kennisbank?fase=fase-9&limit=500");
    assert_eq!(status, 422, "{problem}");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["fase", "limit"]);

    let (status, practice) = get(&mut api, &format!("/api/v1/kennisbank/{first}"));
    assert_eq!(status, 200, "{practice}");
    assert_eq!(practice["slug"], first.as_str());
    let html = practice["body_html"].as_str().unwrap();
    assert!(
        html.contains("<h3>Aanpak</h3>") && !html.contains("<script"),
        "{html}"
    );
    assert!(practice["body_md"].as_str().unwrap().contains("##"));

    let (status, _) = get(&mut api, "/api/v1/kennisbank/bestaat-niet");
    assert_eq!(status, 404);
}

fn content(title: &str) -> Value {
    serde_json::json!({
        "title": title,
        "summary": "Een schuldhulpmaatje gaat mee naar het eerste gesprek.",
        "body_md": "## Aanpak\n\nEen vrijwilliger gaat mee, zodat niemand alleen aan tafel zit.",
        "phases": ["preventie"],
        "actors": ["hulpverlening", "huurder"],
        "region": "Haaglanden"
    })
}

fn partners_submit_by_token_and_the_redactie_reads_the_queue(server: &DemoServer) {
    let mut api = Client::new(&server.base_url);
    let writer = token(server, "haagse-woningstichting", "kennisbank:write");
    let reply = api.post_json_with_token(
        "/api/v1/kennisbank/inzendingen",
        &writer,
        content("Een maatje mee naar het eerste gesprek"),
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
    let submitted: Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(submitted["status"], "submitted");

    // Every problem at once, named by its field.
    let mut broken = content("");
    broken["phases"] = serde_json::json!([]);
    let reply = api.post_json_with_token("/api/v1/kennisbank/inzendingen", &writer, broken);
    assert_eq!(reply.status, 422, "{}", reply.body);
    let problem: Value = serde_json::from_str(&reply.body).unwrap();
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"title") && fields.contains(&"phases"),
        "{problem}"
    );

    // Not public until the redactie publishes it.
    let (_, found) = get(&mut api, "/api/v1/kennisbank?q=maatje&limit=100");
    let titles: Vec<&str> = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap())
        .collect();
    assert!(
        !titles.contains(&"Een maatje mee naar het eerste gesprek"),
        "{found}"
    );

    // An edit of a published practice; an unknown one is 404.
    let (_, all) = get(&mut api, "/api/v1/kennisbank?limit=1");
    let slug = slugs(&all)[0].clone();
    let path = format!("/api/v1/kennisbank/{slug}/wijzigingen");
    let reply = api.post_json_with_token(&path, &writer, content("Een betere titel"));
    assert_eq!(reply.status, 201, "{}", reply.body);
    let reply = api.post_json_with_token(
        "/api/v1/kennisbank/bestaat-niet/wijzigingen",
        &writer,
        content("x"),
    );
    assert_eq!(reply.status, 404, "{}", reply.body);

    // Scopes: reading the queue is the redactie's.
    let no_scope = token(server, "haagse-woningstichting", "tenancies:read");
    let reply = api.post_json_with_token("/api/v1/kennisbank/inzendingen", &no_scope, content("x"));
    assert_eq!(reply.status, 403, "{}", reply.body);
    assert_eq!(
        api.get_with_token("/api/v1/kennisbank/inzendingen", &writer)
            .status,
        403
    );
    let review = token(server, "redactie-handreiking", "kennisbank:review");
    let reply = api.get_with_token("/api/v1/kennisbank/inzendingen", &review);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let queue: Value = serde_json::from_str(&reply.body).unwrap();
    let titles: Vec<&str> = queue
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["revision"]["content"]["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Een maatje mee naar het eerste gesprek"),
        "{titles:?}"
    );
    assert!(titles.contains(&"Een betere titel"), "{titles:?}");
}
