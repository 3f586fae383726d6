//! The organisation configuration: the reference file loads; malformed files name file, line and field.

use accord_core::config::{
    BodyLevel, Composition, DecisionRule, DocumentType, MemberStatus, OrgConfig, REFERENCE_TOML,
};
use accord_core::{BodyId, Date, Lang, StateCode};

fn code(s: &str) -> StateCode {
    StateCode::parse(s).expect("code")
}

#[test]
fn the_reference_configuration_loads() {
    let config = OrgConfig::reference().unwrap_or_else(|e| panic!("{e}"));
    let en = Lang::parse("en").expect("en");
    assert_eq!(config.short_name().get(en), Some("CSTO"));
    assert_eq!(config.authentic_language().as_str(), "ru");
    assert_eq!(config.members().len(), 6);
    assert!(
        config
            .members()
            .iter()
            .all(|m| m.status == MemberStatus::Member)
    );
    assert_eq!(config.partners().len(), 2);
    let ids: Vec<&str> = config.bodies().iter().map(|b| b.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "csc",
            "cfm",
            "cdm",
            "cssc",
            "pc",
            "secretariat",
            "joint-staff",
            "crc"
        ]
    );
    let cfm = config
        .body(&BodyId::parse("cfm").expect("id"))
        .expect("cfm");
    assert_eq!(cfm.level, BodyLevel::Ministerial);
    assert_eq!(cfm.composition, Composition::MemberStates);
    assert!(cfm.competences.contains(&DocumentType::Statement));
    assert_eq!(cfm.rules, [DecisionRule::Consensus, DecisionRule::Silence]);
    assert_eq!(cfm.reports_to.as_ref().map(BodyId::as_str), Some("csc"));
}

#[test]
fn the_chair_passes_from_russia_in_2020_to_tajikistan_in_2021_then_armenia() {
    let config = OrgConfig::reference().unwrap_or_else(|e| panic!("{e}"));
    let chair = |d: &str| {
        config
            .chairmanship()
            .chair_on(Date::parse(d).expect("date"))
    };
    assert_eq!(chair("2020-12-01"), code("RU"));
    assert_eq!(chair("2021-01-01"), code("TJ"));
    assert_eq!(chair("2022-06-30"), code("AM"));
    assert_eq!(chair("2019-12-31"), code("KG"));
}

/// Loads the reference file with `from` replaced by `to` and returns the one-line errors.
fn errors_after(from: &str, to: &str) -> Vec<String> {
    assert!(
        REFERENCE_TOML.contains(from),
        "the reference file has {from:?}"
    );
    let text = REFERENCE_TOML.replacen(from, to, 1);
    match OrgConfig::from_toml_str(&text, "org.toml") {
        Ok(_) => Vec::new(),
        Err(e) => e.problems().iter().map(ToString::to_string).collect(),
    }
}

/// The 1-based line of the first occurrence of `needle` in the reference file.
fn line_of(needle: &str) -> usize {
    let at = REFERENCE_TOML.find(needle).expect("needle");
    REFERENCE_TOML[..at].matches('\n').count() + 1
}

fn assert_one_error(errors: &[String], line: usize, field: &str, words: &str) {
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let prefix = format!("org.toml:{line}:");
    assert!(
        errors[0].starts_with(&prefix),
        "{} should start with {prefix}",
        errors[0]
    );
    assert!(
        errors[0].contains(&format!(": {field}: ")),
        "{} should name {field}",
        errors[0]
    );
    assert!(
        errors[0].contains(words),
        "{} should say {words:?}",
        errors[0]
    );
}

#[test]
fn an_unknown_language_code_is_refused_with_its_line_and_field() {
    let errors = errors_after("name.en = \"Armenia\"", "name.fr = \"Arménie\"");
    let line = line_of("name.en = \"Armenia\"");
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with(&format!("org.toml:{line}:"))
                && e.contains("members[0].name.fr")
                && e.contains("fr is not an official language")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("members[0].name") && e.contains("the en translation is missing")),
        "{errors:#?}"
    );
}

#[test]
fn the_home_time_zone_is_an_iana_zone_named_in_every_language() {
    let config = OrgConfig::reference().unwrap_or_else(|e| panic!("{e}"));
    let zone = config.time_zone().expect("the reference names its zone");
    assert_eq!(zone.zone, "Europe/Moscow");
    let ru = Lang::parse("ru").expect("ru");
    assert_eq!(zone.name.get(ru), Some("по московскому времени"));

    let errors = errors_after(
        "time_zone = \"Europe/Moscow\"",
        "time_zone = \"Europe/Moskva\"",
    );
    assert_one_error(
        &errors,
        line_of("time_zone = "),
        "organisation.time_zone",
        "\"Europe/Moskva\" is not an IANA time zone name",
    );

    let errors = errors_after("time_zone_name.en = \"Moscow time\"\n", "");
    assert_one_error(
        &errors,
        line_of("time_zone_name.ru"),
        "organisation.time_zone_name",
        "the en translation is missing",
    );

    let errors = errors_after(
        "time_zone_name.ru = \"по московскому времени\"\ntime_zone_name.en = \"Moscow time\"\n",
        "",
    );
    assert_one_error(
        &errors,
        line_of("time_zone = "),
        "organisation.time_zone",
        "time_zone needs time_zone_name",
    );
}

#[test]
fn a_malformed_language_tag_is_refused() {
    let errors = errors_after(
        "official = [\"ru\", \"en\"]",
        "official = [\"ru\", \"English\"]",
    );
    assert_one_error(
        &errors,
        line_of("official = ["),
        "languages.official[1]",
        "not a valid language tag",
    );
}

#[test]
fn a_missing_translation_in_an_official_language_is_refused() {
    let errors = errors_after("name.en = \"Council of Defence Ministers\"\n", "");
    assert_one_error(
        &errors,
        line_of("name.ru = \"Совет министров обороны\""),
        "bodies[2].name",
        "the en translation is missing",
    );
}

#[test]
fn a_body_adopting_an_unknown_document_type_is_refused() {
    let errors = errors_after(
        "competences = [\"decision\", \"plan\", \"regulation\", \"report\"]",
        "competences = [\"decision\", \"treaty\"]",
    );
    assert_one_error(
        &errors,
        line_of("competences = [\"decision\", \"plan\", \"regulation\""),
        "bodies[2].competences[1]",
        "unknown variant `treaty`",
    );
}

#[test]
fn a_chair_order_naming_a_non_member_is_refused() {
    let errors = errors_after(
        "order = [\"AM\", \"BY\", \"KZ\", \"KG\", \"RU\", \"TJ\"]",
        "order = [\"AM\", \"BY\", \"KZ\", \"KG\", \"RU\", \"TJ\", \"UZ\"]",
    );
    assert_one_error(
        &errors,
        line_of("order = [\"AM\""),
        "chairmanship.order[6]",
        "UZ is not a state of the organisation",
    );
}

#[test]
fn an_observer_in_the_chair_order_is_refused() {
    let text = REFERENCE_TOML.replacen(
        "status = \"member\"\nsince = \"2002-10-07\"\n\n[[members]]\ncode = \"BY\"",
        "status = \"observer\"\nsince = \"2002-10-07\"\n\n[[members]]\ncode = \"BY\"",
        1,
    );
    let err = OrgConfig::from_toml_str(&text, "org.toml").expect_err("refused");
    let first = err.problems()[0].to_string();
    assert!(
        first.contains("chairmanship.order[0]")
            && first.contains("AM is observer, and only member states chair"),
        "{err}"
    );
}

#[test]
fn a_duplicate_state_code_is_refused() {
    let errors = errors_after("code = \"BY\"", "code = \"AM\"");
    assert_one_error(
        &errors[..1],
        line_of("code = \"BY\""),
        "members[1].code",
        "the state AM is listed twice",
    );
    assert!(
        errors[1].contains("chairmanship.order[1]: BY is not a state of the organisation"),
        "{errors:#?}"
    );
}

#[test]
fn a_duplicate_body_id_and_an_unknown_parent_body_are_refused() {
    let errors = errors_after("id = \"cdm\"", "id = \"cfm\"");
    assert_one_error(
        &errors,
        line_of("id = \"cdm\""),
        "bodies[2].id",
        "the body cfm is listed twice",
    );
    let errors = errors_after("reports_to = \"cfm\"", "reports_to = \"council\"");
    assert_one_error(
        &errors,
        line_of("reports_to = \"cfm\""),
        "bodies[4].reports_to",
        "no body has the id \"council\"",
    );
}

#[test]
fn an_authentic_language_that_is_not_official_is_refused() {
    let errors = errors_after("authentic = \"ru\"", "authentic = \"kk\"");
    assert!(
        errors.iter().any(|e| e
            .starts_with(&format!("org.toml:{}:", line_of("authentic = \"ru\"")))
            && e.contains("languages.authentic")
            && e.contains("not an official language")),
        "{errors:#?}"
    );
}

#[test]
fn a_wrong_type_a_missing_field_and_an_unknown_field_are_refused() {
    let errors = errors_after("term_years = 1", "term_years = \"annual\"");
    assert_one_error(
        &errors,
        line_of("term_years = 1"),
        "chairmanship.term_years",
        "invalid type",
    );
    let errors = errors_after("quorum = \"none\"\n", "");
    assert_one_error(
        &errors,
        line_of("id = \"secretariat\"") - 1,
        "bodies[5]",
        "missing field `quorum`",
    );
    let errors = errors_after("level = \"summit\"", "level = \"summit\"\nchair = \"RU\"");
    assert_one_error(
        &errors,
        line_of("level = \"summit\"") + 1,
        "bodies[0].chair",
        "unknown field `chair`",
    );
}

#[test]
fn a_staff_body_voting_by_consensus_and_a_bad_date_are_refused() {
    let errors = errors_after("rules = [\"head\"]", "rules = [\"consensus\"]");
    assert_one_error(
        &errors,
        line_of("rules = [\"head\"]"),
        "bodies[5].rules[0]",
        "a staff body decides by `head`",
    );
    let errors = errors_after("founded = \"2002-10-07\"", "founded = \"2002-02-30\"");
    assert_one_error(
        &errors,
        line_of("founded = "),
        "organisation.founded",
        "not a valid date",
    );
}

#[test]
fn a_syntax_error_names_its_line() {
    let errors = errors_after("[chairmanship]", "[chairmanship");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with(&format!("org.toml:{}:", line_of("[chairmanship]"))),
        "{errors:#?}"
    );
}
