//! Plans and strategies, and peacekeeping, over HTTP: the demo's strategy on its dashboard
//! (figures, overdue flag, the chart and its table), its CSV export read back with a CSV
//! reader in both languages, progress reported through the API and the page's form by those
//! responsible only, and the peacekeeping pages and API.

use accord_testkit::app::TestApp;
use serde_json::json;

use crate::common::{Answer, Client, count, texts};

/// The CSV's rows (the header first), read back with a CSV reader.
fn rows(answer: &Answer) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(answer.body.as_bytes());
    reader
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn the_strategys_dashboard_shows_its_figures_chart_and_the_overdue_measure() {
    let app = TestApp::start();
    let mut armenia = Client::signed_in(&app, "delegate.am").with_lang("en");
    let list = armenia.get("/plans");
    assert_eq!(list.status, 200);
    assert_eq!(count(&list, "#plans tbody tr"), 2, "{}", list.body);

    let page = armenia.get("/plans/1?on=2020-12-31");
    assert_eq!(page.status, 200, "{}", page.body);
    // Eight measures in the tree's order; 1.1 and 2.1 done; measure 3 (due 30 November 2020,
    // in progress) overdue, and only it.
    let numbers = texts(&page, "#measures tbody tr th");
    assert_eq!(numbers, ["1", "1.1", "1.2", "2", "2.1", "2.2", "3", "4"]);
    let overdue: Vec<String> = page
        .html()
        .select(&scraper::Selector::parse("#measures tbody tr.overdue-row").unwrap())
        .filter_map(|e| e.value().attr("id").map(str::to_owned))
        .collect();
    assert_eq!(overdue, ["measure-3"]);
    assert_eq!(
        page.text_of("#percent-done strong").unwrap(),
        "25% of the measures done"
    );
    assert_eq!(page.text_of("#overdue-count").unwrap(), "1 measure overdue");
    // The chart: a bar per responsible state and one for the whole plan, described, with
    // the same figures in the table.
    assert_eq!(count(&page, "svg#chart g.bar"), 7);
    assert!(page.text_of("svg#chart desc").unwrap().contains("25%"));
    let tajikistan: Vec<String> = {
        let html = page.html();
        let row = scraper::Selector::parse("#state-figures tbody tr").unwrap();
        let cell = scraper::Selector::parse("th, td").unwrap();
        html.select(&row)
            .map(|r| {
                r.select(&cell)
                    .map(|c| c.text().collect::<String>())
                    .collect::<Vec<_>>()
            })
            .find(|cells| cells[0] == "Tajikistan")
            .expect("Tajikistan's row")
    };
    // Tajikistan: measure 1.2 (in progress) and measure 3 (in progress, overdue).
    assert_eq!(tajikistan[1..], ["2", "0", "2", "0", "1", "0"]);
    // Before its deadline, measure 3 is not overdue.
    let before = armenia.get("/plans/1?on=2020-11-30");
    assert_eq!(count(&before, "#measures tbody tr.overdue-row"), 0);
    // A bad day is named.
    let bad = armenia.get("/plans/1?on=2020-13-01");
    assert_eq!(bad.status, 422);
    // Restricted: the public and an observer do not see it.
    assert_eq!(Client::new(&app).get("/plans/1").status, 404);
    assert_eq!(
        Client::signed_in(&app, "observer.rs")
            .get("/plans")
            .text_of("#plans"),
        None
    );
}

#[test]
fn the_csv_export_reads_back_one_row_per_measure_in_the_readers_language() {
    let app = TestApp::start();
    let mut secretariat = Client::signed_in(&app, "secretariat").with_lang("en");
    let answer = secretariat.get("/plans/1.csv?on=2020-12-31");
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(
        answer
            .header("content-type")
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(answer.body.contains("\r\n"), "CRLF line ends");
    let table = rows(&answer);
    assert_eq!(
        table[0],
        [
            "No.",
            "Measure",
            "Responsible",
            "Deadline",
            "Status",
            "Overdue",
            "Last report",
            "Reported for",
            "Indicators"
        ]
    );
    assert_eq!(table.len(), 9, "a header and eight measures");
    let three = table.iter().find(|r| r[0] == "3").expect("measure 3");
    assert_eq!(three[1], "Hold joint counter-terrorism exercises");
    assert_eq!(three[2], "Kazakhstan; Tajikistan");
    assert_eq!(three[3], "2020-11-30");
    assert_eq!(three[4], "In progress");
    assert_eq!(three[5], "yes");
    assert_eq!(three[6], "2020-11-15");
    assert_eq!(three[7], "Tajikistan");
    assert_eq!(three[8], "Exercises held: 2 / 4 exercises");
    let one_one = table.iter().find(|r| r[0] == "1.1").expect("measure 1.1");
    assert_eq!((one_one[4].as_str(), one_one[5].as_str()), ("Done", "no"));
    // A field with a comma or a quote is quoted and reads back whole.
    let one_two = table.iter().find(|r| r[0] == "1.2").expect("measure 1.2");
    assert_eq!(one_two[2].split("; ").count(), 6);

    let russian = Client::signed_in(&app, "secretariat")
        .with_lang("ru")
        .get("/plans/1.csv?on=2020-12-31");
    let table = rows(&russian);
    assert_eq!(table[0][0], "№");
    let three = table.iter().find(|r| r[0] == "3").unwrap();
    assert_eq!(three[4], "Выполняется");
    assert_eq!(three[5], "да");
    assert_eq!(three[2], "Казахстан; Таджикистан");
}

#[test]
fn only_those_responsible_report_and_a_done_measure_is_no_longer_overdue() {
    let app = TestApp::start();
    let report = |who: &str, measure: &str| {
        let mut client = Client::signed_in(&app, who);
        client.send_json(
            "POST",
            "/api/v1/plans/1/reports",
            &json!({"measure": measure, "status": "done", "as_of": "2020-12-20",
                "values": [{"indicator": 1, "value": 4}],
                "comment": {"ru": "Все учения проведены.", "en": "All exercises held."}})
            .to_string(),
        )
    };
    // Armenia is not responsible for measure 3; an observer may not report at all.
    let refused = report("delegate.am", "3");
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(refused.json()["rule"], "plan.not_responsible");
    assert_eq!(report("observer.rs", "3").status, 403);
    // Tajikistan is.
    let done = report("delegate.tj", "3");
    assert_eq!(done.status, 201, "{}", done.body);
    let mut reader = Client::signed_in(&app, "secretariat");
    let plan = reader.get("/api/v1/plans/1?on=2020-12-31").json();
    let three = plan["measures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["number"] == "3")
        .unwrap();
    assert_eq!(three["status"], "done");
    assert_eq!(three["overdue"], false);
    assert_eq!(three["reports"].as_array().unwrap().len(), 2);
    assert_eq!(plan["overall"]["done"], 3);
    assert_eq!(plan["overall"]["overdue"], 0);
    assert_eq!(plan["overall"]["percent_done"], 37);
    assert_eq!(plan["by_state"]["TJ"]["done"], 1);
    // But on 19 December it was still overdue: the report is as of the 20th.
    let earlier = reader.get("/api/v1/plans/1?on=2020-12-19").json();
    assert_eq!(earlier["overall"]["overdue"], 1);
    // The list shows both plans with their figures.
    let list = reader.get("/api/v1/plans").json();
    assert_eq!(list["plans"].as_array().unwrap().len(), 2);
    assert_eq!(list["plans"][0]["kind"], "strategy");
    assert_eq!(list["plans"][1]["kind"], "plan");
}

#[test]
fn the_secretariat_builds_a_plan_and_a_head_of_delegation_reports_through_the_pages() {
    let app = TestApp::start();
    let mut secretariat = Client::signed_in(&app, "secretariat").with_lang("en");
    let document = secretariat.send_json(
        "POST",
        "/api/v1/documents",
        &json!({"type": "plan", "title": {"ru": "План по биобезопасности", "en": "Biosecurity plan"},
            "sponsor": "secretariat", "body": "cfm",
            "text": {"ru": "Меры.", "en": "Measures."}})
        .to_string(),
    );
    assert_eq!(document.status, 201, "{}", document.body);
    let document = document.json()["id"].as_u64().unwrap();
    let form = secretariat.get("/plans");
    assert!(
        texts(&form, "#p-document option").contains(&"Biosecurity plan".to_owned()),
        "{}",
        form.body
    );
    let created = secretariat.post_signed_form("/plans", &[("document", &document.to_string())]);
    assert_eq!(created.status, 303, "{}", created.body);
    let location = created.header("location").unwrap().to_owned();
    assert!(location.starts_with("/plans/"), "{location}");
    let added = secretariat.post_signed_form(
        &format!("{location}/measures"),
        &[
            ("text.ru", "Создать лабораторию"),
            ("text.en", "Set up a laboratory"),
            ("states", "BY"),
            ("deadline", "2030-06-30"),
            ("indicator.ru", "Лаборатории"),
            ("indicator.en", "Laboratories"),
            ("target", "2"),
            ("unit.ru", "шт."),
            ("unit.en", "labs"),
        ],
    );
    assert_eq!(added.status, 303, "{}", added.body);
    // Belarus's head sees the report form for its measure; Armenia's delegate does not.
    let mut belarus = Client::signed_in(&app, "head.by").with_lang("en");
    let page = belarus.get(&location);
    assert_eq!(texts(&page, "#r-measure option"), ["1 Set up a laboratory"]);
    let armenia = Client::signed_in(&app, "delegate.am").get(&location);
    assert_eq!(count(&armenia, "#report-form"), 0);
    let today = crate::crisis_api::at(0)[..10].to_owned();
    let sent = belarus.post_signed_form(
        &format!("{location}/reports"),
        &[
            ("measure", "1"),
            ("status", "in_progress"),
            ("as_of", &today),
            ("value.1", "1"),
            ("comment.ru", "Первая лаборатория открыта."),
        ],
    );
    assert_eq!(sent.status, 303, "{}", sent.body);
    let page = belarus.get(&location);
    assert_eq!(texts(&page, "#measures tbody td .badge"), ["In progress"]);
    assert!(
        page.text_of("#measures tbody")
            .unwrap()
            .contains("Laboratories: 1 / 2 labs")
    );
    // A report dated in the future is refused naming the rule.
    let future = belarus.post_signed_form(
        &format!("{location}/reports"),
        &[
            ("measure", "1"),
            ("status", "done"),
            ("as_of", "2999-01-01"),
        ],
    );
    assert_eq!(future.status, 422, "{}", future.body);
    assert!(
        future.body.contains("plan.report_in_future"),
        "{}",
        future.body
    );
}

#[test]
fn peacekeeping_shows_the_hospital_contingent_the_un_mandate_and_the_training_institution() {
    let app = TestApp::start();
    let mut joint = Client::signed_in(&app, "joint.staff").with_lang("en");
    let page = joint.get("/peacekeeping");
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(
        page.text_of("#contingent-1 th").unwrap(),
        "Military mobile hospital"
    );
    assert!(
        page.text_of("#mandate-1").unwrap().contains("yes"),
        "under UN auspices"
    );
    assert_eq!(
        texts(&page, "#institution-1 td"),
        ["Moscow", "2020-12-02", "1", "47", "23"]
    );
    let training = joint.get("/peacekeeping/training");
    assert_eq!(training.status, 200);
    assert_eq!(count(&training, "table.intake"), 2);
    assert!(training.text_of("#course-1").unwrap().contains("2 weeks"));

    // A unit of Russia's joins the hospital contingent; Kazakhstan's may not.
    let mut api = Client::signed_in(&app, "joint.staff");
    let unit = crate::crisis_api::unit(&mut api, "RU", "field_hospital", 100, 48, "55.75,37.62");
    let assigned = api.send_json(
        "POST",
        "/api/v1/peacekeeping/contingents/1/units",
        &json!({ "unit": unit }).to_string(),
    );
    assert_eq!(assigned.status, 201, "{}", assigned.body);
    let kazakh = crate::crisis_api::unit(
        &mut api,
        "KZ",
        "peacekeeping_battalion",
        500,
        72,
        "43.25,76.95",
    );
    let refused = api.send_json(
        "POST",
        "/api/v1/peacekeeping/contingents/1/units",
        &json!({ "unit": kazakh }).to_string(),
    );
    assert_eq!(refused.json()["rule"], "peacekeeping.unit_of_other_state");
    let overview = api.get("/api/v1/peacekeeping").json();
    assert_eq!(overview["contingents"][0]["units"], json!([unit]));
    assert_eq!(overview["mandates"][0]["un_auspices"], true);
    assert_eq!(
        overview["institutions"][0]["courses"][0]["intakes"][0]["certified"]["RU"],
        8
    );
    // Certifying more of Armenia's trainees than enrolled is refused; Kyrgyzstan's four are
    // certified.
    let too_many = api.send_json(
        "POST",
        "/api/v1/peacekeeping/intakes/1/certifications",
        &json!({"state": "AM", "count": 1, "on": "2020-12-18"}).to_string(),
    );
    assert_eq!(too_many.json()["rule"], "peacekeeping.too_many_certified");
    let kyrgyz = api.send_json(
        "POST",
        "/api/v1/peacekeeping/intakes/1/certifications",
        &json!({"state": "KG", "count": 4, "on": "2020-12-21"}).to_string(),
    );
    assert_eq!(kyrgyz.status, 201, "{}", kyrgyz.body);
    // The duty officer reads but does not record; an observer reads nothing.
    let mut duty = Client::signed_in(&app, "duty.officer");
    assert_eq!(duty.get("/peacekeeping").status, 200);
    let denied = duty.send_json(
        "POST",
        "/api/v1/peacekeeping/courses",
        &json!({"institution": 1, "title": {"ru": "Курс"}, "weeks": 1}).to_string(),
    );
    assert_eq!(denied.status, 403);
    assert_eq!(
        Client::signed_in(&app, "observer.rs")
            .get("/peacekeeping")
            .status,
        403
    );
}

#[test]
fn the_joint_staff_records_an_intake_a_certification_and_a_contingent_through_the_pages() {
    let app = TestApp::start();
    let mut joint = Client::signed_in(&app, "joint.staff").with_lang("en");
    let training = joint.get("/peacekeeping/training");
    assert_eq!(count(&training, "#intake-form"), 1, "{}", training.body);
    assert_eq!(count(&training, "table.intake"), 2);

    // An intake of course 1 with trainees of two states; an empty count is no trainees.
    let opened = joint.post_signed_form(
        "/peacekeeping/intakes",
        &[
            ("course", "1"),
            ("starts", "2021-02-01"),
            ("ends", "2021-02-12"),
            ("trainees.BY", "6"),
            ("trainees.TJ", "3"),
            ("trainees.AM", ""),
        ],
    );
    assert_eq!(opened.status, 303, "{}", opened.body);
    let training = joint.get("/peacekeeping/training");
    assert_eq!(count(&training, "table.intake"), 3);
    let intake = api_intakes(&mut joint)
        .last()
        .cloned()
        .expect("the new intake");
    assert_eq!(intake["trainees"], json!({"BY": 6, "TJ": 3}));
    let id = intake["id"].as_u64().unwrap().to_string();

    // A count that is not a number, and no trainees at all, are refused naming the field.
    let bad = joint.post_signed_form(
        "/peacekeeping/intakes",
        &[
            ("course", "1"),
            ("starts", "2021-03-01"),
            ("ends", "2021-03-12"),
            ("trainees.BY", "six"),
        ],
    );
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(bad.body.contains("trainees.BY"), "{}", bad.body);
    let none = joint.post_signed_form(
        "/peacekeeping/intakes",
        &[
            ("course", "1"),
            ("starts", "2021-03-01"),
            ("ends", "2021-03-12"),
        ],
    );
    assert_eq!(none.status, 422, "{}", none.body);
    assert_eq!(api_intakes(&mut joint).len(), 3, "nothing was written");

    // Certifying: five of Belarus's six, then more of Tajikistan's than enrolled is refused.
    let certified = joint.post_signed_form(
        "/peacekeeping/certifications",
        &[
            ("intake", &id),
            ("state", "BY"),
            ("count", "5"),
            ("on", "2021-02-12"),
        ],
    );
    assert_eq!(certified.status, 303, "{}", certified.body);
    let too_many = joint.post_signed_form(
        "/peacekeeping/certifications",
        &[
            ("intake", &id),
            ("state", "TJ"),
            ("count", "4"),
            ("on", "2021-02-12"),
        ],
    );
    assert_eq!(too_many.status, 422, "{}", too_many.body);
    assert!(
        too_many.body.contains("peacekeeping.too_many_certified"),
        "{}",
        too_many.body
    );
    let intake = api_intakes(&mut joint).last().cloned().unwrap();
    assert_eq!(intake["certified"], json!({"BY": 5, "TJ": 0}));

    // A contingent of Belarus's with one of Belarus's units, from the overview's form.
    let mut api = Client::signed_in(&app, "joint.staff");
    let unit = crate::crisis_api::unit(&mut api, "BY", "engineering", 120, 72, "53.90,27.56");
    let overview = joint.get("/peacekeeping");
    assert_eq!(count(&overview, "#contingent-form"), 1);
    let formed = joint.post_signed_form(
        "/peacekeeping/contingents",
        &[
            ("name.ru", "Инженерная рота"),
            ("name.en", "Engineering company"),
            ("state", "BY"),
            ("personnel", "120"),
            ("unit", &unit.to_string()),
            ("integrated_on", "2021-01-15"),
            ("decision", ""),
        ],
    );
    assert_eq!(formed.status, 303, "{}", formed.body);
    let overview = joint.get("/peacekeeping");
    assert!(
        texts(&overview, "#contingents th[scope=row]").contains(&"Engineering company".to_owned()),
        "{}",
        overview.body
    );

    // The duty officer reads the pages without their forms, and may not send them.
    let mut duty = Client::signed_in(&app, "duty.officer");
    assert_eq!(
        count(&duty.get("/peacekeeping/training"), "#intake-form"),
        0
    );
    assert_eq!(count(&duty.get("/peacekeeping"), "#contingent-form"), 0);
    let denied = duty.post_signed_form(
        "/peacekeeping/certifications",
        &[
            ("intake", &id),
            ("state", "TJ"),
            ("count", "1"),
            ("on", "2021-02-12"),
        ],
    );
    assert_eq!(denied.status, 403);
}

/// Every intake of the demo's training institution, as the API gives them.
fn api_intakes(client: &mut Client) -> Vec<serde_json::Value> {
    let overview = client.get("/api/v1/peacekeeping");
    assert_eq!(overview.status, 200, "{}", overview.body);
    overview.json()["institutions"][0]["courses"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["intakes"].as_array().unwrap().clone())
        .collect()
}

#[test]
fn the_new_pages_render_in_both_languages() {
    let app = TestApp::start();
    for lang in ["ru", "en"] {
        let mut client = Client::signed_in(&app, "secretariat").with_lang(lang);
        for path in [
            "/plans",
            "/plans/1",
            "/plans/2",
            "/peacekeeping",
            "/peacekeeping/training",
        ] {
            let answer = client.get(path);
            assert_eq!(answer.status, 200, "{path} in {lang}");
            assert!(
                !answer.body.contains("plans-"),
                "a message id left in {path}"
            );
            assert!(
                !answer.body.contains("peacekeeping-"),
                "a message id left in {path}"
            );
        }
    }
}
