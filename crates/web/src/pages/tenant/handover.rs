//! The warm handover of a tenant who asks for help: a rent signal to the
//! gemeente at once, through the same `ImportRun` (validation, routing,
//! matching, storage) as the API, the upload page and the CLI. The
//! verhuurder is the signal partner (partner type Huur). Of what the decree
//! requires of a rent signal, the tenant's request itself is the personal
//! contact and came from the page that points to debt help; the written
//! reminder is the tenancy's earliest letter. Without one (a link made
//! without a letter) the signal is refused by the same rules, and the
//! caller records the tenant's request anyway, with the missing column for
//! the verhuurder.

use chrono::NaiveDate;
use vangnet_domain::signal::{RawSignal, SignalField as F};
use vangnet_domain::tenancy::EventKind;
use vangnet_signals::{ImportRun, RunOptions};
use vangnet_store::tenancy::{Tenancy, TenancyEvent};
use vangnet_store::{ImportSource, Store, StoreError};

/// How the tenant wants to be reached, as typed (already checked).
pub struct Contact {
    pub phone: Option<String>,
    pub email: Option<String>,
    /// How and when, for the gemeente's worker.
    pub wish: Option<String>,
}

/// What became of the signal.
#[derive(Debug)]
pub enum Handover {
    /// Stored (new, updated or a duplicate of the same facts).
    Sent { signal_id: i64 },
    /// Refused by the signal rules: the columns that were missing or wrong.
    NotSent { missing: Vec<String> },
}

/// The steps that are written reminders: every letter of the channel.
const LETTERS: [EventKind; 3] = [
    EventKind::Herinnering,
    EventKind::Veertiendagenbrief,
    EventKind::Aanmaning,
];

/// Amounts the way the signal normaliser reads them: "1234,56".
fn amount(cents: i64) -> String {
    format!("{},{:02}", cents / 100, cents % 100)
}

/// The signal's row built from the tenancy and its events.
fn raw_signal(
    tenancy: &Tenancy,
    events: &[TenancyEvent],
    contact: &Contact,
    today: NaiveDate,
) -> RawSignal {
    let data = &tenancy.data;
    // Every letter of the channel is a written reminder with the consent
    // offer of condition (d).
    let first_reminder = events
        .iter()
        .filter(|e| LETTERS.iter().any(|k| k.slug() == e.event.kind))
        .map(|e| e.event.on_date)
        .min();
    let mut raw = RawSignal::new(1);
    let mut set = |field, value: &str| raw.set(field, value);
    set(F::Kenmerk, &data.reference);
    set(F::Soort, "Huur");
    set(F::Bedrag, &amount(tenancy.arrears.arrears_cents.max(0)));
    set(F::Signaaldatum, &today.to_string());
    set(F::WarmeOverdracht, "ja");
    set(
        F::Achternaam,
        data.tenants.first().map(String::as_str).unwrap_or(""),
    );
    set(F::Straatnaam, data.address.street.as_deref().unwrap_or(""));
    set(F::Huisnummer, &data.address.house_number.to_string());
    set(
        F::Huisnummertoevoeging,
        data.address.addition.as_deref().unwrap_or(""),
    );
    set(F::Postcode, &data.address.postcode);
    set(F::Plaatsnaam, data.address.city.as_deref().unwrap_or(""));
    set(F::Telefoon, contact.phone.as_deref().unwrap_or(""));
    set(F::Email, contact.email.as_deref().unwrap_or(""));
    set(F::Contactvoorkeur, contact.wish.as_deref().unwrap_or(""));
    set(F::Maandhuur, &amount(data.monthly_rent_cents));
    // The tenant's own request through the link is personal contact, and
    // the help section it was sent from says the gemeente helps with money
    // worries: conditions (a) and (b) are met by the request itself.
    set(F::ContactGezocht, "ja");
    set(F::GewezenOpSchuldhulp, "ja");
    let reminder = first_reminder.map(|d| d.to_string()).unwrap_or_default();
    set(F::HerinneringVerstuurd, &reminder);
    raw
}

/// Sends the signal through the shared pipeline, as the verhuurder.
pub async fn hand_over(
    store: &dyn Store,
    tenancy: &Tenancy,
    events: &[TenancyEvent],
    contact: &Contact,
    today: NaiveDate,
) -> Result<Handover, StoreError> {
    let partner = store
        .org_by_id(tenancy.verhuurder_org_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let options = RunOptions {
        source: ImportSource::Api,
        actor_label: Some("huurder"),
        per_item: true,
        ..RunOptions::default()
    };
    let mut run = ImportRun::start(store, partner, options).await?;
    run.push(&raw_signal(tenancy, events, contact, today))
        .await?;
    let report = run.finish().await?;
    let Some(item) = report.items.into_iter().next() else {
        return Ok(Handover::NotSent {
            missing: Vec::new(),
        });
    };
    Ok(match item.signal_id {
        Some(signal_id) => Handover::Sent { signal_id },
        None => Handover::NotSent {
            missing: item.errors.into_iter().map(|e| e.column).collect(),
        },
    })
}
