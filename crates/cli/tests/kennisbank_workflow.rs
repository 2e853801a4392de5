//! The kennisbank's workflow over HTTP against `vangnet demo`: who may
//! reach which page, a practice from a partner's submission through a
//! request for changes and a resubmission to publication (with a diff for
//! the editor and a stale second decision refused), the public suggestion
//! form's honeypot and rate limit, the synonym list's line errors, and an
//! audit entry for every step without the practice's text. On SQLite and
//! on PostgreSQL.

mod support;

use support::casework::{audit_rows, PARTNER};
use support::http::{Client, Reply};
use support::server::DemoServer;
use support::signals::logged_in;

const EDITOR: &str = "redacteur@redactie.example";
const ADMIN: &str = "beheer@vangnet.example";
const BODY: &str = "Binnen vijf werkdagen na het signaal staat een consulent op de stoep.";

#[path = "kennisbank_workflow/browser.rs"]
mod browser;

on_both_databases!(
    the_pages_are_open_to_whom_the_rules_allow,
    a_submission_is_reviewed_resubmitted_and_published,
    the_public_form_keeps_bots_and_floods_out,
    a_synonym_error_names_its_line,
);

fn practice(title: &str, body: &str) -> Vec<(&'static str, String)> {
    vec![
        ("title", title.to_string()),
        (
            "summary",
            "Een huisbezoek kort na het eerste signaal.".into(),
        ),
        ("body_md", body.to_string()),
        ("phases", "fase-1-huurachterstand".into()),
        ("phases", "preventie".into()),
        ("actors", "gemeente".into()),
        ("region", "Haaglanden".into()),
        ("organisation", "Woningstichting".into()),
        ("contact", "team preventie".into()),
        ("results", "Minder ontruimingen.".into()),
    ]
}

fn post(client: &mut Client, path: &str, fields: &[(&str, String)]) -> Reply {
    let csrf = client.csrf();
    let mut all: Vec<(&str, &str)> = vec![("csrf_token", csrf.as_str())];
    all.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
    client.post_form(path, &all)
}

fn redirected_to(reply: &Reply, path: &str) {
    assert_eq!(reply.status, 303, "{}", reply.body);
    let location = reply.header("location").unwrap_or_default();
    assert!(location.starts_with(path), "{location} is not {path}");
}

/// The review page's revision id of `title` in the editor's queue.
fn queued(editor: &mut Client, title: &str) -> i64 {
    let queue = editor.get("/redactie");
    assert_eq!(queue.status, 200, "{}", queue.body);
    queue
        .body
        .split("<a href=\"/redactie/versies/")
        .skip(1)
        .find(|part| part.contains(&format!(">{title}</a>")))
        .and_then(|part| part.split('"').next()?.parse().ok())
        .unwrap_or_else(|| panic!("{title} is not queued: {}", queue.body))
}

fn the_pages_are_open_to_whom_the_rules_allow(server: &DemoServer) {
    let mut anonymous = Client::new(&server.base_url);
    redirected_to(&anonymous.get("/kennisbank/nieuw"), "/inloggen");
    redirected_to(&anonymous.get("/kennisbank/mijn"), "/inloggen");
    redirected_to(&anonymous.get("/redactie"), "/inloggen");
    let public = anonymous.get("/kennisbank/voorstellen");
    assert_eq!(public.status, 200);
    assert!(public.body.contains("Laat dit veld leeg"));

    let mut partner = logged_in(server, PARTNER);
    let form = partner.get("/kennisbank/nieuw");
    assert_eq!(form.status, 200);
    assert!(form.body.contains("Kennisbank bijdragen"));
    assert!(!form.body.contains(">Redactie</a>"));
    assert!(form.body.contains("name=\"csrf_token\""));
    for path in [
        "/redactie",
        "/redactie/versies/1",
        "/redactie/historie/1",
        "/redactie/verlopen",
        "/redactie/synoniemen",
    ] {
        assert_eq!(partner.get(path).status, 403, "{path}");
    }
    let publish = post(
        &mut partner,
        "/redactie/versies/1/publiceren",
        &[("status", "submitted".into())],
    );
    assert_eq!(publish.status, 403);
    let synonyms = post(
        &mut partner,
        "/redactie/synoniemen",
        &[("synonyms", "a, b".into())],
    );
    assert_eq!(synonyms.status, 403);

    let mut admin = logged_in(server, ADMIN);
    assert_eq!(admin.get("/kennisbank/nieuw").status, 403);
    assert_eq!(admin.get("/redactie").status, 403);

    let mut editor = logged_in(server, EDITOR);
    let queue = editor.get("/redactie");
    assert_eq!(queue.status, 200);
    assert!(queue.body.contains(">Redactie</a>"));
    assert_eq!(editor.get("/redactie/verlopen").status, 200);
    assert_eq!(editor.get("/redactie/synoniemen").status, 200);
}

fn a_submission_is_reviewed_resubmitted_and_published(server: &DemoServer) {
    let title = "Keukentafelgesprek binnen vijf werkdagen";
    let mut partner = logged_in(server, PARTNER);

    // Every mistake at once, each linked to its field.
    let empty = post(&mut partner, "/kennisbank/nieuw", &[("title", "".into())]);
    assert_eq!(empty.status, 422, "{}", empty.body);
    for anchor in [
        "#f-title",
        "#f-summary",
        "#f-body_md",
        "#f-phases",
        "#f-actors",
    ] {
        assert!(empty.body.contains(anchor), "{anchor}: {}", empty.body);
    }

    let submitted = post(&mut partner, "/kennisbank/nieuw", &practice(title, BODY));
    redirected_to(&submitted, "/kennisbank/mijn?melding=ingediend");
    let mine = partner.get("/kennisbank/mijn");
    assert!(mine.body.contains(title) && mine.body.contains("Ter beoordeling"));

    // The editor sends it back with a reason.
    let mut editor = logged_in(server, EDITOR);
    let first = queued(&mut editor, title);
    let review = editor.get(&format!("/redactie/versies/{first}"));
    assert!(review.body.contains("eerste versie"), "{}", review.body);
    let reason = "Noem ook wie het huisbezoek aflegt.";
    let sent_back = post(
        &mut editor,
        &format!("/redactie/versies/{first}/wijzigingen"),
        &[("status", "submitted".into()), ("reason", reason.into())],
    );
    redirected_to(&sent_back, &format!("/redactie/versies/{first}"));

    // The partner reads the reason, comments and resubmits.
    let mine = partner.get("/kennisbank/mijn");
    assert!(mine.body.contains(reason), "{}", mine.body);
    assert!(mine.body.contains("Wijzigingen gevraagd"));
    let commented = post(
        &mut partner,
        &format!("/kennisbank/mijn/{first}/reactie"),
        &[("body", "Ik pas het aan.".into())],
    );
    redirected_to(&commented, "/kennisbank/mijn");
    let again = partner.get(&format!("/kennisbank/mijn/{first}/opnieuw"));
    assert_eq!(again.status, 200);
    assert!(again.body.contains(BODY));
    let changed = BODY.replace("een consulent", "een consulent van de gemeente");
    let resubmitted = post(
        &mut partner,
        &format!("/kennisbank/mijn/{first}/opnieuw"),
        &practice(title, &changed),
    );
    redirected_to(&resubmitted, "/kennisbank/mijn?melding=ingediend");

    // The editor sees what changed, and publishes.
    let second = queued(&mut editor, title);
    assert_ne!(second, first);
    // A reason must say something; the error points at the reject form.
    let curt = post(
        &mut editor,
        &format!("/redactie/versies/{second}/afwijzen"),
        &[("status", "submitted".into()), ("reason", "nee".into())],
    );
    assert_eq!(curt.status, 422, "{}", curt.body);
    assert!(
        curt.body.contains("href=\"#f-reject-reason\""),
        "{}",
        curt.body
    );
    // Someone else's version is not theirs to comment on.
    let mut stranger = logged_in(server, "medewerker@denhaag.example");
    let meddling = post(
        &mut stranger,
        &format!("/kennisbank/mijn/{second}/reactie"),
        &[("body", "Mag ik ook iets zeggen?".into())],
    );
    assert_eq!(meddling.status, 403, "{}", meddling.body);
    let review = editor.get(&format!("/redactie/versies/{second}"));
    assert!(
        review
            .body
            .contains("<ins><span class=\"visually-hidden\">toegevoegd: </span>"),
        "{}",
        review.body
    );
    assert!(review.body.contains("van de gemeente"));
    assert!(review.body.contains("Ik pas het aan."));
    let published = post(
        &mut editor,
        &format!("/redactie/versies/{second}/publiceren"),
        &[("status", "submitted".into()), ("review_by", "".into())],
    );
    redirected_to(&published, &format!("/redactie/versies/{second}"));

    // A second decision on the same revision is stale.
    let stale = post(
        &mut editor,
        &format!("/redactie/versies/{second}/afwijzen"),
        &[
            ("status", "submitted".into()),
            ("reason", "Toch niet goed genoeg.".into()),
        ],
    );
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert!(stale.body.contains("href=\"#f-status\""));
    assert!(
        stale.body.contains("laad de pagina opnieuw"),
        "{}",
        stale.body
    );

    // Published in the database, with the changed text.
    let slug = "keukentafelgesprek-binnen-vijf-werkdagen";
    let stored = published_practice(server, slug).expect("published");
    assert_eq!(stored.revision.id, second);
    assert!(stored.revision.content.body_md.contains("van de gemeente"));
    let mine = partner.get("/kennisbank/mijn");
    assert!(mine.body.contains("Gepubliceerd"));

    // An edit of the published text, and its diff against it.
    let edit = partner.get(&format!("/kennisbank/{slug}/wijzigen"));
    assert_eq!(edit.status, 200);
    assert!(edit.body.contains("van de gemeente"));
    let proposed = post(
        &mut partner,
        &format!("/kennisbank/{slug}/wijzigen"),
        &practice(title, "Een heel andere tekst."),
    );
    redirected_to(&proposed, "/kennisbank/mijn");
    let third = queued(&mut editor, title);
    let review = editor.get(&format!("/redactie/versies/{third}"));
    assert!(review
        .body
        .contains("<del><span class=\"visually-hidden\">verwijderd: </span>"));
    let history = editor.get(&format!(
        "/redactie/historie/{}?van=1&naar=3",
        stored.practice.id
    ));
    assert_eq!(history.status, 200);
    assert!(history.body.contains("Van versie 1 naar versie 3"));

    // Every step audited, without the practice's text.
    let rows = audit_rows(server);
    for action in [
        "kennisbank.submit",
        "kennisbank.request_changes",
        "kennisbank.comment",
        "kennisbank.propose",
        "kennisbank.publish",
    ] {
        assert!(rows.iter().any(|r| r.action == action), "{action} audited");
    }
    for row in rows.iter().filter(|r| r.action.starts_with("kennisbank.")) {
        let text = format!("{} {} {}", row.object_id, row.detail, row.reason);
        for secret in [title, BODY, reason, "Ik pas het aan", "Haaglanden"] {
            assert!(!text.contains(secret), "{secret} in {row:?}");
        }
    }
}

fn published_practice(
    server: &DemoServer,
    slug: &str,
) -> Option<vangnet_store::kennisbank::PublishedPractice> {
    let url = server.database_url.clone();
    let slug = slug.to_string();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(async move {
            let store = vangnet_store::connect(&url).await.expect("the store");
            store.published_practice(&slug).await.expect("a read")
        })
}

fn the_public_form_keeps_bots_and_floods_out(server: &DemoServer) {
    let mut visitor = Client::new(&server.base_url);
    visitor.get("/kennisbank/voorstellen");
    let mut suggestion = |title: &str, website: &str| {
        let mut fields = practice(title, BODY);
        fields.push(("name", "Jan Jansen".into()));
        fields.push(("email", "jan@voorbeeld.example".into()));
        fields.push(("website", website.into()));
        post(&mut visitor, "/kennisbank/voorstellen", &fields)
    };
    let bot = suggestion("Een aanbieding van een bot", "https://spam.example");
    redirected_to(&bot, "/kennisbank/voorstellen?melding=ontvangen");
    for n in 1..=5 {
        let reply = suggestion(&format!("Voorstel nummer {n} van Jan"), "");
        redirected_to(&reply, "/kennisbank/voorstellen?melding=ontvangen");
    }
    let sixth = suggestion("Voorstel nummer 6 van Jan", "");
    assert_eq!(sixth.status, 429, "{}", sixth.body);
    assert!(sixth.body.contains("over een uur opnieuw"));

    let mut editor = logged_in(server, EDITOR);
    let queue = editor.get("/redactie");
    assert!(!queue.body.contains("Een aanbieding van een bot"));
    assert!(!queue.body.contains("Voorstel nummer 6"));
    let first = queued(&mut editor, "Voorstel nummer 1 van Jan");
    let review = editor.get(&format!("/redactie/versies/{first}"));
    assert!(review.body.contains("Publiek voorstel"));
    assert!(review.body.contains("jan@voorbeeld.example"));
    let rejected = post(
        &mut editor,
        &format!("/redactie/versies/{first}/afwijzen"),
        &[
            ("status", "submitted".into()),
            ("reason", "Dit gaat niet over huisuitzettingen.".into()),
        ],
    );
    redirected_to(&rejected, &format!("/redactie/versies/{first}"));
    assert!(!editor
        .get("/redactie")
        .body
        .contains("Voorstel nummer 1 van Jan"));

    let rows = audit_rows(server);
    let suggested: Vec<_> = rows
        .iter()
        .filter(|r| r.action == "kennisbank.suggest")
        .collect();
    assert_eq!(suggested.len(), 5);
    assert!(rows.iter().any(|r| r.action == "kennisbank.reject"));
    let reject = rows
        .iter()
        .find(|r| r.action == "kennisbank.reject")
        .unwrap();
    assert!(
        !format!("{reject:?}").contains("huisuitzettingen"),
        "{reject:?}"
    );
    for row in suggested {
        let text = format!("{} {} {}", row.object_id, row.detail, row.reason);
        assert!(
            !text.contains("jan@voorbeeld") && !text.contains("Jansen"),
            "{row:?}"
        );
    }
}

fn a_synonym_error_names_its_line(server: &DemoServer) {
    let mut editor = logged_in(server, EDITOR);
    let wrong = post(
        &mut editor,
        "/redactie/synoniemen",
        &[(
            "synonyms",
            "huurschuld, huurachterstand\nontruiming\n".into(),
        )],
    );
    assert_eq!(wrong.status, 422, "{}", wrong.body);
    assert!(wrong.body.contains("regel 2"), "{}", wrong.body);
    assert!(wrong.body.contains("href=\"#f-synonyms\""));
    let right = post(
        &mut editor,
        "/redactie/synoniemen",
        &[(
            "synonyms",
            "huurschuld, huurachterstand\nontruiming, huisuitzetting\n".into(),
        )],
    );
    redirected_to(&right, "/redactie/synoniemen?melding=opgeslagen");
    let shown = editor.get("/redactie/synoniemen");
    assert!(shown.body.contains("ontruiming, huisuitzetting"));
    assert!(audit_rows(server)
        .iter()
        .any(|r| r.action == "kennisbank.synonyms"));
}
