use super::*;
use chrono::TimeZone;

fn at(day: u32, hour: u32, minute: u32, second: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, hour, minute, second)
        .single()
        .expect("test time")
}

fn link() -> LinkRecord {
    LinkRecord::new(at(1, 9, 0, 0), &LinkSettings::default())
}

#[test]
fn expiry_is_a_setting_of_60_days_by_default() {
    let settings = LinkSettings::default();
    assert_eq!(
        settings.expires_at(at(1, 9, 0, 0)),
        at(1, 9, 0, 0) + Duration::days(60)
    );
    let short = LinkSettings {
        expiry_days: 7,
        ..settings
    };
    assert_eq!(short.expires_at(at(1, 9, 0, 0)), at(8, 9, 0, 0));
}

#[test]
fn state_table() {
    let s = LinkSettings::default();
    let fresh = link();
    let expires = fresh.expires_at;
    let revoked = LinkRecord {
        revoked_at: Some(at(2, 12, 0, 0)),
        ..fresh.clone()
    };
    let locked = LinkRecord {
        locked: true,
        ..fresh.clone()
    };
    let counted_out = LinkRecord {
        failed_attempts: 5,
        ..fresh.clone()
    };
    let four_wrong = LinkRecord {
        failed_attempts: 4,
        ..fresh.clone()
    };
    let cases = [
        (&fresh, at(1, 9, 0, 0), LinkState::Usable, "just made"),
        (
            &fresh,
            expires - Duration::seconds(1),
            LinkState::Usable,
            "last second",
        ),
        (&fresh, expires, LinkState::Expired, "expiry is exclusive"),
        (
            &revoked,
            at(2, 11, 59, 59),
            LinkState::Usable,
            "before revocation",
        ),
        (&revoked, at(2, 12, 0, 0), LinkState::Revoked, "revoked"),
        (
            &revoked,
            expires,
            LinkState::Revoked,
            "revoked beats expired",
        ),
        (&locked, at(2, 0, 0, 0), LinkState::Locked, "locked flag"),
        (&locked, expires, LinkState::Expired, "expired beats locked"),
        (
            &counted_out,
            at(2, 0, 0, 0),
            LinkState::Locked,
            "count reached",
        ),
        (
            &four_wrong,
            at(2, 0, 0, 0),
            LinkState::Usable,
            "one try left",
        ),
    ];
    for (link, now, expected, why) in cases {
        assert_eq!(link.state(now, &s), expected, "{why}");
    }
}

#[test]
fn wait_doubles_after_each_wrong_answer() {
    let s = LinkSettings::default();
    let waits: Vec<i64> = (0..6).map(|n| s.wait_after(n).num_seconds()).collect();
    assert_eq!(waits, [0, 30, 60, 120, 240, 480]);
    assert!(s.wait_after(u32::MAX).num_seconds() > 0, "no overflow");
}

fn address() -> (Postcode, HouseNumber) {
    (
        parse_postcode("2511 CV").expect("postcode"),
        parse_house_number("12a").expect("house number"),
    )
}

#[test]
fn address_check_table() {
    let (postcode, number) = address();
    let cases: &[(&str, &str, Result<AddressCheck, &str>)] = &[
        ("2511CV", "12A", Ok(AddressCheck::Match)),
        (" 2511 cv ", "12 a", Ok(AddressCheck::Match)),
        ("2511cv", "12-A", Ok(AddressCheck::Match)),
        ("2511CW", "12A", Ok(AddressCheck::NoMatch)),
        ("2511CV", "12", Ok(AddressCheck::NoMatch)),
        ("2511CV", "12B", Ok(AddressCheck::NoMatch)),
        ("2511CV", "13A", Ok(AddressCheck::NoMatch)),
        ("2511", "12A", Err("postcode")),
        ("2511CV", "A12", Err("huisnummer")),
        ("", "", Err("postcode,huisnummer")),
    ];
    for (typed_postcode, typed_number, expected) in cases {
        let got = check_address(&postcode, &number, typed_postcode, typed_number).map_err(|e| {
            e.errors
                .iter()
                .map(|f| f.field.as_str())
                .collect::<Vec<_>>()
                .join(",")
        });
        assert_eq!(
            got,
            expected.map_err(str::to_string),
            "{typed_postcode:?} {typed_number:?}"
        );
    }
}

#[test]
fn wrong_answers_wait_longer_then_lock() {
    let s = LinkSettings::default();
    let mut link = link();
    let mut now = at(2, 10, 0, 0);
    for (attempt, wait) in [(1u32, 30i64), (2, 60), (3, 120), (4, 240)] {
        match answer(&link, AddressCheck::NoMatch, now, &s) {
            Answer::Wrong {
                updated,
                until,
                attempts_left,
            } => {
                assert_eq!(updated.failed_attempts, attempt);
                assert_eq!(until, now + Duration::seconds(wait), "attempt {attempt}");
                assert_eq!(attempts_left, 5 - attempt);
                // One second early: not looked at, not counted, even if right.
                let early = until - Duration::seconds(1);
                assert_eq!(
                    answer(&updated, AddressCheck::Match, early, &s),
                    Answer::TooSoon { until }
                );
                link = updated;
                now = until;
            }
            other => panic!("attempt {attempt}: {other:?}"),
        }
    }
    let Answer::WrongAndLocked { updated } = answer(&link, AddressCheck::NoMatch, now, &s) else {
        panic!("the fifth wrong answer locks");
    };
    assert!(updated.locked);
    assert_eq!(updated.failed_attempts, 5);
    let much_later = now + Duration::days(1);
    assert_eq!(
        answer(&updated, AddressCheck::Match, much_later, &s),
        Answer::Refused(LinkState::Locked),
        "even the right answer is refused once locked"
    );
}

#[test]
fn a_right_answer_resets_the_count() {
    let s = LinkSettings::default();
    let link = LinkRecord {
        failed_attempts: 3,
        last_failed_at: Some(at(2, 10, 0, 0)),
        ..link()
    };
    let now = at(2, 10, 2, 0);
    let Answer::Confirmed { updated } = answer(&link, AddressCheck::Match, now, &s) else {
        panic!("after the 2-minute wait a right answer confirms");
    };
    assert_eq!((updated.failed_attempts, updated.last_failed_at), (0, None));
}

#[test]
fn unusable_links_refuse_every_answer() {
    let s = LinkSettings::default();
    let fresh = link();
    let revoked = LinkRecord {
        revoked_at: Some(at(2, 0, 0, 0)),
        ..fresh.clone()
    };
    let cases = [
        (&revoked, at(3, 0, 0, 0), LinkState::Revoked),
        (&fresh, fresh.expires_at, LinkState::Expired),
    ];
    for (link, now, state) in cases {
        for check in [AddressCheck::Match, AddressCheck::NoMatch] {
            assert_eq!(answer(link, check, now, &s), Answer::Refused(state));
        }
    }
}

#[test]
fn max_wrong_answers_is_a_setting() {
    let s = LinkSettings {
        max_wrong_answers: 1,
        ..LinkSettings::default()
    };
    assert!(matches!(
        answer(&link(), AddressCheck::NoMatch, at(2, 0, 0, 0), &s),
        Answer::WrongAndLocked { .. }
    ));
}

#[test]
fn settings_validation_table() {
    let ok = LinkSettings::default();
    assert_eq!(ok.validate(), Ok(()));
    let cases = [
        (
            LinkSettings {
                expiry_days: 0,
                ..ok
            },
            "expiry_days",
        ),
        (
            LinkSettings {
                expiry_days: 366,
                ..ok
            },
            "expiry_days",
        ),
        (
            LinkSettings {
                max_wrong_answers: 0,
                ..ok
            },
            "max_wrong_answers",
        ),
        (
            LinkSettings {
                first_wait_seconds: 3_601,
                ..ok
            },
            "first_wait_seconds",
        ),
    ];
    for (settings, field) in cases {
        let errors = settings.validate().unwrap_err().errors;
        assert_eq!(errors.len(), 1, "{settings:?}");
        assert_eq!(errors[0].field, field);
    }
}
