//! The secretariat over HTTP: the whole lifecycle with real delegations' accounts, the
//! scheduler ending a silence procedure at its deadline, refusals that write nothing, and the
//! calendar and Akoma Ntoso exports checked by independent tools.

use std::process::Command;
use std::time::{Duration, Instant};

use accord_core::Timestamp;
use accord_ledger::{KeyName, KeyType, SignerKey};
use accord_testkit::app::TestApp;
use base64::Engine as _;
use serde_json::{Value, json};

use crate::common::{Answer, Client, log_size, moscow_in, post, rule_of};

const XSD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/conformance/akn/akomantoso30.xsd"
);

fn assert_status(answer: &Answer) {
    assert_eq!(answer.status, 201, "{}", answer.body);
}

fn created(answer: &Answer) -> u64 {
    assert_eq!(answer.status, 201, "{}", answer.body);
    answer.json()["id"]
        .as_u64()
        .unwrap_or_else(|| panic!("no id: {}", answer.body))
}

fn schedule_session(secretariat: &mut Client, body: &str, number: u32, days_ahead: i64) -> u64 {
    let (start, _) = moscow_in(days_ahead * 86_400);
    let (end, _) = moscow_in(days_ahead * 86_400 + 7200);
    let session = json!({
        "body": body,
        "number": number,
        "title": {"ru": "Заседание Совета министров иностранных дел", "en": "Meeting of the Council of Foreign Ministers"},
        "start": {"local": start, "zone": "Europe/Moscow"},
        "end": {"local": end, "zone": "Europe/Moscow"},
        "format": "videoconference",
        "link": "https://vc.example.org/cfm-room",
        "classification": "public"
    });
    created(&secretariat.send_json("POST", "/api/v1/sessions", &session.to_string()))
}

fn register_statement(secretariat: &mut Client, body: &str) -> u64 {
    let doc = json!({
        "type": "statement",
        "title": {"ru": "Заявление министров", "en": "Statement of the ministers"},
        "sponsor": "KZ",
        "body": body,
        "text": {
            "ru": "Министры подтверждают приверженность Договору.\n\nМинистры призывают к диалогу.",
            "en": "The ministers reaffirm their commitment to the Treaty.\n\nThe ministers call for dialogue."
        },
        "classification": "public"
    });
    created(&secretariat.send_json("POST", "/api/v1/documents", &doc.to_string()))
}

fn position(head: &mut Client, procedure: u64, body: &Value) {
    let answer = post(
        head,
        &format!("/api/v1/procedures/{procedure}/positions"),
        body,
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
}

#[test]
fn a_draft_goes_from_amendment_to_objection_to_adoption_and_signature_over_http() {
    let app = TestApp::start();
    let mut secretariat = Client::signed_in(&app, "secretariat");
    let session = schedule_session(&mut secretariat, "cfm", 7, 1);
    let doc = register_statement(&mut secretariat, "cfm");
    assert_eq!(
        Client::new(&app)
            .get(&format!("/api/v1/documents/{doc}"))
            .status,
        404,
        "a public draft is not public yet"
    );

    // Kazakhstan's delegate proposes an amendment in Russian; the Secretariat takes it.
    let mut kz = Client::signed_in(&app, "delegate.kz");
    let amendment = created(&post(
        &mut kz,
        &format!("/api/v1/documents/{doc}/amendments"),
        &json!({"version": 1, "paragraph": 2, "op": "replace",
            "text": {"ru": "Министры призывают к равноправному диалогу.", "en": "The ministers call for an equal dialogue."},
            "rationale": {"ru": "Уточнение"}}),
    ));
    created(&post(
        &mut secretariat,
        &format!("/api/v1/documents/{doc}/versions"),
        &json!({"accept": [amendment]}),
    ));
    let compare = secretariat
        .get(&format!(
            "/api/v1/documents/{doc}/compare?from=1&to=2&lang=ru"
        ))
        .json();
    assert!(
        compare["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["added"]
                .as_str()
                .is_some_and(|t| t.contains("равноправному"))),
        "{compare}"
    );
    // An amendment against the superseded version is refused, and nothing is written.
    let before = log_size(&mut secretariat);
    let stale = post(
        &mut kz,
        &format!("/api/v1/documents/{doc}/amendments"),
        &json!({"version": 1, "paragraph": 1, "op": "delete", "rationale": {"ru": "Лишнее"}}),
    );
    assert_eq!(rule_of(&stale), "amendment.superseded_version");
    assert_eq!(log_size(&mut secretariat), before);

    // In session: Belarus objects, so the statement is not adopted.
    created(&post(
        &mut secretariat,
        &format!("/api/v1/sessions/{session}/items"),
        &json!({"title": {"ru": "О заявлении", "en": "On the statement"}, "documents": [doc]}),
    ));
    let convened = post(
        &mut secretariat,
        &format!("/api/v1/sessions/{session}/status"),
        &json!({"status": "convened"}),
    );
    assert_eq!(convened.status, 201, "{}", convened.body);
    let open = |secretariat: &mut Client| {
        created(&post(
            secretariat,
            &format!("/api/v1/sessions/{session}/items/1/procedures"),
            &json!({"document": doc, "rule": "consensus"}),
        ))
    };
    let first = open(&mut secretariat);
    let mut ru = Client::signed_in(&app, "head.ru");
    let mut by = Client::signed_in(&app, "head.by");
    position(&mut ru, first, &json!({"position": "agree"}));
    // The chair cannot close while present states have said nothing.
    let early = post(
        &mut secretariat,
        &format!("/api/v1/procedures/{first}/close"),
        &json!({}),
    );
    assert_eq!(rule_of(&early), "procedure.positions_missing");
    position(
        &mut by,
        first,
        &json!({"position": "object", "text": {"ru": "Требуются консультации"}}),
    );
    for state in ["am", "kz", "kg"] {
        position(
            &mut Client::signed_in(&app, &format!("head.{state}")),
            first,
            &json!({"position": "agree"}),
        );
    }
    position(
        &mut Client::signed_in(&app, "head.tj"),
        first,
        &json!({"position": "abstain"}),
    );
    // An observer never takes part.
    let observer = post(
        &mut Client::signed_in(&app, "observer.rs"),
        &format!("/api/v1/procedures/{first}/positions"),
        &json!({"position": "agree"}),
    );
    assert_eq!(observer.status, 403, "{}", observer.body);
    created(&post(
        &mut secretariat,
        &format!("/api/v1/procedures/{first}/close"),
        &json!({}),
    ));
    let record = secretariat
        .get(&format!("/api/v1/decisions/{first}"))
        .json();
    assert_eq!(
        record["record"]["outcome"]["kind"], "not_adopted",
        "{record}"
    );
    assert_eq!(
        record["record"]["outcome"]["failure"]["states"],
        json!(["BY"])
    );
    assert_eq!(record["record"]["positions"]["TJ"]["kind"], "abstain");

    // Belarus's concern is met in version 3; now everyone agrees.
    created(&post(
        &mut secretariat,
        &format!("/api/v1/documents/{doc}/versions"),
        &json!({"text": {
            "ru": "Министры подтверждают приверженность Договору.\n\nМинистры призывают к равноправному диалогу после консультаций.",
            "en": "The ministers reaffirm their commitment to the Treaty.\n\nThe ministers call for an equal dialogue after consultations."
        }}),
    ));
    let second = open(&mut secretariat);
    for state in ["am", "by", "kz", "kg", "ru", "tj"] {
        position(
            &mut Client::signed_in(&app, &format!("head.{state}")),
            second,
            &json!({"position": "agree"}),
        );
    }
    // The chair's head of delegation closes the item.
    let chair = secretariat
        .get(&format!("/api/v1/sessions/{session}"))
        .json()["chair"]
        .as_str()
        .unwrap()
        .to_lowercase();
    created(&post(
        &mut Client::signed_in(&app, &format!("head.{chair}")),
        &format!("/api/v1/procedures/{second}/close"),
        &json!({}),
    ));
    let decision = secretariat
        .get(&format!("/api/v1/decisions/{second}"))
        .json();
    assert_eq!(
        decision["record"]["outcome"]["kind"], "adopted",
        "{decision}"
    );
    assert_eq!(decision["record"]["version"], 3);
    // Adopted and public: the public reads it in both languages.
    let public = Client::new(&app).get(&format!("/api/v1/documents/{doc}"));
    assert_eq!(public.status, 200, "{}", public.body);
    assert!(
        public.body.contains("после консультаций") && public.body.contains("after consultations")
    );
    // The public sees the adopted text, not how it was drafted.
    let published = public.json();
    assert_eq!(
        published["versions"].as_array().unwrap().len(),
        1,
        "{published}"
    );
    assert_eq!(published["amendments"], json!([]));
    let mut anonymous = Client::new(&app);
    assert_eq!(
        anonymous.get(&format!("/documents/{doc}?version=1")).status,
        404
    );
    assert_eq!(
        anonymous
            .get(&format!("/api/v1/documents/{doc}/compare?from=1&to=3"))
            .status,
        404
    );
    assert_eq!(
        anonymous
            .get(&format!("/api/v1/amendments/{amendment}/akn/ru"))
            .status,
        404
    );
    assert!(
        !anonymous
            .get(&format!("/documents/{doc}"))
            .body
            .contains("равноправному диалогу.")
    );

    // Russia's head of delegation registers the delegation's key and signs the authentic text.
    let key = SignerKey::generate(
        KeyName::new("delegation.ru.test").unwrap(),
        KeyType::Ed25519,
    )
    .unwrap();
    assert_status(&post(
        &mut ru,
        "/api/v1/delegation/key",
        &json!({"key": key.verifier().to_string()}),
    ));
    let message = decision["signing_message"].as_str().unwrap();
    let forged = base64::engine::general_purpose::STANDARD.encode(key.sign("another text"));
    let bad = post(
        &mut ru,
        &format!("/api/v1/decisions/{second}/signatures"),
        &json!({"signature": forged}),
    );
    assert_eq!(rule_of(&bad), "signature.invalid");
    let signature = base64::engine::general_purpose::STANDARD.encode(key.sign(message));
    created(&post(
        &mut ru,
        &format!("/api/v1/decisions/{second}/signatures"),
        &json!({"signature": signature}),
    ));
    let signed = Client::new(&app)
        .get(&format!("/api/v1/decisions/{second}"))
        .json();
    assert_eq!(signed["signatures"]["RU"]["signature"], signature.as_str());
}

/// Polls until the decision record `id` exists.
fn wait_for_decision(client: &mut Client, id: u64, within: Duration) -> Value {
    let start = Instant::now();
    loop {
        let answer = client.get(&format!("/api/v1/decisions/{id}"));
        if answer.status == 200 {
            return answer.json();
        }
        assert!(
            start.elapsed() < within,
            "no decision {id} after {within:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_scheduler_adopts_a_silent_document_within_a_second_of_its_deadline() {
    let app = TestApp::start();
    let mut secretariat = Client::signed_in(&app, "secretariat");
    let doc = register_statement(&mut secretariat, "cfm");
    let (local, deadline) = moscow_in(3);
    let procedure = created(&post(
        &mut secretariat,
        &format!("/api/v1/documents/{doc}/silence"),
        &json!({"deadline": {"local": local, "zone": "Europe/Moscow"}}),
    ));
    // Breaking silence needs the head of delegation; a delegate may not.
    let delegate = post(
        &mut Client::signed_in(&app, "delegate.am"),
        &format!("/api/v1/procedures/{procedure}/break"),
        &json!({"reason": {"ru": "Возражаем"}}),
    );
    assert_eq!(delegate.status, 403, "{}", delegate.body);
    let record = wait_for_decision(&mut secretariat, procedure, Duration::from_secs(10));
    assert_eq!(record["record"]["outcome"]["kind"], "adopted", "{record}");
    assert_eq!(record["record"]["effective_at"], deadline.to_string());
    let entries = secretariat.get("/api/v1/entries?limit=20").json();
    let entry = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "decision.recorded")
        .unwrap();
    let recorded = Timestamp::parse(entry["time"].as_str().unwrap()).unwrap();
    let late = recorded.unix_seconds() - deadline.unix_seconds();
    assert!(
        (0..=1).contains(&late),
        "recorded {late} s after the deadline"
    );
    // After the deadline nobody can break silence.
    let after = post(
        &mut Client::signed_in(&app, "head.kz"),
        &format!("/api/v1/procedures/{procedure}/break"),
        &json!({"reason": {"ru": "Поздно"}}),
    );
    assert_eq!(rule_of(&after), "procedure.closed");
}

#[test]
fn silence_broken_before_the_deadline_fails_the_procedure_and_every_member_sees_it() {
    let app = TestApp::start();
    let mut secretariat = Client::signed_in(&app, "secretariat");
    let doc = register_statement(&mut secretariat, "cfm");
    let (local, _) = moscow_in(3600);
    let procedure = created(&post(
        &mut secretariat,
        &format!("/api/v1/documents/{doc}/silence"),
        &json!({"deadline": {"local": local, "zone": "Europe/Moscow"}}),
    ));
    created(&post(
        &mut Client::signed_in(&app, "head.kg"),
        &format!("/api/v1/procedures/{procedure}/break"),
        &json!({"reason": {"ru": "Нужны консультации", "en": "Consultations are needed"},
            "amendment": {"version": 1, "paragraph": 1, "op": "delete", "rationale": {"ru": "Лишнее"}}}),
    ));
    let record = Client::signed_in(&app, "delegate.tj")
        .get(&format!("/api/v1/decisions/{procedure}"))
        .json();
    assert_eq!(
        record["record"]["outcome"]["failure"]["kind"], "silence_broken",
        "{record}"
    );
    let document = secretariat.get(&format!("/api/v1/documents/{doc}")).json();
    assert_eq!(document["amendments"].as_array().unwrap().len(), 1);
}

#[test]
fn bad_input_names_what_is_wrong_and_writes_nothing() {
    let app = TestApp::start();
    let mut secretariat = Client::signed_in(&app, "secretariat");
    let before = log_size(&mut secretariat);
    let past = json!({
        "body": "cfm", "number": 99,
        "title": {"ru": "Заседание"},
        "start": {"local": "2020-01-10T10:00:00", "zone": "Europe/Moscow"},
        "end": {"local": "2020-01-10T12:00:00", "zone": "Europe/Moscow"},
        "format": "videoconference", "link": "https://vc.example.org/x"
    });
    assert_eq!(
        rule_of(&post(&mut secretariat, "/api/v1/sessions", &past)),
        "session.in_past"
    );
    let nonsense = json!({
        "body": "cfm", "number": 99,
        "title": {"en": "No Russian"},
        "start": {"local": "2020-13-10T10:00:00", "zone": "Mars/Olympus"},
        "end": {"local": "tomorrow", "zone": "Europe/Moscow"},
        "format": "carrier pigeon"
    });
    let answer = post(&mut secretariat, "/api/v1/sessions", &nonsense);
    assert_eq!(answer.status, 422, "{}", answer.body);
    let fields: Vec<String> = answer.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    for field in ["title.ru", "start", "end", "format"] {
        assert!(fields.iter().any(|f| f == field), "{field} in {fields:?}");
    }
    let signature = post(
        &mut Client::signed_in(&app, "head.am"),
        "/api/v1/decisions/1/signatures",
        &json!({"signature": "bm90IGEgc2lnbmF0dXJl"}),
    );
    assert_eq!(rule_of(&signature), "signature.invalid");
    assert_eq!(log_size(&mut secretariat), before);
}

fn run_python(script: &str, file: &std::path::Path) -> String {
    let output = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(file)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "python: {} (install the parser with `pip install icalendar`; .ci/run does)",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_calendar_is_valid_icalendar_with_time_zones_sequences_and_cancellations() {
    let app = TestApp::start();
    let mut secretariat = Client::signed_in(&app, "secretariat");
    let cancelled = schedule_session(&mut secretariat, "cfm", 8, 3);
    let answer = post(
        &mut secretariat,
        &format!("/api/v1/sessions/{cancelled}/status"),
        &json!({"status": "cancelled"}),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    let calendar = Client::new(&app).with_lang("ru").get("/calendar.ics");
    assert_eq!(calendar.status, 200);
    assert_eq!(
        calendar.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sessions.ics");
    std::fs::write(&file, &calendar.body).unwrap();
    let script = r#"
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
zones = [str(c['TZID']) for c in cal.walk('VTIMEZONE')]
events = []
for e in cal.walk('VEVENT'):
    events.append({
        'uid': str(e['UID']),
        'start_utc': e.decoded('DTSTART').astimezone(__import__('datetime').timezone.utc).isoformat(),
        'tzid': e['DTSTART'].params.get('TZID'),
        'summary': str(e['SUMMARY']),
        'sequence': int(e.get('SEQUENCE', 0)),
        'status': str(e.get('STATUS')),
        'conference': str(e.get('CONFERENCE', '')),
    })
print(json.dumps({'zones': zones, 'events': events}, ensure_ascii=False))
"#;
    let parsed: Value = serde_json::from_str(&run_python(script, &file)).unwrap();
    let events = parsed["events"].as_array().unwrap();
    // The public sessions: the three of 2020 and the two scheduled here and now.
    assert!(events.len() >= 4, "{parsed}");
    assert_eq!(parsed["zones"], json!(["Europe/Moscow"]));
    let cfm_2020 = events
        .iter()
        .find(|e| e["start_utc"] == "2020-12-01T10:00:00+00:00")
        .unwrap_or_else(|| panic!("the foreign ministers' session of 1 December 2020: {parsed}"));
    assert_eq!(cfm_2020["tzid"], "Europe/Moscow");
    assert!(
        cfm_2020["summary"]
            .as_str()
            .unwrap()
            .contains("Совет министров иностранных дел")
    );
    assert!(
        cfm_2020["conference"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let gone = events
        .iter()
        .find(|e| {
            e["uid"]
                .as_str()
                .unwrap()
                .starts_with(&format!("session-{cancelled}@"))
        })
        .unwrap();
    assert_eq!(gone["status"], "CANCELLED");
    assert_eq!(gone["sequence"], 1);
    // Per body: only the Collective Security Council's.
    let csc = Client::new(&app).get("/calendar.ics?body=csc");
    assert_eq!(csc.body.matches("BEGIN:VEVENT").count(), 1, "{}", csc.body);
    // A restricted session is in the Secretariat's calendar, not in the public's.
    assert!(
        secretariat
            .get("/calendar.ics?body=pc")
            .body
            .contains("BEGIN:VEVENT")
    );
    assert!(
        !Client::new(&app)
            .get("/calendar.ics?body=pc")
            .body
            .contains("BEGIN:VEVENT")
    );
}

fn xmllint(xml: &str, dir: &std::path::Path, name: &str) {
    let file = dir.join(name);
    std::fs::write(&file, xml).unwrap();
    let output = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema", XSD])
        .arg(&file)
        .output()
        .expect("xmllint runs: install libxml2-utils; .ci/run does");
    assert!(
        output.status.success(),
        "{name} does not validate: {}\n{xml}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn every_akoma_ntoso_export_validates_against_the_oasis_schema() {
    let app = TestApp::start();
    let mut secretariat = Client::signed_in(&app, "secretariat");
    // An agreement (an act) and a session's minutes (a debate), beside the seeded history's
    // statements, decisions, plan, protocol, package and amendments.
    let agreement = created(&post(
        &mut secretariat,
        "/api/v1/documents",
        &json!({"type": "agreement", "title": {"ru": "Соглашение о миротворческой деятельности", "en": "Agreement on peacekeeping activities"},
            "sponsor": "secretariat", "body": "csc",
            "text": {"ru": "Стороны сотрудничают.\n\nСоглашение вступает в силу.", "en": "The parties cooperate.\n\nThe agreement enters into force."}}),
    ));
    let minutes = created(&post(
        &mut secretariat,
        "/api/v1/documents",
        &json!({"type": "report", "title": {"ru": "Протокол заседания СМИД", "en": "Minutes of the CFM meeting"},
            "sponsor": "secretariat", "body": "cfm",
            "text": {"ru": "Заседание открыл председатель.\n\nЗаявление принято.", "en": "The chair opened the meeting.\n\nThe statement was adopted."}}),
    ));
    let sessions = secretariat.get("/api/v1/sessions").json();
    let cfm = sessions["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["body"] == "cfm")
        .unwrap()["id"]
        .as_u64()
        .unwrap();
    let answer = post(
        &mut secretariat,
        &format!("/api/v1/sessions/{cfm}/minutes"),
        &json!({"document": minutes}),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);

    let documents = secretariat.get("/api/v1/documents").json();
    let mut paths = Vec::new();
    for doc in documents["documents"].as_array().unwrap() {
        paths.push(format!("/api/v1/documents/{}/akn", doc["id"]));
        for amendment in doc["amendments"].as_array().unwrap() {
            paths.push(format!("/api/v1/amendments/{}/akn", amendment["id"]));
        }
    }
    paths.push("/api/v1/packages/1/akn".to_owned());
    let dir = tempfile::tempdir().unwrap();
    let mut kinds = std::collections::BTreeSet::new();
    for path in &paths {
        for lang in ["ru", "en"] {
            let answer = secretariat.get(&format!("{path}/{lang}"));
            assert_eq!(answer.status, 200, "{path}/{lang}: {}", answer.body);
            for kind in [
                "<statement",
                "<doc ",
                "<act ",
                "<documentCollection",
                "<debate",
                "<amendment ",
            ] {
                if answer.body.contains(kind) {
                    kinds.insert(kind);
                }
            }
            let authentic = if lang == "ru" { "true" } else { "false" };
            assert!(
                answer
                    .body
                    .contains(&format!("FRBRauthoritative value=\"{authentic}\"")),
                "{path}/{lang}"
            );
            xmllint(
                &answer.body,
                dir.path(),
                &format!("{}-{lang}.xml", path.replace('/', "_")),
            );
        }
    }
    assert_eq!(kinds.len(), 6, "every kind exported: {kinds:?}");
    let _ = agreement;
    // What the reader may not see is not exported.
    assert_eq!(
        Client::new(&app).get("/api/v1/documents/1/akn/ru").status,
        404
    );
    assert_eq!(secretariat.get("/api/v1/documents/2/akn/fr").status, 404);
}
