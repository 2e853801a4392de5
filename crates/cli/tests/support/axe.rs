//! Automated accessibility checks with axe-core in the test browser:
//! WCAG 2.1 A and AA rules, every violation printed, serious and critical
//! ones failing the test.

use super::webdriver::{require_all, Browser};
use serde_json::Value;

/// Runs axe-core in the page; WCAG 2.1 A and AA rules only.
const AXE_RUN: &str = "
    const done = arguments[arguments.length - 1];
    axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }
    }).then(r => done(r.violations.map(v => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.length,
        targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
    })))).catch(e => done({ error: String(e) }));
";

/// What an accessibility test in Chromium needs: axe-core, a browser and a
/// fresh demo server; `None` when the test must skip (no axe-core or no
/// Chromium, unless the run requires every part).
pub fn axe_browser_and_demo() -> Option<(String, Browser, super::server::DemoServer)> {
    let axe = axe_source()?;
    let browser = Browser::start_or_skip()?;
    Some((axe, browser, super::server::DemoServer::start()))
}

/// The axe-core source (`VANGNET_AXE_JS`), or `None` when the test must skip.
pub fn axe_source() -> Option<String> {
    let path = std::env::var_os("VANGNET_AXE_JS").map(std::path::PathBuf::from);
    match path {
        Some(path) if path.is_file() => Some(
            std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display())),
        ),
        _ if require_all() => panic!(
            "VANGNET_TEST_REQUIRE_ALL is set but VANGNET_AXE_JS does not name \
             axe.min.js; run ./scripts/test"
        ),
        _ => {
            eprintln!("SKIPPED: axe-core not found (VANGNET_AXE_JS); run ./scripts/test");
            None
        }
    }
}

/// Injects axe-core into the current page and returns its violations.
pub fn axe_violations(browser: &Browser, axe: &str) -> Vec<Value> {
    browser.execute(axe, vec![]);
    match browser.execute_async(AXE_RUN, vec![]) {
        Value::Array(violations) => violations,
        other => panic!("axe-core failed on {}: {other}", browser.current_url()),
    }
}

/// Serious or critical axe-core violations in `report`, one line each (all
/// violations are printed).
pub fn serious_violations(report: &[(String, Vec<Value>)]) -> Vec<String> {
    let mut failures = Vec::new();
    for (page, violations) in report {
        for v in violations {
            let impact = v["impact"].as_str().unwrap_or("unknown");
            let line = format!(
                "{page}: [{impact}] {} — {} ({} nodes: {})",
                v["id"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or("?"),
                v["nodes"],
                v["targets"],
            );
            eprintln!("axe: {line}");
            if impact == "serious" || impact == "critical" {
                failures.push(line);
            }
        }
    }
    failures
}
