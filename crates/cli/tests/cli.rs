//! The command line, run as a user would: real binary, real SQLite file.

mod support;

use support::http::vangnet;

fn fresh_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("vangnet.db");
    (dir, db)
}

#[test]
fn migrate_says_which_migrations_ran() {
    let (_dir, db) = fresh_db();
    let (ok, out, _) = vangnet(&["migrate"], &db, None);
    assert!(ok);
    assert!(
        out.contains("Migratie uitgevoerd: 0001_foundation"),
        "{out}"
    );
    let (ok, out, _) = vangnet(&["migrate"], &db, None);
    assert!(ok);
    assert!(out.contains("geen migraties uitgevoerd"), "{out}");
}

#[test]
fn an_installation_gets_its_organisations_users_and_tokens() {
    let (_dir, db) = fresh_db();
    let add_org = [
        "org",
        "add",
        "--code",
        "den-haag",
        "--name",
        "Gemeente Den Haag",
        "--kind",
        "gemeente",
        "--gemeentecode",
        "0518",
        "--postcodes",
        "2490-2599,2612",
    ];
    let (ok, out, err) = vangnet(&add_org, &db, None);
    assert!(ok, "{err}");
    assert!(out.contains("Organisatie toegevoegd: den-haag"));
    let (ok, _, err) = vangnet(&add_org, &db, None);
    assert!(!ok);
    assert!(err.contains("deze organisatiecode bestaat al"), "{err}");

    let overlap = [
        "org",
        "add",
        "--code",
        "rijswijk",
        "--name",
        "Gemeente Rijswijk",
        "--kind",
        "gemeente",
        "--gemeentecode",
        "0603",
        "--postcodes",
        "2280-2289,2595-2605",
    ];
    let (ok, _, err) = vangnet(&overlap, &db, None);
    assert!(!ok);
    assert!(
        err.contains("postcode 2595-2599 valt al onder Gemeente Den Haag"),
        "{err}"
    );

    let (ok, out, _) = vangnet(&["org", "list", "--json"], &db, None);
    assert!(ok);
    let orgs: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(orgs[0]["gemeentecode"], "0518");

    let add_user = [
        "user",
        "add",
        "--org",
        "den-haag",
        "--email",
        "Ina@DenHaag.example",
        "--name",
        "Ina de Wit",
        "--role",
        "beheerder",
        "--password-stdin",
    ];
    let (ok, out, err) = vangnet(&add_user, &db, Some("een heel goed wachtwoord\n"));
    assert!(ok, "{err}");
    assert!(
        out.contains("ina@denhaag.example"),
        "e-mail is normalised: {out}"
    );
    let (ok, _, err) = vangnet(&add_user, &db, Some("kort\n"));
    assert!(!ok);
    assert!(
        err.contains("wachtwoord moet minstens 12 tekens hebben"),
        "{err}"
    );

    let (ok, out, _) = vangnet(&["user", "list"], &db, None);
    assert!(
        ok && out.contains("ina@denhaag.example") && out.contains("beheerder"),
        "{out}"
    );
    let (ok, _, err) = vangnet(
        &[
            "user",
            "set-password",
            "--email",
            "ina@denhaag.example",
            "--password-stdin",
        ],
        &db,
        Some("nog een beter wachtwoord\n"),
    );
    assert!(ok, "{err}");
    let (ok, out, _) = vangnet(
        &[
            "user",
            "disable",
            "--email",
            "ina@denhaag.example",
            "--reason",
            "uit dienst",
        ],
        &db,
        None,
    );
    assert!(ok && out.contains("geblokkeerd"), "{out}");

    let (ok, out, err) = vangnet(
        &[
            "token",
            "create",
            "--org",
            "den-haag",
            "--name",
            "rapportage",
            "--scopes",
            "org:read,audit:read",
        ],
        &db,
        None,
    );
    assert!(ok, "{err}");
    assert!(
        out.trim().starts_with("vn_") && out.trim().len() == 67,
        "{out}"
    );
    assert!(err.contains("wordt niet nog eens getoond"));

    let (ok, out, _) = vangnet(&["audit", "verify"], &db, None);
    assert!(ok);
    assert!(out.contains("Auditketen in orde: 5 regels"), "{out}");
}

#[test]
fn mistakes_get_a_plain_message_and_a_failing_exit_code() {
    let (_dir, db) = fresh_db();
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "org", "add", "--code", "x y", "--name", "X", "--kind", "bank",
            ],
            "kind: onbekend soort organisatie 'bank'",
        ),
        (
            &[
                "org", "add", "--code", "den-haag", "--name", "Den Haag", "--kind", "gemeente",
            ],
            "gemeentecode: is verplicht voor een gemeente",
        ),
        (
            &[
                "user",
                "add",
                "--org",
                "bestaat-niet",
                "--email",
                "a@b.nl",
                "--name",
                "A",
                "--role",
                "medewerker",
                "--password-stdin",
            ],
            "organisatie 'bestaat-niet' bestaat niet",
        ),
        (
            &["user", "disable", "--email", "niemand@b.nl"],
            "gebruiker 'niemand@b.nl' bestaat niet",
        ),
        (
            &[
                "token", "create", "--org", "x", "--name", "n", "--scopes", "alles",
            ],
            "organisatie 'x' bestaat niet",
        ),
    ];
    for (args, expected) in cases {
        let (ok, _, err) = vangnet(args, &db, Some("een heel goed wachtwoord\n"));
        assert!(!ok, "{args:?} should fail");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
            "{err}"
        );
    }
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let (ok, _, err) = vangnet(&["serve", "--listen", &address], &db, None);
    assert!(!ok);
    assert!(
        err.contains(&format!("kan niet luisteren op {address}")),
        "{err}"
    );
}

#[test]
fn every_command_has_help() {
    let (_dir, db) = fresh_db();
    let commands: &[&[&str]] = &[
        &[],
        &["serve"],
        &["demo"],
        &["migrate"],
        &["org", "add"],
        &["org", "list"],
        &["user", "add"],
        &["user", "list"],
        &["user", "set-password"],
        &["user", "disable"],
        &["token", "create"],
        &["backup"],
        &["audit", "verify"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.push("--help");
        let (ok, out, _) = vangnet(&args, &db, None);
        assert!(ok && out.contains("Usage:"), "{command:?}: {out}");
    }
}

#[tokio::test]
async fn audit_verify_names_a_tampered_entry_and_backup_copies_a_clean_chain() {
    let (dir, db) = fresh_db();
    for code in ["org-a", "org-b", "org-c"] {
        let (ok, _, err) = vangnet(
            &[
                "org",
                "add",
                "--code",
                code,
                "--name",
                code,
                "--kind",
                "verhuurder",
            ],
            &db,
            None,
        );
        assert!(ok, "{err}");
    }
    let copy = dir.path().join("kopie.db");
    let (ok, out, err) = vangnet(&["backup", "--to", copy.to_str().unwrap()], &db, None);
    assert!(ok && out.contains("Back-up geschreven"), "{err}");
    let (ok, _, err) = vangnet(&["backup", "--to", copy.to_str().unwrap()], &db, None);
    assert!(!ok && err.contains("bestaat al"), "{err}");

    // An attacker with file access edits a row behind the trigger's back.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    sqlx::query("DROP TRIGGER audit_log_no_update")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("UPDATE audit_log SET object_id = '99' WHERE seq = 2")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;

    let (ok, _, err) = vangnet(&["audit", "verify"], &db, None);
    assert!(!ok, "tampering must fail the check");
    assert!(err.contains("auditketen verbroken bij regel 2"), "{err}");

    let (ok, out, _) = vangnet(&["audit", "verify"], &copy, None);
    assert!(
        ok && out.contains("3 regels"),
        "the backup holds the clean chain: {out}"
    );
}

#[test]
fn serve_stops_gracefully_on_sigterm() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let (_dir, db) = fresh_db();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vangnet"))
        .args(["serve", "--listen", "127.0.0.1:0", "--database-url"])
        .arg(format!("sqlite://{}", db.display()))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(
        first.starts_with("vangnet draait op http://127.0.0.1:"),
        "{first}"
    );
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(child.wait().unwrap().success(), "exit code 0 after SIGTERM");
    assert!(
        rest.iter().any(|l| l.contains("vangnet is gestopt")),
        "{rest:?}"
    );
}
