//! Every validation code, triggered by a small hand-written alert, with its path.

use accord_cap::{Code, Severity, validate};

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>ACCORD-1</identifier>
  <sender>crc@accord.example</sender>
  <sent>2026-11-29T10:00:00+01:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>"#;

const INFO: &str = r#"
  <info>
    <category>Met</category>
    <event>Storm</event>
    <urgency>Expected</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    AREA
  </info>"#;

/// An alert with the given message-level extras and area content.
fn alert(extra: &str, area: &str) -> String {
    let info = INFO.replace(
        "AREA",
        &format!("<area><areaDesc>Coast</areaDesc>{area}</area>"),
    );
    format!("{HEAD}{extra}{info}\n</alert>")
}

/// The errors of a document as `(code, path)`.
fn errors(doc: &str) -> Vec<(Code, String)> {
    validate(doc.as_bytes())
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code, d.path))
        .collect()
}

fn assert_error(doc: &str, code: Code, path: &str) {
    let found = errors(doc);
    assert!(
        found.iter().any(|(c, p)| *c == code && p == path),
        "expected {code} at {path}, got {found:?}\n{doc}"
    );
}

#[test]
fn the_template_alert_is_valid() {
    let v = validate(alert("", "").as_bytes());
    assert!(v.is_valid(), "{:?}", v.diagnostics);
}

#[test]
fn missing_required_elements_are_named_with_their_path() {
    let doc = alert("", "")
        .replace("<sent>2026-11-29T10:00:00+01:00</sent>", "")
        .replace("<event>Storm</event>", "");
    assert_error(&doc, Code::MissingRequiredElement, "/alert/sent");
    assert_error(&doc, Code::MissingRequiredElement, "/alert/info[1]/event");
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let doc = alert(
        "",
        r#"<polygon>0,0 0,1 1,1 1,0</polygon><circle>x</circle>"#,
    )
    .replace("<status>Actual</status>", "<status>actual</status>")
    .replace("+01:00</sent>", "Z</sent>");
    let found = errors(&doc);
    for code in [
        Code::InvalidEnumValue,
        Code::InvalidDate,
        Code::InvalidPolygon,
        Code::InvalidCircle,
    ] {
        assert!(
            found.iter().any(|(c, _)| *c == code),
            "{code} missing from {found:?}"
        );
    }
}

#[test]
fn dates_with_z_or_fractions_are_invalid() {
    for bad in [
        "2026-11-29T10:00:00Z",
        "2026-11-29T10:00:00.5+01:00",
        "2026-13-01T10:00:00+01:00",
    ] {
        let doc = alert("", "").replace("2026-11-29T10:00:00+01:00", bad);
        assert_error(&doc, Code::InvalidDate, "/alert/sent");
    }
}

#[test]
fn unknown_misspelled_and_duplicate_elements() {
    let doc = alert("<msgtype>Alert</msgtype><note>a</note><note>b</note>", "");
    assert_error(&doc, Code::UnknownElement, "/alert/msgtype");
    assert_error(&doc, Code::DuplicateElement, "/alert/note[2]");
    let v = validate(doc.as_bytes());
    let unknown = v
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnknownElement)
        .unwrap();
    assert!(
        unknown.message.contains("did you mean <msgType>?"),
        "{}",
        unknown.message
    );
}

#[test]
fn wrong_order_names_the_element_out_of_place() {
    let doc = alert(
        "",
        r#"<geocode><valueName>EMMA_ID</valueName><value>IT012</value></geocode><polygon>0,0 0,1 1,1 0,0</polygon>"#,
    );
    assert_error(&doc, Code::WrongOrder, "/alert/info[1]/area[1]/polygon[1]");
}

#[test]
fn identifiers_and_senders_refuse_spaces_commas_lt_and_amp() {
    let doc = alert("", "")
        .replace("ACCORD-1", "ACCORD 1")
        .replace("crc@accord.example", "crc,x");
    assert_error(&doc, Code::InvalidIdentifier, "/alert/identifier");
    assert_error(&doc, Code::InvalidIdentifier, "/alert/sender");
}

#[test]
fn references_must_be_triplets_not_self_not_later() {
    let bad = alert("<references>crc@accord.example,ACCORD-0</references>", "");
    assert_error(&bad, Code::InvalidReferences, "/alert/references");
    let own = alert(
        "<references>crc@accord.example,ACCORD-1,2026-11-29T10:00:00+01:00</references>",
        "",
    );
    assert_error(&own, Code::InvalidReferences, "/alert/references");
    let later = alert(
        "<references>crc@accord.example,ACCORD-0,2026-11-29T12:00:00+01:00</references>",
        "",
    );
    assert_error(&later, Code::InvalidReferences, "/alert/references");
    let fine = alert(
        "<references>crc@accord.example,ACCORD-0,2026-11-29T08:00:00+01:00 x,y,2026-11-28T08:00:00-00:00</references>",
        "",
    );
    assert!(validate(fine.as_bytes()).is_valid());
}

#[test]
fn scope_restriction_and_addresses_go_together() {
    let restricted = alert("", "").replace("<scope>Public</scope>", "<scope>Restricted</scope>");
    assert_error(
        &restricted,
        Code::MissingRequiredElement,
        "/alert/restriction",
    );
    let private = alert("", "").replace("<scope>Public</scope>", "<scope>Private</scope>");
    assert_error(&private, Code::MissingRequiredElement, "/alert/addresses");
    let public = alert("", "").replace(
        "<scope>Public</scope>",
        "<scope>Public</scope><restriction>staff</restriction>",
    );
    assert_error(&public, Code::InvalidRestriction, "/alert/restriction");
    let quotes = alert("", "").replace(
        "<scope>Public</scope>",
        "<scope>Private</scope><addresses>a \"b c</addresses>",
    );
    assert_error(&quotes, Code::InvalidAddresses, "/alert/addresses");
}

#[test]
fn polygons_must_be_closed_simple_and_in_range() {
    let crossing = alert("", "<polygon>0,0 1,1 0,1 1,0 0,0</polygon>");
    assert_error(
        &crossing,
        Code::PolygonSelfIntersection,
        "/alert/info[1]/area[1]/polygon[1]",
    );
    let range = alert("", "<polygon>0,0 0,1 95,1 0,0</polygon>");
    assert_error(
        &range,
        Code::InvalidPolygon,
        "/alert/info[1]/area[1]/polygon[1]",
    );
    let second = alert(
        "",
        "<polygon>0,0 0,1 1,1 0,0</polygon><polygon>0,0 0,1</polygon>",
    );
    assert_error(
        &second,
        Code::InvalidPolygon,
        "/alert/info[1]/area[1]/polygon[2]",
    );
}

#[test]
fn circles_altitude_and_ceiling() {
    assert_error(
        &alert("", "<circle>32.9,-115.5 -1</circle>"),
        Code::InvalidCircle,
        "/alert/info[1]/area[1]/circle[1]",
    );
    assert!(validate(alert("", "<circle>32.9,-115.5 0</circle>").as_bytes()).is_valid());
    assert_error(
        &alert("", "<ceiling>100</ceiling>"),
        Code::InvalidArea,
        "/alert/info[1]/area[1]/ceiling",
    );
    assert_error(
        &alert("", "<altitude>200</altitude><ceiling>100</ceiling>"),
        Code::InvalidArea,
        "/alert/info[1]/area[1]/altitude",
    );
    assert_error(
        &alert("", "<altitude>high</altitude>"),
        Code::InvalidNumber,
        "/alert/info[1]/area[1]/altitude",
    );
}

#[test]
fn resources_need_valid_mime_digest_and_deref_for_relative_uris() {
    let res = |body: &str| {
        let info = INFO.replace(
            "AREA",
            &format!("<resource><resourceDesc>map</resourceDesc>{body}</resource>"),
        );
        format!("{HEAD}{info}\n</alert>")
    };
    let base = "/alert/info[1]/resource[1]";
    assert_error(
        &res("<mimeType>png</mimeType>"),
        Code::InvalidMimeType,
        &format!("{base}/mimeType"),
    );
    assert_error(
        &res("<mimeType>image/png</mimeType><uri>map.png</uri>"),
        Code::InvalidResource,
        &format!("{base}/uri"),
    );
    assert_error(
        &res("<mimeType>image/png</mimeType><derefUri>!!</derefUri>"),
        Code::InvalidDerefUri,
        &format!("{base}/derefUri"),
    );
    assert_error(
        &res("<mimeType>image/png</mimeType><digest>abc</digest>"),
        Code::InvalidDigest,
        &format!("{base}/digest"),
    );
    assert_error(
        &res("<mimeType>image/png</mimeType><size>-3</size>"),
        Code::InvalidNumber,
        &format!("{base}/size"),
    );
    assert_error(
        &res(""),
        Code::MissingRequiredElement,
        &format!("{base}/mimeType"),
    );
    assert!(
        validate(
            res("<mimeType>image/png</mimeType><uri>map.png</uri><derefUri>aGVsbG8=</derefUri>")
                .as_bytes()
        )
        .is_valid()
    );
}

#[test]
fn language_web_and_text_warnings() {
    let doc = alert("", "").replace("<category>", "<language>en_GB</language><category>");
    assert_error(&doc, Code::InvalidLanguage, "/alert/info[1]/language");
    let doc = alert("", "").replace(
        "<certainty>Likely</certainty>",
        "<certainty>Likely</certainty><web>www.x.example</web>",
    );
    assert_error(&doc, Code::InvalidUri, "/alert/info[1]/web");
    let doc = alert("", "").replace(
        "<certainty>Likely</certainty>",
        "<certainty>Likely</certainty><description>a &lt;b&gt;bold&lt;/b&gt; move</description>",
    );
    let v = validate(doc.as_bytes());
    assert!(v.is_valid(), "HTML is a warning only");
    let w = v
        .diagnostics
        .iter()
        .find(|d| d.code == Code::HtmlInText)
        .expect("a warning");
    assert_eq!(
        (w.severity, w.path.as_str()),
        (Severity::Warning, "/alert/info[1]/description")
    );
}

#[test]
fn attributes_text_and_foreign_elements_are_errors() {
    let doc = alert("", "").replace("<status>", "<status lang=\"en\">");
    assert_error(&doc, Code::UnknownAttribute, "/alert/status");
    let doc = alert("stray text", "");
    assert_error(&doc, Code::UnexpectedText, "/alert");
    let doc = alert("<x:note xmlns:x=\"urn:other\">a</x:note>", "");
    assert_error(&doc, Code::UnknownElement, "/alert/note");
    let doc = alert("", "").replace("<event>Storm</event>", "<event>Storm<b>!</b></event>");
    assert_error(&doc, Code::UnknownElement, "/alert/info[1]/event/b");
}
