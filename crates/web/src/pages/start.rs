//! The start page: what this user, in this organisation and role, can do.

use crate::auth::SignedIn;
use crate::middleware::CsrfToken;
use crate::pages::casework;
use crate::pages::layout::Layout;
use crate::pages::render;
use askama::Template;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use vangnet_domain::org::OrgKind;
use vangnet_domain::permission::{can, Action, Resource};
use vangnet_store::Org;

pub async fn home(signed_in: Option<SignedIn>) -> Response {
    let target = if signed_in.is_some() {
        "/start"
    } else {
        "/inloggen"
    };
    Redirect::to(target).into_response()
}

struct Task {
    href: &'static str,
    label: &'static str,
    description: &'static str,
}

#[derive(Template)]
#[template(path = "start.html")]
struct StartPage {
    layout: Layout,
    first_name: String,
    org: Org,
    kind_label: &'static str,
    role_label: &'static str,
    purpose: &'static str,
    tasks: Vec<Task>,
}

/// What the organisation does in the chain, in one sentence.
fn purpose(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::Gemeente => "Uw gemeente ontvangt vroegsignalen van schuldeisers, neemt contact op met huishoudens en rapporteert aan het CBS.",
        OrgKind::Verhuurder => "Uw organisatie volgt per huurovereenkomst de incassostappen en meldt huurachterstanden bij de gemeente, zodat huisuitzetting voorkomen kan worden.",
        OrgKind::Signaalpartner => "Uw organisatie meldt betalingsachterstanden bij de gemeente, zodat huishoudens op tijd hulp krijgen.",
        OrgKind::Hulpverlening => "Uw organisatie helpt huishoudens met schulden, samen met gemeente en verhuurder.",
        OrgKind::Deurwaarder => "Uw kantoor ziet welke preventiestappen al zijn gezet voordat een zaak verder gaat.",
        OrgKind::Redactie => "U beheert de kennisbank: de levende Handreiking Voorkomen Huisuitzettingen.",
        OrgKind::Beheer => "U beheert het platform: organisaties, gebruikers en de controle op het auditlog.",
    }
}

pub async fn page(who: SignedIn, Extension(csrf): Extension<CsrfToken>) -> Response {
    let own = Resource::Organisation(who.org.id);
    let allowed = |action| can(&who.actor, action, own).is_allowed();
    let mut tasks = Vec::new();
    if allowed(Action::SubmitSignals) {
        tasks.push(Task {
            href: "/signalen",
            label: "Signalen aanleveren",
            description:
                "Een CSV-bestand met achterstanden uploaden en zien wat de gemeente ermee deed.",
        });
    }
    if allowed(Action::ViewCaseQueue) {
        tasks.push(Task {
            href: casework::QUEUE_PATH,
            label: "Werkvoorraad",
            description: "De lopende zaken, de hoogste prioriteit eerst, met hun termijnen.",
        });
    }
    if allowed(Action::TakeCase) {
        tasks.push(Task {
            href: casework::MINE_PATH,
            label: "Mijn zaken",
            description: "De zaken die aan u zijn toegewezen.",
        });
    }
    if allowed(Action::ViewIncomingSignals) {
        tasks.push(Task {
            href: "/gemeente/signalen",
            label: "Binnengekomen signalen",
            description: "Alle vroegsignalen voor adressen in uw gemeente, nieuwste eerst.",
        });
    }
    if allowed(Action::ChangeCaseSettings) {
        tasks.push(Task {
            href: casework::SETTINGS_PATH,
            label: "Instellingen zaakwerk",
            description: "Prioriteiten, termijnen, bewaartermijnen en de DDAS-levering.",
        });
    }
    if allowed(Action::ManageUsers) {
        tasks.push(Task {
            href: "/beheer/gebruikers",
            label: "Gebruikers beheren",
            description: "Collega's toevoegen, rollen bekijken en accounts blokkeren.",
        });
    } else if allowed(Action::ViewUsers) {
        tasks.push(Task {
            href: "/beheer/gebruikers",
            label: "Gebruikers bekijken",
            description: "Zie wie er in uw organisatie met vangnet werkt.",
        });
    }
    if allowed(Action::ViewAuditLog) {
        tasks.push(Task {
            href: "/beheer/audit",
            label: "Auditlog inzien",
            description: "Wie deed wat en wanneer in uw organisatie.",
        });
    }
    if who.actor.is_platform_admin() {
        tasks.push(Task {
            href: "/beheer/organisaties",
            label: "Organisaties beheren",
            description: "Gemeenten, verhuurders en ketenpartners aansluiten.",
        });
        tasks.push(Task {
            href: "/beheer/onrouteerbaar",
            label: "Onrouteerbare signalen",
            description: "Signalen met een postcode die geen gemeente bedient.",
        });
    }
    let first_name = who
        .user
        .name
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_string();
    let page = StartPage {
        layout: Layout::signed_in("Start", &csrf.0, &who, "/start"),
        first_name,
        kind_label: who.org.kind.label(),
        role_label: who.user.role.label(),
        purpose: purpose(who.org.kind),
        org: who.org,
        tasks,
    };
    render(&page)
}
