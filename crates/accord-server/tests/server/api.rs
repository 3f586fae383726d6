//! The API and the log over HTTP: bad input is refused with problem documents naming what is
//! wrong and nothing is written; sessions, tokens, throttling, live events, headers, metrics.

use std::io::{BufRead as _, BufReader};
use std::time::Duration;

use accord_testkit::app::{Options, PASSWORD, TestApp};

use crate::common::{Client, field_names};

fn log_size(client: &mut Client) -> u64 {
    let newest = client.get("/api/v1/entries?limit=1").json();
    newest[0]["seq"].as_u64().unwrap() + 1
}

#[test]
fn invalid_fields_are_each_named_and_nothing_is_written() {
    let app = TestApp::start();
    let mut delegate = Client::signed_in(&app, "delegate.am");
    let before = log_size(&mut delegate);
    let answer = delegate.send_json(
        "POST",
        "/api/v1/notes",
        r#"{"text":{"en":"English only","x!":"?","ru":"  "},"classification":"secret","release":[{"kind":"planet"}]}"#,
    );
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert_eq!(
        answer.header("content-type"),
        Some("application/problem+json")
    );
    let mut fields = field_names(&answer);
    fields.sort();
    assert_eq!(
        fields,
        [
            "classification",
            "release[0]",
            "text.ru",
            "text.ru",
            "text.x!"
        ],
        "{}",
        answer.body
    );
    assert_eq!(log_size(&mut delegate), before);

    // A type error names the field's path.
    let answer = delegate.send_json("POST", "/api/v1/notes", r#"{"text":{"ru":5}}"#);
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert_eq!(field_names(&answer), ["text.ru"], "{}", answer.body);
    // A missing field is named.
    let answer = delegate.send_json("POST", "/api/v1/notes", r#"{}"#);
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert_eq!(field_names(&answer), ["text"], "{}", answer.body);
    // Broken JSON is a 400.
    let answer = delegate.send_json("POST", "/api/v1/notes", r#"{"text":"#);
    assert_eq!(answer.status, 400, "{}", answer.body);
    // An unknown field is named.
    let answer = delegate.send_json("POST", "/api/v1/notes", r#"{"txt":{}}"#);
    assert!(answer.body.contains("txt"), "{}", answer.body);
    assert_eq!(log_size(&mut delegate), before);
}

#[test]
fn a_broken_rule_is_named_in_the_problem() {
    let app = TestApp::start();
    let mut delegate = Client::signed_in(&app, "delegate.am");
    let answer = delegate.send_json(
        "POST",
        "/api/v1/notes",
        r#"{"text":{"ru":"Открыто"},"classification":"public","release":[{"kind":"state","state":"BY"}]}"#,
    );
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert_eq!(answer.json()["rule"], "note.release_on_public");
}

#[test]
fn an_oversize_body_is_refused_with_413_and_nothing_written() {
    let app = TestApp::with(Options {
        max_body: 4096,
        ..Options::default()
    });
    let mut delegate = Client::signed_in(&app, "delegate.am");
    let before = log_size(&mut delegate);
    let big = format!(r#"{{"text":{{"ru":"{}"}}}}"#, "я".repeat(5000));
    let answer = delegate.send_json("POST", "/api/v1/notes", &big);
    assert_eq!(answer.status, 413, "{}", answer.body);
    assert_eq!(log_size(&mut delegate), before);
    // A form too: the page says so in the reader's language.
    let mut visitor = Client::new(&app).with_lang("en");
    let huge = "x".repeat(10_000);
    let answer = visitor.post_form("/login", &[("username", &huge), ("password", "p")]);
    assert_eq!(answer.status, 413);
    assert_eq!(answer.text_of("h1").unwrap(), "Too large");
}

#[test]
fn a_wrong_csrf_token_is_refused_and_nothing_written() {
    let app = TestApp::start();
    let mut delegate = Client::signed_in(&app, "delegate.am");
    let before = log_size(&mut delegate);
    delegate.csrf = Some("forged".into());
    let answer = delegate.send_json("POST", "/api/v1/notes", r#"{"text":{"ru":"Подделка"}}"#);
    assert_eq!(answer.status, 403, "{}", answer.body);
    assert!(answer.json()["detail"].as_str().unwrap().contains("CSRF"));
    let mut admin = Client::signed_in(&app, "admin");
    admin.csrf = Some("forged".into());
    let answer = admin.post_signed_form(
        "/admin/tokens",
        &[("account", "delegate.am"), ("name", "forged")],
    );
    assert_eq!(answer.status, 403);
    assert_eq!(admin.get("/api/v1/tokens").json(), serde_json::json!([]));
    assert_eq!(log_size(&mut delegate), before);
}

#[test]
fn an_api_token_signs_a_machine_client_in_until_it_is_revoked() {
    let app = TestApp::start();
    let mut admin = Client::signed_in(&app, "admin");
    let created = admin.send_json(
        "POST",
        "/api/v1/tokens",
        r#"{"account":"delegate.am","name":"Armenia national crisis centre"}"#,
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let created = created.json();
    let secret = created["token"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("accord_"));

    let mut machine = Client::new(&app);
    machine.bearer = Some(secret.clone());
    assert_eq!(machine.get("/api/v1/me").json()["username"], "delegate.am");
    let posted = machine.send_json("POST", "/api/v1/notes", r#"{"text":{"ru":"От центра"}}"#);
    assert_eq!(posted.status, 201, "{}", posted.body);
    // The secret is not listed.
    let list = admin.get("/api/v1/tokens");
    assert!(!list.body.contains(&secret));

    let id = created["id"].as_str().unwrap();
    let revoked = admin.send_json("DELETE", &format!("/api/v1/tokens/{id}"), "");
    assert_eq!(revoked.status, 204, "{}", revoked.body);
    assert_eq!(machine.get("/api/v1/me").status, 401);
    machine.bearer = Some("accord_not-a-token".into());
    assert_eq!(machine.get("/api/v1/organisation").status, 401);
}

#[test]
fn signing_out_revokes_the_session() {
    let app = TestApp::start();
    let mut delegate = Client::signed_in(&app, "delegate.am");
    let cookie = delegate.cookies.clone();
    assert_eq!(delegate.get("/api/v1/me").json()["username"], "delegate.am");
    let out = delegate.post_signed_form("/logout", &[]);
    assert_eq!(out.status, 303);
    // The old cookie, replayed, reads as signed out.
    let mut replay = Client::new(&app);
    replay.cookies = cookie;
    let me = replay.get("/api/v1/me").json();
    assert_eq!(me["username"], serde_json::Value::Null);
    assert_eq!(me["affiliation"]["kind"], "public");
}

#[test]
fn an_administrator_signs_an_account_out_everywhere() {
    let app = TestApp::start();
    let mut first = Client::signed_in(&app, "delegate.kg");
    let mut second = Client::signed_in(&app, "delegate.kg");
    let mut admin = Client::signed_in(&app, "admin");
    let answer = admin.send_json("DELETE", "/api/v1/accounts/delegate.kg/sessions", "");
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.json()["sessions"], 2);
    for client in [&mut first, &mut second] {
        assert_eq!(
            client.get("/api/v1/me").json()["username"],
            serde_json::Value::Null
        );
    }
    // The administrator's own session is untouched.
    assert_eq!(admin.get("/api/v1/me").json()["username"], "admin");
}

#[test]
fn the_session_cookie_is_http_only_and_same_site_strict() {
    let app = TestApp::start();
    let mut client = Client::new(&app);
    let answer = client.login("delegate.am", PASSWORD);
    assert_eq!(answer.status, 303);
    assert_eq!(answer.header("location"), Some("/home"));
    let cookie = answer.headers["set-cookie"]
        .iter()
        .find(|c| c.starts_with("accord_session="))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
}

#[test]
fn failed_sign_ins_are_throttled_per_account() {
    let app = TestApp::start();
    let mut client = Client::new(&app);
    for _ in 0..5 {
        let answer = client.login("delegate.by", "wrong password");
        assert_eq!(answer.status, 401);
        assert!(!client.cookies.contains_key("accord_session"));
    }
    // Even the right password is refused now, with a time to wait.
    let answer = client.login("delegate.by", PASSWORD);
    assert_eq!(answer.status, 429);
    assert!(
        answer
            .header("retry-after")
            .unwrap()
            .parse::<u64>()
            .unwrap()
            > 60
    );
    assert!(!client.cookies.contains_key("accord_session"));
    // Another account is not affected.
    assert_eq!(client.login("delegate.kz", PASSWORD).status, 303);
}

/// Reads server-sent events until one named `entry` arrives; returns its data.
fn next_entry(lines: &mut impl Iterator<Item = std::io::Result<String>>) -> serde_json::Value {
    let mut event = String::new();
    for line in lines {
        let line = line.unwrap();
        if let Some(name) = line.strip_prefix("event:") {
            event = name.trim().to_owned();
        } else if let Some(data) = line.strip_prefix("data:")
            && event == "entry"
        {
            return serde_json::from_str(data.trim()).unwrap();
        }
    }
    panic!("the stream ended");
}

#[test]
fn live_events_carry_bodies_only_to_readers_cleared_for_them() {
    let app = TestApp::start();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into();
    let delegate = Client::signed_in(&app, "delegate.am");
    let session = format!("accord_session={}", delegate.cookies["accord_session"]);
    let open = |cookie: Option<&str>| {
        let mut request = agent.get(app.url("/api/v1/events/stream"));
        if let Some(c) = cookie {
            request = request.header("cookie", c);
        }
        let response = request.call().unwrap();
        BufReader::new(response.into_body().into_reader()).lines()
    };
    let mut anonymous = open(None);
    let mut cleared = open(Some(&session));
    std::thread::sleep(Duration::from_millis(200));
    let mut writer = Client::signed_in(&app, "secretariat");
    let posted = writer.send_json(
        "POST",
        "/api/v1/notes",
        r#"{"text":{"ru":"Только для своих"},"classification":"restricted"}"#,
    );
    assert_eq!(posted.status, 201, "{}", posted.body);
    let seq = posted.json()["first"].as_u64().unwrap();
    let seen = next_entry(&mut anonymous);
    assert_eq!(
        (seen["seq"].as_u64(), &seen["body"]),
        (Some(seq), &serde_json::Value::Null)
    );
    assert_eq!(seen["classification"], "restricted");
    let seen = next_entry(&mut cleared);
    assert_eq!(seen["seq"].as_u64(), Some(seq));
    assert_eq!(
        seen["body"]["text"]["values"]["ru"], "Только для своих",
        "{seen}"
    );
}

#[test]
fn every_response_carries_the_security_headers() {
    let app = TestApp::start();
    let mut client = Client::new(&app);
    for path in [
        "/",
        "/api/v1/organisation",
        "/log/checkpoint",
        "/no/such/page",
    ] {
        let answer = client.get(path);
        let csp = answer.header("content-security-policy").unwrap_or_default();
        let script = csp
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap_or_default();
        assert_eq!(script.trim(), "script-src 'self'", "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(answer.header("referrer-policy"), Some("same-origin"));
    }
}

#[test]
fn the_openapi_document_describes_every_api_route() {
    let app = TestApp::start();
    let doc = Client::new(&app).get("/api/v1/openapi.json").json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = doc["paths"].as_object().unwrap();
    for (method, path) in accord_server::route_list() {
        if !path.starts_with("/api/v1/") || path == "/api/v1/openapi.json" || path == "/api/v1/docs"
        {
            continue;
        }
        let item = paths
            .get(&path)
            .unwrap_or_else(|| panic!("{path} is not in the OpenAPI document"));
        assert!(
            item.get(method.to_lowercase()).is_some(),
            "{method} {path} is not in the OpenAPI document"
        );
    }
}

#[test]
fn the_openapi_document_puts_each_parameter_where_the_route_reads_it() {
    let app = TestApp::start();
    let doc = Client::new(&app).get("/api/v1/openapi.json").json();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                let name = parameter["name"].as_str().unwrap();
                let templated = path.contains(&format!("{{{name}}}"));
                // A path parameter is one the path template names (OpenAPI 3.1, 4.8.12.1).
                assert_eq!(
                    parameter["in"] == "path",
                    templated,
                    "{method} {path}: parameter {name} is `in: {}`",
                    parameter["in"]
                );
            }
        }
    }
    // The page of entries is chosen by optional query parameters (Swagger UI showed them as
    // required path parameters).
    let list = &doc["paths"]["/api/v1/entries"]["get"]["parameters"];
    let shown: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap(),
                p["in"].as_str().unwrap(),
                p["required"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [("before", "query", false), ("limit", "query", false)]
    );
}

#[test]
fn operations_endpoints_report_health_readiness_and_metrics() {
    let app = TestApp::start();
    let mut client = Client::new(&app);
    assert_eq!(client.get("/healthz").status, 200);
    assert_eq!(client.get("/readyz").body, "ready\n");
    client.get("/organisation");
    let metrics = client.get("/metrics").body;
    assert!(
        metrics.contains(
            r#"accord_http_requests_total{method="GET",route="/organisation",status="200"} 1"#
        ),
        "{metrics}"
    );
    assert!(metrics.contains("accord_log_size "), "{metrics}");
    assert!(
        metrics.contains("accord_http_request_duration_seconds_bucket"),
        "{metrics}"
    );
}

#[test]
fn an_entry_read_through_the_api_carries_a_proof_that_verifies() {
    use accord_ledger::{Hash, leaf_hash, verify_inclusion};
    let app = TestApp::start();
    let mut observer = Client::signed_in(&app, "observer.rs");
    crate::common::wait_for_checkpoint(&mut observer);
    let entries = observer.get("/api/v1/entries?limit=500").json();
    let restricted = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["classification"] == "restricted" && e["kind"] == "note.recorded")
        .unwrap()["seq"]
        .as_u64()
        .unwrap();
    let detail = observer
        .get(&format!("/api/v1/entries/{restricted}"))
        .json();
    // Not released to an observer: the body is withheld, the entry and its proof are not.
    assert_eq!(detail["body"], serde_json::Value::Null);
    let proof = &detail["proof"];
    let size = proof["size"].as_u64().unwrap();
    let checkpoint = accord_ledger::SignedCheckpoint::open(
        proof["checkpoint"].as_str().unwrap().as_bytes(),
        &app.log_key,
    )
    .unwrap();
    assert_eq!(checkpoint.checkpoint().size(), size);
    let hashes: Vec<Hash> = proof["hashes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| Hash::from_base64(h.as_str().unwrap()).unwrap())
        .collect();
    let leaf = leaf_hash(detail["entry"].as_str().unwrap().as_bytes());
    verify_inclusion(
        restricted,
        size,
        &leaf,
        &hashes,
        checkpoint.checkpoint().root(),
    )
    .unwrap();
    let mut secretariat = Client::signed_in(&app, "secretariat");
    let detail = secretariat
        .get(&format!("/api/v1/entries/{restricted}"))
        .json();
    assert!(detail["body"]["text"].is_object(), "{detail}");
}

#[test]
fn reads_served_from_memory_follow_the_log_as_it_grows() {
    let app = TestApp::start();
    let mut reader = Client::new(&app);
    let mut delegate = Client::signed_in(&app, "delegate.am");
    crate::common::wait_for_checkpoint(&mut reader);
    let size = log_size(&mut reader);
    let seqs = |answer: &crate::common::Answer| -> Vec<u64> {
        answer
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["seq"].as_u64().unwrap())
            .collect()
    };
    // Read twice: the second read is served from what the first kept.
    for _ in 0..2 {
        let newest = reader.get("/api/v1/entries?limit=3");
        assert_eq!(seqs(&newest), [size - 1, size - 2, size - 3]);
        let page = reader.get("/record");
        assert_eq!(page.status, 200);
        let first_row = page
            .html()
            .select(&scraper::Selector::parse("tr[data-seq]").unwrap())
            .next()
            .and_then(|row| row.value().attr("data-seq").map(str::to_owned));
        assert_eq!(first_row, Some((size - 1).to_string()));
        assert_eq!(reader.get("/api/v1/checkpoint").json()["size"], size);
    }
    let written = delegate.send_json("POST", "/api/v1/notes", r#"{"text":{"ru":"Новая"}}"#);
    assert_eq!(written.status, 201, "{}", written.body);
    // The new entry is listed at once; the checkpoint follows when the journal signs one.
    let newest = reader.get("/api/v1/entries?limit=3");
    assert_eq!(seqs(&newest), [size, size - 1, size - 2]);
    let rows = reader.get(&format!("/record/rows?after={}", size - 1));
    assert!(
        rows.body.contains(&format!("data-seq=\"{size}\"")),
        "{}",
        rows.body
    );
    crate::common::wait_for_checkpoint(&mut reader);
    let checkpoint = reader.get("/api/v1/checkpoint").json();
    assert_eq!(checkpoint["size"], size + 1);
    assert!(
        reader
            .get("/log/checkpoint")
            .body
            .contains(&format!("\n{}\n", size + 1)),
        "the served checkpoint is the new one"
    );
    // Older entries are read as well.
    let oldest = reader.get("/api/v1/entries?before=3&limit=3");
    assert_eq!(seqs(&oldest), [2, 1, 0]);
}
