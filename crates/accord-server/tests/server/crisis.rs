//! The Crisis Response Centre over HTTP: a national centre reports CAP alerts with its bearer
//! token; invalid ones are refused with every problem and recorded as refused.

use accord_testkit::app::TestApp;
use serde_json::json;

use crate::common::Client;

pub(crate) const ALERT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
<identifier>AM-2020-0001</identifier>
<sender>crisis.am@example.am</sender>
<sent>2020-12-01T10:00:00+04:00</sent>
<status>Actual</status>
<msgType>Alert</msgType>
<scope>Public</scope>
<info>
<category>Geo</category>
<event>Землетрясение</event>
<urgency>Immediate</urgency>
<severity>Severe</severity>
<certainty>Observed</certainty>
<area><areaDesc>Ширакская область</areaDesc><circle>40.79,43.85 50</circle></area>
</info>
</alert>"#;

/// A client holding a bearer token the administrator made for `account`.
pub(crate) fn with_token(app: &TestApp, account: &str) -> Client {
    let mut admin = Client::signed_in(app, "admin");
    let made = admin.send_json(
        "POST",
        "/api/v1/tokens",
        &json!({"account": account, "name": "the national centre's gateway"}).to_string(),
    );
    assert_eq!(made.status, 201, "{}", made.body);
    let mut client = Client::new(app);
    client.bearer = Some(made.json()["token"].as_str().unwrap().to_owned());
    client
}

pub(crate) fn post_cap(client: &mut Client, xml: &str) -> crate::common::Answer {
    client.send_json("POST", "/api/v1/cap", xml)
}

#[test]
fn a_national_centre_reports_an_alert_once_with_its_token() {
    let app = TestApp::start();
    let mut centre = with_token(&app, "centre.am");
    let taken = post_cap(&mut centre, ALERT);
    assert_eq!(taken.status, 201, "{}", taken.body);
    let answer = taken.json();
    assert!(answer["xml"].as_str().unwrap().starts_with("sha256:"));
    let again = post_cap(&mut centre, ALERT);
    assert_eq!(again.status, 422, "{}", again.body);
    assert_eq!(again.json()["rule"], "alert.duplicate");
    // A delegate is not a national centre.
    let mut delegate = Client::signed_in(&app, "delegate.am");
    assert_eq!(post_cap(&mut delegate, ALERT).status, 403);
}

#[test]
fn an_invalid_alert_is_refused_with_every_problem_and_the_refusal_is_recorded() {
    let app = TestApp::start();
    let mut centre = with_token(&app, "centre.am");
    let broken = ALERT
        .replace("<identifier>AM-2020-0001</identifier>\n", "")
        .replace("2020-12-01T10:00:00+04:00", "yesterday");
    let refused = post_cap(&mut centre, &broken);
    assert_eq!(refused.status, 422, "{}", refused.body);
    let errors = refused.json()["errors"].as_array().unwrap().clone();
    assert!(errors.len() >= 2, "{errors:?}");
    assert!(errors.iter().any(|e| {
        e["message"]
            .as_str()
            .unwrap()
            .starts_with("MISSING_REQUIRED_ELEMENT")
    }));
    assert!(
        errors
            .iter()
            .any(|e| e["field"].as_str().unwrap().starts_with("/alert"))
    );
    let mut officer = Client::signed_in(&app, "duty.officer");
    let newest = officer.get("/api/v1/entries?limit=1").json();
    assert_eq!(newest[0]["kind"], "alert.rejected", "{newest}");
    assert_eq!(newest[0]["actor"], "centre.am");
    // A DTD is refused before anything is read.
    let dtd = format!(
        "<!DOCTYPE alert [<!ENTITY x \"y\">]>\n{}",
        ALERT.split_once('\n').unwrap().1
    );
    assert_eq!(post_cap(&mut centre, &dtd).status, 422);
}
