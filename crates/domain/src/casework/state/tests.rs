use super::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, d).unwrap()
}

fn at(stage: Stage, assignee: Option<i64>, handed_off: Option<HandOff>) -> CaseState {
    CaseState {
        stage,
        assignee,
        handed_off,
        ..CaseState::new()
    }
}

fn states() -> Vec<(&'static str, CaseState)> {
    let org7 = Some(HandOff {
        org_id: 7,
        on: day(12),
    });
    let declined = Stage::NotPickedUp {
        reason: DeclineReason::RepeatSignal,
    };
    let closed = Stage::Closed {
        picked_up_on: day(10),
        result: EndResult::AdviceOrQuickFix,
        on: day(20),
    };
    let reopened = |picked_up_on| Stage::Reopened {
        reason: "nieuw signaal".into(),
        picked_up_on,
    };
    vec![
        ("open", CaseState::new()),
        (
            "picked up",
            at(Stage::PickedUp { on: day(10) }, Some(5), None),
        ),
        ("declined", at(declined, Some(5), None)),
        (
            "handed off",
            at(
                Stage::HandedOff {
                    picked_up_on: day(10),
                },
                None,
                org7,
            ),
        ),
        ("closed", at(closed, Some(5), None)),
        (
            "reopened after close",
            at(reopened(Some(day(10))), Some(5), None),
        ),
        ("reopened after decline", at(reopened(None), None, None)),
    ]
}

fn commands() -> Vec<Command> {
    let contact = Command::RecordContact {
        kind: ContactKind::Phone,
        reached: false,
        on: day(13),
        part_of_day: Some(PartOfDay::Morning),
        note: None,
    };
    let close = |result| Command::Close {
        result,
        on: day(20),
    };
    vec![
        Command::Assign { worker: Some(5) },
        Command::Assign { worker: None },
        Command::PickUp { on: day(13) },
        Command::Decline {
            reason: DeclineReason::WrongSignal,
        },
        contact,
        Command::HandOff {
            to_org: 7,
            on: day(13),
        },
        Command::HandOff {
            to_org: 8,
            on: day(13),
        },
        Command::AddNote {
            text: "gebeld".into(),
        },
        close(EndResult::FinancialFollowUp),
        close(EndResult::NotPickedUpRepeatSignal),
        Command::Reopen {
            reason: "nieuw signaal".into(),
        },
    ]
}

/// Rows are the states above, columns the commands above: the stage
/// slug after the command, or `!` and the error code.
#[rustfmt::skip]
const MATRIX: [[&str; 11]; 7] = [
    // assign 5, unassign, pick up, decline, contact, hand off to 7, hand off to 8, note,
    // close, close "niet opgepakt", reopen
    ["open", "!assignee-unchanged", "opgepakt", "niet-opgepakt", "open",
     "!not-picked-up-yet", "!not-picked-up-yet", "open",
     "!not-picked-up-yet", "!not-picked-up-yet", "!nothing-to-reopen"],
    ["!assignee-unchanged", "opgepakt", "!already-picked-up", "!decline-after-pick-up", "opgepakt",
     "overgedragen", "overgedragen", "opgepakt",
     "afgesloten", "!result-means-not-picked-up", "!nothing-to-reopen"],
    ["!declined", "!declined", "!declined", "!declined", "!declined",
     "!declined", "!declined", "niet-opgepakt",
     "!declined", "!declined", "heropend"],
    ["overgedragen", "!assignee-unchanged", "!already-picked-up", "!decline-after-pick-up", "overgedragen",
     "!same-organisation", "overgedragen", "overgedragen",
     "afgesloten", "!result-means-not-picked-up", "!nothing-to-reopen"],
    ["!closed", "!closed", "!closed", "!closed", "!closed",
     "!closed", "!closed", "afgesloten",
     "!already-closed", "!already-closed", "heropend"],
    ["!assignee-unchanged", "heropend", "opgepakt", "!decline-after-pick-up", "heropend",
     "!not-picked-up-yet", "!not-picked-up-yet", "heropend",
     "!not-picked-up-yet", "!not-picked-up-yet", "!nothing-to-reopen"],
    ["heropend", "!assignee-unchanged", "opgepakt", "niet-opgepakt", "heropend",
     "!not-picked-up-yet", "!not-picked-up-yet", "heropend",
     "!not-picked-up-yet", "!not-picked-up-yet", "!nothing-to-reopen"],
];

#[test]
fn every_command_in_every_stage() {
    let commands = commands();
    for ((name, state), row) in states().into_iter().zip(MATRIX) {
        for (command, expected) in commands.iter().zip(row) {
            let got = match apply(&state, command) {
                Ok(next) => next.stage.slug().to_string(),
                Err(error) => format!("!{}", error.code()),
            };
            assert_eq!(got, expected, "{name}: {command:?}");
        }
    }
}

#[test]
fn a_reopened_case_keeps_its_first_pick_up_date() {
    let states = states();
    let pick_up = Command::PickUp { on: day(25) };
    let again = apply(&states[5].1, &pick_up).unwrap();
    assert_eq!(again.stage, Stage::PickedUp { on: day(10) });
    let first = apply(&states[6].1, &pick_up).unwrap();
    assert_eq!(first.stage, Stage::PickedUp { on: day(25) });
}

#[test]
fn a_hand_off_moves_the_case_and_stays_visible_after_closing() {
    let picked = at(Stage::PickedUp { on: day(10) }, Some(5), None);
    let hand_off = Command::HandOff {
        to_org: 8,
        on: day(11),
    };
    let handed = apply(&picked, &hand_off).unwrap();
    assert_eq!(handed.assignee, None);
    assert_eq!(
        handed.handed_off,
        Some(HandOff {
            org_id: 8,
            on: day(11)
        })
    );
    let close = Command::Close {
        result: EndResult::NonFinancialFollowUp,
        on: day(30),
    };
    let closed = apply(&handed, &close).unwrap();
    assert_eq!(closed.handed_off, handed.handed_off);
    assert_eq!(closed.picked_up_on(), Some(day(10)));
}

#[test]
fn dates_before_the_pick_up_are_refused() {
    let picked = at(Stage::PickedUp { on: day(10) }, None, None);
    let refused = [
        Command::HandOff {
            to_org: 8,
            on: day(9),
        },
        Command::Close {
            result: EndResult::NoHelpWanted,
            on: day(9),
        },
    ];
    for command in refused {
        let error = apply(&picked, &command).unwrap_err();
        assert_eq!(error, TransitionError::DateBeforePickUp(day(10)));
        assert_eq!(
            error.to_string(),
            "De datum ligt vóór de datum waarop de zaak is opgepakt (10-01-2025)."
        );
    }
}

#[test]
fn contact_attempts_count_and_remember_the_earliest() {
    let contact = |d, note: Option<&str>| Command::RecordContact {
        kind: ContactKind::HomeVisit,
        reached: true,
        on: day(d),
        part_of_day: None,
        note: note.map(String::from),
    };
    let one = apply(&CaseState::new(), &contact(14, Some("  "))).unwrap();
    let two = apply(&one, &contact(11, Some("niet thuis, kaartje"))).unwrap();
    assert_eq!(two.contact_attempts, 2);
    assert_eq!(two.first_contact_on, Some(day(11)));
    assert_eq!(two.stage, Stage::Open, "contact comes before the decision");
    let long = "x".repeat(4001);
    let error = apply(&two, &contact(15, Some(&long))).unwrap_err();
    assert_eq!(
        error.to_string(),
        "De notitie is te lang (maximaal 4000 tekens)."
    );
}

#[test]
fn texts_are_required_and_trimmed() {
    let closed = &states()[4].1;
    let blank = Command::Reopen { reason: " ".into() };
    assert_eq!(
        apply(closed, &blank).unwrap_err().to_string(),
        "Vul een reden in."
    );
    let empty = Command::AddNote {
        text: String::new(),
    };
    assert_eq!(
        apply(closed, &empty).unwrap_err().to_string(),
        "Vul een notitie in."
    );
    let reopen = Command::Reopen {
        reason: " verhuisd \n".into(),
    };
    let reopened = apply(closed, &reopen).unwrap();
    let expected = Stage::Reopened {
        reason: "verhuisd".into(),
        picked_up_on: Some(day(10)),
    };
    assert_eq!(reopened.stage, expected);
}

#[test]
fn errors_speak_dutch() {
    let states = states();
    let close = |result| Command::Close {
        result,
        on: day(21),
    };
    let again = apply(&states[4].1, &close(EndResult::NoHelpWanted));
    assert_eq!(
        again.unwrap_err().to_string(),
        "Deze zaak is al afgesloten."
    );
    let wrong = apply(&states[1].1, &close(EndResult::NotPickedUpOtherReason));
    assert_eq!(
        wrong.unwrap_err().to_string(),
        "Het eindresultaat 'Niet opgepakt: andere reden' hoort bij een zaak die niet is \
         opgepakt; kies 'niet oppakken' of een ander eindresultaat."
    );
}

#[test]
fn the_partner_sees_only_picked_up_or_not() {
    let expected = [
        PartnerFeedback::NotYetDecided,
        PartnerFeedback::PickedUp,
        PartnerFeedback::NotPickedUp,
        PartnerFeedback::PickedUp,
        PartnerFeedback::PickedUp,
        PartnerFeedback::PickedUp,
        PartnerFeedback::NotYetDecided,
    ];
    for ((name, state), feedback) in states().into_iter().zip(expected) {
        assert_eq!(partner_feedback(&state), feedback, "{name}");
    }
}
