//! Partner exchange over HTTP: two agreements with the same partner release different alerts;
//! the partner's liaison officer reads exactly those in each agreement's Atom feed, each with
//! its original CAP 1.2 embedded; nobody else reads it; every release is one entry in the log.
//! And a partner's alerts go through the same intake as a national centre's.

use accord_core::crisis::exchange::Terms;
use accord_core::crisis::model::{
    GeoPoint, IncidentId, IncidentType, Location, Severity, SitrepKind,
};
use accord_core::crisis::{CrisisCommand, SitrepDraft};
use accord_core::{Affiliation, CommandPayload, Lang, PartnerId, Role, StateCode, Text, Timestamp};
use accord_testkit::app::{Options, TestApp};
use quick_xml::events::Event;
use serde_json::json;

use crate::common::Client;

/// An alert from Armenia's national centre.
fn alert(identifier: &str, status: &str, category: &str, severity: &str, headline: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- sent by the test -->
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
<identifier>{identifier}</identifier>
<sender>crisis.am@example.am</sender>
<sent>2026-11-29T10:00:00+04:00</sent>
<status>{status}</status>
<msgType>Alert</msgType>
<scope>Public</scope>
<info>
<language>ru-RU</language>
<category>{category}</category>
<event>Событие</event>
<urgency>Immediate</urgency>
<severity>{severity}</severity>
<certainty>Observed</certainty>
<headline>{headline}</headline>
<area><areaDesc>Ширакская область</areaDesc><circle>40.79,43.85 50</circle></area>
</info>
<info>
<language>en-US</language>
<category>{category}</category>
<event>Event</event>
<urgency>Immediate</urgency>
<severity>{severity}</severity>
<certainty>Observed</certainty>
<headline>{headline} (en)</headline>
<area><areaDesc>Shirak</areaDesc><circle>40.79,43.85 50</circle></area>
</info>
</alert>"#
    )
}

fn agreement(categories: &[&str], min_severity: Severity, lang: &str) -> (String, CommandPayload) {
    officer(CrisisCommand::MakeAgreement {
        partner: PartnerId::parse("sco-rats").unwrap(),
        terms: Terms {
            categories: categories.iter().map(|c| (*c).to_owned()).collect(),
            min_severity,
            incident_types: if categories.is_empty() {
                vec![IncidentType::NaturalDisaster]
            } else {
                Vec::new()
            },
            sitreps: categories.is_empty(),
            language: Lang::parse(lang).unwrap(),
        },
    })
}

fn officer(command: CrisisCommand) -> (String, CommandPayload) {
    ("duty.officer".to_owned(), CommandPayload::Crisis(command))
}

fn text(ru: &str, en: &str) -> Text {
    Text::new(Lang::parse("ru").unwrap(), ru)
        .and_then(|t| t.with(Lang::parse("en").unwrap(), en))
        .unwrap()
}

/// An earthquake in Armenia and its first situation report, releasable.
fn incident_with_a_report() -> Vec<(String, CommandPayload)> {
    let at = |t: &str| Timestamp::parse(t).unwrap();
    vec![
        officer(CrisisCommand::OpenIncident {
            title: text("Землетрясение в Ширакской области", "Earthquake in Shirak"),
            incident_type: IncidentType::NaturalDisaster,
            severity: Severity::Severe,
            location: Location::Point {
                at: GeoPoint::new(40.79, 43.85).unwrap(),
            },
            affected: vec![StateCode::parse("AM").unwrap()],
            lead: None,
            classification: None,
            release: Vec::new(),
            alerts: Vec::new(),
        }),
        officer(CrisisCommand::IssueSitrep {
            incident: IncidentId(1),
            draft: SitrepDraft {
                kind: SitrepKind::Initial,
                from: at("2020-12-01T00:00:00Z"),
                to: at("2020-12-02T00:00:00Z"),
                situation: text("Разрушены дома.", "Houses are down."),
                actions: text("Спасатели на месте.", "Rescuers are there."),
                needs: text("Палатки.", "Tents."),
                prepared_by: None,
                next_due: Some(at("2030-01-01T00:00:00Z")),
                releasable: true,
            },
        }),
    ]
}

/// An app with three agreements for sco-rats (1: Geo alerts from Severe, in Russian; 2: Met and
/// Health alerts from Moderate, in English; 3: situation reports of natural disasters, in
/// English), a releasable report on an earthquake, and a liaison officer of another partner.
fn start() -> TestApp {
    TestApp::with(Options {
        // The log and the releases are counted: no demo picture of the Centre beside them.
        crisis_demo: false,
        accounts: vec![(
            "partner.atc".to_owned(),
            Affiliation::PartnerOrganisation {
                partner: PartnerId::parse("cis-atc").unwrap(),
            },
            vec![Role::Liaison],
        )],
        commands: [
            agreement(&["Geo"], Severity::Severe, "ru"),
            agreement(&["Met", "Health"], Severity::Moderate, "en"),
            agreement(&[], Severity::Minor, "en"),
        ]
        .into_iter()
        .chain(incident_with_a_report())
        .collect(),
        ..Options::default()
    })
}

/// A client holding a bearer token the administrator made for `account`.
fn with_token(app: &TestApp, account: &str) -> Client {
    let mut admin = Client::signed_in(app, "admin");
    let made = admin.send_json(
        "POST",
        "/api/v1/tokens",
        &json!({"account": account, "name": "a gateway"}).to_string(),
    );
    assert_eq!(made.status, 201, "{}", made.body);
    let mut client = Client::new(app);
    client.bearer = Some(made.json()["token"].as_str().unwrap().to_owned());
    client
}

/// What the test reads of an Atom feed.
#[derive(Debug, Default)]
struct AtomFeed {
    id: String,
    title: String,
    updated: String,
    author: String,
    self_link: String,
    entries: Vec<AtomEntry>,
}

#[derive(Debug, Default)]
struct AtomEntry {
    id: String,
    title: String,
    updated: String,
    content_type: String,
    /// The content's inner XML, as written.
    content: String,
}

fn inner_text(reader: &mut quick_xml::Reader<&[u8]>, name: quick_xml::name::QName<'_>) -> String {
    let raw = reader.read_text(name).unwrap();
    quick_xml::escape::unescape(&raw).unwrap().into_owned()
}

/// Reads an Atom document with quick-xml (no DTD accepted: it is an error here).
fn parse_atom(xml: &str) -> AtomFeed {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut feed = AtomFeed::default();
    let mut entry: Option<AtomEntry> = None;
    let mut in_author = false;
    loop {
        match reader.read_event().unwrap() {
            Event::DocType(_) => panic!("a DTD in the feed"),
            Event::Start(e) => {
                let name = e.name();
                match (name.local_name().into_inner(), entry.as_mut()) {
                    ("feed", _) => {}
                    ("entry", _) => entry = Some(AtomEntry::default()),
                    ("author", None) => in_author = true,
                    ("name", None) if in_author => feed.author = inner_text(&mut reader, name),
                    ("id", None) => feed.id = inner_text(&mut reader, name),
                    ("title", None) => feed.title = inner_text(&mut reader, name),
                    ("updated", None) => feed.updated = inner_text(&mut reader, name),
                    ("id", Some(en)) => en.id = inner_text(&mut reader, name),
                    ("title", Some(en)) => en.title = inner_text(&mut reader, name),
                    ("updated", Some(en)) => en.updated = inner_text(&mut reader, name),
                    ("content", Some(en)) => {
                        en.content_type = e
                            .try_get_attribute("type")
                            .unwrap()
                            .map(|a| a.value.into_owned())
                            .unwrap_or_default();
                        let span = reader.read_to_end(name).unwrap();
                        let range = usize::try_from(span.start).unwrap()
                            ..usize::try_from(span.end).unwrap();
                        en.content = xml[range].to_owned();
                    }
                    _ => {
                        reader.read_to_end(name).unwrap();
                    }
                }
            }
            Event::Empty(e) => {
                let rel = e
                    .try_get_attribute("rel")
                    .unwrap()
                    .map(|a| a.value.into_owned());
                if e.local_name().into_inner() == "link"
                    && entry.is_none()
                    && rel.as_deref() == Some("self")
                {
                    let href = e.try_get_attribute("href").unwrap().unwrap();
                    feed.self_link = href.value.into_owned();
                }
            }
            Event::End(e) => match e.local_name().into_inner() {
                "entry" => feed.entries.extend(entry.take()),
                "author" => in_author = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    feed
}

#[test]
fn the_partner_reads_exactly_what_each_agreement_released() {
    let app = start();
    let mut centre = with_token(&app, "centre.am");
    // (identifier, status, category, severity): what each agreement should release.
    let sent = [
        ("AM-1", "Actual", "Geo", "Severe", "Землетрясение"), // agreement 1
        ("AM-2", "Actual", "Geo", "Minor", "Толчки"),         // none: too mild
        ("AM-3", "Actual", "Met", "Moderate", "Ливни"),       // agreement 2
        ("AM-4", "Actual", "Health", "Extreme", "Вспышка"),   // agreement 2
        ("AM-5", "Actual", "Security", "Extreme", "Угроза"),  // none: not listed
        ("AM-6", "Exercise", "Geo", "Extreme", "Учения"),     // none: an exercise
    ];
    let mut hashes = std::collections::BTreeMap::new();
    for (id, status, category, severity, headline) in sent {
        let taken = centre.send_json(
            "POST",
            "/api/v1/cap",
            &alert(id, status, category, severity, headline),
        );
        assert_eq!(taken.status, 201, "{}", taken.body);
        hashes.insert(id, taken.json()["xml"].as_str().unwrap().to_owned());
    }

    let mut partner = with_token(&app, "partner.rats");
    let expect = [(1, vec!["AM-1"], "ru"), (2, vec!["AM-4", "AM-3"], "en")];
    for (agreement, identifiers, lang) in expect {
        let answer = partner.get(&format!("/api/v1/exchange/{agreement}/feed.atom"));
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert!(
            answer
                .header("content-type")
                .is_some_and(|t| t.starts_with("application/atom+xml")),
            "{:?}",
            answer.headers
        );
        let feed = parse_atom(&answer.body);
        assert!(feed.id.starts_with("tag:"), "{feed:#?}");
        assert!(
            !feed.updated.is_empty() && !feed.author.is_empty(),
            "{feed:#?}"
        );
        assert_eq!(
            feed.self_link,
            format!("/api/v1/exchange/{agreement}/feed.atom")
        );
        // The feed's title is in the agreement's language.
        let russian = feed.title.contains("переданные");
        assert_eq!(russian, lang == "ru", "{}", feed.title);
        let mut got = Vec::new();
        for entry in &feed.entries {
            assert_eq!(entry.content_type, "application/cap+xml", "{entry:#?}");
            assert!(!entry.id.is_empty() && !entry.updated.is_empty());
            let validation = accord_cap::validate(entry.content.as_bytes());
            let alert = validation
                .alert
                .unwrap_or_else(|| panic!("{:?}\n{}", validation.diagnostics, entry.content));
            let identifier = alert.identifier.as_str().to_owned();
            // The original XML, not a re-emission: its hash is the one taken in.
            let original = alert_text(&identifier, &sent);
            assert!(
                original.contains(entry.content.as_str()),
                "the entry embeds the original element"
            );
            // The entry's title is the headline in the agreement's language.
            let headline = sent.iter().find(|s| s.0 == identifier).unwrap().4;
            let title = if lang == "ru" {
                headline.to_owned()
            } else {
                format!("{headline} (en)")
            };
            assert_eq!(entry.title, title);
            got.push(identifier);
        }
        assert_eq!(got, identifiers, "agreement {agreement}, newest first");
    }

    // The report released under agreement 3 is an entry with text content, in English.
    let answer = partner.get("/api/v1/exchange/3/feed.atom");
    assert_eq!(answer.status, 200, "{}", answer.body);
    let feed = parse_atom(&answer.body);
    assert_eq!(feed.entries.len(), 1, "{feed:#?}");
    let report = &feed.entries[0];
    assert_eq!(report.content_type, "text");
    assert_eq!(report.title, "Earthquake in Shirak: situation report no. 1");
    assert!(report.content.contains("Houses are down."), "{report:#?}");
    assert!(report.content.contains("Tents."), "{report:#?}");

    // Nobody else reads it: another partner learns nothing, members and staff are refused,
    // the public is asked to sign in, and an unknown agreement is not found.
    let path = "/api/v1/exchange/1/feed.atom";
    assert_eq!(
        Client::signed_in(&app, "partner.rats").get(path).status,
        200
    );
    assert_eq!(Client::signed_in(&app, "partner.atc").get(path).status, 404);
    assert_eq!(with_token(&app, "partner.atc").get(path).status, 404);
    assert_eq!(Client::signed_in(&app, "delegate.am").get(path).status, 403);
    assert_eq!(
        Client::signed_in(&app, "duty.officer").get(path).status,
        403
    );
    assert_eq!(Client::signed_in(&app, "observer.rs").get(path).status, 404);
    assert_eq!(Client::new(&app).get(path).status, 401);
    assert_eq!(partner.get("/api/v1/exchange/99/feed.atom").status, 404);
    assert_eq!(
        Client::new(&app)
            .get("/api/v1/exchange/99/feed.atom")
            .status,
        401
    );

    // The log holds one `exchange.released` entry per release, naming what went where.
    let mut officer = Client::signed_in(&app, "duty.officer");
    let entries = officer.get("/api/v1/entries?limit=200").json();
    let mut releases: Vec<(u64, String, String)> = entries
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "exchange.released")
        .map(|e| {
            let seq = e["seq"].as_u64().unwrap();
            let body = officer.get(&format!("/api/v1/entries/{seq}")).json()["body"].clone();
            let item = &body["item"];
            let agreement = body["agreement"].as_u64().unwrap();
            match item["type"].as_str().unwrap() {
                "alert" => (
                    agreement,
                    item["key"]["identifier"].as_str().unwrap().to_owned(),
                    item["xml_hash"].as_str().unwrap().to_owned(),
                ),
                _ => (
                    agreement,
                    format!("sitrep {}", item["sitrep"]["number"]),
                    String::new(),
                ),
            }
        })
        .collect();
    releases.sort();
    let expected: Vec<(u64, String, String)> = [(1, "AM-1"), (2, "AM-3"), (2, "AM-4")]
        .iter()
        .map(|(a, id)| (*a, (*id).to_owned(), hashes[id].clone()))
        .chain([(3, "sitrep 1".to_owned(), String::new())])
        .collect();
    assert_eq!(releases, expected);
    // The partner may read its releases in the log too; another partner may not.
    let released_seq = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "exchange.released")
        .unwrap()["seq"]
        .as_u64()
        .unwrap();
    let detail = format!("/api/v1/entries/{released_seq}");
    assert!(partner.get(&detail).json()["body"].is_object());
    assert!(with_token(&app, "partner.atc").get(&detail).json()["body"].is_null());
}

fn alert_text(identifier: &str, sent: &[(&str, &str, &str, &str, &str)]) -> String {
    let s = sent.iter().find(|s| s.0 == identifier).unwrap();
    alert(s.0, s.1, s.2, s.3, s.4)
}

#[test]
fn a_partners_alerts_go_through_the_same_intake_as_a_national_centres() {
    let app = TestApp::start();
    let mut partner = with_token(&app, "partner.rats");
    let good = alert("RATS-1", "Actual", "Security", "Severe", "Угроза");
    let taken = partner.send_json("POST", "/api/v1/cap", &good);
    assert_eq!(taken.status, 201, "{}", taken.body);
    let again = partner.send_json("POST", "/api/v1/cap", &good);
    assert_eq!(again.status, 422);
    assert_eq!(again.json()["rule"], "alert.duplicate");
    let bad = good
        .replace("<scope>Public</scope>\n", "")
        .replace("Severe", "Bad");
    let refused = partner.send_json("POST", "/api/v1/cap", &bad);
    assert_eq!(refused.status, 422, "{}", refused.body);
    let errors = refused.json()["errors"].as_array().unwrap().clone();
    assert!(errors.len() >= 2, "{errors:?}");
    assert!(errors.iter().any(|e| {
        e["message"]
            .as_str()
            .unwrap()
            .starts_with("MISSING_REQUIRED_ELEMENT")
    }));
    let mut officer = Client::signed_in(&app, "duty.officer");
    let entries = officer.get("/api/v1/entries?limit=3").json();
    let kinds: Vec<(&str, &str)> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap(), e["actor"].as_str().unwrap()))
        .collect();
    assert_eq!(kinds[0], ("alert.rejected", "partner.rats"), "{kinds:?}");
    assert!(
        kinds.contains(&("alert.received", "partner.rats")),
        "{kinds:?}"
    );
}
