//! `vangnet gate eval FILE.json [--json]`: the gate on a what-if, for
//! policy makers and tests. The decision comes from the same pure
//! function the app and the API call; nothing is stored or read besides
//! the file.

use super::CliResult;
use std::path::Path;
use vangnet_domain::tenancy::{GateDecision, GateRequest, Policy};
use vangnet_domain::Invalid;

pub fn eval(file: &Path, json: bool) -> CliResult {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("kan {} niet lezen: {e}", file.display()))?;
    let refused = |invalid: Invalid| refusal(file, &invalid);
    let request = GateRequest::from_json_str(&text, &Policy::default()).map_err(refused)?;
    let decision = request.evaluate().map_err(refused)?;
    if json {
        let line = serde_json::to_string(&decision).map_err(|e| e.to_string())?;
        println!("{line}");
    } else {
        print!("{}", as_text(&request, &decision));
    }
    Ok(())
}

/// One line per field, so a long list stays readable.
fn refusal(file: &Path, invalid: &Invalid) -> String {
    let mut message = format!("ongeldige invoer in {}:", file.display());
    for error in &invalid.errors {
        message.push_str(&format!("\n  {}: {}", error.field, error.reason));
    }
    message
}

fn as_text(request: &GateRequest, decision: &GateDecision) -> String {
    let input = &request.input;
    let mut out = format!(
        "Poort voor de stap {} op {} ({}, gemeente {})\n",
        input.step.label_nl().to_lowercase(),
        input.today.format("%d-%m-%Y"),
        input.grounds.label_nl().to_lowercase(),
        input.gemeentecode,
    );
    if let Some(planned) = input.planned_date {
        out.push_str(&format!(
            "Geplande ontruiming: {}\n",
            planned.format("%d-%m-%Y")
        ));
    }
    out.push_str(&format!("Beleid: {}\n\n", decision.policy_version));
    for reason in &decision.reasons {
        let mark = if reason.met { '✓' } else { '✗' };
        out.push_str(&format!("  {mark} {} ({})\n", reason.message, reason.rule));
    }
    let unmet = decision.reasons.iter().filter(|r| !r.met).count();
    let verdict = if decision.allowed {
        format!("toegestaan: alle {} regels voldaan", decision.reasons.len())
    } else {
        format!(
            "niet toegestaan: {unmet} van de {} regels niet voldaan",
            decision.reasons.len()
        )
    };
    out.push_str(&format!("\nBesluit: {verdict}.\n"));
    if request
        .policy
        .leniency_on(&input.gemeentecode, input.today)
        .is_some()
    {
        out.push_str(
            "Coulanceregeling: er mogen nu geen incassokosten in rekening worden gebracht.\n",
        );
    }
    out
}
