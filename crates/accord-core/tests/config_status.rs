//! The configuration of status applications and the chairmanship's rotation over the years.

use accord_core::config::{MemberStatus, OrgConfig, REFERENCE_TOML};
use accord_core::{Date, StateCode};

fn code(s: &str) -> StateCode {
    StateCode::parse(s).expect("code")
}

fn date(s: &str) -> Date {
    Date::parse(s).expect("date")
}

fn load(text: &str) -> Result<OrgConfig, Vec<String>> {
    OrgConfig::from_toml_str(text, "org.toml")
        .map_err(|e| e.problems().iter().map(ToString::to_string).collect())
}

/// The reference file without its `[applications]` section.
fn without_applications() -> String {
    let start = REFERENCE_TOML
        .find("\n# Status applications")
        .expect("the section's comment");
    REFERENCE_TOML[..start].to_owned()
}

#[test]
fn a_configuration_without_applications_loads_and_takes_none() {
    let config = load(&without_applications()).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(config.application_steps().is_empty());
    assert!(
        config
            .application_steps()
            .for_status(MemberStatus::Observer)
            .is_empty()
    );
    // It is written without the section, as before the section existed.
    let json = serde_json::to_string(&config).expect("json");
    assert!(!json.contains("applications"), "{json}");
}

#[test]
fn steps_name_bodies_of_member_states_and_the_last_one_decides() {
    let base = without_applications();
    let with = |steps: &str| format!("{base}\n[applications]\nobserver = [{steps}]\n");
    let errors = load(&with(
        r#"{ body = "pc", step = "consider" }, { body = "cfm", step = "recommend" }"#,
    ))
    .expect_err("no deciding step");
    assert!(
        errors
            .iter()
            .any(|e| e.contains("the last step is the one that decides")),
        "{errors:?}"
    );
    let errors = load(&with(
        r#"{ body = "csc", step = "decide" }, { body = "cfm", step = "decide" }"#,
    ))
    .expect_err("two deciding steps");
    assert!(
        errors
            .iter()
            .any(|e| e.contains("only the last step decides")),
        "{errors:?}"
    );
    let errors = load(&with(r#"{ body = "nowhere", step = "decide" }"#)).expect_err("unknown body");
    assert!(
        errors.iter().any(|e| e.contains("nowhere is not a body")),
        "{errors:?}"
    );
    let errors =
        load(&with(r#"{ body = "secretariat", step = "decide" }"#)).expect_err("staff body");
    assert!(
        errors.iter().any(|e| e.contains("staff body")),
        "{errors:?}"
    );
    let errors = load(&with(r#"{ body = "csc", step = "approve" }"#)).expect_err("unknown step");
    assert!(!errors.is_empty());
    let errors = load(&format!("{base}\n[applications]\nmember = []\n")).expect_err("member");
    assert!(!errors.is_empty());
    let config =
        load(&with(r#"{ body = "csc", step = "decide" }"#)).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        config
            .application_steps()
            .for_status(MemberStatus::Observer)
            .len(),
        1
    );
    assert!(
        config
            .application_steps()
            .for_status(MemberStatus::Partner)
            .is_empty()
    );
}

#[test]
fn the_annual_rotation_over_several_years_in_both_directions() {
    let config = OrgConfig::reference().unwrap_or_else(|e| panic!("{e}"));
    let chair = config.chairmanship();
    let years: Vec<(i64, StateCode)> = (2016..=2027)
        .map(|y| {
            let term = chair.term_on(Date::from_ymd(y, 7, 1).expect("date"));
            (term.start.ymd().0, term.chair)
        })
        .collect();
    let order = ["AM", "BY", "KZ", "KG", "RU", "TJ"];
    for (y, state) in &years {
        // Russia chairs 2020 (index 4); every year moves one along the order.
        let index = (4 + (y - 2020)).rem_euclid(6);
        assert_eq!(
            *state,
            code(order[usize::try_from(index).expect("index")]),
            "{y}"
        );
    }
    assert_eq!(chair.term_on(date("2020-12-31")).chair, code("RU"));
    let next = chair.term_on(date("2021-01-01"));
    assert_eq!(
        (next.chair, next.start, next.end),
        (code("TJ"), date("2021-01-01"), date("2022-01-01"))
    );
    assert_eq!(chair.term_on(date("2019-12-31")).chair, code("KG"));
    // The function agrees with the chair of the state on every day it is asked about.
    for y in 2016..=2027 {
        let d = Date::from_ymd(y, 3, 15).expect("date");
        assert_eq!(chair.term_on(d).chair, chair.chair_on(d));
    }
}

#[test]
fn a_two_year_term_hands_over_on_the_anniversary_of_its_start() {
    let text = REFERENCE_TOML
        .replacen("term_years = 1", "term_years = 2", 1)
        .replacen("since = \"2020-01-01\"", "since = \"2020-07-01\"", 1);
    let config = load(&text).unwrap_or_else(|e| panic!("{e:?}"));
    let chair = config.chairmanship();
    let on = |d: &str| chair.term_on(date(d));
    assert_eq!(on("2020-07-01").chair, code("RU"));
    assert_eq!(on("2022-06-30").chair, code("RU"));
    assert_eq!(on("2022-07-01").chair, code("TJ"));
    assert_eq!(on("2022-07-01").end, date("2024-07-01"));
    assert_eq!(on("2024-07-01").chair, code("AM"));
    assert_eq!(on("2028-01-01").chair, code("BY"));
    assert_eq!(on("2030-01-01").chair, code("KZ"));
    assert_eq!(on("2020-06-30").chair, code("KG"));
    assert_eq!(on("2020-06-30").start, date("2018-07-01"));
    assert_eq!(on("2016-07-01").chair, code("KZ"));
    // Consecutive terms meet without a gap.
    for index in -5..5 {
        assert_eq!(chair.term(index).end, chair.term(index + 1).start);
    }
}
