use super::*;

fn text(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[test]
fn validation_table() {
    let p = ArrangementPolicy::default();
    let debt = 120_000;
    let long_when = "a".repeat(201);
    let long_text = "b".repeat(1001);
    /// The action, and what validation gives: the action or (field, reason).
    type Case = (
        TenantAction,
        Result<TenantAction, (&'static str, &'static str)>,
    );
    let cases: Vec<Case> = vec![
        (TenantAction::Pay, Ok(TenantAction::Pay)),
        (TenantAction::Object, Ok(TenantAction::Object)),
        (
            TenantAction::ProposeArrangement {
                term_months: 6,
                instalment_cents: 20_000,
            },
            Ok(TenantAction::ProposeArrangement {
                term_months: 6,
                instalment_cents: 20_000,
            }),
        ),
        (
            TenantAction::ProposeArrangement {
                term_months: 5,
                instalment_cents: 24_000,
            },
            Err(("looptijd", "Looptijd: kies 3, 6, 9 of 12 maanden.")),
        ),
        (
            TenantAction::ProposeArrangement {
                term_months: 6,
                instalment_cents: 100,
            },
            Err((
                "termijnbedrag",
                "Termijnbedrag: past niet bij de gekozen looptijd. Kies opnieuw een regeling.",
            )),
        ),
        (
            TenantAction::AskForHelp {
                contact_by: ContactBy::Phone,
                when: text("  na 17.00 uur "),
            },
            Ok(TenantAction::AskForHelp {
                contact_by: ContactBy::Phone,
                when: text("na 17.00 uur"),
            }),
        ),
        (
            TenantAction::AskForHelp {
                contact_by: ContactBy::Visit,
                when: text("   "),
            },
            Ok(TenantAction::AskForHelp {
                contact_by: ContactBy::Visit,
                when: None,
            }),
        ),
        (
            TenantAction::AskForHelp {
                contact_by: ContactBy::Email,
                when: Some(long_when),
            },
            Err(("wanneer", "Wanneer: is te lang (maximaal 200 tekens).")),
        ),
        (
            TenantAction::TellSituation {
                kind: SituationKind::Illness,
                text: text("Ik lig\r\nin het ziekenhuis."),
            },
            Ok(TenantAction::TellSituation {
                kind: SituationKind::Illness,
                text: text("Ik lig\nin het ziekenhuis."),
            }),
        ),
        (
            TenantAction::TellSituation {
                kind: SituationKind::Crisis,
                text: None,
            },
            Ok(TenantAction::TellSituation {
                kind: SituationKind::Crisis,
                text: None,
            }),
        ),
        (
            TenantAction::TellSituation {
                kind: SituationKind::Other,
                text: None,
            },
            Err((
                "toelichting",
                "Toelichting: vertel kort wat er aan de hand is als u 'Iets anders' kiest.",
            )),
        ),
        (
            TenantAction::TellSituation {
                kind: SituationKind::Separation,
                text: Some(long_text),
            },
            Err((
                "toelichting",
                "Toelichting: is te lang (maximaal 1000 tekens).",
            )),
        ),
        (
            TenantAction::TellSituation {
                kind: SituationKind::Illness,
                text: text("a\u{7}b"),
            },
            Err(("toelichting", "Toelichting: bevat ongeldige tekens.")),
        ),
    ];
    for (action, expected) in cases {
        let got = action.clone().validate(debt, &p).map_err(|e| {
            assert_eq!(e.errors.len(), 1, "{action:?}");
            (e.errors[0].field.clone(), e.errors[0].reason.clone())
        });
        let expected = expected.map_err(|(f, r)| (f.to_string(), r.to_string()));
        assert_eq!(got, expected, "{action:?}");
    }
}

#[test]
fn each_action_records_the_right_events_and_flags_leniency() {
    use Recorded::Event;
    let situation = |kind| TenantAction::TellSituation { kind, text: None };
    let cases: Vec<(TenantAction, Vec<Recorded>, bool)> = vec![
        (TenantAction::Pay, vec![], false),
        (
            TenantAction::ProposeArrangement {
                term_months: 3,
                instalment_cents: 40_000,
            },
            vec![Event(EventKind::BetalingsregelingVoorgesteld)],
            false,
        ),
        (
            TenantAction::AskForHelp {
                contact_by: ContactBy::Letter,
                when: None,
            },
            vec![
                Event(EventKind::HulpGevraagd),
                Event(EventKind::SignaalGemeente),
            ],
            false,
        ),
        (
            TenantAction::Object,
            vec![Event(EventKind::BezwaarDoorgeven)],
            false,
        ),
        (
            situation(SituationKind::LostIncome),
            vec![Event(EventKind::SituatieGemeld)],
            true,
        ),
        (
            situation(SituationKind::Crisis),
            vec![Event(EventKind::SituatieGemeld)],
            true,
        ),
        (
            situation(SituationKind::Illness),
            vec![Event(EventKind::SituatieGemeld)],
            false,
        ),
        (
            situation(SituationKind::Separation),
            vec![Event(EventKind::SituatieGemeld)],
            false,
        ),
        (
            situation(SituationKind::Other),
            vec![Event(EventKind::SituatieGemeld)],
            false,
        ),
    ];
    for (action, events, leniency) in cases {
        assert_eq!(action.records(), events, "{action:?}");
        assert_eq!(action.flags_leniency(), leniency, "{action:?}");
    }
}

#[test]
fn the_verhuurders_decision_records_the_offer_and_the_arrangement() {
    assert_eq!(
        ProposalDecision::Accept.records(),
        [
            Recorded::Event(EventKind::BetalingsregelingAangeboden),
            Recorded::Agreement(AgreementStatus::Lopend),
        ]
    );
    assert_eq!(
        ProposalDecision::Counter.records(),
        [Recorded::Event(EventKind::BetalingsregelingTegenvoorstel)]
    );
}

#[test]
fn contact_wishes_map_to_ddas_contact_kinds() {
    let kinds: Vec<ContactKind> = ContactBy::ALL.iter().map(|c| c.ddas()).collect();
    assert_eq!(
        kinds,
        [
            ContactKind::Phone,
            ContactKind::Mail,
            ContactKind::Letter,
            ContactKind::HomeVisit
        ]
    );
}

#[test]
fn a_help_request_tells_the_gemeente_how_and_when() {
    let help = |contact_by, when: Option<&str>| TenantAction::AskForHelp {
        contact_by,
        when: when.map(str::to_string),
    };
    let cases = [
        (
            help(ContactBy::Phone, Some("na 17 uur")),
            Some("Telefoon, na 17 uur"),
        ),
        (help(ContactBy::Letter, None), Some("Brief")),
        (help(ContactBy::Visit, Some("  ")), Some("Huisbezoek")),
        (TenantAction::Object, None),
    ];
    for (action, wish) in cases {
        assert_eq!(action.contact_wish().as_deref(), wish, "{action:?}");
    }
}

#[test]
fn the_longest_help_request_still_fits_the_signals_contact_wish() {
    use crate::signal::{check_value, SignalField};
    for contact_by in ContactBy::ALL {
        let action = TenantAction::AskForHelp {
            contact_by,
            when: Some("w".repeat(MAX_WHEN_CHARS)),
        };
        let wish = action.contact_wish().unwrap();
        assert_eq!(
            check_value(SignalField::Contactvoorkeur, &wish),
            Ok(()),
            "{contact_by:?}"
        );
    }
}

#[test]
fn a_response_is_named_by_the_actions_first_event() {
    let help = TenantAction::AskForHelp {
        contact_by: ContactBy::Phone,
        when: None,
    };
    let proposal = TenantAction::ProposeArrangement {
        term_months: 6,
        instalment_cents: 10_000,
    };
    let cases = [
        (TenantAction::Pay, None),
        (proposal, Some(EventKind::BetalingsregelingVoorgesteld)),
        (help, Some(EventKind::HulpGevraagd)),
        (TenantAction::Object, Some(EventKind::BezwaarDoorgeven)),
        (
            TenantAction::TellSituation {
                kind: SituationKind::Crisis,
                text: None,
            },
            Some(EventKind::SituatieGemeld),
        ),
    ];
    for (action, kind) in cases {
        assert_eq!(action.response_kind(), kind, "{action:?}");
    }
}
