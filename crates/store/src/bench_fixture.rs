//! Shortcuts that only benchmarks may take: shaping a large fixture with a
//! few set-wide statements instead of a hundred thousand audited steps.
//! Not for application use.

use crate::{PgStore, Result, SqliteStore, Store, StoreError};
use chrono::NaiveDate;

async fn execute(store: &dyn Store, sql: &str, binds: &[i64]) -> Result<()> {
    if let Some(s) = store.as_any().downcast_ref::<SqliteStore>() {
        let mut query = sqlx::query(sql);
        for value in binds {
            query = query.bind(*value);
        }
        query.execute(s.pool()).await?;
    } else if let Some(s) = store.as_any().downcast_ref::<PgStore>() {
        let mut query = sqlx::query(sql);
        for value in binds {
            query = query.bind(*value);
        }
        query.execute(s.pool()).await?;
    } else {
        return Err(StoreError::Unsupported("onbekende opslag".into()));
    }
    Ok(())
}

/// A realistic mix of case states for the queue's filters to find: a tenth
/// of the gemeente's cases assigned to `worker`, a third picked up.
pub async fn spread_queue_work(store: &dyn Store, gemeente: i64, worker: i64) -> Result<()> {
    let assign =
        "UPDATE cases SET assignee_user_id = $2 WHERE id % 10 = 0 AND gemeente_org_id = $1";
    let pick_up = "UPDATE cases SET stage = 'opgepakt', picked_up_on = opened_on \
         WHERE id % 3 = 0 AND gemeente_org_id = $1";
    execute(store, assign, &[gemeente, worker]).await?;
    execute(store, pick_up, &[gemeente]).await
}

/// A live database has planner statistics (autovacuum, `PRAGMA optimize`);
/// a freshly filled one must gather them before plans mean anything. On
/// PostgreSQL, autovacuum also keeps the visibility map that lets a
/// covering index be read without the table (an index-only scan).
pub async fn analyze(store: &dyn Store) -> Result<()> {
    let sql = match Dialect::of(store) {
        Dialect::Sqlite => "ANALYZE",
        Dialect::Postgres => "VACUUM ANALYZE",
    };
    execute(store, sql, &[]).await
}

/// A fresh, empty database next to the one `admin_url` names, for a
/// benchmark to fill; `drop_database` removes it afterwards.
pub async fn create_database(admin_url: &str, name: &str) -> Result<PgStore> {
    let admin = PgStore::connect(admin_url).await?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(admin.pool())
        .await?;
    admin.pool().close().await;
    let (base, _) = admin_url
        .rsplit_once('/')
        .ok_or_else(|| StoreError::Unsupported("de PostgreSQL-URL mist een databasenaam".into()))?;
    PgStore::connect(&format!("{base}/{name}")).await
}

pub async fn drop_database(admin_url: &str, store: PgStore, name: &str) -> Result<()> {
    store.pool().close().await;
    let admin = PgStore::connect(admin_url).await?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
        .execute(admin.pool())
        .await?;
    Ok(())
}

/// The few spellings the statistics fixture needs per backend: dates are
/// text in SQLite and `DATE` in PostgreSQL.
#[derive(Clone, Copy)]
enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    fn of(store: &dyn Store) -> Dialect {
        match store.backend() {
            "postgres" => Dialect::Postgres,
            _ => Dialect::Sqlite,
        }
    }

    /// `date` plus `days` (an integer SQL expression).
    fn plus_days(self, date: &str, days: &str) -> String {
        match self {
            Dialect::Sqlite => format!("date({date}, ({days}) || ' days')"),
            Dialect::Postgres => format!("({date} + CAST({days} AS INTEGER))"),
        }
    }

    fn date(self, day: chrono::NaiveDate) -> String {
        match self {
            Dialect::Sqlite => format!("'{day}'"),
            Dialect::Postgres => format!("DATE '{day}'"),
        }
    }

    fn now(self) -> String {
        let now = crate::ts::Ts(chrono::Utc::now());
        match self {
            Dialect::Sqlite => format!("'{}'", now.text()),
            Dialect::Postgres => "now()".into(),
        }
    }
}

/// `CASE <key> WHEN 0 THEN '<text>' …`: DDAS texts spread by `key`.
fn texts_by(key: &str, texts: &[&str]) -> String {
    let arms: String = texts
        .iter()
        .enumerate()
        .map(|(i, t)| format!(" WHEN {i} THEN '{}'", t.replace('\'', "''")))
        .collect();
    format!("CASE {key}{arms} END")
}

/// Case work as two years of a busy team would leave it, set-wide on every
/// case opened before `today`: 8% declined (with a DDAS reason), the rest
/// picked up within a week, a first attempt within days, contact made for
/// about two thirds, 15% handed to `helper`, and cases older than two
/// months closed with a spread of DDAS end results. Repeats are the
/// intake's own (`repeat_of_case_id`).
pub async fn spread_case_progress(
    store: &dyn Store,
    helper: i64,
    today: chrono::NaiveDate,
) -> Result<()> {
    use vangnet_domain::ddas::EndResult as E;
    let d = Dialect::of(store);
    let h = "((id * 37) % 100)";
    let declined = texts_by(
        "(id % 3)",
        &[
            E::NotPickedUpWrongSignal.ddas(),
            E::NotPickedUpRepeatSignal.ddas(),
            E::NotPickedUpOtherReason.ddas(),
        ],
    );
    let decline = format!(
        "UPDATE cases SET stage = 'niet-opgepakt', end_result = {declined}, \
         closed_on = {} WHERE {h} < 8",
        d.plus_days("opened_on", "3")
    );
    execute(store, &decline, &[]).await?;
    let picked = d.plus_days("opened_on", "id % 6");
    let first = d.plus_days("opened_on", "id % 6 + id % 4");
    let recent = d.plus_days(&d.date(today), "-10");
    let pick_up = format!(
        "UPDATE cases SET stage = CASE WHEN {h} BETWEEN 40 AND 54 THEN 'overgedragen' \
         ELSE 'opgepakt' END, picked_up_on = {picked}, first_contact_on = {first}, \
         contact_made_on = CASE WHEN {h} < 70 THEN {first} END, \
         handed_off_to_org_id = CASE WHEN {h} BETWEEN 40 AND 54 THEN $1 END \
         WHERE {h} >= 8 AND opened_on <= {recent}"
    );
    execute(store, &pick_up, &[helper]).await?;
    let reached = texts_by(
        "(id % 6)",
        &[
            E::AdviceOrQuickFix.ddas(),
            E::FinancialFollowUp.ddas(),
            E::AlreadyPaid.ddas(),
            E::NoHelpWanted.ddas(),
            E::NonFinancialFollowUp.ddas(),
            E::KnownToDebtHelp.ddas(),
        ],
    );
    let unreached = texts_by(
        "(id % 2)",
        &[
            E::NoContactPossible.ddas(),
            E::ReferralWithoutContact.ddas(),
        ],
    );
    let close = format!(
        "UPDATE cases SET stage = 'afgesloten', closed_on = {}, \
         end_result = CASE WHEN contact_made_on IS NULL THEN {unreached} ELSE {reached} END \
         WHERE stage IN ('opgepakt', 'overgedragen') AND opened_on <= {}",
        d.plus_days("opened_on", "20 + id % 40"),
        d.plus_days(&d.date(today), "-60"),
    );
    execute(store, &close, &[]).await
}

/// One gemeente of the statistics fixture: its id, CBS code and the PC4
/// range it serves.
pub struct FixtureGemeente {
    pub id: i64,
    pub code: String,
    pub pc4: (u16, u16),
}

/// The track events of the fixture: (kind, days before the tenancy's
/// outcome day, details, the ids it goes to: a window of `(id * 13) %
/// 1000`). The windows make stories: the first 1.5% are evicted, the next
/// ones prevented after court, arrangements kept or broken further on.
const TRACK: &[(&str, i64, &str, (i64, i64))] = &[
    ("herinnering", 90, "{}", (0, 1000)),
    ("veertiendagenbrief", 75, "{}", (0, 800)),
    (
        "contactpoging",
        70,
        r#"{"soort":"Telefoon","bereikt":true}"#,
        (0, 700),
    ),
    ("signaal_gemeente", 68, "{}", (0, 600)),
    ("aanmaning", 60, "{}", (0, 400)),
    ("betalingsregeling_aangeboden", 55, "{}", (0, 500)),
    (
        "betalingsregeling",
        50,
        r#"{"status":"lopend"}"#,
        (100, 450),
    ),
    (
        "betalingsregeling",
        20,
        r#"{"status":"verbroken"}"#,
        (100, 250),
    ),
    (
        "betalingsregeling",
        5,
        r#"{"status":"nagekomen"}"#,
        (250, 450),
    ),
    ("deurwaarder", 45, "{}", (0, 250)),
    ("dagvaarding", 35, "{}", (0, 120)),
    ("vonnis", 25, "{}", (0, 90)),
    ("betekening", 22, "{}", (0, 80)),
    ("ontruimingsaanzegging", 18, "{}", (0, 60)),
    ("melding_gemeente_ontruiming", 15, "{}", (0, 50)),
    ("ontruiming_gepland", 7, "{}", (0, 20)),
    ("ontruimd", 0, "{}", (0, 15)),
    ("voorkomen", 0, r#"{"hoe":"laatste_kans"}"#, (15, 30)),
    ("voorkomen", 0, r#"{"hoe":"betaald"}"#, (30, 70)),
    ("voorkomen", 0, r#"{"hoe":"schuldhulp"}"#, (100, 150)),
    ("voorkomen", 0, r#"{"hoe":"betalingsregeling"}"#, (250, 380)),
    ("voorkomen", 0, r#"{"hoe":"anders"}"#, (380, 395)),
];

/// `count` tenancies of `verhuurder` with rent due, payments and track
/// events, in bulk: tenancy `i` lies in the gemeenten by the same shares
/// as the generated signals (a PC4 from 2490-2599, 2280-2289, or 9999 that
/// no gemeente serves), its outcome day spread over the two years up to
/// `today`. Each event kind goes to a fixed share of the tenancies (by a
/// hash of the id); meldingen also get their art. 14 notice, linked to a
/// case of the gemeente. Deterministic.
pub async fn bulk_tenancies(
    store: &dyn Store,
    verhuurder: i64,
    count: i64,
    gemeenten: &[FixtureGemeente],
    today: chrono::NaiveDate,
) -> Result<()> {
    let d = Dialect::of(store);
    let now = d.now();
    let pc4 = "(CASE WHEN i % 100 < 85 THEN 2490 + (i * 7) % 110 \
               WHEN i % 100 < 97 THEN 2280 + i % 10 ELSE 9999 END)";
    let routed = |field: &dyn Fn(&FixtureGemeente) -> String| -> String {
        let arms: String = gemeenten
            .iter()
            .map(|g| {
                format!(
                    " WHEN p BETWEEN {} AND {} THEN {}",
                    g.pc4.0,
                    g.pc4.1,
                    field(g)
                )
            })
            .collect();
        format!("CASE{arms} END")
    };
    let gemeente = routed(&|g| g.id.to_string());
    let code = routed(&|g| format!("'{}'", g.code.replace('\'', "")));
    let start = d.plus_days(&d.date(today), "-3000 - i % 2000");
    let tenancies = format!(
        "INSERT INTO tenancies (verhuurder_org_id, reference, tenants, street, house_number, \
         postcode, city, household_key, gemeente_org_id, gemeentecode, monthly_rent_cents, \
         start_date, created_at, updated_at) \
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2), \
         m(i, p) AS (SELECT i, {pc4} FROM n) \
         SELECT $1, 'BENCH-' || i, '[\"Huurder ' || i || '\"]', 'Benchstraat', 1 + i % 300, \
         p || 'BA', 'Benchstad', p || 'BA|' || (1 + i % 300) || '|' || i, {gemeente}, {code}, \
         50000 + (i % 40) * 1000, {start}, {now}, {now} FROM m"
    );
    execute(store, &tenancies, &[verhuurder, count]).await?;
    // The outcome day of tenancy `id`, somewhere in the two years.
    let outcome = |days_before: &str| {
        d.plus_days(
            &d.date(today),
            &format!("-((id * 7) % 730) - ({days_before})"),
        )
    };
    let ledger = format!(
        "INSERT INTO tenancy_ledger (tenancy_id, kind, on_date, amount_cents, description, \
         reference, created_at) \
         SELECT id, 'due', {}, monthly_rent_cents, 'Huur', 'huur-' || k, {now} \
         FROM tenancies CROSS JOIN (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3 \
         UNION ALL SELECT 4) months WHERE verhuurder_org_id = $1",
        outcome("95 + 30 * k")
    );
    execute(store, &ledger, &[verhuurder]).await?;
    let paid = format!(
        "INSERT INTO tenancy_ledger (tenancy_id, kind, on_date, amount_cents, description, \
         reference, created_at) \
         SELECT id, 'payment', {}, 4 * monthly_rent_cents, 'Betaling', 'betaling', {now} \
         FROM tenancies WHERE verhuurder_org_id = $1 AND (id * 13) % 1000 >= 15",
        outcome("0")
    );
    execute(store, &paid, &[verhuurder]).await?;
    for (kind, days, details, (from, to)) in TRACK {
        let share = format!("(id * 13) % 1000 BETWEEN {from} AND {}", to - 1);
        let event = format!(
            "INSERT INTO tenancy_events (tenancy_id, kind, on_date, details, recorded_at) \
             SELECT id, '{kind}', {}, '{details}', {now} FROM tenancies \
             WHERE verhuurder_org_id = $1 AND {share}",
            outcome(&days.to_string())
        );
        execute(store, &event, &[verhuurder]).await?;
    }
    let notices = format!(
        "INSERT INTO eviction_notices (tenancy_id, event_id, gemeente_org_id, \
         verhuurder_org_id, case_id, tenants, street, house_number, postcode, city, \
         household_key, notified_on, intended_date, created_at) \
         SELECT t.id, e.id, t.gemeente_org_id, t.verhuurder_org_id, \
         (SELECT MIN(c.id) FROM cases c WHERE c.gemeente_org_id = t.gemeente_org_id), \
         t.tenants, t.street, t.house_number, t.postcode, t.city, t.household_key, e.on_date, \
         {}, {now} FROM tenancy_events e JOIN tenancies t ON t.id = e.tenancy_id \
         WHERE t.verhuurder_org_id = $1 AND e.kind = 'melding_gemeente_ontruiming' \
         AND t.gemeente_org_id IS NOT NULL \
         AND EXISTS (SELECT 1 FROM cases c WHERE c.gemeente_org_id = t.gemeente_org_id)",
        d.plus_days("e.on_date", "30")
    );
    execute(store, &notices, &[verhuurder]).await?;
    let decisions = format!(
        "INSERT INTO gate_decisions (tenancy_id, tenancy_version, step, evaluated_on, \
         allowed, reasons, policy_version, decided_at) \
         SELECT e.tenancy_id, 1, e.kind, e.on_date, e.id % 10 <> 0, '[]', 'bench', {now} \
         FROM tenancy_events e JOIN tenancies t ON t.id = e.tenancy_id \
         WHERE t.verhuurder_org_id = $1 AND e.kind IN ('deurwaarder', 'dagvaarding', \
         'ontruimingsaanzegging', 'ontruiming_gepland')"
    );
    execute(store, &decisions, &[verhuurder]).await
}

async fn scalar(
    store: &dyn Store,
    sql: &str,
    gemeente: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<i64> {
    let count = if let Some(s) = store.as_any().downcast_ref::<SqliteStore>() {
        let mut query = sqlx::query_scalar::<_, i64>(sql);
        if sql.contains("$1") {
            query = query.bind(gemeente).bind(from).bind(to);
        }
        query.fetch_one(s.pool()).await?
    } else if let Some(s) = store.as_any().downcast_ref::<PgStore>() {
        let mut query = sqlx::query_scalar::<_, i64>(sql);
        if sql.contains("$1") {
            query = query.bind(gemeente).bind(from).bind(to);
        }
        query.fetch_one(s.pool()).await?
    } else {
        return Err(StoreError::Unsupported("onbekende opslag".into()));
    };
    Ok(count)
}

/// How many rows the fixture holds, in all and for `gemeente` from `from`
/// to `to` (what its dashboard reads).
pub async fn row_counts(
    store: &dyn Store,
    gemeente: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(String, i64)>> {
    let queries = [
        ("signals", "SELECT COUNT(*) FROM signals"),
        ("cases", "SELECT COUNT(*) FROM cases"),
        ("tenancies", "SELECT COUNT(*) FROM tenancies"),
        ("tenancy_ledger", "SELECT COUNT(*) FROM tenancy_ledger"),
        ("tenancy_events", "SELECT COUNT(*) FROM tenancy_events"),
        ("eviction_notices", "SELECT COUNT(*) FROM eviction_notices"),
        ("gate_decisions", "SELECT COUNT(*) FROM gate_decisions"),
        (
            "gemeente_signals_in_year",
            "SELECT COUNT(*) FROM signals WHERE gemeente_org_id = $1 \
             AND signal_date BETWEEN $2 AND $3",
        ),
        (
            "gemeente_cases_in_year",
            "SELECT COUNT(*) FROM cases WHERE gemeente_org_id = $1 \
             AND opened_on BETWEEN $2 AND $3",
        ),
        (
            "gemeente_tenancy_events_in_year",
            "SELECT COUNT(*) FROM tenancy_events e JOIN tenancies t ON t.id = e.tenancy_id \
             WHERE t.gemeente_org_id = $1 AND e.on_date BETWEEN $2 AND $3",
        ),
    ];
    let mut counts = Vec::new();
    for (name, sql) in queries {
        counts.push((
            name.to_string(),
            scalar(store, sql, gemeente, from, to).await?,
        ));
    }
    Ok(counts)
}
