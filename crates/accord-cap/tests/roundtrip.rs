//! `parse(emit(x)) == x` for alerts built in code with arbitrary text, and `Alert::check`.

use accord_cap::{Alert, Code, NamedValue, Polygon, emit, parse, vocab::Scope};
use proptest::prelude::*;

const BASE: &str = r#"<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>X</identifier><sender>s@accord.example</sender><sent>2026-11-29T10:00:00-00:00</sent><status>Exercise</status><msgType>Alert</msgType><scope>Public</scope><info><category>Safety</category><event>e</event><urgency>Unknown</urgency><severity>Unknown</severity><certainty>Unknown</certainty><area><areaDesc>a</areaDesc></area></info></alert>"#;

fn base() -> Alert {
    parse(BASE.as_bytes()).expect("the base alert is valid")
}

/// Text made of characters XML can carry, including markup characters and line breaks.
fn xml_text() -> impl Strategy<Value = String> {
    "[\\t\\n\\r -~<>&\"'\u{A0}-\u{D7FF}\u{E000}-\u{FFFD}\u{10000}-\u{10FFFF}]{0,40}"
}

proptest! {
    #[test]
    fn arbitrary_text_round_trips(event in xml_text(), desc in xml_text(), note in xml_text(), value in xml_text()) {
        let mut alert = base();
        alert.note = Some(note);
        let info = &mut alert.infos[0];
        info.event = event;
        info.description = Some(desc);
        info.parameters.push(NamedValue { value_name: "k".into(), value });
        let xml = emit(&alert);
        let again = parse(xml.as_bytes());
        prop_assert!(again.is_ok(), "{:?}\n{}", again, xml);
        prop_assert_eq!(again.unwrap(), alert);
    }

    #[test]
    fn arbitrary_simple_polygons_round_trip(mut pts in prop::collection::vec((-89.0f64..89.0, -179.0f64..179.0), 3..30)) {
        // Sort around the centroid to get a star-shaped (usually simple) ring.
        let (cy, cx) = pts.iter().fold((0.0, 0.0), |(a, b), p| (a + p.0, b + p.1));
        let n = pts.len() as f64;
        pts.sort_by(|a, b| (a.0 - cy / n).atan2(a.1 - cx / n).total_cmp(&(b.0 - cy / n).atan2(b.1 - cx / n)));
        let mut text: Vec<String> = pts.iter().map(|(lat, lon)| format!("{lat},{lon}")).collect();
        text.push(text[0].clone());
        if let Ok(polygon) = Polygon::parse(&text.join(" ")) {
            let mut alert = base();
            alert.infos[0].areas[0].polygons.push(polygon);
            let again = parse(emit(&alert).as_bytes());
            prop_assert_eq!(again.ok(), Some(alert));
        }
    }
}

#[test]
fn check_finds_cross_field_problems_in_alerts_built_in_code() {
    let mut alert = base();
    assert!(alert.check().is_empty());
    alert.scope = Scope::Private;
    alert.infos[0].areas[0].ceiling = Some(10.0);
    let found: Vec<(Code, String)> = alert
        .check()
        .into_iter()
        .map(|d| (d.code, d.path))
        .collect();
    assert!(
        found.contains(&(Code::MissingRequiredElement, "/alert/addresses".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&(Code::InvalidArea, "/alert/info[1]/area[1]/ceiling".into())),
        "{found:?}"
    );
}

#[test]
fn signatures_survive_round_trip_with_their_namespaces() {
    let doc = r#"<cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><cap:identifier>X</cap:identifier><cap:sender>s</cap:sender><cap:sent>2026-11-29T10:00:00-00:00</cap:sent><cap:status>Test</cap:status><cap:msgType>Cancel</cap:msgType><cap:scope>Public</cap:scope><ds:Signature><ds:SignedInfo>x</ds:SignedInfo></ds:Signature></cap:alert>"#;
    let alert = parse(doc.as_bytes()).expect("valid");
    assert_eq!(alert.signatures.len(), 1);
    let sig = alert.signatures[0].xml();
    assert!(sig.starts_with("<ds:Signature xmlns:cap="), "{sig}");
    assert!(
        sig.contains("xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\""),
        "{sig}"
    );
    let again = parse(emit(&alert).as_bytes()).expect("emitted is valid");
    assert_eq!(again, alert);
}
