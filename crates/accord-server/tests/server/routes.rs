//! Every route, requested as every affiliation, against a table written here: a route added to
//! the server without a row in this table fails the test.

use accord_core::crisis::CrisisCommand;
use accord_core::crisis::exchange::Terms;
use accord_core::crisis::model::Severity;
use accord_core::{CommandPayload, Lang, PartnerId};
use accord_testkit::app::{Options, TestApp};

use crate::common::{Client, wait_for_checkpoint};

/// The columns: anonymous, member delegate, observer, partner organisation, Secretariat,
/// Crisis Response Centre, administrator.
const WHO: [Option<&str>; 7] = [
    None,
    Some("delegate.am"),
    Some("observer.rs"),
    Some("partner.rats"),
    Some("secretariat"),
    Some("duty.officer"),
    Some("admin"),
];

/// `(method, pattern, concrete path or body marker, expected status per column)`.
/// Page routes answer refusals with a 403 page (also to the anonymous, with a sign-in link);
/// the API answers 401 to the anonymous.
const TABLE: &[(&str, &str, &str, [u16; 7])] = &[
    ("GET", "/", "/", [200; 7]),
    ("GET", "/home", "/home", [403, 200, 200, 200, 200, 200, 200]),
    ("GET", "/organisation", "/organisation", [200; 7]),
    ("GET", "/record", "/record", [200; 7]),
    ("GET", "/record/rows", "/record/rows?after=0", [200; 7]),
    ("GET", "/record/{seq}", "/record/1", [200; 7]),
    ("GET", "/record/{seq}/proof", "/record/1/proof", [200; 7]),
    ("GET", "/login", "/login", [200; 7]),
    ("POST", "/login", "/login", [403; 7]),
    ("POST", "/logout", "/logout", [303; 7]),
    ("GET", "/lang/{code}", "/lang/en?next=/record", [303; 7]),
    (
        "GET",
        "/admin",
        "/admin",
        [403, 403, 403, 403, 403, 403, 200],
    ),
    (
        "POST",
        "/admin/tokens",
        "/admin/tokens",
        [403, 403, 403, 403, 403, 403, 200],
    ),
    (
        "POST",
        "/admin/tokens/{id}/revoke",
        "/admin/tokens/no-such-token/revoke",
        [403, 403, 403, 403, 403, 403, 404],
    ),
    ("GET", "/api/v1/docs", "/api/v1/docs", [200; 7]),
    (
        "GET",
        "/api/v1/organisation",
        "/api/v1/organisation",
        [200; 7],
    ),
    ("GET", "/api/v1/entries", "/api/v1/entries", [200; 7]),
    (
        "GET",
        "/api/v1/entries/{seq}",
        "/api/v1/entries/1",
        [200; 7],
    ),
    ("GET", "/api/v1/checkpoint", "/api/v1/checkpoint", [200; 7]),
    ("GET", "/api/v1/me", "/api/v1/me", [200; 7]),
    (
        "POST",
        "/api/v1/notes",
        "/api/v1/notes",
        [401, 201, 403, 403, 201, 201, 403],
    ),
    (
        "GET",
        "/api/v1/tokens",
        "/api/v1/tokens",
        [401, 403, 403, 403, 403, 403, 200],
    ),
    (
        "POST",
        "/api/v1/tokens",
        "/api/v1/tokens",
        [401, 403, 403, 403, 403, 403, 201],
    ),
    (
        "DELETE",
        "/api/v1/tokens/{id}",
        "/api/v1/tokens/no-such-token",
        [401, 403, 403, 403, 403, 403, 404],
    ),
    (
        "DELETE",
        "/api/v1/accounts/{username}/sessions",
        "/api/v1/accounts/no.such.user/sessions",
        [401, 403, 403, 403, 403, 403, 404],
    ),
    (
        "GET",
        "/api/v1/events/stream",
        "/api/v1/events/stream",
        [200; 7],
    ),
    (
        "GET",
        "/api/v1/openapi.json",
        "/api/v1/openapi.json",
        [200; 7],
    ),
    ("GET", "/log/checkpoint", "/log/checkpoint", [200; 7]),
    ("GET", "/log/tile/{*rest}", "/log/tile/0/000.p/1", [200; 7]),
    ("GET", "/log/bodies/{hex}", "PUBLIC_BODY", [200; 7]),
    (
        "GET",
        "/log/bodies/{hex}",
        "RESTRICTED_BODY",
        [401, 200, 403, 403, 200, 200, 403],
    ),
    (
        "GET",
        "/log/bodies/{hex}",
        "CONFIDENTIAL_BODY",
        [401, 403, 403, 403, 200, 403, 403],
    ),
    // A malformed submission: the policy lets anyone submit (the witness key is the check,
    // tested with real witnesses in the binary's tests), the wire format refuses it.
    (
        "POST",
        "/log/witness/add-checkpoint",
        "/log/witness/add-checkpoint",
        [400; 7],
    ),
    // The secretariat's API: writes are refused by affiliation and role before their body is
    // read; an allowed writer's request breaks a rule of the seeded history (a concluded
    // session, an adopted document), so nothing is written and the answer is 422.
    ("GET", "/api/v1/sessions", "/api/v1/sessions", [200; 7]),
    (
        "POST",
        "/api/v1/sessions",
        "/api/v1/sessions",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "GET",
        "/api/v1/sessions/{id}",
        "/api/v1/sessions/1",
        [200; 7],
    ),
    (
        "PUT",
        "/api/v1/sessions/{id}",
        "/api/v1/sessions/1",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/sessions/{id}/status",
        "/api/v1/sessions/1/status",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/sessions/{id}/items",
        "/api/v1/sessions/1/items",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/sessions/{id}/items/{item}/outcome",
        "/api/v1/sessions/1/items/1/outcome",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/sessions/{id}/items/{item}/recommendation",
        "/api/v1/sessions/1/items/1/recommendation",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/sessions/{id}/items/{item}/procedures",
        "/api/v1/sessions/1/items/1/procedures",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/sessions/{id}/packages",
        "/api/v1/sessions/1/packages",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/sessions/{id}/minutes",
        "/api/v1/sessions/1/minutes",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    ("GET", "/api/v1/documents", "/api/v1/documents", [200; 7]),
    (
        "POST",
        "/api/v1/documents",
        "/api/v1/documents",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "GET",
        "/api/v1/documents/{id}",
        "/api/v1/documents/1",
        [404, 200, 404, 404, 200, 200, 404],
    ),
    (
        "GET",
        "/api/v1/documents/{id}",
        "/api/v1/documents/2",
        [200; 7],
    ),
    (
        "POST",
        "/api/v1/documents/{id}/versions",
        "/api/v1/documents/1/versions",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/api/v1/documents/{id}/amendments",
        "/api/v1/documents/1/amendments",
        [401, 422, 403, 403, 403, 403, 403],
    ),
    (
        "POST",
        "/api/v1/documents/{id}/silence",
        "/api/v1/documents/1/silence",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "GET",
        "/api/v1/documents/{id}/compare",
        "/api/v1/documents/2/compare?from=1&to=2",
        [404, 200, 404, 404, 200, 200, 404],
    ),
    (
        "GET",
        "/api/v1/procedures/{id}",
        "/api/v1/procedures/1",
        [404, 200, 404, 404, 200, 200, 404],
    ),
    (
        "POST",
        "/api/v1/procedures/{id}/positions",
        "/api/v1/procedures/1/positions",
        [401, 403, 403, 403, 403, 403, 403],
    ),
    (
        "POST",
        "/api/v1/procedures/{id}/break",
        "/api/v1/procedures/2/break",
        [401, 403, 403, 403, 403, 403, 403],
    ),
    (
        "POST",
        "/api/v1/procedures/{id}/close",
        "/api/v1/procedures/1/close",
        [401, 403, 403, 403, 422, 403, 403],
    ),
    (
        "GET",
        "/api/v1/decisions/{id}",
        "/api/v1/decisions/2",
        [200; 7],
    ),
    (
        "POST",
        "/api/v1/decisions/{id}/signatures",
        "/api/v1/decisions/2/signatures",
        [401, 403, 403, 403, 403, 403, 403],
    ),
    (
        "POST",
        "/api/v1/delegation/key",
        "/api/v1/delegation/key",
        [401, 403, 403, 403, 403, 403, 403],
    ),
    // CAP intake: national centres, partners' liaison officers and the Centre's officers; the
    // note sent by this table is not CAP, so the allowed get 422 (and a rejected-intake entry).
    (
        "POST",
        "/api/v1/cap",
        "/api/v1/cap",
        [401, 403, 403, 422, 403, 422, 403],
    ),
    ("GET", "/calendar.ics", "/calendar.ics", [200; 7]),
    // The operational picture: signed-in readers; what each sees is filtered item by item.
    ("GET", "/map", "/map", [403, 200, 200, 200, 200, 200, 200]),
    (
        "GET",
        "/api/v1/map",
        "/api/v1/map?bbox=-180,-90,180,90",
        [401, 200, 200, 200, 200, 200, 200],
    ),
    (
        "GET",
        "/api/v1/map/stream",
        "/api/v1/map/stream",
        [401, 200, 200, 200, 200, 200, 200],
    ),
    // Issue 7: feed polling (the Centre's officers) and the partner exchange feed (agreement 1
    // is sco-rats's: its liaison officer only; those cleared for restricted records are
    // refused, others learn nothing of it).
    (
        "GET",
        "/feeds",
        "/feeds",
        [403, 403, 403, 403, 403, 200, 403],
    ),
    (
        "GET",
        "/api/v1/feeds",
        "/api/v1/feeds",
        [401, 403, 403, 403, 403, 200, 403],
    ),
    (
        "GET",
        "/api/v1/exchange/{agreement}/feed.atom",
        "/api/v1/exchange/1/feed.atom",
        [401, 403, 404, 200, 403, 403, 404],
    ),
    (
        "GET",
        "/api/v1/exchange/{agreement}/feed.atom",
        "/api/v1/exchange/999/feed.atom",
        [401, 404, 404, 404, 404, 404, 404],
    ),
    (
        "GET",
        "/api/v1/documents/{id}/akn/{lang}",
        "/api/v1/documents/2/akn/ru",
        [200; 7],
    ),
    (
        "GET",
        "/api/v1/documents/{id}/akn/{lang}",
        "/api/v1/documents/1/akn/ru",
        [404, 200, 404, 404, 200, 200, 404],
    ),
    (
        "GET",
        "/api/v1/packages/{id}/akn/{lang}",
        "/api/v1/packages/1/akn/en",
        [200; 7],
    ),
    (
        "GET",
        "/api/v1/amendments/{id}/akn/{lang}",
        "/api/v1/amendments/1/akn/ru",
        [404, 200, 404, 404, 200, 200, 404],
    ),
    ("GET", "/calendar.ics", "/calendar.ics?body=cfm", [200; 7]),
    ("GET", "/healthz", "/healthz", [200; 7]),
    ("GET", "/readyz", "/readyz", [200; 7]),
    ("GET", "/metrics", "/metrics", [200; 7]),
    ("GET", "/assets/{*path}", "/assets/accord.css", [200; 7]),
    // The secretariat's pages, on a restricted session and a draft (restricted until adopted)
    // that the test prepares first; procedures and decisions that do not exist. Forms sent
    // with fields they do not expect: refused (403) to whoever may not use them, invalid (422)
    // for the one who may.
    ("GET", "/sessions", "/sessions", [200; 7]),
    (
        "POST",
        "/sessions",
        "/sessions",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "GET",
        "/sessions/{id}",
        "/sessions/SESSION",
        [404, 200, 404, 404, 200, 200, 404],
    ),
    (
        "POST",
        "/sessions/{id}/status",
        "/sessions/SESSION/status",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/sessions/{id}/items",
        "/sessions/SESSION/items",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/sessions/{id}/packages",
        "/sessions/SESSION/packages",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/sessions/{id}/minutes",
        "/sessions/SESSION/minutes",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/sessions/{id}/items/{n}/conclude",
        "/sessions/SESSION/items/1/conclude",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/sessions/{id}/items/{n}/recommend",
        "/sessions/SESSION/items/1/recommend",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/sessions/{id}/items/{n}/procedures",
        "/sessions/SESSION/items/1/procedures",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    ("GET", "/documents", "/documents", [200; 7]),
    (
        "POST",
        "/documents",
        "/documents",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "GET",
        "/documents/{id}",
        "/documents/DOCUMENT",
        [404, 200, 404, 404, 200, 200, 404],
    ),
    (
        "POST",
        "/documents/{id}/amendments",
        "/documents/DOCUMENT/amendments",
        [403, 422, 403, 403, 403, 403, 403],
    ),
    // Without choices or a text, the next version is the current one again.
    (
        "POST",
        "/documents/{id}/versions",
        "/documents/DOCUMENT/versions",
        [403, 403, 403, 403, 303, 403, 403],
    ),
    (
        "POST",
        "/documents/{id}/silence",
        "/documents/DOCUMENT/silence",
        [403, 403, 403, 403, 422, 403, 403],
    ),
    (
        "POST",
        "/procedures/{id}/positions",
        "/procedures/999999/positions",
        [403; 7],
    ),
    (
        "POST",
        "/procedures/{id}/close",
        "/procedures/999999/close",
        [403, 403, 403, 403, 404, 403, 403],
    ),
    (
        "POST",
        "/procedures/{id}/break",
        "/procedures/999999/break",
        [403; 7],
    ),
    ("GET", "/decisions/{id}", "/decisions/999999", [404; 7]),
    (
        "POST",
        "/decisions/{id}/signatures",
        "/decisions/999999/signatures",
        [403; 7],
    ),
    ("POST", "/delegation/key", "/delegation/key", [403; 7]),
    // Issue 8: full-text search, open to everyone (the policy decides each hit).
    ("GET", "/search", "/search?q=statement", [200; 7]),
    (
        "GET",
        "/api/v1/search",
        "/api/v1/search?q=statement",
        [200; 7],
    ),
];

/// The JSON body sent to a write of the secretariat's API (by path), else a note.
const BODIES: &[(&str, &str)] = &[
    ("/api/v1/sessions", SESSION),
    ("/api/v1/sessions/1", SESSION),
    ("/api/v1/sessions/1/status", r#"{"status":"convened"}"#),
    (
        "/api/v1/sessions/1/items",
        r#"{"title":{"ru":"Пункт","en":"Item"}}"#,
    ),
    (
        "/api/v1/sessions/1/items/1/outcome",
        r#"{"outcome":{"ru":"Итог","en":"Outcome"}}"#,
    ),
    ("/api/v1/sessions/1/items/1/recommendation", r#"{"to":1}"#),
    (
        "/api/v1/sessions/1/items/1/procedures",
        r#"{"document":1,"rule":"consensus"}"#,
    ),
    (
        "/api/v1/sessions/1/packages",
        r#"{"title":{"ru":"Пакет"},"documents":[999]}"#,
    ),
    ("/api/v1/sessions/1/minutes", r#"{"document":999}"#),
    (
        "/api/v1/documents",
        r#"{"type":"statement","title":{"ru":"Заявление"},"sponsor":"RU","body":"cdm","text":{"ru":"Пункт."}}"#,
    ),
    ("/api/v1/documents/1/versions", "{}"),
    (
        "/api/v1/documents/1/amendments",
        r#"{"version":1,"paragraph":1,"op":"delete","rationale":{"ru":"Лишнее"}}"#,
    ),
    (
        "/api/v1/documents/1/silence",
        r#"{"deadline":{"local":"2020-12-01T18:00:00","zone":"Europe/Moscow"}}"#,
    ),
    ("/api/v1/procedures/1/positions", r#"{"position":"agree"}"#),
    (
        "/api/v1/procedures/2/break",
        r#"{"reason":{"ru":"Возражаем"}}"#,
    ),
    ("/api/v1/procedures/1/close", "{}"),
    ("/api/v1/decisions/2/signatures", r#"{"signature":"AAAA"}"#),
    ("/api/v1/delegation/key", r#"{"key":"x"}"#),
];

/// A session that would start in the past: refused by rule.
const SESSION: &str = r#"{"body":"cfm","number":9,"title":{"ru":"Заседание"},"start":{"local":"2020-01-01T10:00:00","zone":"Europe/Moscow"},"end":{"local":"2020-01-01T12:00:00","zone":"Europe/Moscow"},"format":"videoconference","link":"https://vc.example.org/x"}"#;

/// The body path of the newest note of this classification.
fn body_of(client: &mut Client, classification: &str) -> String {
    let entries = client.get("/api/v1/entries?limit=500").json();
    let entry = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["classification"] == classification && e["kind"] == "note.recorded")
        .unwrap_or_else(|| panic!("a note classified {classification}"));
    format!("/log/bodies/{}", entry["body_hash"].as_str().unwrap())
}

#[test]
fn every_route_answers_every_affiliation_as_the_table_says() {
    // One exchange agreement, with sco-rats, for the partner's feed.
    let app = TestApp::with(Options {
        commands: vec![(
            "duty.officer".to_owned(),
            CommandPayload::Crisis(CrisisCommand::MakeAgreement {
                partner: PartnerId::parse("sco-rats").unwrap(),
                terms: Terms {
                    categories: vec!["Geo".to_owned()],
                    min_severity: Severity::Severe,
                    incident_types: Vec::new(),
                    sitreps: false,
                    language: Lang::parse("ru").unwrap(),
                },
            }),
        )],
        ..Options::default()
    });
    let mut probe = Client::signed_in(&app, "secretariat");
    wait_for_checkpoint(&mut probe);
    let public = body_of(&mut probe, "public");
    let restricted = body_of(&mut probe, "restricted");
    let confidential = body_of(&mut probe, "confidential");
    let prepared = crate::secretariat_pages::prepare(&app, 999, "public");
    let (session, document) = (prepared.session.to_string(), prepared.document.to_string());
    let crisis = crate::routes_crisis::prepare(&app);

    // The table covers exactly the server's routes.
    let mut routes = accord_server::route_list();
    routes.sort();
    let mut covered: Vec<(&str, String)> = TABLE
        .iter()
        .chain(crate::routes_crisis::TABLE)
        .chain(crate::routes_plans::TABLE)
        .chain(crate::routes_public::TABLE)
        .chain(crate::routes_status::TABLE)
        .map(|(m, p, _, _)| (*m, (*p).to_owned()))
        .collect();
    covered.sort();
    covered.dedup();
    assert_eq!(covered, routes, "the table and the server's routes differ");

    let mut wrong = Vec::new();
    for (column, who) in WHO.iter().enumerate() {
        for (method, _, path, expected) in TABLE
            .iter()
            .chain(crate::routes_crisis::TABLE)
            .chain(crate::routes_plans::TABLE)
            .chain(crate::routes_public::TABLE)
            .chain(crate::routes_status::TABLE)
        {
            // Fresh sign-in per request: some routes (sign-out) end the session.
            let mut client = match who {
                Some(name) => Client::signed_in(&app, name),
                None => Client::new(&app),
            };
            let path = match *path {
                "PUBLIC_BODY" => public.clone(),
                "RESTRICTED_BODY" => restricted.clone(),
                "CONFIDENTIAL_BODY" => confidential.clone(),
                other => other
                    .replace("SESSION", &session)
                    .replace("DOCUMENT", &document)
                    .replace("INCIDENT", &crisis.incident.to_string())
                    .replace("REQUEST", &crisis.request.to_string())
                    .replace("ALERT", &crisis.alert.to_string()),
            };
            let path = path.as_str();
            let answer = match *method {
                "GET" => client.get(path),
                "POST" | "PUT" if path.starts_with("/api/") => client.send_json(
                    method,
                    path,
                    if let Some((_, body)) = BODIES.iter().find(|(p, _)| *p == path) {
                        body
                    } else if path.ends_with("/tokens") {
                        r#"{"account":"delegate.am","name":"a national centre"}"#
                    } else {
                        r#"{"text":{"ru":"Запись из теста","en":"A note from the test"},"classification":"restricted"}"#
                    },
                ),
                "POST" if path == "/login" => client.post_form(
                    path,
                    &[("username", "admin"), ("password", "x"), ("csrf", "forged")],
                ),
                "POST" => client.post_signed_form(
                    path,
                    &[("account", "delegate.am"), ("name", "a national centre")],
                ),
                other => client.send_json(other, path, ""),
            };
            if answer.status != expected[column] {
                wrong.push(format!(
                    "{method} {path} as {}: got {}, expected {}",
                    who.unwrap_or("anonymous"),
                    answer.status,
                    expected[column]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
