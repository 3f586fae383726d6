//! The binary's log commands against the real server: `accord verify URL` verifies what the
//! server serves (withholding the bodies an anonymous reader may not read), and `accord witness`
//! cosigns its checkpoints when its key is configured and is refused when it is not.

mod common;

use std::time::Duration;

use accord_ledger::{KeyName, KeyType, SignerKey};
use accord_server::WitnessKey;
use accord_testkit::app::{Options, PASSWORD, TestApp};
use common::{accord, stderr, stdout};

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into()
}

/// Signs in as `username`; returns the session's secret.
fn sign_in(app: &TestApp, username: &str) -> String {
    let agent = agent();
    let form = agent.get(app.url("/login")).call().unwrap();
    let cookie = |response: &ureq::http::Response<ureq::Body>, name: &str| {
        response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| {
                v.split(';')
                    .next()?
                    .strip_prefix(&format!("{name}="))
                    .map(str::to_owned)
            })
            .unwrap_or_else(|| panic!("no {name} cookie"))
    };
    let token = cookie(&form, "accord_form");
    let signed_in = agent
        .post(app.url("/login"))
        .header("cookie", &format!("accord_form={token}"))
        .send_form([
            ("username", username),
            ("password", PASSWORD),
            ("csrf", &token),
        ])
        .unwrap();
    assert_eq!(signed_in.status(), 303);
    cookie(&signed_in, "accord_session")
}

/// Sends `body` to the API as the signed-in session; returns the status and the JSON answer.
fn api(
    app: &TestApp,
    secret: &str,
    method: &str,
    path: &str,
    body: &str,
) -> (u16, serde_json::Value) {
    let request = ureq::http::Request::builder()
        .method(method)
        .uri(app.url(path))
        .header("cookie", format!("accord_session={secret}"))
        .header("x-csrf-token", accord_server::auth::session_csrf(secret))
        .header("content-type", "application/json")
        .body(body.to_owned())
        .unwrap();
    let mut response = agent().run(request).unwrap();
    let text = response.body_mut().read_to_string().unwrap();
    (
        response.status().as_u16(),
        serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
    )
}

/// Signs in as `username` and records a note through the API; returns the log's new size.
fn record_note(app: &TestApp, username: &str) -> u64 {
    let secret = sign_in(app, username);
    let (status, written) = api(
        app,
        &secret,
        "POST",
        "/api/v1/notes",
        r#"{"text":{"ru":"Ещё одна запись"},"classification":"restricted"}"#,
    );
    assert_eq!(status, 201, "{written}");
    written["size"].as_u64().unwrap()
}

/// Waits until the served checkpoint has `size` entries; returns it.
fn checkpoint_of_size(app: &TestApp, size: u64) -> String {
    for _ in 0..100 {
        let mut response = agent().get(app.url("/log/checkpoint")).call().unwrap();
        if response.status() == 200 {
            let text = response.body_mut().read_to_string().unwrap();
            if text.lines().nth(1) == Some(size.to_string().as_str()) {
                return text;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("no checkpoint of size {size}");
}

fn witness_key(dir: &std::path::Path, state: &str) -> (SignerKey, String) {
    let key = SignerKey::generate(
        KeyName::new(&format!("witness.{state}")).unwrap(),
        KeyType::CosignatureV1,
    )
    .unwrap();
    let file = dir.join(format!("{state}.key"));
    std::fs::write(&file, key.to_private_string()).unwrap();
    (key, file.display().to_string())
}

#[test]
fn accord_verify_checks_the_served_log_and_withholds_bodies_it_may_not_read() {
    let app = TestApp::start();
    let size = record_note(&app, "delegate.am");
    checkpoint_of_size(&app, size);
    let dir = tempfile::tempdir().unwrap();
    let key = app.log_key.to_string();
    let out = accord(dir.path(), &["verify", &app.url("/log"), "--key", &key]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.contains(&format!("verified: {size} entries")),
        "{said}"
    );
    // Only the public bodies were released to the anonymous verifier.
    let bodies: u64 = said
        .split(" bodies")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(bodies > 0 && bodies < size, "{said}");
    // The heads of delegation's signatures of the public decisions were checked too.
    let signatures: u64 = said
        .split(" decision signatures")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(signatures > 0, "{said}");
}

#[test]
fn a_head_of_delegation_signs_a_decision_offline_with_accord_sign() {
    let app = TestApp::start();
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("delegation-am.key");
    let out = accord(
        dir.path(),
        &[
            "keys",
            "--kind",
            "delegation",
            "--name",
            "delegation.am.test",
            "--out",
            key_file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let verifier = stdout(&out).trim().to_owned();
    let secret = sign_in(&app, "head.am");
    let body = serde_json::json!({ "key": verifier }).to_string();
    let (status, answer) = api(&app, &secret, "POST", "/api/v1/delegation/key", &body);
    assert_eq!(status, 201, "{answer}");
    // The defence ministers' plan is adopted and Armenia has not signed it yet.
    let (status, decision) = api(&app, &secret, "GET", "/api/v1/decisions/1", "");
    assert_eq!(status, 200, "{decision}");
    let message_file = dir.path().join("message.txt");
    std::fs::write(&message_file, decision["signing_message"].as_str().unwrap()).unwrap();
    let out = accord(
        dir.path(),
        &[
            "sign",
            "--key",
            key_file.to_str().unwrap(),
            message_file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let signature = stdout(&out).trim().to_owned();
    let body = serde_json::json!({ "signature": signature }).to_string();
    let (status, answer) = api(
        &app,
        &secret,
        "POST",
        "/api/v1/decisions/1/signatures",
        &body,
    );
    assert_eq!(status, 201, "{answer}");
    let (_, signed) = api(&app, &secret, "GET", "/api/v1/decisions/1", "");
    assert_eq!(signed["signatures"]["AM"]["signature"], signature.as_str());
    // Anything but a decision's signing message is refused.
    std::fs::write(&message_file, "pay the bearer 100 roubles\n").unwrap();
    let out = accord(
        dir.path(),
        &[
            "sign",
            "--key",
            key_file.to_str().unwrap(),
            message_file.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("signing message"), "{}", stderr(&out));
}

#[test]
fn a_configured_witness_cosigns_the_served_checkpoints_and_an_unknown_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (am, am_file) = witness_key(dir.path(), "am");
    let (_, stranger_file) = witness_key(dir.path(), "xx");
    let app = TestApp::with(Options {
        witnesses: vec![WitnessKey {
            label: "AM".into(),
            key: am.verifier().clone(),
        }],
        witness_quorum: 1,
        ..Options::default()
    });
    let log = app.url("/log");
    let log_key = app.log_key.to_string();
    let first = record_note(&app, "delegate.am");
    checkpoint_of_size(&app, first);
    let state = dir.path().join("am.state.json");
    let state_arg = state.display().to_string();
    let round = |key_file: &str, state: &str| {
        accord(
            dir.path(),
            &[
                "witness",
                "--log",
                &log,
                "--key",
                key_file,
                "--state",
                state,
                "--log-key",
                &log_key,
            ],
        )
    };
    let out = round(&am_file, &state_arg);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains(&format!("at size {first}")),
        "{}",
        stdout(&out)
    );
    let served = checkpoint_of_size(&app, first);
    assert!(served.contains("— witness.am "), "{served}");

    // The log grows; the next round proves consistency from the first checkpoint.
    let second = record_note(&app, "secretariat");
    checkpoint_of_size(&app, second);
    let out = round(&am_file, &state_arg);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let served = checkpoint_of_size(&app, second);
    assert!(served.contains("— witness.am "), "{served}");
    let mut api = agent().get(app.url("/api/v1/checkpoint")).call().unwrap();
    let view: serde_json::Value =
        serde_json::from_str(&api.body_mut().read_to_string().unwrap()).unwrap();
    assert_eq!(view["witnessed"], true, "{view}");

    // A key the server was not configured with is refused, and says so.
    let stranger_state = dir.path().join("xx.state.json").display().to_string();
    let out = round(&stranger_file, &stranger_state);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("403"), "{}", stderr(&out));
}

#[test]
fn a_stopped_server_signs_a_last_checkpoint_of_the_whole_log() {
    use std::io::BufRead as _;
    let dir = tempfile::tempdir().unwrap();
    // A day between checkpoints: after the first, only the shutdown signs one.
    let mut child = common::command(
        dir.path(),
        &[
            "demo",
            "--listen",
            "127.0.0.1:0",
            "--password",
            PASSWORD,
            "--data-dir",
            "data",
        ],
    )
    .env("ACCORD_CHECKPOINT_INTERVAL_MS", "86400000")
    .stdout(std::process::Stdio::piped())
    .spawn()
    .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let mut key = String::new();
    let mut base = String::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(url) = line.strip_prefix("Accord demo: ") {
            base = url.trim_end_matches('/').to_owned();
        } else if let Some(k) = line.strip_prefix("log verifier key: ") {
            key = k.to_owned();
        } else if line.starts_with("Ctrl-C") {
            break;
        }
    }
    let mut served = agent()
        .get(format!("{base}/log/checkpoint"))
        .call()
        .unwrap();
    let served = served.body_mut().read_to_string().unwrap();
    let signed_while_serving: u64 = served.lines().nth(1).unwrap().parse().unwrap();
    let mut newest = agent()
        .get(format!("{base}/api/v1/entries?limit=1"))
        .call()
        .unwrap();
    let newest: serde_json::Value =
        serde_json::from_str(&newest.body_mut().read_to_string().unwrap()).unwrap();
    let size = newest[0]["seq"].as_u64().unwrap() + 1;
    assert!(signed_while_serving < size, "{served}");

    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert!(child.wait().unwrap().success());

    let out = accord(dir.path(), &["export", "ex", "--data-dir", "data"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = accord(dir.path(), &["verify", "ex", "--key", &key]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("verified: {size} entries")),
        "{}",
        stdout(&out)
    );
}

#[test]
fn an_entrys_downloaded_proof_verifies_offline_and_a_altered_one_does_not() {
    let app = TestApp::start();
    let size = record_note(&app, "delegate.am");
    checkpoint_of_size(&app, size);
    let seq = size - 1;
    let mut response = agent()
        .get(app.url(&format!("/record/{seq}/proof")))
        .call()
        .unwrap();
    assert_eq!(response.status(), 200);
    let proof = response.body_mut().read_to_string().unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("entry.tlog-proof"), &proof).unwrap();
    let key = app.log_key.to_string();
    let out = accord(
        dir.path(),
        &["verify-proof", "entry.tlog-proof", "--key", &key],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("verified: entry {seq} (note.recorded")),
        "{}",
        stdout(&out)
    );
    // Another entry slipped in place of this one: its leaf is not under the root.
    let mut altered = accord_ledger::TlogProof::parse(proof.as_bytes()).unwrap();
    let entry = altered.extra.as_mut().unwrap();
    let at = entry.len() - 3;
    entry[at] ^= 1;
    std::fs::write(dir.path().join("altered.tlog-proof"), altered.to_text()).unwrap();
    let out = accord(
        dir.path(),
        &["verify-proof", "altered.tlog-proof", "--key", &key],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("does not verify"), "{}", stderr(&out));
}
