//! Given-when-then: CAP alerts taken in by the Crisis Response Centre: who may report one,
//! duplicates, an update before its original, a cancellation, expiry, and a rejected alert.

mod common;

use accord_core::crisis::CrisisCommand as C;
use accord_core::crisis::alerts::{AlertId, MessageKind, Problem, summarise};
use accord_core::{Affiliation, CommandPayload, Event, Principal, Role, State};
use common::{account, as_account, at, code, refused, run, staffed};

/// A CAP 1.2 alert from Armenia's national centre (an earthquake), as the centre sends it.
fn cap(identifier: &str, kind: &str, references: &str, expires: &str) -> String {
    let references = if references.is_empty() {
        String::new()
    } else {
        format!("<references>{references}</references>")
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
<identifier>{identifier}</identifier>
<sender>crisis.am@example.am</sender>
<sent>2020-12-01T10:00:00+04:00</sent>
<status>Actual</status>
<msgType>{kind}</msgType>
<scope>Public</scope>
{references}
<info>
<language>ru-RU</language>
<category>Geo</category>
<event>Землетрясение</event>
<urgency>Immediate</urgency>
<severity>Severe</severity>
<certainty>Observed</certainty>
<expires>{expires}</expires>
<headline>Землетрясение магнитудой 5,8 в Ширакской области</headline>
<area>
<areaDesc>Ширакская область</areaDesc>
<circle>40.79,43.85 50</circle>
</area>
</info>
</alert>"#
    )
}

const ORIGINAL: &str = "crisis.am@example.am,AM-2020-0001,2020-12-01T10:00:00+04:00";

fn receive(xml: &str) -> C {
    let alert = accord_cap::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let summary = summarise(&alert, "sha256:00".into(), xml.len() as u64).expect("a summary");
    C::ReceiveAlert { summary }
}

/// Given: Armenia's national crisis centre, an account of Armenia's delegation with the
/// national-centre role.
fn with_national_centre() -> State {
    let mut state = staffed();
    let system = Principal::system();
    run(
        &mut state,
        &system,
        CommandPayload::GrantAffiliation {
            account: account("am.centre"),
            affiliation: Affiliation::Delegation { state: code("AM") },
        },
    )
    .expect("affiliation");
    run(
        &mut state,
        &system,
        CommandPayload::GrantRole {
            account: account("am.centre"),
            role: Role::NationalCentre,
        },
    )
    .expect("role");
    state
}

fn report(state: &mut State, command: C) -> Result<Vec<Event>, accord_core::DomainError> {
    let centre = as_account(state, "am.centre");
    run(state, &centre, CommandPayload::Crisis(command))
}

#[test]
fn a_national_centre_reports_an_alert_once_and_a_delegate_may_not() {
    let mut state = with_national_centre();
    let original = cap("AM-2020-0001", "Alert", "", "2020-12-02T10:00:00+04:00");
    report(&mut state, receive(&original)).expect("taken in");
    let alert = state.crisis().alert(AlertId(1)).expect("alert");
    assert_eq!(alert.summary.kind, MessageKind::Alert);
    assert_eq!(alert.summary.sent_utc, at("2020-12-01T06:00:00Z"));
    assert_eq!(alert.summary.areas[0].circles[0].radius_m, 50_000);
    assert_eq!(alert.summary.event, "Землетрясение");
    // The same (sender, identifier, sent) again is a duplicate.
    assert_eq!(
        refused(report(&mut state, receive(&original))),
        "alert.duplicate"
    );
    let delegate = as_account(&state, "ru.delegate");
    let result = run(
        &mut state,
        &delegate,
        CommandPayload::Crisis(receive(&cap(
            "RU-1",
            "Alert",
            "",
            "2020-12-02T10:00:00+04:00",
        ))),
    );
    assert_eq!(refused(result), "access.denied");
}

#[test]
fn an_update_supersedes_its_original_even_when_it_arrives_first() {
    let mut state = with_national_centre();
    let update = cap(
        "AM-2020-0002",
        "Update",
        ORIGINAL,
        "2020-12-03T10:00:00+04:00",
    );
    report(&mut state, receive(&update)).expect("the update is kept");
    let waiting = state.crisis().alert(AlertId(1)).expect("update");
    assert_eq!(waiting.waiting_for.len(), 1, "it waits for its original");
    let original = cap("AM-2020-0001", "Alert", "", "2020-12-02T10:00:00+04:00");
    report(&mut state, receive(&original)).expect("the original");
    let original = state.crisis().alert(AlertId(2)).expect("original");
    assert_eq!(original.superseded_by, Some(AlertId(1)));
    assert!(
        state
            .crisis()
            .alert(AlertId(1))
            .expect("update")
            .waiting_for
            .is_empty()
    );
    let now = at("2020-12-01T12:00:00Z");
    assert!(!original.is_live(now));
    assert!(
        state
            .crisis()
            .alert(AlertId(1))
            .expect("update")
            .is_live(now)
    );
}

#[test]
fn a_cancel_takes_its_alert_off_the_picture_and_one_of_an_unknown_alert_waits() {
    let mut state = with_national_centre();
    report(
        &mut state,
        receive(&cap(
            "AM-2020-0001",
            "Alert",
            "",
            "2020-12-02T10:00:00+04:00",
        )),
    )
    .expect("alert");
    report(
        &mut state,
        receive(&cap(
            "AM-2020-0003",
            "Cancel",
            ORIGINAL,
            "2020-12-02T10:00:00+04:00",
        )),
    )
    .expect("cancel");
    let now = at("2020-12-01T12:00:00Z");
    let original = state.crisis().alert(AlertId(1)).expect("alert");
    assert_eq!(original.cancelled_by, Some(AlertId(2)));
    assert!(!original.is_live(now));
    // A cancellation is never on the picture itself.
    assert!(
        !state
            .crisis()
            .alert(AlertId(2))
            .expect("cancel")
            .is_live(now)
    );
    let unknown = "crisis.am@example.am,AM-1999-0001,1999-01-01T00:00:00+04:00";
    report(
        &mut state,
        receive(&cap(
            "AM-2020-0004",
            "Cancel",
            unknown,
            "2020-12-02T10:00:00+04:00",
        )),
    )
    .expect("kept");
    assert_eq!(
        state
            .crisis()
            .alert(AlertId(3))
            .expect("cancel")
            .waiting_for
            .len(),
        1
    );
}

#[test]
fn an_alert_leaves_the_picture_when_it_expires() {
    let mut state = with_national_centre();
    report(
        &mut state,
        receive(&cap(
            "AM-2020-0001",
            "Alert",
            "",
            "2020-12-01T16:00:00+04:00",
        )),
    )
    .expect("alert");
    let alert = state.crisis().alert(AlertId(1)).expect("alert");
    assert_eq!(alert.summary.expires, Some(at("2020-12-01T12:00:00Z")));
    assert!(alert.is_live(at("2020-12-01T11:59:59Z")));
    assert!(!alert.is_live(at("2020-12-01T12:00:00Z")));
}

#[test]
fn a_rejected_alert_is_recorded_with_every_problem_and_nothing_else_changes() {
    let mut state = with_national_centre();
    let events = report(
        &mut state,
        C::RejectAlert {
            xml_hash: "sha256:ab".into(),
            xml_size: 12,
            sender: Some("crisis.am@example.am".into()),
            problems: vec![Problem {
                code: "MISSING_REQUIRED_ELEMENT".into(),
                path: "/alert".into(),
                message: "<identifier> is required".into(),
            }],
        },
    )
    .expect("recorded");
    assert_eq!(events[0].kind(), "alert.rejected");
    assert!(state.crisis().alerts().is_empty());
    let body = events[0].body_bytes().expect("body");
    assert_eq!(
        Event::from_body("alert.rejected", &body).as_ref(),
        Ok(&events[0])
    );
}
