//! Status applications, the chairmanship and joint statements' deliveries over HTTP: the
//! demo's applications under way, an application carried to its deciding body whose silence
//! ends at the deadline and grants the status in the same commit, an organisation's
//! application through the form to its status on the organisation page, the chairs around
//! today, records released to observers, and deliveries shown on the statement's page.

use std::time::{Duration, Instant};

use accord_core::Timestamp;
use accord_core::config::OrgConfig;
use accord_testkit::app::TestApp;
use scraper::Selector;
use serde_json::{Value, json};

use crate::common::{Answer, Client, field_names, log_size, moscow_in, post, rule_of};

fn ok(answer: &Answer) {
    assert_eq!(answer.status, 201, "{}", answer.body);
}

fn applications(client: &mut Client) -> Vec<Value> {
    let answer = client.get("/api/v1/applications");
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.json()["applications"].as_array().unwrap().clone()
}

fn application_of(client: &mut Client, state: &str) -> Value {
    applications(client)
        .into_iter()
        .find(|a| a["state"] == state && a["outcome"].is_null())
        .unwrap_or_else(|| panic!("an open application of {state}"))
}

/// Registers a draft of the Secretariat in `body`; returns its number.
fn register(secretariat: &mut Client, body: &str, doc_type: &str) -> u64 {
    let mut doc = json!({
        "type": doc_type,
        "title": {"ru": "О статусе", "en": "On the status"},
        "sponsor": "secretariat",
        "body": body,
        "text": {"ru": "Решили.", "en": "Decided."},
        "classification": "public"
    });
    if doc_type == "joint_statement" {
        doc["forum"] = json!("un");
    }
    let answer = post(secretariat, "/api/v1/documents", &doc);
    ok(&answer);
    answer.json()["id"].as_u64().unwrap()
}

/// Launches a silence procedure on `document` ending in `seconds`; returns the deadline.
fn silence(secretariat: &mut Client, document: u64, seconds: i64) -> Timestamp {
    let (local, deadline) = moscow_in(seconds);
    ok(&post(
        secretariat,
        &format!("/api/v1/documents/{document}/silence"),
        &json!({"deadline": {"local": local, "zone": "Europe/Moscow"}}),
    ));
    deadline
}

/// `body` adopts `document` by consensus in a session convened for it, every member state's
/// head of delegation agreeing.
fn by_consensus_in_session(app: &TestApp, secretariat: &mut Client, body: &str, document: u64) {
    let (start, _) = moscow_in(86_400);
    let (end, _) = moscow_in(86_400 + 7_200);
    let session = post(
        secretariat,
        "/api/v1/sessions",
        &json!({
            "body": body,
            "number": 90,
            "title": {"ru": "Заседание", "en": "Meeting"},
            "start": {"local": start, "zone": "Europe/Moscow"},
            "end": {"local": end, "zone": "Europe/Moscow"},
            "format": "videoconference",
            "link": "https://vc.example.org/room",
            "classification": "public"
        }),
    );
    ok(&session);
    let session = session.json()["id"].as_u64().unwrap();
    ok(&post(
        secretariat,
        &format!("/api/v1/sessions/{session}/items"),
        &json!({"title": {"ru": "О заявке", "en": "On the application"}, "documents": [document]}),
    ));
    ok(&post(
        secretariat,
        &format!("/api/v1/sessions/{session}/status"),
        &json!({"status": "convened"}),
    ));
    let procedure = post(
        secretariat,
        &format!("/api/v1/sessions/{session}/items/1/procedures"),
        &json!({"document": document, "rule": "consensus"}),
    );
    ok(&procedure);
    let procedure = procedure.json()["id"].as_u64().unwrap();
    for state in ["am", "by", "kz", "kg", "ru", "tj"] {
        ok(&post(
            &mut Client::signed_in(app, &format!("head.{state}")),
            &format!("/api/v1/procedures/{procedure}/positions"),
            &json!({"position": "agree"}),
        ));
    }
    ok(&post(
        secretariat,
        &format!("/api/v1/procedures/{procedure}/close"),
        &json!({}),
    ));
}

fn wait_until(within: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < within, "not done after {within:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_demo_has_an_observer_application_at_the_foreign_ministers_and_a_partner_one_at_its_start() {
    let app = TestApp::start();
    let mut secretariat = Client::signed_in(&app, "secretariat");
    let uzbekistan = application_of(&mut secretariat, "UZ");
    assert_eq!(uzbekistan["status"], "observer");
    assert_eq!(uzbekistan["current_step"], 2);
    let steps = uzbekistan["steps"].as_array().unwrap();
    let bodies: Vec<&str> = steps.iter().map(|s| s["body"].as_str().unwrap()).collect();
    assert_eq!(bodies, ["pc", "cfm", "csc"]);
    assert_eq!(steps[0]["adopted"], true);
    assert!(steps[0]["decision"].is_u64());
    assert!(steps[1]["document"].is_u64());
    assert!(steps[1]["decision"].is_null());
    let mongolia = application_of(&mut secretariat, "MN");
    assert_eq!(mongolia["status"], "partner");
    assert_eq!(mongolia["current_step"], 1);

    // The organisation page lists them to member delegations, and not to the public.
    let page = Client::signed_in(&app, "delegate.am").get("/organisation");
    let html = page.html();
    let items = Selector::parse("#applications-under-way li").unwrap();
    assert_eq!(html.select(&items).count(), 2, "{}", page.body);
    let public = Client::new(&app).get("/organisation").html();
    assert_eq!(public.select(&items).count(), 0);
    // An application's page shows its steps; an observer state may not see it.
    let id = uzbekistan["id"].as_u64().unwrap();
    let page = secretariat.get(&format!("/applications/{id}"));
    let rows = Selector::parse("#steps tbody tr").unwrap();
    assert_eq!(page.html().select(&rows).count(), 3);
    let current = Selector::parse("#steps tr[aria-current]").unwrap();
    let current_text: String = page
        .html()
        .select(&current)
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(
        current_text.contains("Council of Foreign Ministers")
            || current_text.contains("Совет министров"),
        "{current_text}"
    );
    let observer =
        Client::signed_in(&app, "observer.rs").get(&format!("/api/v1/applications/{id}"));
    assert_eq!(observer.status, 404);
}

#[test]
fn the_deciding_bodys_silence_grants_the_status_in_the_commit_of_its_decision() {
    let app = TestApp::start();
    let mut secretariat = Client::signed_in(&app, "secretariat");
    let uzbekistan = application_of(&mut secretariat, "UZ");
    let id = uzbekistan["id"].as_u64().unwrap();
    let recommendation = uzbekistan["steps"][1]["document"].as_u64().unwrap();
    // The foreign ministers recommend by silence; the scheduler ends it at the deadline.
    silence(&mut secretariat, recommendation, 2);
    let path = format!("/api/v1/applications/{id}");
    wait_until(Duration::from_secs(10), || {
        secretariat.get(&path).json()["current_step"] == 3
    });
    // A document of another body is refused for the summit's step.
    let wrong = register(&mut secretariat, "cfm", "decision");
    let refused = post(
        &mut secretariat,
        &format!("{path}/steps"),
        &json!({"document": wrong}),
    );
    assert_eq!(rule_of(&refused), "application.wrong_body");
    let decision = register(&mut secretariat, "csc", "decision");
    ok(&post(
        &mut secretariat,
        &format!("{path}/steps"),
        &json!({"document": decision}),
    ));
    let deadline = silence(&mut secretariat, decision, 2);
    wait_until(Duration::from_secs(10), || {
        !secretariat.get(&path).json()["outcome"].is_null()
    });
    let granted = secretariat.get(&path).json();
    assert_eq!(granted["outcome"]["kind"], "granted", "{granted}");
    assert_eq!(granted["outcome"]["at"], deadline.to_string());
    // The decision record and the admission are in the same commit, the admission taking
    // effect at the decision's time.
    let entries = secretariat.get("/api/v1/entries?limit=10").json();
    let entries = entries.as_array().unwrap();
    let admitted = entries
        .iter()
        .find(|e| e["kind"] == "member.admitted")
        .expect("admitted");
    let recorded = entries
        .iter()
        .find(|e| e["kind"] == "decision.recorded")
        .expect("the decision");
    assert_eq!(admitted["time"], recorded["time"]);
    let seq = admitted["seq"].as_u64().unwrap();
    let body = Client::new(&app)
        .get(&format!("/api/v1/entries/{seq}"))
        .json();
    assert_eq!(body["body"]["at"], deadline.to_string(), "{body}");
    assert_eq!(body["body"]["status"], "observer");
    // The organisation page shows Uzbekistan as an observer by that decision.
    let page = Client::new(&app).with_lang("en").get("/organisation");
    let rows = Selector::parse("#members tbody tr").unwrap();
    let html = page.html();
    let row: String = html
        .select(&rows)
        .map(|r| r.text().collect::<String>())
        .find(|t| t.contains("UZ"))
        .expect("Uzbekistan's row");
    assert!(
        row.contains("observer") && row.contains("decision"),
        "{row}"
    );
}

#[test]
fn a_record_released_to_observers_reaches_the_observer_state_and_not_a_partner() {
    let app = TestApp::start();
    let mut secretariat = Client::signed_in(&app, "secretariat");
    let note = post(
        &mut secretariat,
        "/api/v1/notes",
        &json!({"text": {"ru": "Для наблюдателей", "en": "For observers"},
            "classification": "restricted", "release": [{"kind": "observers"}]}),
    );
    ok(&note);
    let seq = note.json()["first"].as_u64().unwrap();
    let path = format!("/api/v1/entries/{seq}");
    let observer = Client::signed_in(&app, "observer.rs").get(&path).json();
    assert_eq!(
        observer["body"]["text"]["values"]["en"], "For observers",
        "{observer}"
    );
    let partner = Client::signed_in(&app, "partner.rats").get(&path).json();
    assert!(partner["body"].is_null(), "{partner}");
}

#[test]
fn the_chairmanship_shows_the_chairs_around_today_and_the_demos_priorities() {
    let app = TestApp::start();
    let config = OrgConfig::reference().unwrap();
    let today = Timestamp::from_unix_seconds(jiff::Timestamp::now().as_second())
        .unwrap()
        .date();
    let current = config.chairmanship().term_on(today);
    let api = Client::new(&app).get("/api/v1/chairmanship").json();
    let terms = api["terms"].as_array().unwrap();
    let now = terms
        .iter()
        .find(|t| t["when"] == "current")
        .expect("a current term");
    assert_eq!(now["chair"], current.chair.as_str());
    assert_eq!(now["start"], current.start.to_string());
    let next = config.chairmanship().term(current.index + 1);
    assert!(
        terms
            .iter()
            .any(|t| t["when"] == "next" && t["chair"] == next.chair.as_str())
    );
    // The demo's priorities: Russia's for 2020, Tajikistan's for 2021.
    let of_year = |year: &str| {
        terms
            .iter()
            .find(|t| t["start"] == year)
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(of_year("2020-01-01")["chair"], "RU");
    assert!(of_year("2020-01-01")["priorities"].is_u64(), "{api}");
    assert_eq!(of_year("2021-01-01")["chair"], "TJ");
    assert!(of_year("2021-01-01")["priorities"].is_u64(), "{api}");
    let page = Client::new(&app).with_lang("en").get("/chairmanship");
    let html = page.html();
    let current_row = Selector::parse("#terms tr.current th").unwrap();
    let chair: String = html.select(&current_row).next().unwrap().text().collect();
    let name = config
        .member(current.chair)
        .unwrap()
        .name
        .get(accord_core::Lang::parse("en").unwrap())
        .unwrap();
    assert_eq!(chair, name);
}

#[test]
fn a_joint_statement_is_delivered_once_adopted_and_its_page_shows_where() {
    let app = TestApp::start();
    let mut secretariat = Client::signed_in(&app, "secretariat");
    let statement = register(&mut secretariat, "cfm", "joint_statement");
    let delivery = json!({"meeting": {"ru": "Первый комитет ГА ООН", "en": "UN General Assembly, First Committee"},
        "delivered_at": "2020-12-07T15:00:00Z"});
    let path = format!("/api/v1/documents/{statement}/deliveries");
    assert_eq!(
        rule_of(&post(&mut secretariat, &path, &delivery)),
        "delivery.not_adopted"
    );
    silence(&mut secretariat, statement, 2);
    wait_until(Duration::from_secs(10), || {
        secretariat
            .get(&format!("/api/v1/documents/{statement}"))
            .json()["adopted_by"]
            .is_u64()
    });
    assert_eq!(
        rule_of(&post(&mut secretariat, &path, &delivery)),
        "delivery.before_adoption"
    );
    let (_, now) = moscow_in(0);
    let delivery = json!({"meeting": {"ru": "Первый комитет ГА ООН", "en": "UN General Assembly, First Committee"},
        "delivered_at": now.to_string()});
    let refused = post(
        &mut Client::signed_in(&app, "delegate.am"),
        &path,
        &delivery,
    );
    assert_eq!(refused.status, 403);
    ok(&post(&mut secretariat, &path, &delivery));
    let page = Client::new(&app)
        .with_lang("en")
        .get(&format!("/documents/{statement}"));
    let rows = Selector::parse("#deliveries tbody th").unwrap();
    let meetings: Vec<String> = page
        .html()
        .select(&rows)
        .map(|r| r.text().collect())
        .collect();
    assert_eq!(
        meetings,
        ["UN General Assembly, First Committee"],
        "{}",
        page.body
    );
}

#[test]
fn an_organisation_applies_through_the_form_and_is_granted_observer_status_at_the_decision() {
    let app = TestApp::start();
    let mut secretariat = Client::signed_in(&app, "secretariat");
    let name =
        json!({"ru": "Евразийская экономическая комиссия", "en": "Eurasian Economic Commission"});
    let letter = json!({"ru": "Просим предоставить статус.", "en": "We ask for the status."});
    // Both applicants, neither, a malformed id: each names its field, and nothing is written.
    let before = log_size(&mut secretariat);
    for (applicant, field) in [
        (
            json!({"state": "UZ", "organisation": "eec"}),
            "organisation",
        ),
        (json!({}), "state"),
        (json!({"organisation": "EEC!"}), "organisation"),
    ] {
        let mut body = json!({"name": name, "status": "observer", "letter": letter});
        let fields = body.as_object_mut().unwrap();
        fields.extend(applicant.as_object().unwrap().clone());
        let answer = post(&mut secretariat, "/api/v1/applications", &body);
        assert_eq!(answer.status, 422, "{}", answer.body);
        assert_eq!(field_names(&answer), [field], "{}", answer.body);
    }
    assert_eq!(log_size(&mut secretariat), before);
    // A configured partner organisation holds partner status already.
    let refused = post(
        &mut secretariat,
        "/api/v1/applications",
        &json!({"organisation": "sco-rats", "name": name, "status": "partner", "letter": letter}),
    );
    assert_eq!(rule_of(&refused), "application.already_has_status");

    // The Secretariat registers the application through the page's form.
    let created = secretariat.post_signed_form(
        "/applications",
        &[
            ("organisation", "eec"),
            ("status", "observer"),
            ("name.ru", "Евразийская экономическая комиссия"),
            ("name.en", "Eurasian Economic Commission"),
            ("letter.ru", "Просим предоставить статус."),
            ("letter.en", "We ask for the status."),
        ],
    );
    assert_eq!(created.status, 303, "{}", created.body);
    let location = created.header("location").unwrap().to_owned();
    let id: u64 = location
        .strip_prefix("/applications/")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{location}"));
    let path = format!("/api/v1/applications/{id}");
    let view = secretariat.get(&path).json();
    assert_eq!(
        view["applicant"],
        json!({"kind": "organisation", "id": "eec"})
    );
    assert!(view["state"].is_null(), "{view}");
    let page = secretariat.get(&location);
    assert!(page.body.contains("(eec)"), "{}", page.body);

    // The Permanent Council considers it by consensus in session; the foreign ministers and
    // the summit decide by silence, the summit's granting the status at its deadline.
    let mut deadline = None;
    for (step, body) in ["pc", "cfm", "csc"].into_iter().enumerate() {
        let document = register(&mut secretariat, body, "decision");
        ok(&post(
            &mut secretariat,
            &format!("{path}/steps"),
            &json!({"document": document}),
        ));
        if body == "pc" {
            by_consensus_in_session(&app, &mut secretariat, body, document);
        } else {
            deadline = Some(silence(&mut secretariat, document, 2));
        }
        wait_until(Duration::from_secs(10), || {
            secretariat.get(&path).json()["steps"][step]["adopted"] == true
        });
    }
    let deadline = deadline.expect("a silence at the last step");
    let granted = secretariat.get(&path).json();
    assert_eq!(granted["outcome"]["kind"], "granted", "{granted}");
    // The status is a public entry, in the decision's commit, from the decision's time.
    let entries = secretariat.get("/api/v1/entries?limit=10").json();
    let changed = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "organisation.status_changed")
        .expect("the organisation's status");
    let seq = changed["seq"].as_u64().unwrap();
    let body = Client::new(&app)
        .get(&format!("/api/v1/entries/{seq}"))
        .json();
    assert_eq!(body["body"]["organisation"], "eec", "{body}");
    assert_eq!(body["body"]["to"], "observer", "{body}");
    assert_eq!(body["body"]["at"], deadline.to_string(), "{body}");
    // The organisation page lists it beside the configured partners, with its decision.
    let page = Client::new(&app).with_lang("en").get("/organisation");
    let rows = Selector::parse("#organisations tbody tr").unwrap();
    let html = page.html();
    let texts: Vec<String> = html
        .select(&rows)
        .map(|r| r.text().collect::<String>())
        .collect();
    let row = texts
        .iter()
        .find(|t| t.contains("eec"))
        .unwrap_or_else(|| panic!("{texts:?}"));
    assert!(
        row.contains("Eurasian Economic Commission")
            && row.contains("observer")
            && row.contains("decision"),
        "{row}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("sco-rats") && t.contains("partner")),
        "{texts:?}"
    ); // And the organisation's JSON.
    let json = Client::new(&app).get("/api/v1/organisation").json();
    let listed = json["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "eec")
        .unwrap_or_else(|| panic!("{json}"))
        .clone();
    assert_eq!(listed["status"], "observer");
    assert_eq!(listed["since"], deadline.date().to_string());
}
