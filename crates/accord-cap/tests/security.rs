//! Documents that must be refused outright: DTDs and entities (XXE, billion laughs),
//! malformed XML, other encodings and namespaces, and documents over the limits.

use accord_cap::{Code, Limits, ParseError, validate, validate_with};

const DOC: &str = r#"<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>A</identifier><sender>s</sender><sent>2026-11-29T10:00:00-00:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope><info><category>Met</category><event>e</event><urgency>Expected</urgency><severity>Severe</severity><certainty>Likely</certainty><area><areaDesc>Coast</areaDesc><polygon>0,0 0,1 1,1 1,0.5 0,0</polygon></area></info></alert>"#;

#[test]
fn documents_that_cannot_be_read_are_refused_with_a_code() {
    let cases: [(&str, Code); 5] = [
        (
            "<!DOCTYPE alert [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">&x;</alert>",
            Code::DtdForbidden,
        ),
        (
            "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><note>&x;</note></alert>",
            Code::XmlMalformed,
        ),
        (
            "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.1\"/>",
            Code::NotCapAlert,
        ),
        (
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><alert/>",
            Code::InvalidEncoding,
        ),
        (
            "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><note>a</alert>",
            Code::XmlMalformed,
        ),
    ];
    for (doc, code) in cases {
        let v = validate(doc.as_bytes());
        assert!(!v.is_valid());
        assert_eq!(
            v.diagnostics.last().map(|d| d.code),
            Some(code),
            "{doc}: {:?}",
            v.diagnostics
        );
        assert!(v.unreadable.is_some());
    }
}

#[test]
fn limits_stop_oversized_documents() {
    let doc = DOC;
    let tight = |l: Limits| validate_with(doc.as_bytes(), &l).unreadable;
    assert!(matches!(
        tight(Limits {
            max_input_bytes: 100,
            ..Limits::default()
        }),
        Some(ParseError::TooLarge { .. })
    ));
    assert!(matches!(
        tight(Limits {
            max_polygon_points: 4,
            ..Limits::default()
        }),
        Some(ParseError::LimitExceeded { .. })
    ));
    assert!(matches!(
        tight(Limits {
            max_depth: 3,
            ..Limits::default()
        }),
        Some(ParseError::LimitExceeded { .. })
    ));
    assert!(matches!(
        tight(Limits {
            max_info_blocks: 0,
            ..Limits::default()
        }),
        Some(ParseError::LimitExceeded { .. })
    ));
    assert!(matches!(
        tight(Limits {
            max_areas: 0,
            ..Limits::default()
        }),
        Some(ParseError::LimitExceeded { .. })
    ));
    let deep = format!(
        "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">{}{}</alert>",
        "<a>".repeat(100_000),
        "</a>".repeat(100_000)
    );
    assert!(matches!(
        validate(deep.as_bytes()).unreadable,
        Some(ParseError::LimitExceeded { .. })
    ));
}

#[test]
fn a_billion_laughs_document_is_refused_before_expansion() {
    let doc = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><note>&lol2;</note></alert>"#;
    assert_eq!(
        validate(doc.as_bytes()).unreadable,
        Some(ParseError::DtdForbidden)
    );
}

#[test]
fn floods_of_problems_or_namespace_declarations_stop_reading() {
    let unknown = format!(
        "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">{}</alert>",
        "<identifiex/>".repeat(50_000)
    );
    let v = validate(unknown.as_bytes());
    assert!(
        matches!(v.unreadable, Some(ParseError::LimitExceeded { .. })),
        "{:?}",
        v.unreadable
    );
    assert!(v.diagnostics.len() <= Limits::default().max_diagnostics + 2);
    let decls: String = (0..100)
        .map(|i| format!(" xmlns:p{i}=\"urn:x:{i}\""))
        .collect();
    let many_ns = format!("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"{decls}/>");
    assert!(matches!(
        validate(many_ns.as_bytes()).unreadable,
        Some(ParseError::LimitExceeded { .. })
    ));
}
