//! Atom and RSS feeds: embedded and linked alerts are taken, bad entries skipped with a reason.

use accord_cap::{FeedEntry, FeedKind, Limits, ParseError, parse_feed, parse_feed_with};

const ALERT: &str = r#"<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>ID</identifier><sender>crc@accord.example</sender><sent>2026-11-29T10:00:00-00:00</sent>
  <status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
  <info><category>Geo</category><event>Earthquake</event><urgency>Past</urgency><severity>Minor</severity>
  <certainty>Observed</certainty><area><areaDesc>Valley</areaDesc><circle>32.9,-115.5 10</circle></area></info>
</alert>"#;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[test]
fn atom_feed_with_embedded_linked_escaped_and_bad_entries() {
    let bad = ALERT
        .replace("<scope>Public</scope>", "")
        .replace("ID", "BAD");
    let feed = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Alerts</title>
  <entry><id>urn:1</id><title>embedded</title><content type="application/cap+xml">{}</content></entry>
  <entry><id>urn:2</id><link rel="alternate" type="application/cap+xml" href="https://x.example/2.xml"/></entry>
  <entry><id>urn:3</id><content type="text">{}</content></entry>
  <entry><id>urn:4</id><content type="application/cap+xml">{bad}</content></entry>
  <entry><id>urn:5</id><title>nothing here</title><link rel="self" href="https://x.example/feed"/></entry>
  <entry><id>urn:6</id><link href="https://x.example/6.cap"/></entry>
</feed>"#,
        ALERT.replace("ID", "A1"),
        escape(&ALERT.replace("ID", "A3")),
    );
    let f = parse_feed(feed.as_bytes()).expect("the feed is readable");
    assert_eq!(f.kind, FeedKind::Atom);
    assert_eq!(f.entries.len(), 4, "{:#?}", f.entries);
    match &f.entries[0] {
        FeedEntry::Embedded { id, alert, xml, .. } => {
            assert_eq!(id.as_deref(), Some("urn:1"));
            assert_eq!(alert.identifier.as_str(), "A1");
            // The alert as the feed writes it stands alone as a CAP document.
            assert_eq!(xml, &ALERT.replace("ID", "A1"));
            assert!(accord_cap::validate(xml.as_bytes()).is_valid());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        f.entries[1],
        FeedEntry::Linked {
            id: Some("urn:2".into()),
            href: "https://x.example/2.xml".into()
        }
    );
    assert!(
        matches!(&f.entries[2], FeedEntry::Embedded { alert, xml, .. } if alert.identifier.as_str() == "A3" && xml.starts_with("<alert") && xml.contains("A3"))
    );
    assert!(
        matches!(&f.entries[3], FeedEntry::Linked { href, .. } if href == "https://x.example/6.cap")
    );
    assert_eq!(f.skipped.len(), 2);
    assert_eq!(
        (f.skipped[0].position, f.skipped[0].id.as_deref()),
        (4, Some("urn:4"))
    );
    assert!(
        f.skipped[0].reason.contains("MISSING_REQUIRED_ELEMENT"),
        "{}",
        f.skipped[0].reason
    );
    assert!(
        f.skipped[1].reason.contains("neither embeds"),
        "{}",
        f.skipped[1].reason
    );
    assert_eq!(f.skipped[0].xml.as_deref(), Some(bad.as_str()));
    assert_eq!(f.skipped[1].xml, None);
}

#[test]
fn rss_feed_with_enclosures_links_and_embedded_alerts() {
    let feed = format!(
        r#"<rss version="2.0" xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2"><channel><title>t</title>
  <item><guid>g1</guid><link>https://x.example/page</link><enclosure url="https://x.example/1.cap" type="application/cap+xml" length="1"/></item>
  <item><guid>g2</guid><link>https://x.example/2.xml</link></item>
  <item><guid>g3</guid>{}</item>
  <item><guid>g4</guid><title>no alert</title></item>
</channel></rss>"#,
        ALERT.replace("ID", "R3")
    );
    let f = parse_feed(feed.as_bytes()).expect("readable");
    assert_eq!(f.kind, FeedKind::Rss);
    assert_eq!(
        f.entries[0],
        FeedEntry::Linked {
            id: Some("g1".into()),
            href: "https://x.example/1.cap".into()
        }
    );
    assert!(
        matches!(&f.entries[1], FeedEntry::Linked { href, .. } if href == "https://x.example/2.xml")
    );
    assert!(
        matches!(&f.entries[2], FeedEntry::Embedded { alert, .. } if alert.identifier.as_str() == "R3")
    );
    assert_eq!(f.entries.len(), 3);
    assert_eq!(f.skipped.len(), 1);
    assert_eq!(f.skipped[0].id.as_deref(), Some("g4"));
}

#[test]
fn an_unreadable_feed_is_an_error_and_limits_apply() {
    assert!(parse_feed(b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>").is_err());
    assert!(matches!(
        parse_feed(b"<!DOCTYPE feed><feed/>"),
        Err(ParseError::DtdForbidden)
    ));
    assert!(parse_feed(b"<html/>").is_err());
    let many = format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\">{}</feed>",
        "<entry><link href=\"https://x.example/a\"/></entry>".repeat(5)
    );
    let limits = Limits {
        max_feed_entries: 4,
        ..Limits::default()
    };
    assert!(matches!(
        parse_feed_with(many.as_bytes(), &limits),
        Err(ParseError::LimitExceeded { .. })
    ));
    assert_eq!(
        parse_feed(many.as_bytes()).expect("readable").entries.len(),
        5
    );
}
