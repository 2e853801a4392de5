use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

#[test]
fn defaults() {
    let s = DeadlineSettings::default();
    assert_eq!(
        (
            s.pickup_working_days,
            s.first_contact_working_days,
            s.first_contact_when_eviction_threatens,
            s.due_soon_working_days,
        ),
        (5, 5, 3, 1)
    );
    assert_eq!(s.holidays, HolidaySettings::default());
    assert_eq!(s.validate(), Ok(()));
}

#[test]
fn pickup_deadline_table() {
    let s = DeadlineSettings::default();
    let cases = [
        ("2026-03-06", "2026-03-13", "Friday signal, next Friday"),
        (
            "2026-03-07",
            "2026-03-13",
            "Saturday signal counts from Monday",
        ),
        ("2025-04-17", "2025-04-25", "over Easter"),
        ("2025-12-22", "2025-12-31", "over Christmas"),
        ("2025-12-29", "2026-01-06", "over New Year"),
        ("2026-05-11", "2026-05-19", "over Hemelvaartsdag"),
    ];
    for (signal, due, why) in cases {
        assert_eq!(pickup_deadline(d(signal), None, &s), d(due), "{why}");
    }
}

#[test]
fn first_contact_deadline_table() {
    let s = DeadlineSettings::default();
    // A melding on or before the pick-up: the short term from the pick-up.
    let cases = [
        (
            "2026-05-13",
            None,
            "2026-05-21",
            "five days over Hemelvaartsdag",
        ),
        (
            "2026-05-13",
            Some("2026-05-13"),
            "2026-05-19",
            "three days when eviction threatens",
        ),
        (
            "2026-04-23",
            Some("2026-04-01"),
            "2026-04-29",
            "three days over Koningsdag",
        ),
        (
            "2026-03-06",
            Some("2026-03-06"),
            "2026-03-11",
            "picked up on a Friday",
        ),
    ];
    for (picked_up, notice, due, why) in cases {
        assert_eq!(
            first_contact_deadline(d(picked_up), notice.map(d), &s),
            d(due),
            "{why}"
        );
    }
}

/// The art. 14 rule (`shortened`): the earlier of the normal term from the
/// start and the short term from the later of the start and the melding.
#[test]
fn melding_shortens_deadlines_table() {
    let s = DeadlineSettings::default();
    // (start, melding, pick-up due, first-contact due, why)
    let cases = [
        (
            "2026-03-02",
            None,
            "2026-03-09",
            "2026-03-09",
            "no melding: five days each",
        ),
        (
            "2026-03-02",
            Some("2026-03-02"),
            "2026-03-05",
            "2026-03-05",
            "melding the day the case opens: three days",
        ),
        (
            "2026-03-02",
            Some("2026-03-04"),
            "2026-03-09",
            "2026-03-09",
            "melding two days in: three days from it is later, five stand",
        ),
        (
            "2026-03-02",
            Some("2026-03-03"),
            "2026-03-06",
            "2026-03-06",
            "melding a day in: three days from it is earlier",
        ),
        (
            "2026-03-02",
            Some("2026-02-02"),
            "2026-03-05",
            "2026-03-05",
            "melding before the start counts from the start",
        ),
        (
            "2026-03-06",
            Some("2026-03-07"),
            "2026-03-11",
            "2026-03-11",
            "Saturday melding counts from Monday",
        ),
        (
            "2026-04-22",
            Some("2026-04-22"),
            "2026-04-28",
            "2026-04-28",
            "over Koningsdag",
        ),
        (
            "2025-12-22",
            Some("2025-12-23"),
            "2025-12-30",
            "2025-12-30",
            "over Christmas",
        ),
    ];
    for (start, notice, pickup, contact, why) in cases {
        let notice = notice.map(d);
        assert_eq!(pickup_deadline(d(start), notice, &s), d(pickup), "{why}");
        assert_eq!(
            first_contact_deadline(d(start), notice, &s),
            d(contact),
            "{why}"
        );
    }

    // A longer pick-up term: the melding matters even more.
    let slow = DeadlineSettings {
        pickup_working_days: 10,
        ..s
    };
    assert_eq!(
        pickup_deadline(d("2026-03-02"), Some(d("2026-03-04")), &slow),
        d("2026-03-09")
    );
    // A short term no shorter than the normal one changes nothing.
    let same = DeadlineSettings {
        first_contact_when_eviction_threatens: 5,
        ..s
    };
    assert_eq!(
        pickup_deadline(d("2026-03-02"), Some(d("2026-03-02")), &same),
        d("2026-03-09")
    );
}

#[test]
fn state_table() {
    use DeadlineState::*;
    let s = DeadlineSettings::default();
    let with_due_soon = |days| DeadlineSettings {
        due_soon_working_days: days,
        ..s
    };
    let cases: &[(&str, Option<&str>, &str, DeadlineSettings, DeadlineState)] = &[
        (
            "2026-03-13",
            Some("2026-03-12"),
            "2026-03-20",
            s,
            Met { on_time: true },
        ),
        (
            "2026-03-13",
            Some("2026-03-13"),
            "2026-03-20",
            s,
            Met { on_time: true },
        ),
        (
            "2026-03-13",
            Some("2026-03-16"),
            "2026-03-20",
            s,
            Met { on_time: false },
        ),
        ("2026-03-13", None, "2026-03-10", s, Open),
        ("2026-03-13", None, "2026-03-11", s, Open),
        ("2026-03-13", None, "2026-03-12", s, DueSoon),
        ("2026-03-13", None, "2026-03-13", s, DueSoon),
        ("2026-03-13", None, "2026-03-14", s, Overdue),
        ("2026-03-16", None, "2026-03-13", s, DueSoon),
        ("2026-03-16", None, "2026-03-14", s, DueSoon),
        ("2026-03-16", None, "2026-03-12", s, Open),
        ("2026-03-13", None, "2026-03-12", with_due_soon(0), Open),
        ("2026-03-13", None, "2026-03-13", with_due_soon(0), DueSoon),
        ("2026-03-13", None, "2026-03-11", with_due_soon(2), DueSoon),
        ("2026-04-28", None, "2026-04-24", s, DueSoon),
    ];
    for (due, done, today, settings, expected) in cases {
        let got = DeadlineState::of(d(due), done.map(d), d(today), settings);
        assert_eq!(got, *expected, "due {due}, done {done:?}, today {today}");
    }
}

#[test]
fn labels_and_slugs() {
    use DeadlineState::*;
    let cases = [
        (Met { on_time: true }, "op tijd", "op-tijd", false),
        (
            Met { on_time: false },
            "te laat gehaald",
            "te-laat-gehaald",
            false,
        ),
        (Open, "open", "open", false),
        (DueSoon, "bijna verlopen", "bijna-verlopen", true),
        (Overdue, "verlopen", "verlopen", true),
    ];
    for (state, label, slug, attention) in cases {
        assert_eq!(state.label_nl(), label);
        assert_eq!(state.slug(), slug);
        assert_eq!(state.needs_attention(), attention, "{label}");
    }
}

#[test]
fn deadline_combines_due_date_and_state() {
    let s = DeadlineSettings::default();
    let pickup = Deadline::pickup(d("2026-03-06"), None, None, d("2026-03-16"), &s);
    assert_eq!(pickup.due, d("2026-03-13"));
    assert_eq!(pickup.state, DeadlineState::Overdue);

    let contact = Deadline::first_contact(
        d("2026-03-10"),
        Some(d("2026-03-09")),
        Some(d("2026-03-12")),
        d("2026-03-20"),
        &s,
    );
    assert_eq!(contact.due, d("2026-03-13"));
    assert_eq!(contact.state, DeadlineState::Met { on_time: true });
}

#[test]
fn query_filter_matches_state() {
    // The store filters on stored dates; it must agree with `DeadlineState::of`.
    let s = DeadlineSettings::default();
    for today in d("2025-12-15").iter_days().take(60) {
        for due in d("2025-12-10").iter_days().take(80) {
            let state = DeadlineState::of(due, None, today, &s);
            let by_filter = if due < today {
                DeadlineState::Overdue
            } else if due <= due_soon_until(today, &s) {
                DeadlineState::DueSoon
            } else {
                DeadlineState::Open
            };
            assert_eq!(state, by_filter, "due {due}, today {today}");
        }
    }
}

#[test]
fn validate_reports_every_problem_in_dutch() {
    let s = DeadlineSettings {
        pickup_working_days: 0,
        first_contact_working_days: 61,
        first_contact_when_eviction_threatens: 0,
        due_soon_working_days: 11,
        holidays: HolidaySettings::default(),
    };
    let fields: Vec<(String, String)> = s
        .validate()
        .unwrap_err()
        .errors
        .into_iter()
        .map(|e| (e.field, e.reason))
        .collect();
    let expected = [
        (
            "pickup_working_days",
            "moet tussen 1 en 60 werkdagen liggen",
        ),
        (
            "first_contact_working_days",
            "moet tussen 1 en 60 werkdagen liggen",
        ),
        (
            "first_contact_when_eviction_threatens",
            "moet tussen 1 en 60 werkdagen liggen",
        ),
        (
            "due_soon_working_days",
            "moet tussen 0 en 10 werkdagen liggen",
        ),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(f, r)| (f.to_string(), r.to_string()))
        .collect();
    assert_eq!(fields, expected);

    let longer = DeadlineSettings {
        first_contact_when_eviction_threatens: 6,
        ..DeadlineSettings::default()
    };
    let errors = longer.validate().unwrap_err().errors;
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "first_contact_when_eviction_threatens");
}
