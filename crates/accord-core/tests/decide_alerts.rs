//! Given-when-then: CAP alerts taken in by the Crisis Response Centre: who may report one,
//! duplicates, an update before its original, a cancellation, expiry, a rejected alert; incidents
//! opened from alerts, the duty log, and what exchange agreements release to partners.

mod common;

use accord_core::crisis::alerts::{AlertId, MessageKind, Problem, summarise};
use accord_core::crisis::exchange::{AgreementId, Released, Terms};
use accord_core::crisis::model::{
    GeoPoint, IncidentId, IncidentType, Location, Severity, SitrepKind,
};
use accord_core::crisis::{CrisisCommand as C, SitrepDraft};
use accord_core::{Affiliation, CommandPayload, Event, Principal, Role, State};
use common::{account, as_account, at, bilingual, code, lang, partner, refused, run, staffed};

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

fn duty(state: &mut State, command: C) -> Result<Vec<Event>, accord_core::DomainError> {
    let officer = as_account(state, "crc.duty");
    run(state, &officer, CommandPayload::Crisis(command))
}

fn earthquake(alerts: Vec<AlertId>) -> C {
    C::OpenIncident {
        title: bilingual("Землетрясение в Ширакской области", "Earthquake in Shirak"),
        incident_type: IncidentType::NaturalDisaster,
        severity: Severity::Severe,
        location: Location::Point {
            at: GeoPoint::new(40.79, 43.85).expect("point"),
        },
        affected: vec![code("AM")],
        lead: None,
        classification: None,
        release: vec![],
        alerts,
    }
}

#[test]
fn an_incident_opened_from_an_alert_takes_its_updates_and_an_alert_belongs_to_one_incident() {
    let mut state = with_national_centre();
    let original = cap("AM-2020-0001", "Alert", "", "2020-12-02T10:00:00+04:00");
    report(&mut state, receive(&original)).expect("alert");
    // An unknown alert is named.
    assert_eq!(
        refused(duty(&mut state, earthquake(vec![AlertId(9)]))),
        "alert.unknown"
    );
    duty(&mut state, earthquake(vec![AlertId(1)])).expect("opened from the alert");
    let incident = state.crisis().incident(IncidentId(1)).expect("incident");
    assert_eq!(incident.alerts, vec![AlertId(1)]);
    assert_eq!(
        state.crisis().alert(AlertId(1)).expect("alert").incident,
        Some(IncidentId(1))
    );
    // The update joins the incident's timeline on its own.
    let update = cap(
        "AM-2020-0002",
        "Update",
        ORIGINAL,
        "2020-12-03T10:00:00+04:00",
    );
    report(&mut state, receive(&update)).expect("update");
    let incident = state.crisis().incident(IncidentId(1)).expect("incident");
    assert_eq!(incident.alerts, vec![AlertId(1), AlertId(2)]);
    // Neither may be put on a second incident's timeline.
    duty(&mut state, earthquake(vec![])).expect("a second incident by hand");
    let link = |alert| C::LinkAlert {
        incident: IncidentId(2),
        alert: AlertId(alert),
    };
    assert_eq!(refused(duty(&mut state, link(2))), "alert.already_linked");
    // A delegate may not link alerts.
    report(
        &mut state,
        receive(&cap(
            "AM-2020-0009",
            "Alert",
            "",
            "2020-12-02T10:00:00+04:00",
        )),
    )
    .expect("a third alert");
    let delegate = as_account(&state, "ru.delegate");
    assert_eq!(
        refused(run(&mut state, &delegate, CommandPayload::Crisis(link(3)))),
        "access.denied"
    );
    duty(&mut state, link(3)).expect("linked");
    assert_eq!(
        state
            .crisis()
            .incident(IncidentId(2))
            .expect("incident")
            .alerts,
        vec![AlertId(3)]
    );
}

fn terms(categories: &[&str], min_severity: Severity) -> Terms {
    Terms {
        categories: categories.iter().map(|c| (*c).to_owned()).collect(),
        min_severity,
        incident_types: vec![IncidentType::NaturalDisaster],
        sitreps: true,
        language: lang("ru"),
    }
}

fn released(events: &[Event]) -> Vec<(AgreementId, Released)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::ExchangeReleased(r) => Some((r.agreement, r.item.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn an_agreement_releases_what_it_names_with_the_updates_and_only_while_in_force() {
    let mut state = with_national_centre();
    let make = |terms| C::MakeAgreement {
        partner: partner("sco-rats"),
        terms,
    };
    assert_eq!(
        refused(duty(
            &mut state,
            make(terms(&["Earthquake"], Severity::Minor))
        )),
        "agreement.unknown_category"
    );
    let nothing = Terms {
        sitreps: false,
        ..terms(&[], Severity::Minor)
    };
    assert_eq!(
        refused(duty(&mut state, make(nothing))),
        "agreement.releases_nothing"
    );
    let unknown = C::MakeAgreement {
        partner: partner("nobody"),
        terms: terms(&["Geo"], Severity::Minor),
    };
    assert_eq!(
        refused(duty(&mut state, unknown)),
        "account.unknown_partner"
    );
    // Geo alerts, extreme only: the severe earthquake does not go; Geo at severe does.
    duty(&mut state, make(terms(&["Geo"], Severity::Extreme))).expect("agreement 1");
    duty(&mut state, make(terms(&["Geo", "Met"], Severity::Severe))).expect("agreement 2");
    let original = cap("AM-2020-0001", "Alert", "", "2020-12-02T10:00:00+04:00");
    let events = report(&mut state, receive(&original)).expect("alert");
    let sent = released(&events);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].0, AgreementId(2));
    assert!(matches!(&sent[0].1, Released::Alert { alert, .. } if *alert == AlertId(1)));
    // The partner reads what was released to it, not the alert itself.
    let partner_reader = as_account(&state, "rats.liaison");
    let readable = |event: &Event| {
        accord_core::policy::can(
            &partner_reader,
            accord_core::Action::Read,
            &accord_core::Resource {
                classification: event.classification(),
                release: event.release(),
            },
        )
        .is_allowed()
    };
    assert!(
        !readable(&events[0]),
        "the alert.received body stays inside"
    );
    assert!(readable(&events[1]), "the release is the partner's to read");
    // An update of a released alert follows it, even at a lower severity.
    let update = cap(
        "AM-2020-0002",
        "Update",
        ORIGINAL,
        "2020-12-03T10:00:00+04:00",
    )
    .replace("<severity>Severe</severity>", "<severity>Minor</severity>");
    let events = report(&mut state, receive(&update)).expect("update");
    assert_eq!(
        released(&events)
            .iter()
            .map(|(a, _)| *a)
            .collect::<Vec<_>>(),
        vec![AgreementId(2)]
    );
    // An exercise is never released.
    let exercise = cap("AM-2020-0003", "Alert", "", "2020-12-02T10:00:00+04:00")
        .replace("<status>Actual</status>", "<status>Exercise</status>");
    assert!(released(&report(&mut state, receive(&exercise)).expect("exercise")).is_empty());
    // Once ended, nothing more goes, and it cannot end twice.
    duty(
        &mut state,
        C::EndAgreement {
            agreement: AgreementId(2),
        },
    )
    .expect("ended");
    let another = cap("AM-2020-0004", "Alert", "", "2020-12-02T10:00:00+04:00");
    assert!(released(&report(&mut state, receive(&another)).expect("alert")).is_empty());
    assert_eq!(
        refused(duty(
            &mut state,
            C::EndAgreement {
                agreement: AgreementId(2)
            }
        )),
        "agreement.ended"
    );
    let agreement = state.crisis().agreement(AgreementId(2)).expect("agreement");
    assert_eq!(
        agreement.released_alerts().collect::<Vec<_>>(),
        vec![AlertId(1), AlertId(2)],
        "what went stays recorded"
    );
}

#[test]
fn a_releasable_report_goes_to_the_agreements_for_its_kind_of_incident() {
    let mut state = with_national_centre();
    duty(
        &mut state,
        C::MakeAgreement {
            partner: partner("sco-rats"),
            terms: terms(&[], Severity::Minor),
        },
    )
    .expect("reports only");
    duty(&mut state, earthquake(vec![])).expect("incident");
    let sitrep = |kind, releasable| C::IssueSitrep {
        incident: IncidentId(1),
        draft: SitrepDraft {
            kind,
            from: at("2020-11-30T00:00:00Z"),
            to: at("2020-12-01T12:00:00Z"),
            situation: bilingual("Разрушены дома", "Houses destroyed"),
            actions: bilingual("Спасатели работают", "Rescuers at work"),
            needs: bilingual("Палатки", "Tents"),
            prepared_by: None,
            next_due: Some(at("2020-12-02T12:00:00Z")),
            releasable,
        },
    };
    let events = duty(&mut state, sitrep(SitrepKind::Initial, false)).expect("initial");
    assert!(released(&events).is_empty(), "not marked releasable");
    let events = duty(&mut state, sitrep(SitrepKind::Update, true)).expect("update");
    let sent = released(&events);
    assert_eq!(sent.len(), 1);
    let Released::Sitrep {
        sitrep, incident, ..
    } = &sent[0].1
    else {
        panic!("{sent:?}")
    };
    assert_eq!((*incident, sitrep.number), (IncidentId(1), 2));
}

#[test]
fn the_duty_log_takes_officers_notes_classified_as_their_incident() {
    let mut state = with_national_centre();
    duty(&mut state, earthquake(vec![])).expect("incident");
    let note = |incident| C::WriteDutyNote {
        incident,
        text: bilingual("Связался с МЧС Армении", "Called Armenia's ministry"),
    };
    let events = duty(&mut state, note(Some(IncidentId(1)))).expect("noted");
    assert_eq!(events[0].kind(), "duty.noted");
    duty(&mut state, note(None)).expect("a note on no incident");
    assert_eq!(
        refused(duty(&mut state, note(Some(IncidentId(7))))),
        "incident.unknown"
    );
    let log: Vec<_> = state
        .crisis()
        .duty_log()
        .values()
        .map(|n| (n.number, n.incident))
        .collect();
    assert_eq!(log, vec![(1, Some(IncidentId(1))), (2, None)]);
    let centre = as_account(&state, "am.centre");
    assert_eq!(
        refused(run(&mut state, &centre, CommandPayload::Crisis(note(None)))),
        "access.denied"
    );
    let body = events[0].body_bytes().expect("body");
    assert_eq!(
        Event::from_body("duty.noted", &body).as_ref(),
        Ok(&events[0])
    );
}
