//! Helpers for the case-work tests: the queue as rows, the case page's
//! version, posting a step's form, and the audit log as stored.

use super::http::{Client, Reply};
use super::server::DemoServer;

/// One row of the work queue: the case id and the household's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueRow {
    pub id: i64,
    pub household: String,
    pub text: String,
}

/// The rows of a queue page, in their order.
pub fn queue_rows(body: &str) -> Vec<QueueRow> {
    let Some(tbody) = body.split("<tbody>").nth(1) else {
        return Vec::new();
    };
    let tbody = tbody.split("</tbody>").next().unwrap_or("");
    tbody
        .split("<tr>")
        .skip(1)
        .filter_map(|row| {
            let marker = "href=\"/gemeente/zaken/";
            let start = row.find(marker)? + marker.len();
            let id = row[start..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .ok()?;
            // Priority, household, first signal, ...: the case is a <th>.
            let cells: Vec<String> = row
                .split("<td")
                .skip(1)
                .map(|cell| {
                    let content = &cell[cell.find('>').map_or(0, |i| i + 1)..];
                    strip_tags(content.split("</td>").next().unwrap_or(""))
                })
                .collect();
            Some(QueueRow {
                id,
                household: cells.get(1).cloned().unwrap_or_default(),
                text: strip_tags(row),
            })
        })
        .collect()
}

/// The text of some HTML, tags removed and spaces collapsed.
pub fn strip_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The queue (with a query such as `?termijn=verlopen`) as rows; panics
/// unless it answers 200.
pub fn queue(client: &mut Client, query: &str) -> Vec<QueueRow> {
    let reply = client.get(&format!("/gemeente/zaken{query}"));
    assert_eq!(reply.status, 200, "queue {query}: {}", reply.body);
    queue_rows(&reply.body)
}

/// The id of the case of the household shown as `household` (e.g.
/// "2526BM 88"), looked up with `query`.
pub fn case_of(client: &mut Client, query: &str, household: &str) -> i64 {
    let rows = queue(client, query);
    rows.iter()
        .find(|r| r.household == household)
        .unwrap_or_else(|| panic!("no case for {household} in queue {query}: {rows:?}"))
        .id
}

/// The case's version, as the page's forms carry it.
pub fn version(page: &Reply) -> String {
    let marker = "name=\"versie\" value=\"";
    let start = page
        .body
        .find(marker)
        .unwrap_or_else(|| panic!("no form with a version: {}", page.body))
        + marker.len();
    let end = page.body[start..].find('"').unwrap() + start;
    page.body[start..end].to_string()
}

/// Posts a step's form with the CSRF token and `version`.
pub fn post_step(
    client: &mut Client,
    case_id: i64,
    step: &str,
    version: &str,
    fields: &[(&str, &str)],
) -> Reply {
    let csrf = client.csrf();
    let mut all = vec![("csrf_token", csrf.as_str()), ("versie", version)];
    all.extend_from_slice(fields);
    client.post_form(&format!("/gemeente/zaken/{case_id}/{step}"), &all)
}

/// Today in Amsterdam as a date field sends it (`jjjj-mm-dd`).
pub fn today() -> String {
    vangnet_domain::calendar::amsterdam_date(chrono::Utc::now())
        .format("%Y-%m-%d")
        .to_string()
}

/// One stored audit entry, as the tests need it.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub detail: String,
    pub reason: String,
    pub actor_user_id: i64,
}

type Stored = (String, String, String, String, String, i64);

/// Every audit entry, oldest first, read from the server's database.
pub fn audit_rows(server: &DemoServer) -> Vec<AuditRow> {
    use sqlx::Connection;
    const SQL: &str = "SELECT action, object_type, COALESCE(object_id, '') AS object_id, \
         CAST(detail AS TEXT) AS detail, COALESCE(reason, '') AS reason, \
         COALESCE(actor_user_id, 0) AS actor_user_id FROM audit_log ORDER BY seq";
    let url = server.database_url.clone();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let rows: Vec<Stored> = runtime.block_on(async move {
        if url.starts_with("postgres") {
            let mut connection = sqlx::PgConnection::connect(&url).await.expect("connect");
            sqlx::query_as(SQL).fetch_all(&mut connection).await
        } else {
            let mut connection = sqlx::SqliteConnection::connect(&url)
                .await
                .expect("connect");
            sqlx::query_as(SQL).fetch_all(&mut connection).await
        }
        .expect("read the audit log")
    });
    rows.into_iter()
        .map(
            |(action, object_type, object_id, detail, reason, actor_user_id)| AuditRow {
                action,
                object_type,
                object_id,
                detail,
                reason,
                actor_user_id,
            },
        )
        .collect()
}

/// The value of the `<option>` labelled `label` on a page.
pub fn option_value(body: &str, label: &str) -> String {
    let end = body
        .find(&format!("\">{label}</option>"))
        .unwrap_or_else(|| panic!("no option {label:?}"));
    let start = body[..end].rfind("value=\"").expect("an option value") + "value=\"".len();
    body[start..end].to_string()
}

/// Every `name="…" value="…"` pair of a page's inputs, the last one winning.
pub fn input_values(body: &str) -> Vec<(String, String)> {
    let mut values: Vec<(String, String)> = Vec::new();
    for part in body.split("<input").skip(1) {
        let attr = |name: &str| {
            let marker = format!(" {name}=\"");
            let start = part.find(&marker)? + marker.len();
            let end = part[start..].find('"')? + start;
            Some(part[start..end].to_string())
        };
        if let (Some(name), Some(value)) = (attr("name"), attr("value")) {
            values.retain(|(n, _)| *n != name);
            values.push((name, value));
        }
    }
    values
}

/// The id of a demo user: logs in once more and reads it from the audit
/// log's newest `login.success` entry.
pub fn user_id(server: &DemoServer, email: &str) -> String {
    super::signals::logged_in(server, email);
    audit_rows(server)
        .into_iter()
        .rev()
        .find(|r| r.action == "login.success")
        .map(|r| r.object_id)
        .expect("a login entry")
}

/// Generates each listed test twice, `sqlite::NAME` and `postgres::NAME`,
/// each on its own fresh `vangnet demo` server; the PostgreSQL one skips
/// (or fails under `VANGNET_TEST_REQUIRE_ALL`) without a test cluster.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    super::$name(&$crate::support::server::DemoServer::start());
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    let Some(server) = $crate::support::server::DemoServer::start_postgres() else {
                        return;
                    };
                    super::$name(&server);
                }
            )*
        }
    };
}

/// Demo logins, one per kind of actor a case has.
pub const WORKER: &str = "medewerker@denhaag.example";
pub const LEAD: &str = "teamleider@denhaag.example";
pub const OTHER_GEMEENTE: &str = "medewerker@rijswijk.example";
pub const HULPVERLENER: &str = "medewerker@schuldhulp.example";
pub const PARTNER: &str = "medewerker@woningstichting.example";

/// Demo households (see `demo_cases`): open since weeks, so overdue;
/// handed off to Schuldhulp Haaglanden; closed; picked up without contact.
pub const OPEN_OVERDUE: &str = "2571GJ 56";
pub const HANDED_OFF: &str = "2526BM 88";
pub const CLOSED: &str = "2574AE 14";
pub const NO_CONTACT_YET: &str = "2562GX 201";
pub const CONTACTED: &str = "2515BP 30";

/// A case's page.
pub fn case_path(id: i64) -> String {
    format!("/gemeente/zaken/{id}")
}

/// The case's current version, as the gemeente's worker sees it.
pub fn current_version(gemeente: &mut Client, id: i64) -> String {
    version(&gemeente.get(&case_path(id)))
}
