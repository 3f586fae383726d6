//! The operational picture: `GET /api/v1/map` answers what the reader may read in a viewport
//! (alert areas posted by a national centre, live at the time), `GET /api/v1/map/stream` sends
//! the changes, and `/map` renders in both languages with its vendored scripts.

use std::io::{BufRead as _, BufReader, Write as _};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use accord_testkit::app::{Options, TestApp};
use serde_json::{Value, json};

use crate::common::{Answer, Client};

/// A CAP alert from Armenia's national centre: `id` distinct, a circle around `lat,lon`, and
/// what `extra` adds to its info (an `<expires>`), of message type `kind` referencing `refs`.
fn cap(id: &str, lat: f64, lon: f64, kind: &str, refs: &str, extra: &str) -> String {
    let references = if refs.is_empty() {
        String::new()
    } else {
        format!("<references>{refs}</references>\n")
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
<identifier>{id}</identifier>
<sender>crisis.am@example.am</sender>
<sent>2020-12-01T10:00:00+04:00</sent>
<status>Actual</status>
<msgType>{kind}</msgType>
<scope>Public</scope>
{references}<info>
<category>Geo</category>
<event>Землетрясение</event>
<urgency>Immediate</urgency>
<severity>Severe</severity>
<certainty>Observed</certainty>
{extra}<headline>Earthquake {id}</headline>
<area><areaDesc>Ширакская область</areaDesc><circle>{lat},{lon} 50</circle></area>
</info>
</alert>"#
    )
}

/// The demo without the Centre's picture: these tests count what is on the map.
fn quiet_centre() -> TestApp {
    TestApp::with(Options {
        crisis_demo: false,
        ..Options::default()
    })
}

fn centre(app: &TestApp) -> Client {
    let mut admin = Client::signed_in(app, "admin");
    let made = admin.send_json(
        "POST",
        "/api/v1/tokens",
        &json!({"account": "centre.am", "name": "the national centre's gateway"}).to_string(),
    );
    assert_eq!(made.status, 201, "{}", made.body);
    let mut client = Client::new(app);
    client.bearer = Some(made.json()["token"].as_str().unwrap().to_owned());
    client
}

/// Posts an alert; its number.
fn post(centre: &mut Client, xml: &str) -> u64 {
    let taken = centre.send_json("POST", "/api/v1/cap", xml);
    assert_eq!(taken.status, 201, "{}", taken.body);
    taken.json()["alert"].as_u64().expect("the alert's number")
}

fn ids(answer: &Answer) -> Vec<String> {
    assert_eq!(answer.status, 200, "{}", answer.body);
    let mut ids: Vec<String> = answer.json()["features"]
        .as_array()
        .expect("features")
        .iter()
        .map(|f| f["properties"]["id"].as_str().unwrap().to_owned())
        .collect();
    ids.dedup();
    ids
}

const ARMENIA: &str = "/api/v1/map?bbox=43,38,47,42";

#[test]
fn a_posted_alert_area_is_on_the_map_for_the_centre_not_for_the_public_or_an_uncleared_reader() {
    let app = quiet_centre();
    let mut centre = centre(&app);
    let id = post(&mut centre, &cap("AM-MAP-1", 40.79, 43.85, "Alert", "", ""));
    let mut officer = Client::signed_in(&app, "duty.officer");
    let answer = officer.get(ARMENIA);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.header("content-type"), Some("application/geo+json"));
    let map = answer.json();
    assert_eq!(map["type"], "FeatureCollection");
    assert_eq!(map["total"], 1, "{map}");
    assert_eq!(map["aggregated"], false);
    let feature = &map["features"][0];
    assert_eq!(feature["geometry"]["type"], "Point");
    assert_eq!(feature["geometry"]["coordinates"], json!([43.85, 40.79]));
    let props = &feature["properties"];
    assert_eq!(props["id"], format!("alert-{id}"));
    assert_eq!(props["kind"], "alert");
    assert_eq!(props["radius_m"], 50_000);
    assert_eq!(props["severity"], "severe");
    assert_eq!(props["states"], json!(["AM"]));
    assert_eq!(props["link"], format!("/incidents/new?alert={id}"));
    // A member delegation reads restricted records too.
    let mut delegate = Client::signed_in(&app, "delegate.am");
    assert_eq!(ids(&delegate.get(ARMENIA)), vec![format!("alert-{id}")]);
    // The public is told to sign in; an observer and a partner are not cleared for alerts.
    let public = Client::new(&app).get(ARMENIA);
    assert_eq!(public.status, 401, "{}", public.body);
    for who in ["observer.rs", "partner.rats", "admin"] {
        let mut reader = Client::signed_in(&app, who);
        let answer = reader.get(ARMENIA);
        assert!(ids(&answer).is_empty(), "{who}: {}", answer.body);
        assert_eq!(answer.json()["total"], 0, "{who}");
    }
}

#[test]
fn the_viewport_and_the_filters_choose_what_is_returned() {
    let app = quiet_centre();
    let mut centre = centre(&app);
    let gyumri = post(&mut centre, &cap("AM-MAP-2", 40.79, 43.85, "Alert", "", ""));
    let almaty = post(&mut centre, &cap("AM-MAP-3", 43.24, 76.89, "Alert", "", ""));
    let mut officer = Client::signed_in(&app, "duty.officer");
    assert_eq!(ids(&officer.get(ARMENIA)), vec![format!("alert-{gyumri}")]);
    assert_eq!(
        ids(&officer.get("/api/v1/map?bbox=70,40,80,46")),
        vec![format!("alert-{almaty}")]
    );
    assert!(ids(&officer.get("/api/v1/map?bbox=-10,35,20,60")).is_empty());
    // A circle reaches into a viewport that its centre is outside of (50 km ≈ 0.45°).
    assert_eq!(
        ids(&officer.get("/api/v1/map?bbox=43.9,40,45,41")),
        vec![format!("alert-{gyumri}")]
    );
    // No viewport: the world.
    assert_eq!(officer.get("/api/v1/map").json()["total"], 2);
    // Filters: severity (a minimum), type (by the alert's CAP category), state (who reported).
    assert_eq!(
        officer.get("/api/v1/map?severity=severe").json()["total"],
        2
    );
    assert_eq!(
        officer.get("/api/v1/map?severity=extreme").json()["total"],
        0
    );
    assert_eq!(
        officer.get("/api/v1/map?type=natural_disaster").json()["total"],
        2
    );
    assert_eq!(officer.get("/api/v1/map?type=epidemic").json()["total"], 0);
    assert_eq!(officer.get("/api/v1/map?state=AM").json()["total"], 2);
    assert_eq!(officer.get("/api/v1/map?state=KZ").json()["total"], 0);
}

#[test]
fn an_expired_alert_is_not_on_the_map() {
    let app = quiet_centre();
    let mut centre = centre(&app);
    let expired = post(
        &mut centre,
        &cap(
            "AM-MAP-4",
            40.79,
            43.85,
            "Alert",
            "",
            "<expires>2021-01-01T00:00:00+00:00</expires>\n",
        ),
    );
    let lasting = post(
        &mut centre,
        &cap(
            "AM-MAP-5",
            40.5,
            44.5,
            "Alert",
            "",
            "<expires>2999-01-01T00:00:00+00:00</expires>\n",
        ),
    );
    let mut officer = Client::signed_in(&app, "duty.officer");
    let answer = officer.get(ARMENIA);
    assert_eq!(
        ids(&answer),
        vec![format!("alert-{lasting}")],
        "{expired} expired"
    );
    assert_eq!(
        answer.json()["features"][0]["properties"]["expires"],
        "2999-01-01T00:00:00Z"
    );
}

#[test]
fn a_cancelled_or_superseded_alert_is_not_on_the_map() {
    let app = quiet_centre();
    let mut centre = centre(&app);
    let refs = |id: &str| format!("crisis.am@example.am,{id},2020-12-01T10:00:00+04:00");
    let cancelled = post(&mut centre, &cap("AM-MAP-6", 40.79, 43.85, "Alert", "", ""));
    let updated = post(&mut centre, &cap("AM-MAP-7", 40.5, 44.5, "Alert", "", ""));
    let mut officer = Client::signed_in(&app, "duty.officer");
    assert_eq!(officer.get(ARMENIA).json()["total"], 2);
    let cancel = post(
        &mut centre,
        &cap("AM-MAP-8", 40.79, 43.85, "Cancel", &refs("AM-MAP-6"), ""),
    );
    let update = post(
        &mut centre,
        &cap("AM-MAP-9", 40.6, 44.6, "Update", &refs("AM-MAP-7"), ""),
    );
    let shown = ids(&officer.get(ARMENIA));
    assert_eq!(
        shown,
        vec![format!("alert-{update}")],
        "{cancelled} cancelled by {cancel}, {updated} updated"
    );
}

#[test]
fn above_the_limit_the_viewport_comes_as_counts_per_cell() {
    let app = quiet_centre();
    let mut centre = centre(&app);
    for i in 0..12 {
        let lat = 39.0 + f64::from(i) * 0.25;
        post(
            &mut centre,
            &cap(&format!("AM-MANY-{i}"), lat, 44.0, "Alert", "", ""),
        );
    }
    // An expired alert counts nowhere.
    post(
        &mut centre,
        &cap(
            "AM-MANY-EXPIRED",
            40.0,
            44.0,
            "Alert",
            "",
            "<expires>2021-01-01T00:00:00+00:00</expires>\n",
        ),
    );
    let mut officer = Client::signed_in(&app, "duty.officer");
    // The world, counted from the index's tallies.
    let world = officer.get("/api/v1/map?limit=10").json();
    assert_eq!(world["aggregated"], true, "{world}");
    assert_eq!(world["total"], 12, "{world}");
    let counted: u64 = world["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["properties"]["alerts"].as_u64().unwrap())
        .sum();
    assert_eq!(counted, 12);
    let whole = officer.get(&format!("{ARMENIA}&limit=12")).json();
    assert_eq!(whole["aggregated"], false);
    assert_eq!(whole["features"].as_array().unwrap().len(), 12);
    let counted = officer.get(&format!("{ARMENIA}&limit=10")).json();
    assert_eq!(counted["aggregated"], true, "{counted}");
    assert_eq!(counted["total"], 12);
    assert_eq!(counted["limit"], 10);
    let cells = counted["features"].as_array().unwrap();
    assert!(cells.len() < 12, "{counted}");
    assert!(cells.iter().all(|c| c["properties"]["kind"] == "cluster"));
    let sum: u64 = cells
        .iter()
        .map(|c| c["properties"]["count"].as_u64().unwrap())
        .sum();
    assert_eq!(sum, 12);
    let alerts: u64 = cells
        .iter()
        .map(|c| c["properties"]["alerts"].as_u64().unwrap())
        .sum();
    assert_eq!(alerts, 12);
}

#[test]
fn a_bad_viewport_or_filter_is_refused_naming_the_field() {
    let app = quiet_centre();
    let mut officer = Client::signed_in(&app, "duty.officer");
    for (query, field) in [
        ("bbox=1,2,3", "bbox"),
        ("bbox=a,b,c,d", "bbox"),
        ("bbox=10,0,5,5", "bbox"),
        ("bbox=-181,0,5,5", "bbox"),
        ("bbox=0,-91,5,5", "bbox"),
        ("severity=awful", "severity"),
        ("type=volcano", "type"),
        ("state=am", "state"),
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
    ] {
        let answer = officer.get(&format!("/api/v1/map?{query}"));
        assert_eq!(answer.status, 422, "{query}: {}", answer.body);
        let errors = answer.json()["errors"].clone();
        assert_eq!(errors[0]["field"], field, "{query}: {errors}");
    }
}

/// Reads server-sent events from `path` as `cookie`'s session until `wanted` says an event's
/// data is the one, or 20 seconds pass.
fn first_event(
    app: &TestApp,
    path: &str,
    cookie: &str,
    after_connect: impl FnOnce(),
    wanted: impl Fn(&str, &Value) -> bool,
) -> Option<(String, Value)> {
    let mut stream = TcpStream::connect(app.addr).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("a timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\nCookie: {cookie}\r\n\r\n",
        app.addr
    )
    .expect("sends");
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).expect("a status line");
    assert!(line.starts_with("HTTP/1.1 200"), "{line}");
    loop {
        line.clear();
        reader.read_line(&mut line).expect("headers");
        if line == "\r\n" {
            break;
        }
    }
    after_connect();
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut name = String::new();
    while Instant::now() < deadline {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return None;
        }
        let text = line.trim_end();
        if let Some(event) = text.strip_prefix("event: ") {
            name = event.to_owned();
        } else if let Some(data) = text.strip_prefix("data: ")
            && let Ok(value) = serde_json::from_str::<Value>(data)
            && wanted(&name, &value)
        {
            return Some((name, value));
        }
    }
    None
}

#[test]
fn a_new_alert_reaches_the_map_stream_and_a_cancellation_takes_it_off() {
    let app = quiet_centre();
    let mut centre = centre(&app);
    let officer = Client::signed_in(&app, "duty.officer");
    let cookie = format!("accord_session={}", officer.cookies["accord_session"]);
    let posted = std::cell::Cell::new(0);
    let got = first_event(
        &app,
        "/api/v1/map/stream",
        &cookie,
        || {
            posted.set(post(
                &mut centre,
                &cap("AM-LIVE-1", 40.79, 43.85, "Alert", "", ""),
            ));
        },
        |name, data| {
            name == "map"
                && data["changes"][0]["features"]
                    .as_array()
                    .is_some_and(|f| !f.is_empty())
        },
    )
    .expect("the alert arrives on the stream");
    let change = &got.1["changes"][0];
    assert_eq!(change["id"], format!("alert-{}", posted.get()));
    assert_eq!(change["features"][0]["properties"]["radius_m"], 50_000);
    let refs = "crisis.am@example.am,AM-LIVE-1,2020-12-01T10:00:00+04:00";
    let gone = first_event(
        &app,
        "/api/v1/map/stream",
        &cookie,
        || {
            post(
                &mut centre,
                &cap("AM-LIVE-2", 40.79, 43.85, "Cancel", refs, ""),
            );
        },
        |name, data| {
            name == "map"
                && data["changes"].as_array().is_some_and(|c| {
                    c.iter().any(|c| {
                        c["id"] == format!("alert-{}", posted.get()) && c["features"] == json!([])
                    })
                })
        },
    );
    assert!(gone.is_some(), "the cancellation takes the alert off");
    // The public may not listen.
    let public = Client::new(&app).get("/api/v1/map/stream");
    assert_eq!(public.status, 401);
}

#[test]
fn the_map_page_renders_in_both_languages_with_its_vendored_scripts() {
    let app = quiet_centre();
    for (lang, title) in [
        ("en", "Operational picture"),
        ("ru", "Оперативная обстановка"),
    ] {
        let mut officer = Client::signed_in(&app, "duty.officer").with_lang(lang);
        let page = officer.get("/map");
        assert_eq!(page.status, 200, "{}", page.body);
        assert_eq!(page.text_of("h1").as_deref(), Some(title));
        let html = page.html();
        let scripts: Vec<String> = html
            .select(&scraper::Selector::parse("script").unwrap())
            .map(|s| s.value().attr("src").expect("no inline script").to_owned())
            .collect();
        for src in [
            "/assets/leaflet/leaflet.js",
            "/assets/topojson-client/topojson-client.min.js",
            "/assets/map.js",
        ] {
            assert!(scripts.iter().any(|s| s == src), "{lang}: {scripts:?}");
            assert_eq!(officer.get(src).status, 200, "{src}");
        }
        let app_div = html
            .select(&scraper::Selector::parse("#map-app").unwrap())
            .next()
            .expect("the map's holder");
        let atlas = app_div.value().attr("data-atlas").unwrap();
        assert_eq!(officer.get(atlas).status, 200);
        // Every message the script asks for by name is on the page, in the page's language.
        let script = include_str!("../../assets/map.js");
        let asked: Vec<&str> = script
            .split("t(\"")
            .skip(1)
            .filter_map(|rest| rest.split_once("\")").map(|(key, _)| key))
            .filter(|key| key.len() > 1 && key.contains(|c: char| c.is_ascii_lowercase()))
            .filter(|key| !["a", "div", "li", "span", "strong", "button"].contains(key))
            .collect();
        assert!(asked.contains(&"open-incident-from-alert"), "{asked:?}");
        for key in asked {
            let text = app_div.value().attr(&format!("data-t-{key}"));
            assert!(
                text.is_some_and(|t| !t.starts_with("map-")),
                "{lang}: map.js asks for {key:?}, the page gives {text:?}"
            );
        }
        for id in [
            "#map",
            "#map-items",
            "#map-type",
            "#map-severity",
            "#map-state",
            "#map-readiness",
        ] {
            assert!(
                html.select(&scraper::Selector::parse(id).unwrap())
                    .next()
                    .is_some(),
                "{lang}: {id}"
            );
        }
        assert!(page.body.contains("/assets/leaflet/leaflet.css"));
        let nav = page.text_of("nav ul").unwrap_or_default();
        assert!(
            nav.contains(if lang == "en" { "Map" } else { "Карта" }),
            "{nav}"
        );
    }
    // The public is asked to sign in.
    assert_eq!(Client::new(&app).get("/map").status, 403);
}
