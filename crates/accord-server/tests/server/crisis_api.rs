//! The Crisis Response Centre's API over HTTP with the demo's accounts: a national centre's
//! alert becomes an incident, its update joins the timeline, reports are issued, Kyrgyzstan
//! asks for a field hospital and a biosecurity laboratory, units are ranked with reasons,
//! offered, accepted and sent, an illegal step is refused naming the allowed ones, and the
//! request closes; and who may see and do what.

use accord_testkit::app::TestApp;
use serde_json::{Value, json};

use crate::common::{Answer, Client, log_size};
use crate::crisis::{ALERT, post_cap, with_token};

/// An instant `seconds` from now, as the API writes times.
pub(crate) fn at(seconds: i64) -> String {
    (jiff::Timestamp::now() + jiff::SignedDuration::from_secs(seconds))
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// The update of [`ALERT`]: it supersedes the original.
pub(crate) const UPDATE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
<identifier>AM-2020-0002</identifier>
<sender>crisis.am@example.am</sender>
<sent>2020-12-01T12:00:00+04:00</sent>
<status>Actual</status>
<msgType>Update</msgType>
<scope>Public</scope>
<references>crisis.am@example.am,AM-2020-0001,2020-12-01T10:00:00+04:00</references>
<info>
<category>Geo</category>
<event>Землетрясение</event>
<urgency>Immediate</urgency>
<severity>Extreme</severity>
<certainty>Observed</certainty>
<headline>Афтершоки в Ширакской области</headline>
<area><areaDesc>Ширакская область</areaDesc><circle>40.79,43.85 60</circle></area>
</info>
</alert>"#;

/// A write that must succeed; the number of what it created.
pub(crate) fn created(client: &mut Client, path: &str, body: &Value) -> u64 {
    let answer = client.send_json("POST", path, &body.to_string());
    assert_eq!(answer.status, 201, "{path}: {}", answer.body);
    answer.json()["id"].as_u64().unwrap_or(0)
}

fn refused(answer: &Answer, status: u16, rule: &str) {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(answer.json()["rule"], rule, "{}", answer.body);
}

/// A unit registered by the duty officer; its number.
pub(crate) fn unit(
    officer: &mut Client,
    state: &str,
    capability: &str,
    capacity: u32,
    hours: u32,
    home: &str,
) -> u64 {
    created(
        officer,
        "/api/v1/units",
        &json!({"state": state, "name": {"ru": format!("Подразделение {state}"), "en": format!("Unit of {state}")},
            "capability": capability, "capacity": capacity, "self_sufficiency_days": 14,
            "deployment_hours": hours, "readiness": "ready", "home": home}),
    )
}

/// The earthquake in Armenia, opened by the duty officer from alert `alert`, affecting Armenia
/// and Kyrgyzstan, released to the partner `release` names (if any).
pub(crate) fn open_incident(officer: &mut Client, alerts: &[u64], release: Option<&str>) -> u64 {
    let release: Vec<Value> = release
        .map(|p| json!({"kind": "partner", "partner": p}))
        .into_iter()
        .collect();
    created(
        officer,
        "/api/v1/incidents",
        &json!({"title": {"ru": "Землетрясение в Ширакской области", "en": "Earthquake in Shirak"},
            "type": "natural_disaster", "severity": "severe",
            "location": {"kind": "point", "at": "40.79,43.85"},
            "affected": ["AM", "KG"], "lead": "duty.officer", "alerts": alerts, "release": release}),
    )
}

pub(crate) fn sitrep(kind: &str, next_due: Option<i64>, releasable: bool) -> Value {
    json!({"kind": kind, "from": at(-6 * 3600), "to": at(-60),
        "situation": {"ru": "Разрушены дома.", "en": "Houses are destroyed."},
        "actions": {"ru": "Развёрнут штаб.", "en": "A headquarters is set up."},
        "needs": {"ru": "Койки и лаборатория.", "en": "Beds and a laboratory."},
        "next_due": next_due.map(at), "releasable": releasable})
}

#[test]
fn an_alert_becomes_an_incident_and_a_request_is_met_through_every_deployment_step() {
    let app = TestApp::start();
    let mut centre = with_token(&app, "centre.am");
    let taken = post_cap(&mut centre, ALERT);
    assert_eq!(taken.status, 201, "{}", taken.body);
    let alert = taken.json()["alert"].as_u64().unwrap();
    let mut officer = Client::signed_in(&app, "duty.officer");
    let incident = open_incident(&mut officer, &[alert], None);
    let path = format!("/api/v1/incidents/{incident}");

    // The alert's update joins the incident's timeline by itself.
    let update = post_cap(&mut centre, UPDATE);
    assert_eq!(update.status, 201, "{}", update.body);
    let update = update.json()["alert"].as_u64().unwrap();
    let view = officer.get(&path).json();
    assert_eq!(view["alerts"], json!([alert, update]), "{view}");
    let chain = officer.get(&format!("/api/v1/alerts/{alert}")).json();
    assert_eq!(chain["superseded_by"], json!(update));
    assert_eq!(chain["incident"], json!(incident));
    let xml = officer.get(&format!("/api/v1/alerts/{alert}/cap"));
    assert_eq!(xml.status, 200);
    assert_eq!(xml.header("content-type"), Some("application/cap+xml"));
    assert_eq!(xml.body, ALERT);

    // Reports: initial, then an update due in two seconds, overdue once they pass.
    let first = created(
        &mut officer,
        &format!("{path}/sitreps"),
        &sitrep("initial", Some(86_400), false),
    );
    assert_eq!(first, 1);
    let again = officer.send_json(
        "POST",
        &format!("{path}/sitreps"),
        &sitrep("initial", Some(86_400), false).to_string(),
    );
    refused(&again, 422, "sitrep.initial_not_first");
    let second = created(
        &mut officer,
        &format!("{path}/sitreps"),
        &sitrep("update", Some(2), false),
    );
    assert_eq!(second, 2);
    assert_eq!(officer.get(&path).json()["sitrep_overdue"], false);
    std::thread::sleep(std::time::Duration::from_millis(3_100));
    assert_eq!(officer.get(&path).json()["sitrep_overdue"], true);

    // The forces: hospitals in Almaty and Moscow, laboratories in Minsk and Moscow.
    let almaty = unit(
        &mut officer,
        "KZ",
        "field_hospital",
        60,
        12,
        "43.2389,76.8897",
    );
    let moscow = unit(
        &mut officer,
        "RU",
        "field_hospital",
        100,
        24,
        "55.7558,37.6173",
    );
    let _lab_ru = unit(
        &mut officer,
        "RU",
        "biosecurity_laboratory",
        1,
        24,
        "55.7558,37.6173",
    );
    let _lab_by = unit(
        &mut officer,
        "BY",
        "biosecurity_laboratory",
        1,
        12,
        "53.9006,27.5590",
    );

    // Kyrgyzstan's delegate asks for 100 beds and a laboratory in Bishkek within two days.
    let mut kyrgyzstan = Client::signed_in(&app, "delegate.kg");
    let request = created(
        &mut kyrgyzstan,
        &format!("{path}/requests"),
        &json!({"needs": [{"capability": "field_hospital", "quantity": 100},
                          {"capability": "biosecurity_laboratory", "quantity": 1}],
                "location": "42.8746,74.5698", "needed_by": at(2 * 86_400)}),
    );
    // Russia is not affected: it may not ask.
    let mut russia = Client::signed_in(&app, "delegate.ru");
    let not_affected = russia.send_json(
        "POST",
        &format!("{path}/requests"),
        &json!({"needs": [{"capability": "airlift", "quantity": 1}], "location": "42.87,74.56", "needed_by": at(86_400)}).to_string(),
    );
    refused(&not_affected, 422, "request.not_affected");

    // Ranked: Almaty is nearer Bishkek than Moscow; both are ready and in time.
    let ranked = officer
        .get(&format!("/api/v1/requests/{request}/needs/0/matches"))
        .json();
    let matches = ranked["matches"].as_array().unwrap();
    let order: Vec<u64> = matches
        .iter()
        .map(|m| m["unit"].as_u64().unwrap())
        .collect();
    // The demo's own hospitals (one deployed, one too slow for the date) rank after these.
    assert_eq!(order[..2], [almaty, moscow], "{ranked}");
    let reasons = &matches[0]["reasons"];
    assert_eq!(reasons[0]["kind"], "ready", "{reasons}");
    assert_eq!(reasons[1]["kind"], "in_time", "{reasons}");
    let km = reasons[2]["km"].as_u64().unwrap();
    assert!(
        (180..=210).contains(&km),
        "Almaty to Bishkek is about 190 km: {km}"
    );
    assert_eq!(ranked["outstanding"], 100);

    // Kazakhstan offers its hospital; Russia may not offer Kazakhstan's.
    let mut kazakhstan = Client::signed_in(&app, "delegate.kz");
    let proposals = format!("/api/v1/requests/{request}/needs/0/proposals");
    refused(
        &russia.send_json("POST", &proposals, &json!({"unit": almaty}).to_string()),
        422,
        "unit.not_yours",
    );
    let offered = created(&mut kazakhstan, &proposals, &json!({"unit": almaty}));
    let step = |client: &mut Client, to: &str| {
        client.send_json(
            "POST",
            &format!("/api/v1/deployments/{offered}/status"),
            &json!({"to": to}).to_string(),
        )
    };
    // A delegate does not run the Centre's side of a deployment.
    assert_eq!(step(&mut kazakhstan, "accepted").status, 403);
    for to in ["accepted", "mobilising", "en_route", "on_site"] {
        assert_eq!(step(&mut officer, to).status, 201, "{to}");
    }
    let illegal = step(&mut officer, "accepted");
    refused(&illegal, 422, "deployment.illegal_transition");
    let detail = illegal.json()["detail"].as_str().unwrap().to_owned();
    assert!(detail.contains("allowed: released"), "{detail}");
    let board = officer.get("/api/v1/units").json();
    let kz = board["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == almaty)
        .unwrap()
        .clone();
    assert_eq!(kz["readiness"], "deployed", "{kz}");

    // 40 beds still lack: the Centre asks Moscow's hospital, Russia offers it, it is accepted.
    let view = officer.get(&format!("/api/v1/requests/{request}")).json();
    assert_eq!(view["needs"][0]["outstanding"], 40, "{view}");
    let asked = created(&mut officer, &proposals, &json!({"unit": moscow}));
    let asked_path = format!("/api/v1/deployments/{asked}/status");
    assert_eq!(
        officer
            .send_json("POST", &asked_path, &json!({"to": "offered"}).to_string())
            .status,
        403,
        "only Russia offers its unit"
    );
    for (client, to) in [(&mut russia, "offered"), (&mut officer, "accepted")] {
        let answer = client.send_json("POST", &asked_path, &json!({"to": to}).to_string());
        assert_eq!(answer.status, 201, "{to}: {}", answer.body);
    }
    let view = officer.get(&format!("/api/v1/requests/{request}")).json();
    assert_eq!(view["needs"][0]["outstanding"], 0, "{view}");
    assert_eq!(view["closed"], false);

    // Only Kyrgyzstan withdraws its needs; once the laboratory is withdrawn, the request closes.
    let withdraw = format!("/api/v1/requests/{request}/needs/1/withdraw");
    refused(
        &russia.send_json("POST", &withdraw, "{}"),
        422,
        "request.not_yours",
    );
    assert_eq!(kyrgyzstan.send_json("POST", &withdraw, "{}").status, 201);
    let view = kyrgyzstan
        .get(&format!("/api/v1/requests/{request}"))
        .json();
    assert_eq!(view["closed"], true, "{view}");

    // A change of status and severity joins the timeline and the duty log, with who made it.
    created(
        &mut officer,
        &format!("/api/v1/incidents/{incident}/changes"),
        &json!({"status": "response", "severity": "extreme"}),
    );
    let timeline = officer.get(&path).json()["timeline"].clone();
    let change = timeline
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["kind"] == "changed")
        .unwrap_or_else(|| panic!("no change in {timeline}"))
        .clone();
    assert_eq!(change["status"], "response", "{change}");
    assert_eq!(change["severity"], "extreme", "{change}");
    assert_eq!(change["by"], "duty.officer", "{change}");
    let log = officer.get("/api/v1/duty-log").json()["lines"].clone();
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .any(|l| l["kind"] == "changed"),
        "{log}"
    );

    // The duty officer's note joins the timeline and the duty log, among the events.
    created(
        &mut officer,
        "/api/v1/duty-log",
        &json!({"incident": incident, "text": {"ru": "Связь с МЧС Армении установлена.", "en": "In contact with Armenia's ministry."}}),
    );
    let timeline = officer.get(&path).json()["timeline"].clone();
    let kinds: Vec<&str> = timeline
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["kind"].as_str().unwrap())
        .collect();
    for kind in [
        "opened",
        "changed",
        "alert",
        "sitrep",
        "request",
        "deployment",
        "note",
    ] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    let times: Vec<&str> = timeline
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["at"].as_str().unwrap())
        .collect();
    let mut sorted = times.clone();
    sorted.sort_unstable();
    assert_eq!(times, sorted, "in time order");
    let log = officer.get("/api/v1/duty-log").json()["lines"].clone();
    let lines = log.as_array().unwrap();
    assert_eq!(lines.last().unwrap()["kind"], "note", "{log}");
    assert!(lines.iter().any(|l| l["kind"] == "deployment"));
}

#[test]
fn only_the_centre_opens_incidents_and_the_public_is_asked_to_sign_in() {
    let app = TestApp::start();
    let body =
        json!({"title": {"ru": "Паводок"}, "type": "natural_disaster", "severity": "moderate",
        "location": {"kind": "point", "at": "42.87,74.59"}, "affected": ["KG"]})
        .to_string();
    let mut delegate = Client::signed_in(&app, "delegate.am");
    assert_eq!(
        delegate
            .send_json("POST", "/api/v1/incidents", &body)
            .status,
        403
    );
    let mut public = Client::new(&app);
    assert_eq!(
        public.send_json("POST", "/api/v1/incidents", &body).status,
        401
    );
    for path in [
        "/api/v1/units",
        "/api/v1/alerts",
        "/api/v1/duty-log",
        "/api/v1/agreements",
    ] {
        assert_eq!(public.get(path).status, 401, "{path}");
    }
    // A browser session must send its CSRF token with a write.
    let mut officer = Client::signed_in(&app, "duty.officer");
    let token = officer.csrf.take();
    assert_eq!(
        officer.send_json("POST", "/api/v1/incidents", &body).status,
        403
    );
    officer.csrf = token;
    assert_eq!(
        officer.send_json("POST", "/api/v1/incidents", &body).status,
        201
    );
    // The Joint Staff runs the Centre's work too.
    let mut staff = Client::signed_in(&app, "joint.staff");
    assert_eq!(
        staff.send_json("POST", "/api/v1/incidents", &body).status,
        201
    );
}

#[test]
fn bad_input_writes_nothing_and_names_the_field_or_the_rule() {
    let app = TestApp::start();
    let mut officer = Client::signed_in(&app, "duty.officer");
    let before = log_size(&mut officer);
    let good = json!({"title": {"ru": "Паводок", "en": "Flood"}, "type": "natural_disaster", "severity": "moderate",
        "location": {"kind": "point", "at": "42.87,74.59"}, "affected": ["KG"]});
    let with = |field: &str, value: Value| {
        let mut body = good.clone();
        body[field] = value;
        body.to_string()
    };
    for (body, field) in [
        (with("type", json!("volcano")), "type"),
        (with("severity", json!("apocalyptic")), "severity"),
        (
            with("location", json!({"kind": "point", "at": "91,0"})),
            "location",
        ),
        (with("title", json!({"en": "Flood"})), "title.ru"),
        (with("affected", json!(["ZZZ"])), "affected"),
    ] {
        let answer = officer.send_json("POST", "/api/v1/incidents", &body);
        assert_eq!(answer.status, 422, "{body}: {}", answer.body);
        let errors = answer.json()["errors"].clone();
        assert!(
            errors
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["field"].as_str().unwrap().starts_with(field)),
            "{field}: {errors}"
        );
    }
    refused(
        &officer.send_json(
            "POST",
            "/api/v1/incidents",
            &with("affected", json!(["RS"])),
        ),
        422,
        "incident.not_a_member",
    );
    refused(
        &officer.send_json(
            "POST",
            "/api/v1/incidents",
            &with(
                "location",
                json!({"kind": "polygon", "points": ["40,44", "41,44", "41,45"]}),
            ),
        ),
        422,
        "incident.bad_polygon",
    );
    let bad_unit = json!({"state": "RU", "name": {"ru": "Госпиталь"}, "capability": "field_hospital",
        "capacity": 0, "self_sufficiency_days": 14, "deployment_hours": 24, "readiness": "ready", "home": "55.75,37.61"});
    refused(
        &officer.send_json("POST", "/api/v1/units", &bad_unit.to_string()),
        422,
        "unit.bad_figures",
    );
    assert_eq!(
        officer.get("/api/v1/incidents?status=burning").status,
        422,
        "an unknown filter is named"
    );
    assert_eq!(log_size(&mut officer), before, "nothing was written");
}

#[test]
fn a_partner_sees_only_what_is_released_to_it() {
    let app = TestApp::start();
    let mut officer = Client::signed_in(&app, "duty.officer");
    // Geo alerts from severe up, and reports of natural disasters, go to the partner.
    let agreement = created(
        &mut officer,
        "/api/v1/agreements",
        &json!({"partner": "sco-rats", "terms": {"categories": ["Geo"], "min_severity": "severe",
            "incident_types": ["natural_disaster"], "sitreps": true, "language": "en"}}),
    );
    let mut centre = with_token(&app, "centre.am");
    let alert = post_cap(&mut centre, ALERT).json()["alert"]
        .as_u64()
        .unwrap();
    let released = open_incident(&mut officer, &[alert], Some("sco-rats"));
    let kept = open_incident(&mut officer, &[], None);
    created(
        &mut officer,
        &format!("/api/v1/incidents/{released}/sitreps"),
        &sitrep("initial", Some(86_400), true),
    );
    created(
        &mut officer,
        &format!("/api/v1/incidents/{released}/sitreps"),
        &sitrep("update", Some(86_400), false),
    );

    let mut partner = Client::signed_in(&app, "partner.rats");
    let list = partner.get("/api/v1/incidents").json();
    let ids: Vec<u64> = list["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [released], "{list}");
    assert_eq!(
        partner.get(&format!("/api/v1/incidents/{kept}")).status,
        404
    );
    let view = partner.get(&format!("/api/v1/incidents/{released}")).json();
    let numbers: Vec<u64> = view["sitreps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [1], "the update is not releasable: {view}");
    // Exactly the alerts the partner's agreements released (the demo's earthquake and its
    // update, and this test's alert).
    let agreements = officer.get("/api/v1/agreements").json();
    let mut released_alerts: Vec<u64> = agreements["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["partner"] == "sco-rats")
        .flat_map(|a| a["releases"].as_array().unwrap().clone())
        .filter_map(|r| r["item"]["alert"].as_u64())
        .collect();
    released_alerts.sort_unstable();
    released_alerts.dedup();
    assert!(released_alerts.contains(&alert), "{agreements}");
    let alerts = partner.get("/api/v1/alerts").json();
    let mut seen: Vec<u64> = alerts["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_u64().unwrap())
        .collect();
    seen.sort_unstable();
    assert_eq!(seen, released_alerts, "{alerts}");
    assert_eq!(
        partner.get(&format!("/api/v1/alerts/{alert}/cap")).body,
        ALERT
    );
    assert_eq!(partner.get("/api/v1/units").status, 403);
    assert_eq!(partner.get("/api/v1/duty-log").status, 403);
    let agreements = partner.get("/api/v1/agreements").json();
    let ours = agreements["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == agreement)
        .expect("the partner sees its agreement")
        .clone();
    let releases = ours["releases"].as_array().unwrap().clone();
    assert_eq!(releases.len(), 2, "the alert and the first report: {ours}");
    assert_eq!(
        ours["feed"],
        format!("/api/v1/exchange/{agreement}/feed.atom")
    );
    // An observer sees none of it.
    let mut observer = Client::signed_in(&app, "observer.rs");
    assert!(
        observer.get("/api/v1/incidents").json()["incidents"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(
        observer.get("/api/v1/alerts").json()["alerts"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // Ended, the agreement releases nothing more; what it released stays.
    assert_eq!(
        officer
            .send_json("POST", &format!("/api/v1/agreements/{agreement}/end"), "{}")
            .status,
        201
    );
    refused(
        &officer.send_json("POST", &format!("/api/v1/agreements/{agreement}/end"), "{}"),
        422,
        "agreement.ended",
    );
    let after = partner.get("/api/v1/agreements").json();
    let ours = after["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == agreement)
        .expect("the partner sees its agreement")
        .clone();
    assert_eq!(ours["in_force"], false);
    assert_eq!(ours["releases"].as_array().unwrap().len(), 2);
}
