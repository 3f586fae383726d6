//! Peacekeeping's other page forms over HTTP: a training institution and a course on the
//! training page, a unit added to a contingent and a mandate on the overview, sent by the Joint
//! Staff; refusals that name the field or the rule and write nothing; no forms and 403 for
//! those who may not record; labels tied to every field in both languages.

use accord_testkit::app::TestApp;
use serde_json::Value;

use crate::common::{Answer, Client, count, log_size, texts};

fn overview(client: &mut Client) -> Value {
    let answer = client.get("/api/v1/peacekeeping");
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.json()
}

/// Asserts a 422 whose page names `what`: the broken rule's code or a field in error.
fn refused(answer: &Answer, what: &str) {
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert!(
        texts(answer, "#rule code, #field-errors code").contains(&what.to_owned()),
        "{what} not named: {}",
        answer.body
    );
}

#[test]
fn the_joint_staff_establishes_an_institution_adds_a_course_assigns_a_unit_and_issues_a_mandate_through_the_pages()
 {
    let app = TestApp::start();
    let mut joint = Client::signed_in(&app, "joint.staff").with_lang("en");
    let training = joint.get("/peacekeeping/training");
    assert_eq!(
        count(&training, "#institution-form"),
        1,
        "{}",
        training.body
    );
    assert_eq!(count(&training, "#course-form"), 1);

    // An institution, without a decision.
    let established = joint.post_signed_form(
        "/peacekeeping/institutions",
        &[
            ("name.ru", "Миротворческий учебный центр"),
            ("name.en", "Peacekeeping training centre"),
            ("seat.ru", "Минск"),
            ("seat.en", "Minsk"),
            ("established", "2021-01-11"),
            ("decision", ""),
        ],
    );
    assert_eq!(established.status, 303, "{}", established.body);
    assert!(
        established
            .header("location")
            .unwrap()
            .starts_with("/peacekeeping/training")
    );
    let institution = overview(&mut joint)["institutions"]
        .as_array()
        .unwrap()
        .last()
        .cloned()
        .unwrap();
    assert_eq!(
        institution["name"]["values"]["en"],
        "Peacekeeping training centre"
    );
    assert_eq!(institution["seat"]["values"]["ru"], "Минск");
    assert_eq!(institution["established"], "2021-01-11");
    assert_eq!(institution["decision"], Value::Null);
    let id = institution["id"].as_u64().unwrap().to_string();
    let training = joint.get("/peacekeeping/training");
    assert!(
        texts(&training, "#k-institution option").contains(&"Peacekeeping training centre".into()),
        "{}",
        training.body
    );
    let summary = joint.get("/peacekeeping");
    assert_eq!(
        texts(&summary, &format!("#institution-{id} td")),
        ["Minsk", "2021-01-11", "0", "0", "0"]
    );

    // A course of four weeks at the new institution.
    let added = joint.post_signed_form(
        "/peacekeeping/courses",
        &[
            ("institution", &id),
            ("title.ru", "Разминирование"),
            ("title.en", "Mine clearance"),
            ("weeks", "4"),
        ],
    );
    assert_eq!(added.status, 303, "{}", added.body);
    let training = joint.get("/peacekeeping/training");
    assert!(
        texts(&training, "section h2").contains(&"Mine clearance".into()),
        "{}",
        training.body
    );
    let institution = overview(&mut joint)["institutions"]
        .as_array()
        .unwrap()
        .last()
        .cloned()
        .unwrap();
    assert_eq!(institution["courses"][0]["weeks"], 4);
    assert_eq!(
        institution["courses"][0]["title"]["values"]["ru"],
        "Разминирование"
    );

    // One of Russia's units joins Russia's hospital contingent; the form offers it.
    let mut api = Client::signed_in(&app, "joint.staff");
    let unit = crate::crisis_api::unit(&mut api, "RU", "field_hospital", 100, 48, "55.75,37.62");
    let page = joint.get("/peacekeeping");
    assert!(
        texts(&page, "#a-unit-1 option").contains(&format!("Unit of RU ({unit})")),
        "{}",
        page.body
    );
    let assigned = joint.post_signed_form(
        "/peacekeeping/contingents/1/units",
        &[("unit", &unit.to_string())],
    );
    assert_eq!(assigned.status, 303, "{}", assigned.body);
    assert_eq!(
        assigned.header("location"),
        Some("/peacekeeping#contingent-1")
    );
    let page = joint.get("/peacekeeping");
    assert!(
        page.text_of("#contingent-1")
            .unwrap()
            .contains("Unit of RU")
    );
    assert!(
        !texts(&page, "#a-unit-1 option").contains(&format!("Unit of RU ({unit})")),
        "a unit serves in one contingent"
    );
    assert!(
        overview(&mut joint)["contingents"][0]["units"]
            .as_array()
            .unwrap()
            .contains(&unit.into())
    );

    // A mandate under UN auspices, open-ended, for the hospital contingent.
    let issued = joint.post_signed_form(
        "/peacekeeping/mandates",
        &[
            ("title.ru", "Мандат миссии по поддержанию мира"),
            ("title.en", "Peacekeeping mission mandate"),
            ("authority.ru", "Совет Безопасности ООН"),
            ("authority.en", "UN Security Council"),
            ("resolution", "S/RES/2999 (2021)"),
            ("un_auspices", "on"),
            ("from", "2021-01-15"),
            ("until", ""),
            ("contingent", "1"),
        ],
    );
    assert_eq!(issued.status, 303, "{}", issued.body);
    let page = joint.get("/peacekeeping");
    assert!(
        texts(&page, "#mandates th[scope=row]").contains(&"Peacekeeping mission mandate".into()),
        "{}",
        page.body
    );
    let mandate = overview(&mut joint)["mandates"]
        .as_array()
        .unwrap()
        .last()
        .cloned()
        .unwrap();
    assert_eq!(mandate["authority"]["values"]["en"], "UN Security Council");
    assert_eq!(mandate["resolution"], "S/RES/2999 (2021)");
    assert_eq!(mandate["un_auspices"], true);
    assert_eq!(mandate["from"], "2021-01-15");
    assert_eq!(mandate["until"], Value::Null);
    assert_eq!(mandate["contingents"], serde_json::json!([1]));
}

#[test]
fn a_peacekeeping_form_refused_names_the_field_or_the_rule_and_writes_nothing() {
    let app = TestApp::start();
    let mut joint = Client::signed_in(&app, "joint.staff").with_lang("en");
    let mut api = Client::signed_in(&app, "joint.staff");
    // A unit of Kazakhstan's, which may not join Russia's contingent.
    let kazakh = crate::crisis_api::unit(
        &mut api,
        "KZ",
        "peacekeeping_battalion",
        500,
        72,
        "43.25,76.95",
    )
    .to_string();
    let before = log_size(&mut api);

    let institution = |name_ru: &'static str, established: &'static str| {
        vec![
            ("name.ru", name_ru),
            ("seat.ru", "Минск"),
            ("established", established),
        ]
    };
    let future = joint.post_signed_form(
        "/peacekeeping/institutions",
        &institution("Центр", "2999-01-01"),
    );
    refused(&future, "peacekeeping.in_future");
    let nameless =
        joint.post_signed_form("/peacekeeping/institutions", &institution("", "2021-01-11"));
    refused(&nameless, "name.ru");
    let mut bad_decision = institution("Центр", "2021-01-11");
    bad_decision.push(("decision", "first"));
    refused(
        &joint.post_signed_form("/peacekeeping/institutions", &bad_decision),
        "decision",
    );

    let course = |institution: &'static str, weeks: &'static str| {
        vec![
            ("institution", institution),
            ("title.ru", "Курс"),
            ("weeks", weeks),
        ]
    };
    refused(
        &joint.post_signed_form("/peacekeeping/courses", &course("1", "0")),
        "peacekeeping.bad_weeks",
    );
    refused(
        &joint.post_signed_form("/peacekeeping/courses", &course("1", "four")),
        "weeks",
    );
    refused(
        &joint.post_signed_form("/peacekeeping/courses", &course("99", "4")),
        "peacekeeping.unknown_institution",
    );

    refused(
        &joint.post_signed_form("/peacekeeping/contingents/1/units", &[("unit", &kazakh)]),
        "peacekeeping.unit_of_other_state",
    );
    refused(
        &joint.post_signed_form("/peacekeeping/contingents/99/units", &[("unit", &kazakh)]),
        "peacekeeping.unknown_contingent",
    );
    refused(
        &joint.post_signed_form("/peacekeeping/contingents/1/units", &[("unit", "")]),
        "unit",
    );

    let mandate = |until: &'static str, contingent: &'static str| {
        vec![
            ("title.ru", "Мандат"),
            ("authority.ru", "Совет коллективной безопасности"),
            ("from", "2021-01-15"),
            ("until", until),
            ("contingent", contingent),
        ]
    };
    refused(
        &joint.post_signed_form("/peacekeeping/mandates", &mandate("", "")),
        "contingent",
    );
    refused(
        &joint.post_signed_form("/peacekeeping/mandates", &mandate("2021-01-01", "1")),
        "peacekeeping.bad_period",
    );
    refused(
        &joint.post_signed_form("/peacekeeping/mandates", &mandate("", "99")),
        "peacekeeping.unknown_contingent",
    );
    let long = "S".repeat(101);
    let mut bad_resolution = mandate("", "1");
    bad_resolution.push(("resolution", &long));
    refused(
        &joint.post_signed_form("/peacekeeping/mandates", &bad_resolution),
        "peacekeeping.bad_resolution",
    );

    assert_eq!(log_size(&mut api), before, "nothing was written");
}

#[test]
fn those_who_may_not_record_peacekeeping_get_no_forms_and_403() {
    let app = TestApp::start();
    let mut reader = Client::signed_in(&app, "joint.staff");
    let before = log_size(&mut reader);
    for who in ["duty.officer", "delegate.am"] {
        let mut client = Client::signed_in(&app, who);
        let training = client.get("/peacekeeping/training");
        assert_eq!(training.status, 200, "{who}: {}", training.body);
        assert_eq!(count(&training, "#institution-form, #course-form"), 0);
        let page = client.get("/peacekeeping");
        assert_eq!(page.status, 200);
        assert_eq!(count(&page, "#mandate-form, .assign-form"), 0, "{who}");
        for (path, fields) in [
            (
                "/peacekeeping/institutions",
                &[
                    ("name.ru", "Центр"),
                    ("seat.ru", "Минск"),
                    ("established", "2021-01-11"),
                ][..],
            ),
            (
                "/peacekeeping/courses",
                &[("institution", "1"), ("title.ru", "Курс"), ("weeks", "4")][..],
            ),
            ("/peacekeeping/contingents/1/units", &[("unit", "1")][..]),
            (
                "/peacekeeping/mandates",
                &[
                    ("title.ru", "Мандат"),
                    ("authority.ru", "Совет"),
                    ("from", "2021-01-15"),
                    ("contingent", "1"),
                ][..],
            ),
        ] {
            let denied = client.post_signed_form(path, fields);
            assert_eq!(denied.status, 403, "{who} {path}: {}", denied.body);
        }
    }
    assert_eq!(log_size(&mut reader), before, "nothing was written");
}

#[test]
fn the_peacekeeping_forms_label_every_field_in_both_languages() {
    let app = TestApp::start();
    for lang in ["ru", "en"] {
        let mut joint = Client::signed_in(&app, "joint.staff").with_lang(lang);
        for (path, forms) in [
            ("/peacekeeping/training", "#institution-form, #course-form"),
            ("/peacekeeping", "#mandate-form, .assign-form"),
        ] {
            let answer = joint.get(path);
            assert_eq!(answer.status, 200, "{path} in {lang}");
            for id in ["training-", "peacekeeping-", "lang-name-", "field-"] {
                assert!(
                    !answer.body.contains(&format!(">{id}")),
                    "a message id left in {path}"
                );
            }
            let html = answer.html();
            let forms = scraper::Selector::parse(forms).unwrap();
            let fields = scraper::Selector::parse("input:not([type=hidden]), select").unwrap();
            let mut seen = 0;
            for form in html.select(&forms) {
                for field in form.select(&fields) {
                    let id = field.value().attr("id").expect("a field with an id");
                    let label = scraper::Selector::parse(&format!("label[for=\"{id}\"]")).unwrap();
                    let words: String = form
                        .select(&label)
                        .next()
                        .unwrap_or_else(|| panic!("no label for {id} in {path}"))
                        .text()
                        .collect();
                    assert!(!words.trim().is_empty(), "{id} in {lang}");
                    seen += 1;
                }
            }
            assert!(seen >= 5, "{path}: {seen} fields");
        }
        // The per-language groups are fieldsets with legends.
        let training = joint.get("/peacekeeping/training");
        assert_eq!(count(&training, "#institution-form fieldset > legend"), 2);
        assert_eq!(count(&training, "#course-form fieldset > legend"), 1);
        let page = joint.get("/peacekeeping");
        assert_eq!(count(&page, "#mandate-form fieldset > legend"), 3);
    }
}
