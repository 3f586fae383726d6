//! Partnership protocols over HTTP: a partner state (test data: Viet Nam, admitted by the
//! test) reads the adopted restricted documents of the types its protocol lists, and not
//! others, on their pages, in the API and in the search; a protocol taking situation reports
//! releases those marked releasable, not their incident; the protocol is shown on the
//! organisation page to those who may read it.

use std::time::{Duration, Instant};

use accord_core::config::MemberStatus;
use accord_core::{Affiliation, CommandPayload, Date, Lang, Role, StateCode, Text};
use accord_testkit::app::{Options, TestApp};
use serde_json::json;

use crate::common::{Client, moscow_in, post};

/// Registers a restricted document of the Collective Security Council with `word` in its
/// text and has it adopted by a silence procedure ending in two seconds; returns its number.
fn adopted(secretariat: &mut Client, doc_type: &str, word: &str) -> u64 {
    let answer = post(
        secretariat,
        "/api/v1/documents",
        &json!({
            "type": doc_type,
            "title": {"ru": format!("Документ {word}"), "en": format!("Document {word}")},
            "sponsor": "secretariat",
            "body": "csc",
            "text": {"ru": format!("Текст {word}."), "en": format!("Text {word}.")},
            "classification": "restricted"
        }),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    let id = answer.json()["id"].as_u64().unwrap();
    let launched = post(
        secretariat,
        &format!("/api/v1/documents/{id}/silence"),
        &json!({"deadline": {"local": moscow_in(2).0, "zone": "Europe/Moscow"}}),
    );
    assert_eq!(launched.status, 201, "{}", launched.body);
    id
}

fn wait_adopted(secretariat: &mut Client, id: u64) {
    let start = Instant::now();
    loop {
        let doc = secretariat.get(&format!("/api/v1/documents/{id}")).json();
        if !doc["adopted_by"].is_null() {
            return;
        }
        assert!(start.elapsed() < Duration::from_secs(15), "{doc}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn found_items(client: &mut Client, word: &str) -> Vec<String> {
    let answer = client.get(&format!("/api/v1/search?q={word}"));
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.json()["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["item"].as_str().map(str::to_owned))
        .collect()
}

/// The demo with Viet Nam admitted as a partner state, and its account `partner.vn`.
fn with_partner_state() -> TestApp {
    let text = Text::new(Lang::parse("ru").unwrap(), "Вьетнам")
        .and_then(|t| t.with(Lang::parse("en").unwrap(), "Viet Nam"))
        .unwrap();
    let vn = StateCode::parse("VN").unwrap();
    TestApp::with(Options {
        system_commands: vec![CommandPayload::AdmitState {
            state: vn,
            name: text,
            status: MemberStatus::Partner,
            since: Date::parse("2019-05-01").unwrap(),
        }],
        accounts: vec![(
            "partner.vn".to_owned(),
            Affiliation::PartnerState { state: vn },
            vec![Role::Delegate],
        )],
        ..Options::default()
    })
}

#[test]
fn a_partner_reads_the_listed_type_and_not_an_unlisted_one_nor_finds_it() {
    let app = with_partner_state();
    let mut secretariat = Client::signed_in(&app, "secretariat");
    let decision = adopted(&mut secretariat, "decision", "zebrawood");
    let statement = adopted(&mut secretariat, "statement", "zebrawood");
    wait_adopted(&mut secretariat, decision);
    wait_adopted(&mut secretariat, statement);
    let mut partner = Client::signed_in(&app, "partner.vn").with_lang("en");
    assert_eq!(
        partner.get(&format!("/api/v1/documents/{decision}")).status,
        404
    );
    assert!(found_items(&mut partner, "zebrawood").is_empty());

    // A protocol is for a partner state.
    let refused = post(
        &mut secretariat,
        "/api/v1/protocols",
        &json!({"state": "RS", "doc_types": ["decision"]}),
    );
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(refused.json()["rule"], "protocol.not_a_partner");
    // Viet Nam's protocol lists decisions.
    let recorded = post(
        &mut secretariat,
        "/api/v1/protocols",
        &json!({"state": "VN", "doc_types": ["decision"], "sitreps": false}),
    );
    assert_eq!(recorded.status, 201, "{}", recorded.body);

    // The partner reads the decision (API and page), not the statement.
    assert_eq!(
        partner.get(&format!("/api/v1/documents/{decision}")).status,
        200
    );
    assert_eq!(partner.get(&format!("/documents/{decision}")).status, 200);
    assert_eq!(
        partner
            .get(&format!("/api/v1/documents/{statement}"))
            .status,
        404
    );
    assert_eq!(partner.get(&format!("/documents/{statement}")).status, 404);
    // The search finds the decision for it, never the statement (nor the decision records,
    // which keep their own release list); a member finds both documents and both records.
    let items = found_items(&mut partner, "zebrawood");
    assert_eq!(items, [format!("document:{decision}")], "{items:?}");
    let mut member = Client::signed_in(&app, "delegate.am");
    let mut items = found_items(&mut member, "zebrawood");
    items.retain(|i| i.starts_with("document:"));
    items.sort();
    let mut both = vec![
        format!("document:{decision}"),
        format!("document:{statement}"),
    ];
    both.sort();
    assert_eq!(items, both);
    // Another partner (an organisation) and an observer state read neither.
    for who in ["partner.rats", "observer.rs"] {
        let mut other = Client::signed_in(&app, who);
        assert_eq!(
            other.get(&format!("/api/v1/documents/{decision}")).status,
            404
        );
        assert!(found_items(&mut other, "zebrawood").is_empty(), "{who}");
    }

    // The protocol is on the organisation page for the partner and the Secretariat (both
    // languages), not for an observer.
    let page = partner.get("/organisation");
    let row = page.text_of("#protocols tbody tr").unwrap_or_default();
    assert!(
        row.contains("Viet Nam") && row.contains("decision"),
        "{row}"
    );
    let ru = Client::signed_in(&app, "secretariat")
        .with_lang("ru")
        .get("/organisation");
    let row = ru.text_of("#protocols tbody tr").unwrap_or_default();
    assert!(row.contains("Вьетнам") && row.contains("решение"), "{row}");
    let observer = Client::signed_in(&app, "observer.rs").get("/organisation");
    assert!(observer.text_of("#protocols").is_none());
    let listed = partner.get("/api/v1/protocols").json();
    assert_eq!(listed["protocols"][0]["doc_types"], json!(["decision"]));
}

#[test]
fn a_protocol_taking_situation_reports_releases_the_releasable_ones_and_not_the_incident() {
    let app = with_partner_state();
    let mut officer = Client::signed_in(&app, "duty.officer");
    let incident = crate::crisis_api::open_incident(&mut officer, &[], None);
    let path = format!("/api/v1/incidents/{incident}/sitreps");
    let mut released = crate::crisis_api::sitrep("initial", Some(86_400), true);
    released["situation"]["en"] = json!("Quokkas evacuated from the valley.");
    crate::crisis_api::created(&mut officer, &path, &released);
    let mut kept = crate::crisis_api::sitrep("update", Some(86_400), false);
    kept["situation"]["en"] = json!("Quokkas counted in the shelters.");
    crate::crisis_api::created(&mut officer, &path, &kept);

    // Before a protocol takes reports, the partner reads neither report.
    let mut partner = Client::signed_in(&app, "partner.vn").with_lang("en");
    let first = format!("/incidents/{incident}/sitreps/1");
    let second = format!("/incidents/{incident}/sitreps/2");
    assert_eq!(partner.get(&first).status, 404);
    assert!(found_items(&mut partner, "quokkas").is_empty());

    let mut secretariat = Client::signed_in(&app, "secretariat");
    let recorded = post(
        &mut secretariat,
        "/api/v1/protocols",
        &json!({"state": "VN", "doc_types": [], "sitreps": true}),
    );
    assert_eq!(recorded.status, 201, "{}", recorded.body);

    // Now it reads the releasable report, unlinked to the incident, which stays closed to
    // it, as does the report not marked releasable; the search agrees.
    let page = partner.get(&first);
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Quokkas evacuated"), "{}", page.body);
    assert!(
        !page
            .body
            .contains(&format!("href=\"/incidents/{incident}\"")),
        "the incident is not linked for a reader who may not open it"
    );
    assert_eq!(partner.get(&second).status, 404);
    assert_eq!(partner.get(&format!("/incidents/{incident}")).status, 404);
    assert_eq!(
        partner.get(&format!("/api/v1/incidents/{incident}")).status,
        404
    );
    assert_eq!(
        found_items(&mut partner, "quokkas"),
        [format!("sitrep:{incident}:1")]
    );
    // An observer state and a partner organisation without an agreement read neither.
    for who in ["observer.rs", "partner.rats"] {
        let mut other = Client::signed_in(&app, who);
        assert_eq!(other.get(&first).status, 404, "{who}");
        assert!(found_items(&mut other, "quokkas").is_empty(), "{who}");
    }
    // The duty officer's page links the incident.
    let own = officer.get(&first);
    assert!(
        own.body
            .contains(&format!("href=\"/incidents/{incident}\""))
    );
}
