//! Sessions open to observers over HTTP: an observer state's account reads a restricted
//! session open to observers (its page, the API, the calendar) and not one that is not; the
//! Secretariat records the observers attending, apart from the delegations; the demo's
//! Permanent Council session is open to observers with Serbia registered.

use accord_testkit::app::TestApp;
use serde_json::{Value, json};

use crate::common::{Client, moscow_in, post, rule_of};

/// The Secretariat schedules a restricted session of the Permanent Council; returns its number.
fn schedule(secretariat: &mut Client, number: u32, title: &str, open: bool) -> u64 {
    let answer = post(
        secretariat,
        "/api/v1/sessions",
        &json!({
            "body": "pc",
            "number": number,
            "title": {"ru": title, "en": title},
            "start": {"local": moscow_in(20 * 86_400).0, "zone": "Europe/Moscow"},
            "end": {"local": moscow_in(21 * 86_400).0, "zone": "Europe/Moscow"},
            "format": "videoconference",
            "link": "https://vc.example.org/pc",
            "classification": "restricted",
            "open_to_observers": open,
        }),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    answer.json()["id"].as_u64().unwrap()
}

#[test]
fn an_observer_reads_a_session_open_to_observers_and_not_a_closed_one() {
    let app = TestApp::start();
    let mut secretariat = Client::signed_in(&app, "secretariat");
    let open = schedule(&mut secretariat, 901, "Open session 901", true);
    let closed = schedule(&mut secretariat, 902, "Closed session 902", false);

    // Serbia's delegate (an observer state) reads the open session: API, page and calendar.
    let mut observer = Client::signed_in(&app, "observer.rs").with_lang("en");
    let api = observer.get(&format!("/api/v1/sessions/{open}"));
    assert_eq!(api.status, 200, "{}", api.body);
    assert_eq!(api.json()["open_to_observers"], true);
    assert_eq!(api.json()["classification"], "restricted");
    let page = observer.get(&format!("/sessions/{open}"));
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.text_of("#session-open-to-observers")
            .is_some_and(|t| t.starts_with("yes")),
        "{}",
        page.body
    );
    let calendar = observer.get("/calendar.ics");
    assert_eq!(calendar.status, 200);
    assert!(
        calendar.body.contains("Open session 901"),
        "{}",
        calendar.body
    );
    assert!(!calendar.body.contains("Closed session 902"));
    let listed = observer.get("/api/v1/sessions").json();
    let ids: Vec<u64> = listed["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["id"].as_u64())
        .collect();
    assert!(ids.contains(&open) && !ids.contains(&closed), "{ids:?}");

    // Not the closed one, and a partner organisation reads neither.
    assert_eq!(
        observer.get(&format!("/api/v1/sessions/{closed}")).status,
        404
    );
    assert_eq!(observer.get(&format!("/sessions/{closed}")).status, 404);
    let mut partner = Client::signed_in(&app, "partner.rats");
    assert_eq!(partner.get(&format!("/api/v1/sessions/{open}")).status, 404);

    // The Secretariat records Serbia attending: shown apart from the delegations, in both
    // languages; a member state is not an observer, and a closed session takes none.
    let path = format!("/api/v1/sessions/{open}/observers");
    let kz = post(&mut secretariat, &path, &json!({"observers": {"KZ": []}}));
    assert_eq!(rule_of(&kz), "session.not_an_observer");
    let closed_path = format!("/api/v1/sessions/{closed}/observers");
    let refused = post(
        &mut secretariat,
        &closed_path,
        &json!({"observers": {"RS": []}}),
    );
    assert_eq!(rule_of(&refused), "session.not_open_to_observers");
    let recorded = post(
        &mut secretariat,
        &path,
        &json!({"observers": {"RS": ["A. Representative"]}}),
    );
    assert_eq!(recorded.status, 201, "{}", recorded.body);
    let session = observer.get(&format!("/api/v1/sessions/{open}")).json();
    assert_eq!(session["observers"], json!({"RS": ["A. Representative"]}));
    assert!(session["participants"].get("RS").is_none(), "{session}");
    let en = observer.get(&format!("/sessions/{open}"));
    let row = en.text_of("#observers tbody tr").unwrap_or_default();
    assert!(
        row.contains("Serbia") && row.contains("A. Representative"),
        "{row}"
    );
    let mut russian = Client::signed_in(&app, "observer.rs").with_lang("ru");
    let ru = russian.get(&format!("/sessions/{open}"));
    let row = ru.text_of("#observers tbody tr").unwrap_or_default();
    assert!(row.contains("Сербия"), "{row}");
    assert!(
        ru.text_of("#session-open-to-observers")
            .is_some_and(|t| t.starts_with("да")),
        "{}",
        ru.body
    );

    // The Secretariat opens the other session through its page's form: then Serbia reads it.
    let opened = secretariat.post_signed_form(
        &format!("/sessions/{closed}/open-to-observers"),
        &[("open", "true")],
    );
    assert_eq!(opened.status, 303, "{}", opened.body);
    assert_eq!(observer.get(&format!("/sessions/{closed}")).status, 200);
    // An observer may not open or close sessions.
    let answer = post(
        &mut observer,
        &format!("/api/v1/sessions/{open}/open-to-observers"),
        &json!({"open": false}),
    );
    assert_eq!(answer.status, 403, "{}", answer.body);
}

#[test]
fn the_demos_permanent_council_session_is_open_to_observers_with_serbia_registered() {
    let app = TestApp::start();
    let mut observer = Client::signed_in(&app, "observer.rs");
    let sessions = observer.get("/api/v1/sessions").json();
    let open: Vec<&Value> = sessions["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["open_to_observers"] == true)
        .collect();
    assert_eq!(open.len(), 1, "{sessions}");
    assert_eq!(open[0]["body"], "pc");
    assert_eq!(open[0]["classification"], "restricted");
    assert_eq!(open[0]["observers"], json!({"RS": []}));
    // The observer reads no other restricted session.
    assert!(
        sessions["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["classification"] == "public" || s["open_to_observers"] == true),
        "{sessions}"
    );
}
