//! Rule tests for `validate`: one valid row, then one table of changes and
//! the outcome each must give.

use super::*;
use chrono::NaiveDate;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const TODAY: (i32, u32, u32) = (2025, 6, 30);

fn today() -> NaiveDate {
    date(TODAY.0, TODAY.1, TODAY.2)
}

/// A rent signal that meets every condition.
fn valid_rent_row() -> RawSignal {
    let mut raw = RawSignal::new(2);
    let values: &[(SignalField, &str)] = &[
        (SignalField::Kenmerk, "HUUR-2025-0001"),
        (SignalField::Soort, "Huur"),
        (SignalField::Bedrag, "1.234,56"),
        (SignalField::Ontstaansdatum, "01-04-2025"),
        (SignalField::Signaaldatum, "15-06-2025"),
        (SignalField::Bsn, "123456782"),
        (SignalField::Voorletters, "j.p."),
        (SignalField::Voorvoegsel, "de"),
        (SignalField::Achternaam, "Vries"),
        (SignalField::Geboortedatum, "1980-02-29"),
        (SignalField::Straatnaam, "Laan van Meerdervoort"),
        (SignalField::Huisnummer, "12"),
        (SignalField::Huisnummertoevoeging, "a"),
        (SignalField::Postcode, "2517 ab"),
        (SignalField::Plaatsnaam, "Den Haag"),
        (SignalField::Telefoon, "070-1234567"),
        (SignalField::Email, "J.de.Vries@example.nl"),
        (SignalField::Maandhuur, "725,00"),
        (SignalField::ContactGezocht, "ja"),
        (SignalField::GewezenOpSchuldhulp, "J"),
        (SignalField::HerinneringVerstuurd, "20-05-2025"),
        (SignalField::BezwaarTegenDoorgeven, "nee"),
    ];
    for (field, value) in values {
        raw.set(*field, value);
    }
    raw
}

fn outcome(changes: &[(SignalField, &str)]) -> Result<SignalInput, Vec<&'static str>> {
    let mut raw = valid_rent_row();
    for (field, value) in changes {
        raw.set(*field, value);
    }
    match validate(&raw, PartnerType::Energie, today()) {
        Validated::Accepted(signal) => Ok(signal),
        Validated::Objected => Err(vec!["objected"]),
        Validated::Rejected(errors) => Err(errors.iter().map(|e| e.code).collect()),
    }
}

#[test]
fn a_complete_rent_row_is_normalised() {
    let signal = outcome(&[]).unwrap();
    assert_eq!(signal.kenmerk, "HUUR-2025-0001");
    assert_eq!(signal.partner_type, PartnerType::Huur);
    assert_eq!(signal.amount_cents, 123_456);
    assert_eq!(signal.arrears_start, Some(date(2025, 4, 1)));
    assert_eq!(signal.signal_date, date(2025, 6, 15));
    assert_eq!(signal.person.initials.as_deref(), Some("J.P."));
    assert_eq!(
        signal.person.email.as_deref(),
        Some("j.de.vries@example.nl")
    );
    assert_eq!(signal.address.postcode, "2517AB");
    assert_eq!(signal.household_key(), "2517AB|12|A");
    let rent = signal.rent.unwrap();
    assert_eq!(rent.monthly_rent_cents, Some(72_500));
    assert_eq!(rent.reminder_sent_on, Some(date(2025, 5, 20)));
    assert!(rent.contact_tried && rent.pointed_to_debt_help && !rent.objection);
}

#[test]
fn rules_table() {
    use SignalField as F;
    type Case<'a> = (&'a str, &'a [(SignalField, &'a str)], &'a [&'a str]);
    let cases: &[Case] = &[
        ("valid", &[], &[]),
        (
            "signal on the arrears day",
            &[
                (F::Signaaldatum, "01-04-2025"),
                (F::HerinneringVerstuurd, "01-04-2025"),
            ],
            &[],
        ),
        ("signal today", &[(F::Signaaldatum, "30-06-2025")], &[]),
        (
            "optional fields empty",
            &[
                (F::Ontstaansdatum, ""),
                (F::Bsn, ""),
                (F::Voorletters, ""),
                (F::Geboortedatum, ""),
                (F::Telefoon, ""),
                (F::Email, ""),
                (F::Straatnaam, ""),
                (F::Plaatsnaam, ""),
                (F::Maandhuur, ""),
            ],
            &[],
        ),
        (
            "required missing",
            &[
                (F::Kenmerk, ""),
                (F::Bedrag, ""),
                (F::Signaaldatum, ""),
                (F::Achternaam, ""),
                (F::Postcode, ""),
                (F::Huisnummer, ""),
            ],
            &[
                "value.required",
                "value.required",
                "value.required",
                "value.required",
                "value.required",
                "value.required",
            ],
        ),
        ("amount zero", &[(F::Bedrag, "0")], &["amount.not_positive"]),
        (
            "amount negative",
            &[(F::Bedrag, "-12,50")],
            &["amount.not_positive"],
        ),
        ("amount at maximum", &[(F::Bedrag, "1.000.000")], &[]),
        (
            "amount above maximum",
            &[(F::Bedrag, "1.000.000,01")],
            &["amount.too_large"],
        ),
        (
            "amount unreadable",
            &[(F::Bedrag, "veel")],
            &["amount.format"],
        ),
        (
            "signal date in future",
            &[(F::Signaaldatum, "01-07-2025")],
            &["date.future"],
        ),
        (
            "arrears start in future",
            &[(F::Ontstaansdatum, "2025-07-01")],
            &["date.future"],
        ),
        (
            "signal before arrears",
            &[
                (F::Ontstaansdatum, "01-06-2025"),
                (F::Signaaldatum, "31-05-2025"),
                (F::HerinneringVerstuurd, ""),
            ],
            &["date.signal_before_start", "rent.no_reminder"],
        ),
        (
            "date does not exist",
            &[(F::Signaaldatum, "31-02-2025")],
            &["date.invalid"],
        ),
        (
            "birth date in future",
            &[(F::Geboortedatum, "01-01-2030")],
            &["date.future"],
        ),
        ("bsn eleven test", &[(F::Bsn, "123456789")], &["bsn.eleven"]),
        ("bsn eight digits", &[(F::Bsn, "12345672")], &[]),
        (
            "postcode foreign",
            &[(F::Postcode, "B-1000")],
            &["postcode.format"],
        ),
        (
            "house number zero",
            &[(F::Huisnummer, "0")],
            &["house_number.range"],
        ),
        (
            "house number conflict",
            &[(F::Huisnummer, "12B")],
            &["house_number.conflict"],
        ),
        (
            "addition unreadable",
            &[(F::Huisnummertoevoeging, "achterhuis")],
            &["house_number.addition"],
        ),
        (
            "kenmerk too long",
            &[(F::Kenmerk, &"K".repeat(65))],
            &["text.too_long"],
        ),
        (
            "kenmerk control char",
            &[(F::Kenmerk, "HUUR\u{7}1")],
            &["text.control"],
        ),
        (
            "unknown partner",
            &[(F::Soort, "Telefonie")],
            &["partner.unknown"],
        ),
        (
            "flags unreadable",
            &[(F::Crisissignaal, "soms"), (F::WarmeOverdracht, "?")],
            &["bool.format", "bool.format"],
        ),
        (
            "surname placeholder",
            &[(F::Achternaam, "-")],
            &["name.format"],
        ),
        (
            "contact wish",
            &[(F::Contactvoorkeur, "Telefoon, door de week na 17 uur")],
            &[],
        ),
        (
            "contact wish too long",
            &[(F::Contactvoorkeur, &"x".repeat(251))],
            &["text.too_long"],
        ),
        (
            "initials a name",
            &[(F::Voorletters, "Johannes")],
            &["initials.format"],
        ),
        (
            "phone letters",
            &[(F::Telefoon, "bel mij")],
            &["phone.format"],
        ),
        ("email broken", &[(F::Email, "vries@")], &["email.format"]),
        (
            "rent no contact",
            &[(F::ContactGezocht, "nee")],
            &["rent.no_contact"],
        ),
        (
            "rent contact empty",
            &[(F::ContactGezocht, "")],
            &["rent.no_contact"],
        ),
        (
            "rent not pointed to help",
            &[(F::GewezenOpSchuldhulp, "n")],
            &["rent.not_pointed_to_help"],
        ),
        (
            "rent no reminder",
            &[(F::HerinneringVerstuurd, "")],
            &["rent.no_reminder"],
        ),
        (
            "rent reminder nee",
            &[(F::HerinneringVerstuurd, "nee")],
            &["rent.no_reminder"],
        ),
        (
            "rent reminder ja without date",
            &[(F::HerinneringVerstuurd, "ja")],
            &["rent.reminder_date_required"],
        ),
        (
            "rent reminder after signal",
            &[(F::HerinneringVerstuurd, "16-06-2025")],
            &["rent.reminder_after_signal"],
        ),
        (
            "rent reminder in future",
            &[(F::HerinneringVerstuurd, "01-07-2025")],
            &["date.future"],
        ),
        (
            "rent nothing done",
            &[
                (F::ContactGezocht, "nee"),
                (F::GewezenOpSchuldhulp, "nee"),
                (F::HerinneringVerstuurd, ""),
            ],
            &[
                "rent.no_contact",
                "rent.not_pointed_to_help",
                "rent.no_reminder",
            ],
        ),
        (
            "rent monthly rent zero",
            &[(F::Maandhuur, "0")],
            &["amount.not_positive"],
        ),
        (
            "rent flag unreadable",
            &[(F::ContactGezocht, "wellicht")],
            &["bool.format"],
        ),
        (
            "objection overrides everything",
            &[
                (F::BezwaarTegenDoorgeven, "ja"),
                (F::Bedrag, ""),
                (F::Bsn, "1"),
            ],
            &["objected"],
        ),
        (
            "objection for energy too",
            &[(F::Soort, "Energie"), (F::BezwaarTegenDoorgeven, "J")],
            &["objected"],
        ),
        (
            "objection unreadable",
            &[(F::BezwaarTegenDoorgeven, "bezwaar")],
            &["bool.format"],
        ),
        (
            "objection unreadable for energy",
            &[(F::Soort, "Energie"), (F::BezwaarTegenDoorgeven, "?")],
            &["bool.format"],
        ),
        (
            "energy ignores rent conditions",
            &[
                (F::Soort, "energie"),
                (F::ContactGezocht, "nee"),
                (F::HerinneringVerstuurd, ""),
            ],
            &[],
        ),
        (
            "empty soort takes the default",
            &[(F::Soort, ""), (F::ContactGezocht, "")],
            &[],
        ),
        (
            "every problem at once",
            &[
                (F::Bedrag, "0"),
                (F::Postcode, "0000AA"),
                (F::Bsn, "111111111"),
                (F::ContactGezocht, "nee"),
            ],
            &[
                "amount.not_positive",
                "bsn.eleven",
                "postcode.format",
                "rent.no_contact",
            ],
        ),
    ];
    for (name, changes, expected) in cases {
        let got = outcome(changes).map(|_| ()).err().unwrap_or_default();
        assert_eq!(got, *expected, "{name}");
    }
}

#[test]
fn a_contact_wish_is_kept_and_an_empty_one_leaves_the_canonical_form_alone() {
    let wish = outcome(&[(SignalField::Contactvoorkeur, " Brief ")]).unwrap();
    assert_eq!(wish.person.contact_wish.as_deref(), Some("Brief"));
    let without = outcome(&[]).unwrap();
    assert_eq!(without.person.contact_wish, None);
    let json = serde_json::to_string(&without).unwrap();
    assert!(!json.contains("contact_wish"), "{json}");
}

#[test]
fn rent_conditions_only_for_rent() {
    let energy = outcome(&[(SignalField::Soort, "Energie")]).unwrap();
    assert_eq!(energy.rent, None);
    let default = outcome(&[(SignalField::Soort, "")]).unwrap();
    assert_eq!(default.partner_type, PartnerType::Energie);
}

#[test]
fn errors_name_their_column_in_dutch() {
    let mut raw = valid_rent_row();
    raw.set(SignalField::Bedrag, "");
    raw.set(SignalField::ContactGezocht, "nee");
    let Validated::Rejected(errors) = validate(&raw, PartnerType::Huur, today()) else {
        panic!("expected a rejection");
    };
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        [
            "bedrag: is verplicht",
            "contact_gezocht: er moet eerst persoonlijk contact zijn gezocht"
        ]
    );
}

#[test]
fn messages_do_not_repeat_personal_values() {
    let mut raw = valid_rent_row();
    raw.set(SignalField::Bsn, "987654321");
    raw.set(SignalField::Geboortedatum, "31-02-1980");
    raw.set(SignalField::Postcode, "9876 XQZ");
    let Validated::Rejected(errors) = validate(&raw, PartnerType::Huur, today()) else {
        panic!("expected a rejection");
    };
    for error in errors {
        for secret in ["987654321", "1980", "9876"] {
            assert!(!error.message.contains(secret), "{error}");
        }
    }
}

#[test]
fn check_value_table() {
    use SignalField as F;
    let cases: &[(SignalField, &str, Result<(), &str>)] = &[
        (F::Soort, "Huur", Ok(())),
        (F::Soort, "Hurr", Err("partner.unknown")),
        (F::ContactGezocht, "ja", Ok(())),
        (F::ContactGezocht, "jawel", Err("bool.format")),
        (F::Bedrag, "0", Err("amount.not_positive")),
        (F::Plaatsnaam, "Den Haag", Ok(())),
        (
            F::HerinneringVerstuurd,
            "ja",
            Err("rent.reminder_date_required"),
        ),
        (F::Postcode, "", Ok(())),
    ];
    for (field, value, expected) in cases {
        assert_eq!(
            check_value(*field, value).map_err(|r| r.code),
            *expected,
            "{field:?} {value:?}"
        );
    }
}
