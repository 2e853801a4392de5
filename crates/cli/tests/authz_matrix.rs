//! The authorization matrix (issue 8, part 6): every route the router
//! serves, called as anonymous, as each role of each organisation kind of
//! the demo, and (API) with tokens with and without scopes, on its own and
//! on another organisation's objects; each answer's class is compared with
//! the table in `authz/expected.txt`.
//!
//! The routes come from `vangnet_web::route_paths()`, the list the router
//! itself is built from (pages, API and assets), and their methods from
//! the `Allow` header of a 405 answer to OPTIONS, so a new route or method
//! is called here without anyone remembering to add it: a route missing
//! from the table fails the test by name.
//!
//! Runs on the demo on SQLite only: access decisions are made by the web
//! layer and the domain's `can`, not by the storage; that the stores scope
//! their reads by organisation is tested on both databases elsewhere
//! (tenancy_api.rs, casework_permissions.rs, …). State-changing routes get
//! a valid CSRF token and an empty body: the check is the door, so a 400 or
//! 422 counts as allowed past it.
//!
//! To see the whole observed table (e.g. after adding routes), run with
//! `VANGNET_AUTHZ_WRITE=/tmp/observed.txt`, review it line by line, and
//! copy what is right into `authz/expected.txt`.

mod support;

#[path = "authz/world.rs"]
#[allow(dead_code)]
mod world;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;
use support::server::DemoServer;
use world::{Caller, World};

const EXPECTED: &str = include_str!("authz/expected.txt");

/// (method, path pattern, variant) → one class per caller.
type Table = BTreeMap<(String, String, String), Vec<String>>;

#[test]
fn every_route_answers_every_caller_as_the_table_says() {
    let started = Instant::now();
    let server = DemoServer::start();
    let world = World::prepare(&server);
    let routes = world.routes();

    let mut observed: Table = BTreeMap::new();
    let mut server_errors = Vec::new();
    // Logging out ends the caller's session: it goes last.
    let (logout, others): (Vec<_>, Vec<_>) = routes
        .iter()
        .partition(|(_, pattern)| pattern == "/uitloggen");
    for (method, pattern) in others.into_iter().chain(logout) {
        let callers = world.callers_for(pattern);
        for (variant, path) in world.variants(pattern) {
            let mut cells = Vec::new();
            for caller in callers {
                let (status, location) = world.call(caller, method, &path);
                if status >= 500 {
                    server_errors.push(format!("{method} {path} as {}: {status}", caller.name));
                }
                cells.push(class(status, location.as_deref()));
            }
            observed.insert((method.clone(), pattern.clone(), variant), cells);
        }
    }
    let elapsed = started.elapsed();
    eprintln!(
        "authorization matrix: {} rows, {} requests in {:.1} s",
        observed.len(),
        observed.values().map(Vec::len).sum::<usize>(),
        elapsed.as_secs_f64()
    );
    if let Ok(file) = std::env::var("VANGNET_AUTHZ_WRITE") {
        std::fs::write(&file, render(&observed, &world)).expect("write the observed table");
    }

    let expected = parse(EXPECTED, &world);
    let mut problems = server_errors;
    let known: BTreeSet<(&String, &String)> = expected.keys().map(|(m, p, _)| (m, p)).collect();
    for (method, pattern) in &routes {
        if !known.contains(&(method, pattern)) {
            problems.push(format!(
                "route {method} {pattern} is missing from tests/authz/expected.txt"
            ));
        }
    }
    for (key, cells) in &observed {
        let Some(want) = expected.get(key) else {
            if known.contains(&(&key.0, &key.1)) {
                problems.push(format!(
                    "{} {} {}: no row in the table",
                    key.0, key.1, key.2
                ));
            }
            continue;
        };
        let callers = world.callers_for(&key.1);
        for ((caller, got), want) in callers.iter().zip(cells).zip(want) {
            if got != want {
                problems.push(format!(
                    "{} {} ({}) as {}: expected {want}, got {got}",
                    key.0, key.1, key.2, caller.name
                ));
            }
        }
    }
    for key in expected.keys() {
        if !observed.contains_key(key) {
            problems.push(format!(
                "{} {} ({}) is in the table but not served",
                key.0, key.1, key.2
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(
        elapsed.as_secs() < 120,
        "the matrix took {elapsed:?}; keep it bounded"
    );
}

/// What an answer means at the door.
fn class(status: u16, location: Option<&str>) -> String {
    let to_login = location.is_some_and(|l| l.starts_with("/inloggen"));
    match status {
        401 => "in".into(),
        300..=399 if to_login => "in".into(),
        200..=399 | 400 | 409 | 413 | 415 | 422 => "ok".into(),
        other => other.to_string(),
    }
}

/// The table: `callers NAME…` lines set the columns of the rows after
/// them; a row is `METHOD PATTERN VARIANT CELL…`; `#` starts a comment.
fn parse(text: &str, world: &World) -> Table {
    let mut table = Table::new();
    let mut columns: Vec<String> = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        if words[0] == "callers" {
            columns = words[1..].iter().map(|w| w.to_string()).collect();
            continue;
        }
        let [method, pattern, variant, cells @ ..] = words.as_slice() else {
            panic!("expected.txt line {}: too short", number + 1);
        };
        let names: Vec<&str> = world.callers_for(pattern).iter().map(|c| c.name).collect();
        assert_eq!(
            columns,
            names,
            "expected.txt line {}: the columns must be the callers of this route",
            number + 1
        );
        assert_eq!(
            cells.len(),
            names.len(),
            "expected.txt line {}: one cell per caller",
            number + 1
        );
        let key = (method.to_string(), pattern.to_string(), variant.to_string());
        let cells = cells.iter().map(|c| c.to_string()).collect();
        assert!(
            table.insert(key, cells).is_none(),
            "expected.txt line {}: a duplicate row",
            number + 1
        );
    }
    table
}

/// The observed table in the file's format, aligned.
fn render(table: &Table, world: &World) -> String {
    let mut out = String::new();
    for api in [false, true] {
        let rows: Vec<_> = table
            .iter()
            .filter(|((_, p, _), _)| World::is_api(p) == api)
            .collect();
        let callers: &[Caller] = world.callers_for(if api { "/api/v1/me" } else { "/" });
        let head = |(m, p, v): &(String, String, String)| format!("{m} {p} {v}");
        let width = rows.iter().map(|(k, _)| head(k).len()).max().unwrap_or(0);
        let names: Vec<&str> = callers.iter().map(|c| c.name).collect();
        let cell = names.iter().map(|n| n.len()).max().unwrap_or(4) + 1;
        out.push_str(&format!("\n{:<width$} ", "callers"));
        for name in &names {
            out.push_str(&format!("{name:<cell$}"));
        }
        out.push('\n');
        for (key, cells) in rows {
            out.push_str(&format!("{:<width$} ", head(key)));
            for c in cells {
                out.push_str(&format!("{c:<cell$}"));
            }
            out.push('\n');
        }
    }
    out.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}
