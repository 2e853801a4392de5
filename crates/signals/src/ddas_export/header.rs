//! The delivery's header: who delivers, for which gemeente, over which
//! period. The supplier code and the contact person are the gemeente's
//! case-work settings; without them CBS cannot place the delivery, so the
//! export refuses to start and names the missing setting.

use super::Period;
use chrono::{DateTime, Utc};
use vangnet_domain::ddas::{ContactPerson, DeliveringOrganisation, DeliveryHeader};
use vangnet_domain::Invalid;
use vangnet_store::casework::CaseworkSettings;
use vangnet_store::Org;

pub(super) fn header(
    gemeente: &Org,
    settings: &CaseworkSettings,
    period: Period,
    now: DateTime<Utc>,
) -> Result<DeliveryHeader, Invalid> {
    let mut missing = Invalid::default();
    let supplier = settings.ddas_supplier.as_deref().map(str::trim);
    if supplier.is_none_or(str::is_empty) {
        missing.push(
            "leverancierscode",
            format!(
                "de DDAS-instelling 'leverancierscode' (codeGegevensleverancier, de code die \
                 het CBS de leverancier gaf) ontbreekt voor {} (een teamleider of beheerder \
                 vult haar in bij de instellingen van de zaken)",
                gemeente.name
            ),
        );
    }
    let contact = settings.ddas_contact.as_ref();
    if contact.is_none_or(|c| c.name.trim().is_empty()) {
        missing.push(
            "contactpersoon",
            format!(
                "de DDAS-instelling 'contactpersoon' (naam, e-mail en telefoon van wie de \
                 levering namens de gemeente doet) ontbreekt voor {} (een teamleider of \
                 beheerder vult haar in bij de instellingen van de zaken)",
                gemeente.name
            ),
        );
    }
    let Some(gemeentecode) = gemeente.gemeentecode.clone() else {
        missing.push("gemeentecode", "de gemeente heeft geen CBS-gemeentecode");
        return Err(missing);
    };
    missing.into_result()?;
    let contact = contact.cloned().unwrap_or_default();
    let header = DeliveryHeader {
        supplier_code: supplier.unwrap_or_default().to_string(),
        gemeentecode,
        period_from: period.from,
        period_to: period.to,
        created_at: now,
        organisation: DeliveringOrganisation {
            name: gemeente.name.clone(),
            kvk_number: None,
            contact: ContactPerson {
                name: contact.name.trim().to_string(),
                phone: contact.phone.filter(|p| !p.trim().is_empty()),
                email: contact.email.filter(|e| !e.trim().is_empty()),
                job_title: None,
            },
        },
    };
    header.check()?;
    Ok(header)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use vangnet_domain::org::{OrgKind, PostcodeRanges};
    use vangnet_store::casework::DdasContact;

    fn den_haag() -> Org {
        Org {
            id: 7,
            code: "den-haag".into(),
            name: "Gemeente Den Haag".into(),
            kind: OrgKind::Gemeente,
            gemeentecode: Some("0518".into()),
            postcodes: PostcodeRanges::default(),
            created_at: DateTime::from_timestamp(0, 0).unwrap(),
        }
    }

    fn january() -> Period {
        let day = |d| NaiveDate::from_ymd_opt(2025, 1, d).unwrap();
        Period {
            from: day(1),
            to: day(31),
        }
    }

    #[test]
    fn missing_settings_are_named() {
        let now = Utc::now();
        let mut settings = CaseworkSettings::default();
        let error = header(&den_haag(), &settings, january(), now).unwrap_err();
        let fields: Vec<&str> = error.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["leverancierscode", "contactpersoon"]);
        assert!(error.to_string().contains("Gemeente Den Haag"), "{error}");

        settings.ddas_supplier = Some(" VANGNET ".into());
        settings.ddas_contact = Some(DdasContact {
            name: "J. de Vries".into(),
            email: Some("geen-adres".into()),
            phone: Some(" ".into()),
        });
        let error = header(&den_haag(), &settings, january(), now).unwrap_err();
        assert_eq!(error.errors[0].field, "email");

        settings.ddas_contact.as_mut().unwrap().email = Some("j.devries@denhaag.nl".into());
        let header = header(&den_haag(), &settings, january(), now).unwrap();
        assert_eq!(header.supplier_code, "VANGNET");
        assert_eq!(header.gemeentecode, "0518");
        assert_eq!(header.organisation.name, "Gemeente Den Haag");
        assert_eq!(header.organisation.contact.phone, None);
    }
}
