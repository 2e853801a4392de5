//! What every page shares: the title, the CSRF token for its forms, and the
//! navigation the user's role allows.

use crate::auth::SignedIn;
use crate::pages::{casework, ddas, kennisbank_edit, policies, stats, tenancies, tenant_channel};
use vangnet_domain::permission::{can, Action, Resource};

pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub current: bool,
    /// A number of things waiting, shown next to the label.
    pub count: Option<i64>,
}

pub struct Nav {
    pub user_name: String,
    pub org_name: String,
    pub role_label: &'static str,
    pub items: Vec<NavItem>,
}

pub struct Layout {
    pub title: String,
    pub csrf_token: String,
    pub nav: Option<Nav>,
    /// An Atom feed to announce in the head (the kennisbank pages).
    pub feed: Option<&'static str>,
}

impl Layout {
    pub fn anonymous(title: &str, csrf_token: &str) -> Self {
        Layout {
            title: title.into(),
            csrf_token: csrf_token.into(),
            nav: None,
            feed: None,
        }
    }

    /// `current` is the href of the page being shown.
    pub fn signed_in(title: &str, csrf_token: &str, who: &SignedIn, current: &str) -> Self {
        let own = Resource::Organisation(who.org.id);
        let allowed = |action| can(&who.actor, action, own).is_allowed();
        let mut entries = vec![("/start", "Start")];
        if allowed(Action::ViewUsers) {
            entries.push(("/beheer/gebruikers", "Gebruikers"));
        }
        if allowed(Action::ViewAuditLog) {
            entries.push(("/beheer/audit", "Auditlog"));
        }
        if allowed(Action::SubmitSignals) {
            entries.push(("/signalen", "Signalen"));
        }
        if allowed(Action::ViewIncomingSignals) {
            entries.push(("/gemeente/signalen", "Signalen"));
        }
        if allowed(Action::ViewCaseQueue) {
            entries.push((casework::QUEUE_PATH, "Werkvoorraad"));
        }
        // Only whoever can take a case has cases of their own.
        if allowed(Action::TakeCase) {
            entries.push((casework::MINE_PATH, "Mijn zaken"));
        }
        if allowed(Action::ExportDdas) {
            entries.push((ddas::PATH, "DDAS-levering"));
        }
        if allowed(Action::ChangeCaseSettings) {
            entries.push((casework::SETTINGS_PATH, "Instellingen zaakwerk"));
        }
        if allowed(Action::ViewTenancies) {
            entries.push((tenancies::LIST_PATH, "Huurdossiers"));
        }
        if allowed(Action::ApproveOverride) {
            entries.push((tenancies::OVERRIDES_PATH, "Doorbraken"));
        }
        if allowed(Action::SetTenancyPolicy) {
            entries.push((policies::VERHUURDER_PATH, "Poortbeleid"));
        }
        if allowed(Action::AnswerTenantResponses) {
            entries.push((tenant_channel::RESPONSES_PATH, "Reacties"));
        }
        if allowed(Action::SetTenantChannel) {
            entries.push((tenant_channel::SETTINGS_PATH, "Huurderskanaal"));
        }
        if allowed(Action::ViewEvictionNotices) {
            entries.push((tenancies::NOTICES_PATH, "Meldingen ontruiming"));
        }
        let platform = |action| can(&who.actor, action, Resource::Platform).is_allowed();
        if platform(Action::SubmitPractice) {
            entries.push((kennisbank_edit::MINE_PATH, "Kennisbank bijdragen"));
        }
        if platform(Action::ReviewPractices) {
            entries.push((kennisbank_edit::QUEUE_PATH, "Redactie"));
        }
        if allowed(Action::ViewStatistics) || platform(Action::ViewStatistics) {
            entries.push((stats::PATH, "Statistieken"));
        }
        if who.actor.is_platform_admin() {
            entries.push(("/beheer/organisaties", "Organisaties"));
            entries.push(("/beheer/onrouteerbaar", "Onrouteerbaar"));
            entries.push((policies::PLATFORM_PATH, "Poortbeleid"));
        }
        entries.push(("/kennisbank", "Kennisbank"));
        let items = entries
            .into_iter()
            .map(|(href, label)| NavItem {
                href,
                label,
                current: href == current,
                count: match href == tenant_channel::RESPONSES_PATH {
                    true => who.open_responses.filter(|n| *n > 0),
                    false => None,
                },
            })
            .collect();
        Layout {
            title: title.into(),
            csrf_token: csrf_token.into(),
            nav: Some(Nav {
                user_name: who.user.name.clone(),
                org_name: who.org.name.clone(),
                role_label: who.user.role.label(),
                items,
            }),
            feed: None,
        }
    }
}
