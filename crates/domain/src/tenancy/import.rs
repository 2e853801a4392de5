//! Tenancies as a verhuurder's CSV export delivers them: the columns of the
//! default header (`TenancyField`), one row as text (`RawTenancy`) and its
//! validation into a `TenancyRow`, with every problem of the row reported
//! per column with a stable code and a Dutch message. The cell parsers are
//! the signal import's (`signal::normalise`), so a postcode, an amount or a
//! date reads the same in both imports.

use super::event::Grounds;
use crate::signal::normalise::{self as n, Reject};
use crate::signal::{Address, RowError, MAX_AMOUNT_CENTS};
use chrono::NaiveDate;

const MAX_NAME_CHARS: usize = 200;
const MAX_PLACE_CHARS: usize = 80;

/// The fields of the default tenancy header, in that header's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TenancyField {
    Referentie,
    Huurder,
    Medehuurder,
    Straatnaam,
    Huisnummer,
    Huisnummertoevoeging,
    Postcode,
    Plaatsnaam,
    Maandhuur,
    Ingangsdatum,
    Grond,
    Achterstand,
    AchterstandPeildatum,
}

impl TenancyField {
    pub const COUNT: usize = 13;

    pub const ALL: [TenancyField; TenancyField::COUNT] = [
        TenancyField::Referentie,
        TenancyField::Huurder,
        TenancyField::Medehuurder,
        TenancyField::Straatnaam,
        TenancyField::Huisnummer,
        TenancyField::Huisnummertoevoeging,
        TenancyField::Postcode,
        TenancyField::Plaatsnaam,
        TenancyField::Maandhuur,
        TenancyField::Ingangsdatum,
        TenancyField::Grond,
        TenancyField::Achterstand,
        TenancyField::AchterstandPeildatum,
    ];

    /// Without these a tenancy cannot be stored or found again.
    pub const REQUIRED: [TenancyField; 6] = [
        TenancyField::Referentie,
        TenancyField::Huurder,
        TenancyField::Huisnummer,
        TenancyField::Postcode,
        TenancyField::Maandhuur,
        TenancyField::Ingangsdatum,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The column name in the default header.
    pub fn name(self) -> &'static str {
        match self {
            TenancyField::Referentie => "referentie",
            TenancyField::Huurder => "huurder",
            TenancyField::Medehuurder => "medehuurder",
            TenancyField::Straatnaam => "straatnaam",
            TenancyField::Huisnummer => "huisnummer",
            TenancyField::Huisnummertoevoeging => "huisnummertoevoeging",
            TenancyField::Postcode => "postcode",
            TenancyField::Plaatsnaam => "plaatsnaam",
            TenancyField::Maandhuur => "maandhuur",
            TenancyField::Ingangsdatum => "ingangsdatum",
            TenancyField::Grond => "grond",
            TenancyField::Achterstand => "achterstand",
            TenancyField::AchterstandPeildatum => "achterstand_peildatum",
        }
    }
}

/// One tenancy row as read: the trimmed text of every field (empty when
/// the file lacks it) and the physical line where the row starts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawTenancy {
    pub line: u64,
    values: [String; TenancyField::COUNT],
}

impl RawTenancy {
    pub fn new(line: u64) -> Self {
        RawTenancy {
            line,
            ..RawTenancy::default()
        }
    }

    pub fn get(&self, field: TenancyField) -> &str {
        &self.values[field.index()]
    }

    /// Stores the value trimmed, as the reader would.
    pub fn set(&mut self, field: TenancyField, value: &str) {
        let slot = &mut self.values[field.index()];
        slot.clear();
        slot.push_str(value.trim());
    }

    /// Direct access for readers that decode into the existing buffer.
    pub fn value_mut(&mut self, field: TenancyField) -> &mut String {
        &mut self.values[field.index()]
    }

    /// Empties every value but keeps the buffers.
    pub fn clear(&mut self, line: u64) {
        self.line = line;
        self.values.iter_mut().for_each(String::clear);
    }
}

/// The current arrears as the export states them on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatedArrears {
    /// Zero or more.
    pub amount_cents: i64,
    pub on_date: NaiveDate,
}

/// A row that passed every check, in canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenancyRow {
    pub line: u64,
    pub reference: String,
    /// The tenant, then the co-tenant if any.
    pub tenants: Vec<String>,
    pub address: Address,
    pub grounds: Grounds,
    pub monthly_rent_cents: i64,
    pub start_date: NaiveDate,
    pub arrears: Option<StatedArrears>,
}

/// Every problem of the row, in header order, or the row. `today` is the
/// default for the arrears' date and the latest date it may have.
pub fn validate_tenancy(raw: &RawTenancy, today: NaiveDate) -> Result<TenancyRow, Vec<RowError>> {
    use TenancyField as F;
    let mut errors: Vec<(F, Reject)> = Vec::new();
    let field = |f: F, required: bool, errors: &mut Vec<(F, Reject)>| -> Option<String> {
        let value = raw.get(f);
        if value.is_empty() {
            if required {
                errors.push((f, Reject::new("value.required", "is verplicht")));
            }
            return None;
        }
        match check_tenancy_value(f, value) {
            Ok(()) => Some(value.to_string()),
            Err(reject) => {
                errors.push((f, reject));
                None
            }
        }
    };
    let reference = field(F::Referentie, true, &mut errors);
    let tenant = field(F::Huurder, true, &mut errors);
    let co_tenant = field(F::Medehuurder, false, &mut errors);
    let street = field(F::Straatnaam, false, &mut errors);
    let number = field(F::Huisnummer, true, &mut errors);
    let addition = field(F::Huisnummertoevoeging, false, &mut errors);
    let postcode = field(F::Postcode, true, &mut errors);
    let city = field(F::Plaatsnaam, false, &mut errors);
    let rent = field(F::Maandhuur, true, &mut errors);
    let start = field(F::Ingangsdatum, true, &mut errors);
    let grounds = field(F::Grond, false, &mut errors);
    let arrears = field(F::Achterstand, false, &mut errors);
    let arrears_date = field(F::AchterstandPeildatum, false, &mut errors);

    // Each value below passed `check_tenancy_value`, so parsing again succeeds.
    let number = number.and_then(|v| n::parse_house_number(&v).ok());
    let addition = addition.and_then(|v| n::parse_addition(&v).ok().flatten());
    let number = number.and_then(|number| {
        number
            .with_addition(addition)
            .map_err(|r| errors.push((F::Huisnummertoevoeging, r)))
            .ok()
    });
    let start_date = start.and_then(|v| n::parse_date(&v).ok());
    let arrears_date = arrears_date.and_then(|v| n::parse_date(&v).ok());
    if let Some(date) = arrears_date {
        if date > today {
            errors.push((
                F::AchterstandPeildatum,
                Reject::new("date.future", "ligt in de toekomst"),
            ));
        }
        if raw.get(F::Achterstand).is_empty() {
            errors.push((
                F::AchterstandPeildatum,
                Reject::new(
                    "arrears.date_without_amount",
                    "een peildatum zonder achterstand; vul ook de kolom achterstand in",
                ),
            ));
        }
    }
    if let (Some(start), Some(date)) = (start_date, arrears_date) {
        if date < start {
            errors.push((
                F::AchterstandPeildatum,
                Reject::new(
                    "arrears.before_start",
                    "ligt voor de ingangsdatum van de huurovereenkomst",
                ),
            ));
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|(f, _)| f.index());
        return Err(errors
            .into_iter()
            .map(|(f, r)| RowError {
                column: f.name(),
                code: r.code,
                message: r.message,
            })
            .collect());
    }
    let (Some(reference), Some(tenant), Some(number), Some(postcode), Some(rent), Some(start_date)) =
        (reference, tenant, number, postcode, rent, start_date)
    else {
        unreachable!("every required field was checked above");
    };
    let tidy = |v: String| n::parse_text(&v, MAX_PLACE_CHARS).unwrap_or(v);
    let mut tenants = vec![tidy_name(tenant)];
    tenants.extend(co_tenant.map(tidy_name));
    Ok(TenancyRow {
        line: raw.line,
        reference: reference.trim().to_string(),
        tenants,
        address: Address {
            street: street.map(tidy),
            house_number: number.number,
            addition: number.addition,
            postcode: n::parse_postcode(&postcode)
                .map(|p| p.into_string())
                .unwrap_or(postcode),
            city: city.map(tidy),
        },
        grounds: grounds
            .and_then(|g| parse_grounds(&g).ok())
            .unwrap_or_default(),
        monthly_rent_cents: positive_amount(&rent).unwrap_or_default(),
        start_date,
        arrears: arrears.map(|a| StatedArrears {
            amount_cents: arrears_amount(&a).unwrap_or_default(),
            on_date: arrears_date.unwrap_or(today),
        }),
    })
}

fn tidy_name(value: String) -> String {
    n::parse_text(&value, MAX_NAME_CHARS).unwrap_or(value)
}

/// Checks one value on its own, as `validate_tenancy` reads it: for an
/// import profile's fixed defaults. Empty is fine here.
pub fn check_tenancy_value(field: TenancyField, value: &str) -> Result<(), Reject> {
    use TenancyField as F;
    if value.trim().is_empty() {
        return Ok(());
    }
    match field {
        F::Referentie => n::parse_kenmerk(value).map(drop),
        F::Huurder | F::Medehuurder => n::parse_surname(value).map(drop),
        F::Straatnaam | F::Plaatsnaam => n::parse_text(value, MAX_PLACE_CHARS).map(drop),
        F::Huisnummer => n::parse_house_number(value).map(drop),
        F::Huisnummertoevoeging => n::parse_addition(value).map(drop),
        F::Postcode => n::parse_postcode(value).map(drop),
        F::Maandhuur => positive_amount(value).map(drop),
        F::Ingangsdatum | F::AchterstandPeildatum => n::parse_date(value).map(drop),
        F::Grond => parse_grounds(value).map(drop),
        F::Achterstand => arrears_amount(value).map(drop),
    }
}

/// The grounds by slug; case, spaces and `-` are forgiven ("Ernstige
/// overlast"), since people type them in spreadsheets.
pub fn parse_grounds(value: &str) -> Result<Grounds, Reject> {
    let slug = value.trim().to_lowercase().replace([' ', '-'], "_");
    Grounds::from_slug(&slug).ok_or_else(|| {
        let slugs: Vec<&str> = Grounds::ALL.iter().map(|g| g.slug()).collect();
        Reject::new(
            "grounds.unknown",
            format!("is geen bekende grond; kies uit {}", slugs.join(", ")),
        )
    })
}

fn positive_amount(value: &str) -> Result<i64, Reject> {
    let cents = arrears_amount(value)?;
    if cents == 0 {
        return Err(Reject::new(
            "amount.not_positive",
            "moet groter dan nul zijn",
        ));
    }
    Ok(cents)
}

/// Zero (nothing owed) up to the maximum.
fn arrears_amount(value: &str) -> Result<i64, Reject> {
    let cents = n::parse_amount_cents(value)?;
    if cents < 0 {
        return Err(Reject::new("amount.negative", "mag niet negatief zijn"));
    }
    if cents > MAX_AMOUNT_CENTS {
        return Err(Reject::new(
            "amount.too_large",
            "is groter dan het maximum van € 1.000.000",
        ));
    }
    Ok(cents)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn raw(cells: &[(TenancyField, &str)]) -> RawTenancy {
        let mut raw = RawTenancy::new(2);
        for (f, v) in cells {
            raw.set(*f, v);
        }
        raw
    }

    fn complete() -> Vec<(TenancyField, &'static str)> {
        use TenancyField as F;
        vec![
            (F::Referentie, "HO-1"),
            (F::Huurder, "J. Jansen"),
            (F::Medehuurder, "P.  de Vries"),
            (F::Huisnummer, "12-a"),
            (F::Postcode, "2517 ab"),
            (F::Maandhuur, "€ 712,50"),
            (F::Ingangsdatum, "01-03-2019"),
            (F::Grond, "Ernstige overlast"),
            (F::Achterstand, "1.425,00"),
        ]
    }

    #[test]
    fn header_names_in_order() {
        let header: Vec<&str> = TenancyField::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(
            header.join(";"),
            "referentie;huurder;medehuurder;straatnaam;huisnummer;huisnummertoevoeging;\
             postcode;plaatsnaam;maandhuur;ingangsdatum;grond;achterstand;achterstand_peildatum"
        );
        for (i, f) in TenancyField::ALL.iter().enumerate() {
            assert_eq!(f.index(), i);
        }
    }

    #[test]
    fn a_complete_row_is_canonical() {
        let row = validate_tenancy(&raw(&complete()), today()).unwrap();
        assert_eq!(row.reference, "HO-1");
        assert_eq!(row.tenants, ["J. Jansen", "P. de Vries"]);
        assert_eq!(row.address.household_key(), "2517AB|12|A");
        assert_eq!(row.grounds, Grounds::ErnstigeOverlast);
        assert_eq!(row.monthly_rent_cents, 71_250);
        assert_eq!(row.start_date, NaiveDate::from_ymd_opt(2019, 3, 1).unwrap());
        assert_eq!(
            row.arrears,
            Some(StatedArrears {
                amount_cents: 142_500,
                on_date: today()
            })
        );
    }

    #[test]
    fn every_problem_is_reported_in_header_order() {
        use TenancyField as F;
        type Cells<'a> = &'a [(TenancyField, &'a str)];
        let cases: &[(Cells, &[(&str, &str)])] = &[
            (
                &[],
                &[
                    ("referentie", "value.required"),
                    ("huurder", "value.required"),
                    ("huisnummer", "value.required"),
                    ("postcode", "value.required"),
                    ("maandhuur", "value.required"),
                    ("ingangsdatum", "value.required"),
                ],
            ),
            (
                &[
                    (F::Postcode, "25170"),
                    (F::Maandhuur, "0"),
                    (F::Grond, "wanbetaling"),
                ],
                &[
                    ("postcode", "postcode.format"),
                    ("maandhuur", "amount.not_positive"),
                    ("grond", "grounds.unknown"),
                ],
            ),
            (
                &[(F::Achterstand, "-5"), (F::Ingangsdatum, "31-02-2020")],
                &[
                    ("ingangsdatum", "date.invalid"),
                    ("achterstand", "amount.negative"),
                ],
            ),
            (
                &[(F::Huisnummertoevoeging, "B")],
                &[("huisnummertoevoeging", "house_number.conflict")],
            ),
            (
                &[
                    (F::AchterstandPeildatum, "2030-01-01"),
                    (F::Achterstand, ""),
                ],
                &[
                    ("achterstand_peildatum", "date.future"),
                    ("achterstand_peildatum", "arrears.date_without_amount"),
                ],
            ),
            (
                &[(F::AchterstandPeildatum, "2018-01-01")],
                &[("achterstand_peildatum", "arrears.before_start")],
            ),
        ];
        for (cells, expected) in cases {
            let mut row = raw(&complete());
            for (f, v) in cells.iter() {
                row.set(*f, v);
            }
            if cells.is_empty() {
                row = RawTenancy::new(2);
            }
            let got: Vec<(&str, &str)> = validate_tenancy(&row, today())
                .unwrap_err()
                .iter()
                .map(|e| (e.column, e.code))
                .collect();
            assert_eq!(got, *expected, "{cells:?}");
        }
    }

    #[test]
    fn grounds_table() {
        let cases = [
            ("huurachterstand", Some(Grounds::Huurachterstand)),
            (" Hennep ", Some(Grounds::Hennep)),
            ("ernstige-overlast", Some(Grounds::ErnstigeOverlast)),
            ("drugs", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_grounds(input).ok(), expected, "{input}");
        }
    }
}
