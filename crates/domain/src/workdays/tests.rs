use super::*;
use chrono::{Datelike, Weekday};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

const DEFAULT: HolidaySettings = HolidaySettings {
    good_friday: false,
    liberation_day: LiberationDay::Lustrum,
};
const ALL: HolidaySettings = HolidaySettings {
    good_friday: true,
    liberation_day: LiberationDay::EveryYear,
};

// Written out, not derived: (year, Eerste Paasdag, Goede Vrijdag, Tweede
// Paasdag, Koningsdag, Hemelvaartsdag, Eerste Pinksterdag, Tweede Pinksterdag).
type YearRow = (
    i32,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
const YEARS: [YearRow; 16] = [
    (2020, "2020-04-12", "2020-04-10", "2020-04-13", "2020-04-27", "2020-05-21", "2020-05-31", "2020-06-01"),
    (2021, "2021-04-04", "2021-04-02", "2021-04-05", "2021-04-27", "2021-05-13", "2021-05-23", "2021-05-24"),
    (2022, "2022-04-17", "2022-04-15", "2022-04-18", "2022-04-27", "2022-05-26", "2022-06-05", "2022-06-06"),
    (2023, "2023-04-09", "2023-04-07", "2023-04-10", "2023-04-27", "2023-05-18", "2023-05-28", "2023-05-29"),
    (2024, "2024-03-31", "2024-03-29", "2024-04-01", "2024-04-27", "2024-05-09", "2024-05-19", "2024-05-20"),
    (2025, "2025-04-20", "2025-04-18", "2025-04-21", "2025-04-26", "2025-05-29", "2025-06-08", "2025-06-09"),
    (2026, "2026-04-05", "2026-04-03", "2026-04-06", "2026-04-27", "2026-05-14", "2026-05-24", "2026-05-25"),
    (2027, "2027-03-28", "2027-03-26", "2027-03-29", "2027-04-27", "2027-05-06", "2027-05-16", "2027-05-17"),
    (2028, "2028-04-16", "2028-04-14", "2028-04-17", "2028-04-27", "2028-05-25", "2028-06-04", "2028-06-05"),
    (2029, "2029-04-01", "2029-03-30", "2029-04-02", "2029-04-27", "2029-05-10", "2029-05-20", "2029-05-21"),
    (2030, "2030-04-21", "2030-04-19", "2030-04-22", "2030-04-27", "2030-05-30", "2030-06-09", "2030-06-10"),
    (2031, "2031-04-13", "2031-04-11", "2031-04-14", "2031-04-26", "2031-05-22", "2031-06-01", "2031-06-02"),
    (2032, "2032-03-28", "2032-03-26", "2032-03-29", "2032-04-27", "2032-05-06", "2032-05-16", "2032-05-17"),
    (2033, "2033-04-17", "2033-04-15", "2033-04-18", "2033-04-27", "2033-05-26", "2033-06-05", "2033-06-06"),
    (2034, "2034-04-09", "2034-04-07", "2034-04-10", "2034-04-27", "2034-05-18", "2034-05-28", "2034-05-29"),
    (2035, "2035-03-25", "2035-03-23", "2035-03-26", "2035-04-27", "2035-05-03", "2035-05-13", "2035-05-14"),
];

#[test]
fn easter_2020_to_2035() {
    for (year, easter, ..) in YEARS {
        assert_eq!(easter_sunday(year), d(easter), "{year}");
        assert_eq!(easter_sunday(year).weekday(), Weekday::Sun, "{year}");
    }
}

#[test]
fn easter_extremes_and_century_years() {
    // 2285 has the earliest possible Easter, 1943 and 2038 the latest.
    for (year, easter) in [
        (1943, "1943-04-25"),
        (2000, "2000-04-23"),
        (2038, "2038-04-25"),
        (2100, "2100-03-28"),
        (2285, "2285-03-22"),
    ] {
        assert_eq!(easter_sunday(year), d(easter), "{year}");
    }
}

#[test]
fn every_holiday_2020_to_2035() {
    for (year, easter, good_friday, easter_monday, kings, ascension, whit, whit_monday) in YEARS {
        let expected = [
            (d(&format!("{year}-01-01")), Holiday::NewYearsDay),
            (d(good_friday), Holiday::GoodFriday),
            (d(easter), Holiday::EasterSunday),
            (d(easter_monday), Holiday::EasterMonday),
            (d(kings), Holiday::KingsDay),
            (d(&format!("{year}-05-05")), Holiday::LiberationDay),
            (d(ascension), Holiday::AscensionDay),
            (d(whit), Holiday::WhitSunday),
            (d(whit_monday), Holiday::WhitMonday),
            (d(&format!("{year}-12-25")), Holiday::ChristmasDay),
            (d(&format!("{year}-12-26")), Holiday::BoxingDay),
        ];
        for (date, name) in expected {
            assert_eq!(holiday(date, &ALL), Some(name), "{year} {date}");
        }
        let mut sorted = expected.to_vec();
        sorted.sort_by_key(|(date, _)| *date);
        assert_eq!(holidays_in(year, &ALL), sorted, "{year}");
    }
}

#[test]
fn optional_holidays_follow_the_settings() {
    for (year, _, good_friday, ..) in YEARS {
        let lustrum = year % 5 == 0;
        assert_eq!(holiday(d(good_friday), &DEFAULT), None, "{year}");
        assert_eq!(
            holiday(d(&format!("{year}-05-05")), &DEFAULT).is_some(),
            lustrum,
            "{year}"
        );
        let count = holidays_in(year, &DEFAULT).len();
        assert_eq!(count, if lustrum { 10 } else { 9 }, "{year}");
    }
}

#[test]
fn kings_day_moves_to_saturday_when_27_april_is_a_sunday() {
    for (year, expected) in [
        (2014, "2014-04-26"),
        (2020, "2020-04-27"),
        (2024, "2024-04-27"),
        (2025, "2025-04-26"),
        (2031, "2031-04-26"),
        (2036, "2036-04-26"),
    ] {
        assert_eq!(kings_day(year), d(expected), "{year}");
        assert_eq!(holiday(d(expected), &DEFAULT), Some(Holiday::KingsDay));
    }
    assert_eq!(holiday(d("2025-04-27"), &DEFAULT), None);
}

#[test]
fn liberation_day_lustrum_and_every_year() {
    let every_year = HolidaySettings {
        liberation_day: LiberationDay::EveryYear,
        ..DEFAULT
    };
    let cases = [
        ("2024-05-05", false, true),
        ("2025-05-05", true, true),
        ("2026-05-05", false, true),
        ("2029-05-05", false, true),
        ("2030-05-05", true, true),
        ("2035-05-05", true, true),
    ];
    for (date, lustrum, every) in cases {
        assert_eq!(holiday(d(date), &DEFAULT).is_some(), lustrum, "{date}");
        assert_eq!(holiday(d(date), &every_year).is_some(), every, "{date}");
    }
    assert_eq!(HolidaySettings::default(), DEFAULT);
}

#[test]
fn a_date_with_two_holidays_is_listed_once() {
    // Hemelvaartsdag 2016 fell on 5 May.
    let list = holidays_in(2016, &ALL);
    let on_may_5: Vec<_> = list
        .iter()
        .filter(|(day, _)| *day == d("2016-05-05"))
        .collect();
    assert_eq!(on_may_5, [&(d("2016-05-05"), Holiday::AscensionDay)]);
    assert_eq!(list.len(), 10);
}

#[test]
fn dutch_names() {
    let names: Vec<&str> = holidays_in(2025, &ALL)
        .iter()
        .map(|(_, h)| h.name_nl())
        .collect();
    assert_eq!(
        names,
        [
            "Nieuwjaarsdag",
            "Goede Vrijdag",
            "Eerste Paasdag",
            "Tweede Paasdag",
            "Koningsdag",
            "Bevrijdingsdag",
            "Hemelvaartsdag",
            "Eerste Pinksterdag",
            "Tweede Pinksterdag",
            "Eerste Kerstdag",
            "Tweede Kerstdag",
        ]
    );
}

#[test]
fn add_working_days_table() {
    let every_year = HolidaySettings {
        liberation_day: LiberationDay::EveryYear,
        ..DEFAULT
    };
    let cases: &[(&str, u32, HolidaySettings, &str, &str)] = &[
        (
            "2026-03-05",
            0,
            DEFAULT,
            "2026-03-05",
            "zero keeps the start",
        ),
        ("2026-03-05", 1, DEFAULT, "2026-03-06", "Thursday to Friday"),
        ("2026-03-06", 1, DEFAULT, "2026-03-09", "Friday to Monday"),
        ("2026-03-07", 1, DEFAULT, "2026-03-09", "Saturday to Monday"),
        ("2026-03-06", 5, DEFAULT, "2026-03-13", "a week"),
        (
            "2025-04-18",
            1,
            DEFAULT,
            "2025-04-22",
            "Goede Vrijdag, Tweede Paasdag",
        ),
        (
            "2025-04-17",
            1,
            DEFAULT,
            "2025-04-18",
            "Goede Vrijdag is worked",
        ),
        ("2025-04-17", 1, ALL, "2025-04-22", "Goede Vrijdag off"),
        ("2026-04-02", 5, DEFAULT, "2026-04-10", "across Easter"),
        ("2025-12-24", 1, DEFAULT, "2025-12-29", "Christmas weekend"),
        (
            "2025-12-24",
            5,
            DEFAULT,
            "2026-01-05",
            "Christmas and New Year",
        ),
        (
            "2026-12-23",
            3,
            DEFAULT,
            "2026-12-29",
            "Christmas on Fri/Sat",
        ),
        (
            "2026-04-24",
            1,
            DEFAULT,
            "2026-04-28",
            "Koningsdag on Monday",
        ),
        (
            "2025-04-25",
            1,
            DEFAULT,
            "2025-04-28",
            "Koningsdag on Saturday",
        ),
        (
            "2025-05-02",
            1,
            DEFAULT,
            "2025-05-06",
            "Bevrijdingsdag 2025",
        ),
        (
            "2026-05-04",
            1,
            DEFAULT,
            "2026-05-05",
            "no Bevrijdingsdag 2026",
        ),
        (
            "2026-05-04",
            1,
            every_year,
            "2026-05-06",
            "Bevrijdingsdag every year",
        ),
        ("2026-05-13", 1, DEFAULT, "2026-05-15", "Hemelvaartsdag"),
        ("2026-05-13", 2, DEFAULT, "2026-05-18", "Ascension weekend"),
        ("2026-05-22", 1, DEFAULT, "2026-05-26", "Tweede Pinksterdag"),
        (
            "2030-04-18",
            5,
            ALL,
            "2030-04-29",
            "Easter 2030, Koningsdag Sat",
        ),
    ];
    for (start, n, settings, expected, why) in cases {
        assert_eq!(
            add_working_days(d(start), *n, settings),
            d(expected),
            "{why}"
        );
    }
}

#[test]
fn working_days_between_inverts_add_working_days() {
    for settings in [DEFAULT, ALL] {
        for start in d("2025-12-01").iter_days().take(400) {
            for n in 0..=12 {
                let end = add_working_days(start, n, &settings);
                assert_eq!(working_days_between(start, end, &settings), n as i64);
                assert_eq!(working_days_between(end, start, &settings), -(n as i64));
            }
        }
    }
}

#[test]
fn working_days_between_table() {
    let cases = [
        ("2026-03-06", "2026-03-06", 0),
        ("2026-03-06", "2026-03-08", 0),
        ("2026-03-06", "2026-03-09", 1),
        ("2025-12-24", "2026-01-05", 5),
        ("2026-01-05", "2025-12-24", -5),
    ];
    for (from, to, expected) in cases {
        assert_eq!(
            working_days_between(d(from), d(to), &DEFAULT),
            expected,
            "{from} {to}"
        );
    }
}

#[test]
fn weekends_and_holidays_are_not_working_days() {
    assert!(is_working_day(d("2026-03-06"), &DEFAULT));
    assert!(!is_working_day(d("2026-03-07"), &DEFAULT));
    assert!(!is_working_day(d("2026-03-08"), &DEFAULT));
    assert!(!is_working_day(d("2026-01-01"), &DEFAULT));
    assert!(!is_working_day(d("2026-05-14"), &DEFAULT));
}
