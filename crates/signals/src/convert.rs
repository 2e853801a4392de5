//! From the domain's validated `SignalInput` to the store's `NewSignal`.

use sha2::{Digest, Sha256};
use vangnet_domain::org::OrgKind;
use vangnet_domain::routing::Route;
use vangnet_domain::signal::{PartnerType, SignalInput};
use vangnet_store::NewSignal;

/// The partner type a row gets when its `soort` is empty.
pub fn default_partner_type(kind: OrgKind) -> PartnerType {
    match kind {
        OrgKind::Verhuurder => PartnerType::Huur,
        _ => PartnerType::Overige,
    }
}

/// Equal for equal contents: a resent signal with the same hash is a
/// duplicate, a different hash an update.
pub fn content_hash(input: &SignalInput) -> String {
    let canonical = serde_json::to_vec(input).unwrap_or_default();
    hex::encode(Sha256::digest(&canonical))
}

pub fn to_new_signal(input: &SignalInput, route: Route) -> NewSignal {
    let rent = input.rent.as_ref();
    NewSignal {
        kenmerk: input.kenmerk.clone(),
        partner_type: input.partner_type.ddas().to_string(),
        amount_cents: input.amount_cents,
        arrears_start: input.arrears_start,
        signal_date: input.signal_date,
        crisis: input.crisis,
        warm_handover: input.warm_handover,
        bsn: input.person.bsn.clone(),
        initials: input.person.initials.clone(),
        prefix: input.person.prefix.clone(),
        surname: input.person.surname.clone(),
        birth_date: input.person.birth_date,
        phone: input.person.phone.clone(),
        email: input.person.email.clone(),
        contact_wish: input.person.contact_wish.clone(),
        street: input.address.street.clone(),
        house_number: i64::from(input.address.house_number),
        addition: input.address.addition.clone(),
        postcode: input.address.postcode.clone(),
        city: input.address.city.clone(),
        household_key: input.household_key(),
        monthly_rent_cents: rent.and_then(|r| r.monthly_rent_cents),
        contact_tried: rent.map(|r| r.contact_tried),
        pointed_to_help: rent.map(|r| r.pointed_to_debt_help),
        reminder_sent_on: rent.and_then(|r| r.reminder_sent_on),
        route,
        content_hash: content_hash(input),
    }
}
