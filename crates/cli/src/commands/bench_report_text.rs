//! The benchmark report as Markdown, written from the same JSON that goes
//! beside it, so the two cannot disagree. Headline first (each figure with
//! its baseline, the ratio and the target), then the raw numbers.

use serde_json::Value;
use std::fmt::Write;

fn number(value: &Value, path: &[&str]) -> f64 {
    path.iter()
        .fold(value, |v, key| &v[*key])
        .as_f64()
        .unwrap_or(f64::NAN)
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or("?")
}

fn results(value: &Value) -> &[Value] {
    value["results"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// Whether a measured figure meets its target.
fn verdict(met: bool) -> &'static str {
    if met {
        "gehaald"
    } else {
        "**niet gehaald**"
    }
}

struct Headline {
    what: String,
    ours: String,
    baseline: String,
    ratio: f64,
    target: &'static str,
    met: Option<bool>,
}

fn headline_rows(r: &Value) -> Vec<Headline> {
    let mut rows = Vec::new();
    let import = &r["import_signals"];
    let rate = number(import, &["pipeline_rows_per_second"]);
    let ratio = number(import, &["ratio_to_baseline"]);
    rows.push(Headline {
        what: format!(
            "Signalen importeren (SQLite, {})",
            number(import, &["rows"])
        ),
        ours: format!("{rate:.0} signalen/s"),
        baseline: format!(
            "{:.0} rijen/s (kale INSERT-lus)",
            number(import, &["baseline_rows_per_second"])
        ),
        ratio,
        target: "≥ 0,5× en ≥ 100.000/s",
        met: Some(ratio >= 0.5 && rate >= 100_000.0),
    });
    for result in results(&r["queue"]) {
        let slowest = result["filters"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| number(f, &["p99_ms"]))
            .fold(0.0, f64::max);
        let base = number(result, &["baseline_case_lookup_p99_ms"]);
        rows.push(Headline {
            what: format!(
                "Werkvoorraad p99, traagste filter ({})",
                text(result, "backend")
            ),
            ours: format!("{slowest:.2} ms"),
            baseline: format!("{base:.2} ms (één zaak openen)"),
            ratio: slowest / base,
            target: "≤ 20 ms",
            met: Some(slowest <= 20.0),
        });
    }
    let search = &r["search"];
    let ours = number(search, &["vangnet", "p99_ms"]);
    rows.push(Headline {
        what: format!(
            "Kennisbank zoeken p99 ({} praktijken)",
            number(search, &["documents"])
        ),
        ours: format!("{ours:.3} ms"),
        baseline: format!(
            "{:.3} ms (SQLite FTS5)",
            number(search, &["sqlite_fts5", "p99_ms"])
        ),
        ratio: number(search, &["ratio_p99_to_fts5"]),
        target: "≤ 5 ms",
        met: Some(ours <= 5.0),
    });
    for result in results(&r["stats"]) {
        let p95 = number(result, &["dashboard", "p95_ms"]);
        rows.push(Headline {
            what: format!("Dashboard gemeente p95 ({})", text(result, "backend")),
            ours: format!("{p95:.1} ms"),
            baseline: format!(
                "{:.3} ms (organisatie op id)",
                number(result, &["baseline_org_by_id", "p95_ms"])
            ),
            ratio: number(result, &["ratio_p95_to_baseline"]),
            target: "≤ 200 ms",
            met: Some(p95 <= 200.0),
        });
    }
    let http = &r["http"];
    let healthz = &http["healthz"];
    for (name, page) in http["pages"].as_object().into_iter().flatten() {
        rows.push(Headline {
            what: format!("HTTP {name} (`{}`)", text(page, "path")),
            ours: format!(
                "{:.0}/s, p99 {:.2} ms",
                number(page, &["requests_per_second"]),
                number(page, &["p99_ms"])
            ),
            baseline: format!(
                "{:.0}/s, p99 {:.2} ms (`/healthz`)",
                number(healthz, &["requests_per_second"]),
                number(healthz, &["p99_ms"])
            ),
            ratio: number(page, &["ratio_rate_to_healthz"]),
            target: "geen; verhouding tempo",
            met: None,
        });
    }
    rows
}

fn machine(out: &mut String, r: &Value) {
    let m = &r["machine"];
    let _ = writeln!(out, "## Machine\n\n| | |\n|---|---|");
    let lines = [
        ("Processor", m["cpu"].as_str().unwrap_or("?").to_string()),
        ("Kernen", m["cores"].to_string()),
        ("Geheugen", format!("{} GiB", m["memory_gib"])),
        ("Besturingssysteem", text(m, "os").to_string()),
        ("Kernel", text(m, "kernel").to_string()),
        ("SQLite", text(m, "sqlite").to_string()),
        ("vangnet", text(m, "vangnet").to_string()),
        (
            "Belasting (1/5/15 min) voor en na",
            format!(
                "{} → {}",
                text(m, "load_average_before"),
                text(m, "load_average_after")
            ),
        ),
        (
            "PostgreSQL gemeten",
            if r["postgres"] == true { "ja" } else { "nee" }.into(),
        ),
        ("Duur van de run", format!("{} s", r["seconds"])),
    ];
    for (name, value) in lines {
        let _ = writeln!(out, "| {name} | {value} |");
    }
    out.push('\n');
}

fn details(out: &mut String, r: &Value) {
    let import = &r["import_signals"];
    let _ = writeln!(
        out,
        "## Signalen importeren\n\n{} signalen ({} MB CSV): pijplijn {:.1} s, basislijn {:.1} s \
         voor {} geaccepteerde rijen. Piekgeheugen na de pijplijn {:.0} MB. Uitkomst: {} \
         geaccepteerd, {} afgewezen, {} zaken geopend, {} gekoppeld, {} niet te routeren.\n",
        import["rows"],
        import["file_mb"],
        number(import, &["pipeline_seconds"]),
        number(import, &["baseline_seconds"]),
        import["baseline_rows"],
        number(import, &["peak_memory_mb_after_pipeline"]),
        import["accepted"],
        import["rejected"],
        import["cases_created"],
        import["cases_joined"],
        import["unroutable"],
    );
    let _ = writeln!(
        out,
        "## Werkvoorraad ({} zaken, {} metingen per filter)\n\n\
         | Database | Filter | p50 ms | p99 ms | × zaak openen |\n|---|---|---|---|---|",
        r["queue"]["cases"], r["queue"]["runs"]
    );
    for result in results(&r["queue"]) {
        for f in result["filters"].as_array().into_iter().flatten() {
            let _ = writeln!(
                out,
                "| {} | {} | {:.2} | {:.2} | {:.1} |",
                text(result, "backend"),
                text(f, "filter"),
                number(f, &["p50_ms"]),
                number(f, &["p99_ms"]),
                number(f, &["ratio_p99_to_case_lookup"])
            );
        }
    }
    let s = &r["search"];
    let _ = writeln!(
        out,
        "\n## Kennisbank zoeken ({} praktijken, {} zoekvragen)\n\n\
         | Zoekmachine | Indexeren (praktijken/s) | p50 ms | p99 ms |\n|---|---|---|---|",
        s["documents"], s["queries"]
    );
    for (name, key) in [("vangnet", "vangnet"), ("SQLite FTS5", "sqlite_fts5")] {
        let _ = writeln!(
            out,
            "| {name} | {:.0} | {:.3} | {:.3} |",
            number(&s[key], &["index_docs_per_second"]),
            number(&s[key], &["p50_ms"]),
            number(&s[key], &["p99_ms"])
        );
    }
    stats(out, &r["stats"]);
    http(out, &r["http"]);
}

fn stats(out: &mut String, stats: &Value) {
    let _ = writeln!(
        out,
        "\n## Dashboard ({} signalen, {} huurovereenkomsten, {} metingen)\n\n\
         | Database | Meting | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|",
        stats["signals"], stats["tenancies"], stats["runs"]
    );
    for result in results(stats) {
        let backend = text(result, "backend");
        let mut line = |name: &str, v: &Value| {
            let _ = writeln!(
                out,
                "| {backend} | {name} | {:.2} | {:.2} | {:.2} |",
                number(v, &["p50_ms"]),
                number(v, &["p95_ms"]),
                number(v, &["p99_ms"])
            );
        };
        line("hele dashboard", &result["dashboard"]);
        line(
            "organisatie op id (basislijn)",
            &result["baseline_org_by_id"],
        );
        for (name, read) in result["reads"].as_object().into_iter().flatten() {
            line(name, read);
        }
    }
}

fn http(out: &mut String, http: &Value) {
    let _ = writeln!(
        out,
        "\n## HTTP onder wrk ({} verbindingen, {} s per pagina, alleen 127.0.0.1)\n\n\
         | Pagina | Verzoeken/s | p50 ms | p99 ms | max ms | Fouten | Status ≥ 400 | × `/healthz`-tempo |\n\
         |---|---|---|---|---|---|---|---|",
        http["connections"], http["seconds"]
    );
    let healthz = std::iter::once(("healthz", &http["healthz"]));
    let pages = http["pages"].as_object().into_iter().flatten();
    for (name, page) in healthz.chain(pages.map(|(n, p)| (n.as_str(), p))) {
        let _ = writeln!(
            out,
            "| {name} | {:.0} | {:.2} | {:.2} | {:.2} | {} | {} | {:.2} |",
            number(page, &["requests_per_second"]),
            number(page, &["p50_ms"]),
            number(page, &["p99_ms"]),
            number(page, &["max_us"]) / 1000.0,
            page["errors"],
            page["bad_status"],
            if name == "healthz" {
                1.0
            } else {
                number(page, &["ratio_rate_to_healthz"])
            },
        );
    }
}

pub fn markdown(r: &Value) -> String {
    let mut out = String::new();
    let kind = if r["quick"] == true {
        "snelle run met kleine aantallen: de verhoudingen zeggen minder"
    } else {
        "volledige run"
    };
    let _ = writeln!(
        out,
        "# vangnet: benchmarkrapport\n\nGemaakt op {} ({kind}). Elke meting heeft een basislijn \
         uit dezelfde run; de verhouding telt, want absolute tijden schommelen op gedeelde \
         machines. Opnieuw maken: `cargo run --release -- bench --report RAPPORT.md` (zie de \
         README).\n",
        text(r, "generated_at")
    );
    let _ = writeln!(
        out,
        "## Kerncijfers\n\n| Meting | vangnet | Basislijn | Verhouding | Doel | Uitkomst |\n\
         |---|---|---|---|---|---|"
    );
    for row in headline_rows(r) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.2} | {} | {} |",
            row.what,
            row.ours,
            row.baseline,
            row.ratio,
            row.target,
            row.met.map(verdict).unwrap_or("–")
        );
    }
    out.push('\n');
    machine(&mut out, r);
    details(&mut out, r);
    out
}
