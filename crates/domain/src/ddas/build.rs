//! From what the store knows to the Uitwisselmodel: one delivery with one
//! `levering` for the header's gemeente. The streaming writer uses the same
//! conversions, so both give the same JSON.

use super::amount::cents_to_whole_euros_half_up;
use super::enums::SignalStatus;
use super::input::{DeliveryHeader, ExportCase, ExportClient, ExportContactAttempt, ExportSignal};
use super::model::{
    Case, Client, Contact, ContactAttempt, Delivery, MunicipalityDelivery, Organisation, Partner,
    Signal, SignalRef,
};

/// The whole delivery in memory; for large exports use `write_delivery`.
pub fn build_delivery(
    header: &DeliveryHeader,
    cases: impl IntoIterator<Item = ExportCase>,
) -> Delivery {
    let mut municipality = municipality(header);
    for case in cases {
        municipality.signals.extend(signals_of(&case));
        municipality.cases.push(case_record(&case));
    }
    Delivery {
        municipalities: vec![municipality],
        ..envelope(header)
    }
}

/// The delivery without its `leveringen`.
pub(super) fn envelope(header: &DeliveryHeader) -> Delivery {
    Delivery {
        supplier_code: header.supplier_code.clone(),
        period_from: header.period_from,
        period_to: header.period_to,
        created_at: header.created_at,
        municipalities: Vec::new(),
    }
}

/// The gemeente's `levering` without signals and cases.
pub(super) fn municipality(header: &DeliveryHeader) -> MunicipalityDelivery {
    let organisation = &header.organisation;
    let contact = &organisation.contact;
    MunicipalityDelivery {
        counter: 1,
        gemeentecode: header.gemeentecode.clone(),
        organisation: Organisation {
            name: Some(organisation.name.clone()),
            kvk_number: organisation.kvk_number.clone(),
            contacts: vec![Contact {
                name: Some(contact.name.clone()),
                phone: contact.phone.clone(),
                email: contact.email.clone(),
                job_title: contact.job_title.clone(),
            }],
        },
        signals: Vec::new(),
        cases: Vec::new(),
    }
}

pub(super) fn signals_of(case: &ExportCase) -> impl Iterator<Item = Signal> + '_ {
    case.signals
        .iter()
        .map(|signal| signal_record(signal, case.signal_status))
}

fn signal_record(signal: &ExportSignal, status: Option<SignalStatus>) -> Signal {
    Signal {
        id: signal.id.to_string(),
        crisis: Some(signal.crisis),
        warm_handover: Some(signal.warm_handover),
        amount: Some(cents_to_whole_euros_half_up(signal.amount_cents)),
        arrears_start: signal.arrears_start,
        signal_date: Some(signal.signal_date),
        status,
        partner: Partner {
            kind: Some(signal.partner_type),
        },
        client: client(&signal.client),
    }
}

fn client(client: &ExportClient) -> Client {
    Client {
        bsn: client.bsn.clone(),
        initials: client.initials.clone(),
        prefix: client.prefix.clone(),
        surname: client.surname.clone(),
        birth_date: client.birth_date,
        street: client.street.clone(),
        postcode: client.postcode.clone(),
        house_number: client.house_number.map(|n| n.to_string()),
        addition: client.addition.clone(),
        city: client.city.clone(),
    }
}

pub(super) fn case_record(case: &ExportCase) -> Case {
    Case {
        result: case.result,
        matched_on: case.matched_on,
        matching_start: case.matching_period.map(|p| p.start),
        picked_up_on: case.picked_up_on,
        matching_end: case.matching_period.map(|p| p.end),
        signals: signal_refs(case),
        contact_attempts: case.contact_attempts.iter().map(attempt).collect(),
    }
}

/// The schema wants each reference once.
fn signal_refs(case: &ExportCase) -> Vec<SignalRef> {
    let mut ids: Vec<i64> = Vec::with_capacity(case.signals.len());
    for signal in &case.signals {
        if !ids.contains(&signal.id) {
            ids.push(signal.id);
        }
    }
    ids.into_iter()
        .map(|id| SignalRef { id: id.to_string() })
        .collect()
}

fn attempt(attempt: &ExportContactAttempt) -> ContactAttempt {
    ContactAttempt {
        kind: Some(attempt.kind),
        reached: Some(attempt.reached),
        on: Some(attempt.on),
        part_of_day: attempt.part_of_day,
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{case, header};
    use super::*;
    use serde_json::json;

    #[test]
    fn a_case_becomes_signals_and_a_case_that_refers_to_them() {
        let delivery = build_delivery(&header(), [case(41), case(7)]);
        let json = serde_json::to_value(&delivery).unwrap();
        assert_eq!(json["aanleverdatumEnTijd"], "2025-02-05T10:30:00Z");
        let levering = &json["leveringen"][0];
        assert_eq!(levering["teller"], 1);
        assert_eq!(levering["gemeentecode"], "0518");
        assert_eq!(levering["vroegsignalen"].as_array().unwrap().len(), 4);
        let signal = &levering["vroegsignalen"][0];
        assert_eq!(signal["ID"], "410");
        assert_eq!(signal["bedrag"], 2);
        assert_eq!(
            signal["signaalpartner"],
            json!({"type": "CAK Zorgverzekeringen"})
        );
        assert_eq!(signal["client"]["Huisnummer"], "12");
        assert!(
            signal.get("status").is_none(),
            "a picked-up signal has no status"
        );
        let zaak = &levering["vroegsignaalzaken"][1];
        assert_eq!(zaak["vroegsignalen"], json!([{"ID": "70"}, {"ID": "71"}]));
        assert_eq!(zaak["datum_opgepakt"], "2025-01-10");
        assert_eq!(zaak["startdatum_matchtingperiode"], "2024-12-05");
        assert_eq!(
            zaak["contactpogingen"][0],
            json!({"soort": "Huisbezoek", "bereikt": true, "datum": "2025-01-11", "dagdeel": "Avond"})
        );
    }

    #[test]
    fn a_signal_listed_twice_is_referred_to_once() {
        let mut doubled = case(3);
        doubled.signals.push(doubled.signals[0].clone());
        let record = case_record(&doubled);
        let ids: Vec<&str> = record.signals.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["30", "31"]);
    }

    #[test]
    fn an_empty_period_still_names_its_gemeente() {
        let json = serde_json::to_value(build_delivery(&header(), [])).unwrap();
        assert_eq!(json["leveringen"][0]["vroegsignalen"], json!([]));
        assert_eq!(json["leveringen"][0]["vroegsignaalzaken"], json!([]));
    }
}
