//! Helpers shared by the signal tests (API and upload).

use super::http::Client;
use super::server::{DemoServer, DEMO_PASSWORD};
use chrono::{Duration, Utc};

/// A date `days` ago as dd-mm-jjjj (UTC, so never "tomorrow" in Amsterdam).
pub fn days_ago(days: i64) -> String {
    (Utc::now().date_naive() - Duration::days(days))
        .format("%d-%m-%Y")
        .to_string()
}

/// A client logged in as a demo user.
pub fn logged_in(server: &DemoServer, email: &str) -> Client {
    let mut client = Client::new(&server.base_url);
    let reply = client.login(email, DEMO_PASSWORD);
    assert_eq!(reply.status, 303, "login of {email}: {}", reply.body);
    client
}

/// The default header, then one good rent row (line 2, kenmerk
/// `{prefix}-GOED-1`) and one bad row (line 3, `{prefix}-FOUT-1`: no amount,
/// and a surname a spreadsheet would run as a formula).
pub fn upload_csv(prefix: &str) -> String {
    let header = "kenmerk;soort;bedrag;ontstaansdatum;signaaldatum;crisissignaal;\
                  warme_overdracht;bsn;voorletters;voorvoegsel;achternaam;geboortedatum;\
                  straatnaam;huisnummer;huisnummertoevoeging;postcode;plaatsnaam;telefoon;\
                  email;maandhuur;contact_gezocht;gewezen_op_schuldhulp;\
                  herinnering_verstuurd;bezwaar_tegen_doorgeven";
    let good = format!(
        "{prefix}-GOED-1;Huur;1.234,56;{};{};nee;nee;;K.;;Goedhart;;Teststraat;5;;2516 AB;\
         Den Haag;;;725,00;ja;ja;{};nee",
        days_ago(70),
        days_ago(4),
        days_ago(15)
    );
    let bad = format!(
        "{prefix}-FOUT-1;Huur;;{};{};nee;nee;;K.;;\"=HYPERLINK(\"\"x\"\")\";;Teststraat;6;;\
         2516 AB;Den Haag;;;725,00;ja;ja;{};nee",
        days_ago(70),
        days_ago(4),
        days_ago(15)
    );
    format!("{header}\r\n{good}\r\n{bad}\r\n")
}
