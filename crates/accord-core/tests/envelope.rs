//! The log entry: the envelope's canonical JSON, its body kept apart under its hash.

mod common;

use accord_core::canonical;
use accord_core::config::MemberStatus;
use accord_core::envelope::{EnvelopeError, MAX_ENTRY_BYTES, body_hash};
use accord_core::event::{MemberStatusChanged, OrganisationFounded};
use accord_core::{Actor, Date, Envelope, Event, LogIndex, Sealed};
use common::{account, at, code, reference};

fn status_changed() -> Event {
    Event::MemberStatusChanged(MemberStatusChanged {
        state: code("UZ"),
        from: MemberStatus::Observer,
        to: MemberStatus::Partner,
        since: Date::parse("2020-12-01").expect("date"),
        at: None,
        decision: None,
    })
}

#[test]
fn the_entry_is_the_canonical_json_of_the_envelope() {
    let event = status_changed();
    let body = event.body_bytes().expect("body");
    assert_eq!(
        String::from_utf8_lossy(&body),
        r#"{"from":"observer","since":"2020-12-01","state":"UZ","to":"partner"}"#
    );
    let envelope = Envelope::new(
        LogIndex(7),
        at("2020-12-01T13:00:00Z"),
        Actor::Account(account("sec.officer")),
        &event,
    )
    .expect("envelope");
    let entry = envelope.to_canonical_json();
    let expected = format!(
        r#"{{"actor":"sec.officer","body":"sha256:{}","class":"public","kind":"member.status_changed","seq":7,"time":"2020-12-01T13:00:00Z","v":1}}"#,
        body_hash(&body).to_hex()
    );
    assert_eq!(String::from_utf8_lossy(&entry), expected);
    assert_eq!(
        canonical::parse(&entry).map(|v| canonical::to_vec(&v)),
        Ok(Ok(entry.clone()))
    );
    assert_eq!(Envelope::parse(&entry), Ok(envelope.clone()));
    assert_eq!(envelope.open(&body), Ok(event));
}

#[test]
fn the_founding_entry_is_small_though_its_body_holds_the_whole_configuration() {
    let event = Event::OrganisationFounded(OrganisationFounded {
        config: reference(),
    });
    let sealed = Sealed::new(
        LogIndex(0),
        at("2020-01-01T00:00:00Z"),
        Actor::System,
        &event,
    )
    .expect("sealed");
    assert!(sealed.entry.len() < MAX_ENTRY_BYTES);
    assert!(sealed.body.len() > 1000);
    assert_eq!(Envelope::parse(&sealed.entry), Ok(sealed.envelope.clone()));
    assert_eq!(sealed.envelope.open(&sealed.body), Ok(event));
    assert_eq!(sealed.envelope.body_hash(), body_hash(&sealed.body));
}

#[test]
fn an_altered_body_is_caught_by_its_hash() {
    let event = status_changed();
    let sealed = Sealed::new(
        LogIndex(1),
        at("2020-12-01T13:00:00Z"),
        Actor::System,
        &event,
    )
    .expect("sealed");
    let mut body = sealed.body.clone();
    body[10] ^= 1;
    assert!(matches!(
        sealed.envelope.open(&body),
        Err(EnvelopeError::BodyHash { .. })
    ));
}

#[test]
fn an_entry_whose_classification_was_lowered_is_caught_on_opening() {
    let event = Event::RoleGranted(accord_core::event::RoleChange {
        account: account("ru.head"),
        role: accord_core::Role::Delegate,
    });
    let sealed = Sealed::new(
        LogIndex(1),
        at("2020-12-01T13:00:00Z"),
        Actor::System,
        &event,
    )
    .expect("sealed");
    let text = String::from_utf8_lossy(&sealed.entry).replace("\"restricted\"", "\"public\"");
    let envelope = Envelope::parse(text.as_bytes()).expect("still an envelope");
    assert!(matches!(
        envelope.open(&sealed.body),
        Err(EnvelopeError::Classification { .. })
    ));
}

#[test]
fn entries_that_are_not_canonical_envelopes_are_refused() {
    let sealed = Sealed::new(
        LogIndex(1),
        at("2020-12-01T13:00:00Z"),
        Actor::System,
        &status_changed(),
    )
    .expect("sealed");
    let text = String::from_utf8_lossy(&sealed.entry).into_owned();
    let cases = [
        text.replace(",\"v\":1}", ", \"v\":1}"),
        text.replace("\"v\":1", "\"v\":2"),
        text.replace("member.status_changed", "member.vanished"),
        text.replace("sha256:", "sha512:"),
        text.replace("\"seq\":1", "\"seq\":1.5"),
        text.replace("2020-12-01T13:00:00Z", "2020-12-01T13:00:00+00:00"),
        text.replace("\"v\":1}", "\"v\":1,\"x\":0}"),
        String::from("[]"),
        String::from("not json"),
    ];
    for case in cases {
        assert!(Envelope::parse(case.as_bytes()).is_err(), "{case}");
    }
}

#[test]
fn a_body_that_is_not_canonical_or_not_of_its_kind_is_refused() {
    assert!(Event::from_body("member.status_changed", br#"{"state": "UZ"}"#).is_err());
    assert!(Event::from_body("member.status_changed", br#"{"state":"UZ"}"#).is_err());
    assert!(Event::from_body("member.unknown", br#"{}"#).is_err());
    let body = status_changed().body_bytes().expect("body");
    assert_eq!(
        Event::from_body("member.status_changed", &body),
        Ok(status_changed())
    );
}
