//! A tenancy as a verhuurder sends it by API, checked field by field in
//! Dutch before anything is stored, and routed to its gemeente by postcode
//! like a signal.

use chrono::NaiveDate;
use serde::Deserialize;
use vangnet_domain::signal::normalise::{
    parse_addition, parse_house_number, parse_postcode, parse_text,
};
use vangnet_domain::signal::{Address, MAX_AMOUNT_CENTS};
use vangnet_domain::tenancy::Grounds;
use vangnet_domain::validation::required_text;
use vangnet_domain::Invalid;
use vangnet_signals::Gemeenten;
use vangnet_store::tenancy::{TenancyData, DEFAULT_GROUNDS};

/// More tenants on one contract is a pasted list, not a household.
pub const MAX_TENANTS: usize = 10;

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TenancyIn {
    /// The verhuurder's own reference (unique per verhuurder).
    pub reference: String,
    /// The tenants' names, at least one.
    pub tenants: Vec<String>,
    pub street: Option<String>,
    /// With or without addition: "12", "12A", "12-2".
    pub house_number: String,
    pub addition: Option<String>,
    pub postcode: String,
    pub city: Option<String>,
    /// huurachterstand (default), overlast, ernstige_overlast,
    /// criminaliteit, hennep.
    pub grounds: Option<String>,
    pub monthly_rent_cents: i64,
    /// JJJJ-MM-DD.
    pub start_date: NaiveDate,
}

/// Every problem of one tenancy at once, or the tenancy without its
/// gemeente (see `route_gemeente`).
pub fn parse_tenancy(input: &TenancyIn) -> Result<TenancyData, Invalid> {
    let mut invalid = Invalid::default();
    let reference = invalid.check(required_text("reference", &input.reference, 64));
    let mut tenants = Vec::new();
    if input.tenants.is_empty() {
        invalid.push("tenants", "noem minstens één huurder");
    } else if input.tenants.len() > MAX_TENANTS {
        invalid.push(
            "tenants",
            format!("hoogstens {MAX_TENANTS} huurders per huurovereenkomst"),
        );
    }
    for (i, name) in input.tenants.iter().enumerate() {
        if let Some(name) = invalid.check(required_text(&format!("tenants[{i}]"), name, 200)) {
            tenants.push(name);
        }
    }
    let optional = |field: &str, value: &Option<String>, invalid: &mut Invalid| {
        let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
        match parse_text(value, 200) {
            Ok(text) => Some(text),
            Err(e) => {
                invalid.push(field, e.message);
                None
            }
        }
    };
    let street = optional("street", &input.street, &mut invalid);
    let city = optional("city", &input.city, &mut invalid);
    let number = match parse_house_number(&input.house_number) {
        Ok(n) => Some(n),
        Err(e) => {
            invalid.push("house_number", e.message);
            None
        }
    };
    let addition = match input.addition.as_deref() {
        None => None,
        Some(a) => match parse_addition(a) {
            Ok(a) => a,
            Err(e) => {
                invalid.push("addition", e.message);
                None
            }
        },
    };
    let number = number.and_then(|n| match addition {
        Some(a) => match n.with_addition(Some(a)) {
            Ok(n) => Some(n),
            Err(e) => {
                invalid.push("addition", e.message);
                None
            }
        },
        None => Some(n),
    });
    let postcode = match parse_postcode(&input.postcode) {
        Ok(p) => Some(p.into_string()),
        Err(e) => {
            invalid.push("postcode", e.message);
            None
        }
    };
    let grounds = match input.grounds.as_deref().map(str::trim) {
        None | Some("") => Some(DEFAULT_GROUNDS.to_string()),
        Some(g) => match Grounds::parse(g) {
            Ok(g) => Some(g.slug().to_string()),
            Err(e) => {
                invalid.push("grounds", e);
                None
            }
        },
    };
    if !(1..=MAX_AMOUNT_CENTS).contains(&input.monthly_rent_cents) {
        invalid.push(
            "monthly_rent_cents",
            format!("moet tussen 1 en {MAX_AMOUNT_CENTS} cent liggen"),
        );
    }
    invalid.into_result()?;
    let (Some(reference), Some(number), Some(postcode), Some(grounds)) =
        (reference, number, postcode, grounds)
    else {
        unreachable!("no errors means every field was read");
    };
    Ok(TenancyData {
        reference,
        tenants,
        address: Address {
            street,
            house_number: number.number,
            addition: number.addition,
            postcode,
            city,
        },
        gemeente_org_id: None,
        gemeentecode: None,
        grounds,
        monthly_rent_cents: input.monthly_rent_cents,
        start_date: input.start_date,
    })
}

/// Sets the tenancy's gemeente (and its CBS code) from the postcode; none
/// when no gemeente, or more than one, claims it.
pub fn route_gemeente(data: &mut TenancyData, gemeenten: &Gemeenten) {
    if let Some(gemeente) = gemeenten.serving(data.address.pc4()) {
        data.gemeente_org_id = Some(gemeente.id);
        data.gemeentecode = gemeente.gemeentecode.clone();
    }
}
