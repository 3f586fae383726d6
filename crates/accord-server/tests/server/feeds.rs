//! Feed polling against a real HTTP feed server started by the test: an Atom feed of
//! conformance alerts (embedded and linked), an invalid one and broken entries, with ETags. The
//! poller takes the good alerts in as the national centre, records the bad ones with their
//! reasons, and asks again with `If-None-Match`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use accord_server::feeds::FeedSource;
use accord_testkit::app::{Options, TestApp};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse as _, Response};
use axum::routing::get;

use crate::common::Client;

fn conformance(name: &str) -> String {
    let path = format!(
        "{}/../../../shared/conformance/cap/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A document without its XML declaration: an element to embed.
fn element(document: &str) -> &str {
    let text = document.trim_start();
    match text.strip_prefix("<?") {
        Some(rest) => rest.split_once("?>").expect("a declaration").1.trim(),
        None => text,
    }
}

/// What the feed server saw and serves.
#[derive(Debug, Default)]
struct Seen {
    /// Each request for the feed: its `If-None-Match`, if any.
    feed_requests: Vec<Option<String>>,
    /// Requests for linked alerts, by path.
    alert_requests: Vec<String>,
}

#[derive(Clone)]
struct FeedServer {
    feed: Arc<String>,
    linked: Arc<String>,
    seen: Arc<Mutex<Seen>>,
}

/// The feed: version 1 at the first request, version 2 from the second (same entries, a new
/// ETag), 304 when asked with the current ETag.
async fn serve_feed(State(server): State<FeedServer>, headers: HeaderMap) -> Response {
    let inm = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let version = {
        let mut seen = server.seen.lock().unwrap();
        seen.feed_requests.push(inm.clone());
        seen.feed_requests.len().min(2)
    };
    let etag = format!("\"v{version}\"");
    if inm.as_deref() == Some(etag.as_str()) {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
    }
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/atom+xml".to_owned()),
            (header::ETAG, etag),
        ],
        server.feed.as_str().to_owned(),
    )
        .into_response()
}

async fn serve_linked(State(server): State<FeedServer>) -> Response {
    server
        .seen
        .lock()
        .unwrap()
        .alert_requests
        .push("/alerts/amber.xml".into());
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/cap+xml")],
        server.linked.as_str().to_owned(),
    )
        .into_response()
}

/// A linked alert that has moved: the poller must not follow the redirect.
async fn serve_moved() -> Response {
    (StatusCode::FOUND, [(header::LOCATION, "/alerts/amber.xml")]).into_response()
}

/// Starts the feed server on a random port, on a thread of its own, serving the feed of
/// [`atom_feed`] (which names the server's own address); returns the address.
fn start_feed_server(seen: Arc<Mutex<Seen>>) -> std::net::SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            let server = FeedServer {
                feed: Arc::new(atom_feed(&format!("http://{addr}"), addr.port())),
                linked: Arc::new(conformance("oasis_cap12_appendixA4_amber_alert.xml")),
                seen,
            };
            tx.send(addr).unwrap();
            let router = axum::Router::new()
                .route("/feed.atom", get(serve_feed))
                .route("/alerts/amber.xml", get(serve_linked))
                .route("/alerts/moved.xml", get(serve_moved))
                .with_state(server);
            axum::serve(listener, router).await.unwrap();
        });
    });
    rx.recv().unwrap()
}

fn atom_feed(base: &str, port: u16) -> String {
    let a1 = conformance("oasis_cap12_appendixA1_homeland_security.xml");
    let a2 = conformance("oasis_cap12_appendixA2_thunderstorm.xml");
    let invalid = conformance("google_invalid_missing_scope.cap");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>urn:test:feed</id><title>Test alerts</title><updated>2026-11-29T10:00:00Z</updated>
<entry><id>urn:test:a1</id><title>A1</title><updated>2026-11-29T10:00:00Z</updated>
<content type="application/cap+xml">{}</content></entry>
<entry><id>urn:test:a2</id><title>A2</title><updated>2026-11-29T10:00:00Z</updated>
<content type="application/cap+xml">{}</content></entry>
<entry><id>urn:test:invalid</id><title>no scope</title><updated>2026-11-29T10:00:00Z</updated>
<content type="application/cap+xml">{}</content></entry>
<entry><id>urn:test:amber</id><title>linked</title><updated>2026-11-29T10:00:00Z</updated>
<link rel="alternate" type="application/cap+xml" href="{base}/alerts/amber.xml"/></entry>
<entry><id>urn:test:broken</id><title>broken</title><updated>2026-11-29T10:00:00Z</updated>
<content type="text">no alert here</content></entry>
<entry><id>urn:test:missing</id><title>gone</title><updated>2026-11-29T10:00:00Z</updated>
<link rel="alternate" type="application/cap+xml" href="/alerts/missing.xml"/></entry>
<entry><id>urn:test:elsewhere</id><title>another host</title><updated>2026-11-29T10:00:00Z</updated>
<link rel="alternate" type="application/cap+xml" href="http://localhost:{port}/alerts/amber.xml"/></entry>
<entry><id>urn:test:moved</id><title>moved</title><updated>2026-11-29T10:00:00Z</updated>
<link rel="alternate" type="application/cap+xml" href="/alerts/moved.xml"/></entry>
</feed>"#,
        element(&a1),
        element(&a2),
        element(&invalid),
    )
}

/// Polls `/api/v1/feeds` until `done` holds for the first feed.
fn wait_for(client: &mut Client, done: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    for _ in 0..300 {
        let answer = client.get("/api/v1/feeds");
        assert_eq!(answer.status, 200, "{}", answer.body);
        let status = answer.json()[0].clone();
        if done(&status) {
            return status;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!(
        "the feed never got there: {}",
        client.get("/api/v1/feeds").body
    );
}

#[test]
fn the_poller_takes_good_alerts_rejects_bad_entries_and_asks_again_with_the_etag() {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let addr = start_feed_server(seen.clone());
    let app = TestApp::with(Options {
        // The log and the releases are counted: no demo picture of the Centre beside them.
        crisis_demo: false,
        feeds: vec![
            FeedSource::new(
                "Armenia's national centre",
                &format!("http://{addr}/feed.atom"),
                Duration::from_secs(1),
                "centre.am",
            )
            .unwrap(),
        ],
        ..Options::default()
    });
    let mut officer = Client::signed_in(&app, "duty.officer");

    // The first poll: three alerts taken (two embedded, one linked), five entries rejected.
    let first = wait_for(&mut officer, |s| {
        s["polls"].as_u64() >= Some(1) && s["taken"] == 3
    });
    assert_eq!(first["last_status"], 200, "{first:#}");
    assert_eq!(first["account"], "centre.am");
    let status = wait_for(&mut officer, |s| s["not_modified"].as_u64() >= Some(1));
    // The second poll (a new ETag, the same entries) found only duplicates; the third was 304.
    assert_eq!(status["taken"], 3, "{status:#}");
    assert_eq!(status["duplicates"], 3, "{status:#}");
    assert_eq!(status["last_error"], serde_json::Value::Null, "{status:#}");
    let reasons: Vec<String> = status["rejections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("{} {}", r["entry"], r["reason"]))
        .collect();
    let has = |entry: &str, words: &str| {
        reasons
            .iter()
            .any(|r| r.contains(entry) && r.contains(words))
    };
    assert!(
        has("urn:test:invalid", "MISSING_REQUIRED_ELEMENT"),
        "{reasons:#?}"
    );
    assert!(has("urn:test:broken", "neither embeds"), "{reasons:#?}");
    assert!(has("urn:test:missing", "HTTP 404"), "{reasons:#?}");
    // A link to another host (the same server under another name) is not fetched, and a
    // redirect is not followed: the feed cannot steer the server's requests.
    assert!(has("urn:test:elsewhere", "another host"), "{reasons:#?}");
    assert!(has("urn:test:moved", "HTTP 302"), "{reasons:#?}");
    // The invalid alert and the broken entry are recorded once, not at every poll.
    assert_eq!(
        reasons
            .iter()
            .filter(|r| r.contains("urn:test:invalid"))
            .count(),
        1
    );
    assert_eq!(
        reasons
            .iter()
            .filter(|r| r.contains("urn:test:broken"))
            .count(),
        1
    );
    {
        let seen = seen.lock().unwrap();
        assert_eq!(seen.feed_requests[0], None);
        assert_eq!(seen.feed_requests[1].as_deref(), Some("\"v1\""));
        assert_eq!(seen.feed_requests[2].as_deref(), Some("\"v2\""));
        // The linked alert was fetched once: taken, it is not fetched again.
        assert_eq!(seen.alert_requests.len(), 1, "{:?}", seen.alert_requests);
    }

    // The log: each good alert received once, the invalid one refused once, as the centre.
    let entries = officer.get("/api/v1/entries?limit=200").json();
    let by_centre = |kind: &str| {
        entries
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == kind && e["actor"] == "centre.am")
            .map(|e| e["seq"].as_u64().unwrap())
            .collect::<Vec<_>>()
    };
    let received = by_centre("alert.received");
    assert_eq!(received.len(), 3, "{entries:#}");
    assert_eq!(by_centre("alert.rejected").len(), 1, "{entries:#}");
    let mut identifiers: Vec<String> = received
        .iter()
        .map(|seq| {
            let entry = officer.get(&format!("/api/v1/entries/{seq}")).json();
            entry["body"]["summary"]["key"]["identifier"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    identifiers.sort();
    let mut expected: Vec<String> = [
        "oasis_cap12_appendixA1_homeland_security.xml",
        "oasis_cap12_appendixA2_thunderstorm.xml",
        "oasis_cap12_appendixA4_amber_alert.xml",
    ]
    .iter()
    .map(|f| {
        accord_cap::parse(conformance(f).as_bytes())
            .unwrap()
            .identifier
            .as_str()
            .to_owned()
    })
    .collect();
    expected.sort();
    assert_eq!(identifiers, expected);

    // The status page shows the same, in both languages.
    let page = officer.get("/feeds");
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.text_of("#feed-1 .taken").as_deref(), Some("3"));
    assert_eq!(page.text_of("#feed-1 .duplicates").as_deref(), Some("3"));
    assert_eq!(
        page.text_of("#feed-1 .account").as_deref(),
        Some("centre.am")
    );
    assert!(
        page.text_of("#feed-1 .rejections")
            .is_some_and(|t| t.contains("MISSING_REQUIRED_ELEMENT")),
        "{}",
        page.body
    );
    let ru = Client::signed_in(&app, "duty.officer")
        .with_lang("ru")
        .get("/feeds");
    assert_eq!(ru.text_of("h1").as_deref(), Some("Ленты CAP"));
    // Only the Centre's officers see it.
    assert_eq!(
        Client::signed_in(&app, "centre.am")
            .get("/api/v1/feeds")
            .status,
        403
    );
    assert_eq!(Client::new(&app).get("/api/v1/feeds").status, 401);
}
