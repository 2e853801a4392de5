//! From a stored case to the domain's `ExportCase`: enumeration strings back
//! to their types (so only the schema's exact strings reach the file),
//! purged fields left out, and the matching dates derived.

use super::DdasExportError;
use vangnet_domain::calendar::amsterdam_date;
use vangnet_domain::ddas::{
    ContactKind, ExportCase, ExportClient, ExportContactAttempt, ExportSignal, MatchingPeriod,
    PartOfDay,
};
use vangnet_domain::matching::MatchSettings;
use vangnet_domain::signal::PartnerType;
use vangnet_store::casework::{DdasCase, DdasContactAttempt, DdasSignal};

pub(super) fn export_case(
    case: &DdasCase,
    matching: MatchSettings,
) -> Result<ExportCase, DdasExportError> {
    let signals = case.signals.iter().map(signal).collect::<Result<_, _>>()?;
    let attempts = case
        .contact_attempts
        .iter()
        .map(|a| attempt(case.id, a))
        .collect::<Result<_, _>>()?;
    let mut export = ExportCase::from_state(&case.state, signals, attempts);
    export.matched_on = Some(amsterdam_date(case.created_at));
    export.matching_period = Some(MatchingPeriod::around(case.opened_on, matching));
    Ok(export)
}

fn unreadable(what: String) -> DdasExportError {
    DdasExportError::Unreadable(what)
}

fn signal(signal: &DdasSignal) -> Result<ExportSignal, DdasExportError> {
    let partner_type = PartnerType::parse(&signal.partner_type).map_err(|_| {
        unreadable(format!(
            "signaal {} heeft een onbekende signaalpartner '{}'",
            signal.id, signal.partner_type
        ))
    })?;
    Ok(ExportSignal {
        id: signal.id,
        partner_type,
        amount_cents: signal.amount_cents,
        crisis: signal.crisis,
        warm_handover: signal.warm_handover,
        arrears_start: signal.arrears_start,
        signal_date: signal.signal_date,
        client: ExportClient {
            bsn: text(&signal.bsn),
            initials: text(&signal.initials),
            prefix: text(&signal.prefix),
            surname: text(&signal.surname),
            birth_date: signal.birth_date,
            street: text(&signal.street),
            postcode: text(&signal.postcode),
            house_number: signal
                .house_number
                .and_then(|n| u32::try_from(n).ok())
                .filter(|n| *n > 0),
            addition: text(&signal.addition),
            city: text(&signal.city),
        },
    })
}

/// A purge may blank a field rather than drop it; DDAS then gets nothing.
fn text(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

fn attempt(
    case_id: i64,
    attempt: &DdasContactAttempt,
) -> Result<ExportContactAttempt, DdasExportError> {
    let kind = ContactKind::parse(&attempt.kind).ok_or_else(|| {
        unreadable(format!(
            "zaak {case_id} heeft een contactpoging van onbekende soort '{}'",
            attempt.kind
        ))
    })?;
    let part_of_day = match attempt.part_of_day.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(PartOfDay::parse(text).ok_or_else(|| {
            unreadable(format!(
                "zaak {case_id} heeft een contactpoging met onbekend dagdeel '{text}'"
            ))
        })?),
    };
    Ok(ExportContactAttempt {
        kind,
        reached: attempt.reached,
        on: attempt.on_date,
        part_of_day,
    })
}
