//! The statistics in a real (headless) Chromium against `vangnet demo`: a
//! gemeente's teamleider, a verhuurder's teamleider and the platform
//! administrator each reach their dashboard from the menu, axe-core finds
//! no violations there (nor on a period error), the period form works
//! without script, and a chart's "Bekijk de cijfers als tabel" link lands
//! on that table: the target, in view, focused, with its caption. Skips
//! without Chromium or axe-core, unless `VANGNET_TEST_REQUIRE_ALL` is set.

mod support;

use serde_json::{json, Value};
use support::axe::{axe_browser_and_demo, axe_violations, serious_violations};
use support::server::DEMO_PASSWORD;
use support::session::{submit_button, submit_login};

/// Where the link went: the target's id, whether it is in the viewport,
/// the focused element's id, and the table's caption.
const LANDED: &str = "
    const t = document.querySelector(':target');
    if (!t) { return null; }
    const r = t.getBoundingClientRect();
    const caption = t.querySelector('table caption');
    return {
        id: t.id,
        top: r.top,
        in_view: r.top > -2 && r.top < window.innerHeight && r.height > 0,
        focused: document.activeElement ? document.activeElement.id : '',
        caption: caption ? caption.textContent : null,
        rows: t.querySelectorAll('tbody tr').length,
    };
";

#[test]
fn every_dashboard_opens_passes_axe_and_links_its_charts_to_tables() {
    let Some((axe, browser, server)) = axe_browser_and_demo() else {
        return;
    };
    let mut report: Vec<(String, Vec<Value>)> = Vec::new();
    for (login, kind) in [
        ("teamleider@denhaag.example", "gemeente"),
        ("teamleider.huur@woningstichting.example", "verhuurder"),
        ("beheer@vangnet.example", "platform"),
    ] {
        browser.delete_all_cookies();
        submit_login(&browser, &server, login, DEMO_PASSWORD);
        browser.wait_for_path("/start");
        browser.click_css("nav a[href=\"/statistieken\"]");
        browser.wait_for_path(&format!("/statistieken/{kind}"));
        let heading = browser.text_content("h1").unwrap_or_default();
        assert!(heading.starts_with("Statistieken"), "{heading}");
        assert!(
            browser.find_all("script").is_empty(),
            "the dashboard uses no script"
        );
        report.push((
            format!("the {kind} dashboard"),
            axe_violations(&browser, &axe),
        ));

        // The first chart's table link, followed like a keyboard user would.
        let link = browser.find(".chart-table-link a");
        let href = browser.attr(&link, "href").expect("an href");
        let id = href.trim_start_matches("#tabel-").to_string();
        browser.click(&link);
        let landed = browser.execute(LANDED, vec![]);
        assert_eq!(
            landed["id"],
            json!(format!("tabel-{id}")),
            "{kind}: {landed}"
        );
        assert_eq!(landed["in_view"], json!(true), "{kind}: {landed}");
        assert_eq!(
            landed["focused"],
            json!(format!("tabel-{id}")),
            "{kind}: {landed}"
        );
        assert!(
            landed["caption"].as_str().is_some_and(|c| !c.is_empty()),
            "{landed}"
        );
        assert!(landed["rows"].as_u64().unwrap_or(0) > 0, "{kind}: {landed}");

        // The period form, without script: a quarter chosen, then sent.
        browser.click_css("#f-periode option[value$=\"-K1\"]");
        let chosen = browser
            .execute("return document.querySelector('#f-periode').value;", vec![])
            .as_str()
            .unwrap_or_default()
            .to_string();
        browser.click(&submit_button(&browser, "Toon cijfers"));
        browser.wait_for(
            "the quarter's page",
            support::webdriver::DEFAULT_TIMEOUT,
            |b| {
                b.current_url()
                    .contains(&format!("periode={chosen}"))
                    .then_some(())
            },
        );
        let lead = browser.text_content(".lead").unwrap_or_default();
        assert!(lead.contains("1 januari"), "{lead}");
    }

    browser.goto(&server.url("/statistieken/platform?periode=2025&anders=vorig+jaar"));
    let alert = browser.text_content("[role=\"alert\"]").unwrap_or_default();
    assert!(alert.contains("Andere periode"), "{alert}");
    report.push(("a period error".into(), axe_violations(&browser, &axe)));

    let failures = serious_violations(&report);
    let all: usize = report.iter().map(|(_, v)| v.len()).sum();
    assert!(
        failures.is_empty(),
        "serious or critical accessibility violations:\n{}",
        failures.join("\n")
    );
    assert_eq!(all, 0, "no axe-core violations at all (printed above)");
}
