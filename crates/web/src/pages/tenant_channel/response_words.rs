//! A tenant response's details as the verhuurder reads them: every field
//! the tenant filled in, in Dutch, and what became of a help request's
//! signal to the gemeente (sent, or which of the decree's columns was
//! missing, so the verhuurder knows to act).

use serde_json::Value;
use vangnet_domain::money::format_euros;
use vangnet_domain::tenant_channel::{ContactBy, SituationKind};

/// (label, text) for every field of a response's detail.
pub fn words(detail: &Value) -> Vec<(String, String)> {
    let Some(map) = detail.as_object() else {
        return Vec::new();
    };
    map.iter()
        .filter_map(|(key, value)| Some((field_label(key), field_text(key, value)?)))
        .collect()
}

fn field_text(key: &str, value: &Value) -> Option<String> {
    let slug_label = |label: Option<&'static str>, slug: &str| label.unwrap_or(slug).to_string();
    Some(match (key, value) {
        ("signal", signal) => signal_text(signal),
        ("situation", Value::String(s)) => {
            slug_label(SituationKind::from_slug(s).map(|k| k.label_nl()), s)
        }
        ("contact_by", Value::String(s)) => {
            slug_label(ContactBy::from_slug(s).map(|k| k.label_nl()), s)
        }
        (_, Value::String(s)) => s.clone(),
        (key, Value::Number(n)) if key.ends_with("cents") || key.ends_with("centen") => {
            format_euros(n.as_i64()?)
        }
        (_, Value::Number(n)) => n.to_string(),
        ("leniency", Value::Bool(true)) => {
            "ja: de huurder meldt minder inkomen of een crisis; beslis of u coulant bent".into()
        }
        (_, Value::Bool(b)) => String::from(if *b { "ja" } else { "nee" }),
        _ => return None,
    })
}

fn signal_text(signal: &Value) -> String {
    if signal["sent"] == Value::Bool(true) {
        return "verstuurd, als warme overdracht".into();
    }
    let missing: Vec<String> = signal["missing"]
        .as_array()
        .map(|columns| {
            columns
                .iter()
                .filter_map(Value::as_str)
                .map(|c| c.replace('_', " "))
                .collect()
        })
        .unwrap_or_default();
    if missing.is_empty() {
        return "niet verstuurd; geef het signaal zelf door aan de gemeente.".into();
    }
    let advice = if missing.iter().any(|c| c == "herinnering verstuurd") {
        "Stuur de huurder eerst een brief en geef het signaal daarna door aan de gemeente."
    } else {
        "Vul aan wat ontbreekt en geef het signaal zelf door aan de gemeente."
    };
    format!(
        "niet verstuurd, want dit ontbreekt: {}. {advice}",
        missing.join(", ")
    )
}

fn field_label(key: &str) -> String {
    match key {
        "term_months" | "looptijd" | "looptijd_maanden" => "Looptijd (maanden)".into(),
        "instalment_cents" | "termijnbedrag" | "termijnbedrag_centen" => "Termijnbedrag".into(),
        "text" | "toelichting" => "Toelichting".into(),
        "when" | "wanneer" => "Wanneer".into(),
        "contact_by" | "contact" => "Contact via".into(),
        "kind" | "soort" => "Soort".into(),
        "situation" => "Situatie".into(),
        "phone" => "Telefoon".into(),
        "email" => "E-mail".into(),
        "objection" => "Bezwaar tegen doorgeven".into(),
        "signal" => "Signaal aan de gemeente".into(),
        "leniency" => "Coulance gevraagd".into(),
        "consent" => "Toestemming om door te geven".into(),
        other => other.replace('_', " "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_field_reads_in_dutch() {
        let cases = [
            (
                json!({"instalment_cents": 12_550}),
                "Termijnbedrag",
                "€ 125,50",
            ),
            (json!({"term_months": 6}), "Looptijd (maanden)", "6"),
            (json!({"situation": "ziekte"}), "Situatie", "Ik ben ziek"),
            (json!({"contact_by": "telefoon"}), "Contact via", "Telefoon"),
            (json!({"objection": true}), "Bezwaar tegen doorgeven", "ja"),
            (
                json!({"signal": {"sent": true, "signal_id": 7}}),
                "Signaal aan de gemeente",
                "verstuurd, als warme overdracht",
            ),
            (
                json!({"signal": {"sent": false, "missing": ["herinnering_verstuurd"]}}),
                "Signaal aan de gemeente",
                "niet verstuurd, want dit ontbreekt: herinnering verstuurd. Stuur de huurder \
                 eerst een brief en geef het signaal daarna door aan de gemeente.",
            ),
            (
                json!({"leniency": true}),
                "Coulance gevraagd",
                "ja: de huurder meldt minder inkomen of een crisis; beslis of u coulant bent",
            ),
            (json!({"situation": "onbekend"}), "Situatie", "onbekend"),
            (
                json!({"signal": {"sent": false, "missing": ["achternaam"]}}),
                "Signaal aan de gemeente",
                "niet verstuurd, want dit ontbreekt: achternaam. Vul aan wat ontbreekt en geef \
                 het signaal zelf door aan de gemeente.",
            ),
            (
                json!({"consent": true}),
                "Toestemming om door te geven",
                "ja",
            ),
        ];
        for (detail, label, text) in cases {
            assert_eq!(
                words(&detail),
                [(label.to_string(), text.to_string())],
                "{detail}"
            );
        }
        assert!(words(&json!({"text": null})).is_empty());
    }
}
