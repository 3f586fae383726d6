//! Sessions: the chair, dates, numbers and links, changes, who schedules, and
//! recommendations to the body a body reports to.

use crate::common::{as_account, at, body, refused, run};
use crate::given::*;
use accord_core::Date;
use accord_core::secretariat::SecretariatCommand as S;
use accord_core::secretariat::model::{SessionFormat, SessionStatus};

#[test]
fn a_session_is_chaired_by_the_state_holding_the_chairmanship_and_all_members_attend() {
    let mut state = organisation();
    let id = schedule(&mut state, "cfm", 1);
    let session = state.secretariat().session(id).expect("session");
    assert_eq!(
        Some(session.chair),
        state.chair_on(Date::parse("2020-12-01").expect("date"))
    );
    assert_eq!(session.participants.len(), 6);
    assert_eq!(session.status, SessionStatus::Planned);
    assert_eq!(session.start.zone(), "Europe/Moscow");
    assert_eq!(session.start.utc(), at("2020-12-01T14:00:00Z"));
}

#[test]
fn a_session_in_the_past_is_refused() {
    let mut state = organisation();
    let result = exec(
        &secretariat(&state),
        &mut state,
        cmd(S::ScheduleSession {
            body: body("cfm"),
            number: 1,
            details: details("2020-11-30T10:00:00", "2020-11-30T12:00:00"),
            classification: None,
            open_to_observers: false,
        }),
    );
    assert_eq!(refused(result), "session.in_past");
    assert!(state.secretariat().sessions().is_empty());
}

#[test]
fn a_session_number_is_taken_once_per_body_and_the_link_must_be_https() {
    let mut state = organisation();
    schedule(&mut state, "cfm", 1);
    let again = S::ScheduleSession {
        body: body("cfm"),
        number: 1,
        details: details("2020-12-02T10:00:00", "2020-12-02T12:00:00"),
        classification: None,
        open_to_observers: false,
    };
    assert_eq!(
        refused(exec(&secretariat(&state), &mut state, cmd(again))),
        "session.number_taken"
    );
    let mut bad = details("2020-12-02T10:00:00", "2020-12-02T12:00:00");
    bad.format = SessionFormat::Videoconference {
        link: "http://vc.example.org".into(),
    };
    let result = exec(
        &secretariat(&state),
        &mut state,
        cmd(S::ScheduleSession {
            body: body("cfm"),
            number: 2,
            details: bad,
            classification: None,
            open_to_observers: false,
        }),
    );
    assert_eq!(refused(result), "session.bad_link");
}

#[test]
fn changes_and_cancellation_raise_the_sequence() {
    let mut state = organisation();
    let id = schedule(&mut state, "cfm", 1);
    let sec = secretariat(&state);
    run(
        &mut state,
        &sec,
        cmd(S::ChangeSession {
            session: id,
            details: details("2020-12-01T18:00:00", "2020-12-01T20:00:00"),
        }),
    )
    .expect("changed");
    run(
        &mut state,
        &sec,
        cmd(S::SetSessionStatus {
            session: id,
            status: SessionStatus::Cancelled,
        }),
    )
    .expect("cancelled");
    let session = state.secretariat().session(id).expect("session");
    assert_eq!(session.sequence, 2);
    assert_eq!(session.status, SessionStatus::Cancelled);
    let reopen = S::SetSessionStatus {
        session: id,
        status: SessionStatus::Convened,
    };
    assert_eq!(
        refused(run(&mut state, &sec, cmd(reopen))),
        "session.illegal_transition"
    );
}

#[test]
fn a_delegate_cannot_schedule_sessions() {
    let mut state = organisation();
    let result = exec(
        &as_account(&state, "ru.delegate"),
        &mut state,
        cmd(S::ScheduleSession {
            body: body("cfm"),
            number: 1,
            details: details("2020-12-01T17:00:00", "2020-12-01T19:00:00"),
            classification: None,
            open_to_observers: false,
        }),
    );
    assert_eq!(refused(result), "access.denied");
}

#[test]
fn a_lower_body_recommends_documents_to_the_body_it_reports_to_and_not_elsewhere() {
    let mut state = organisation();
    let (cfm, doc) = in_session(&mut state);
    let csc = schedule(&mut state, "csc", 1);
    let cdm = schedule(&mut state, "cdm", 1);
    let sec = secretariat(&state);
    run(
        &mut state,
        &sec,
        cmd(S::Recommend {
            session: cfm,
            item: 1,
            to: csc,
        }),
    )
    .expect("recommended");
    let item = &state.secretariat().session(csc).expect("csc").agenda[0];
    assert_eq!(item.documents, vec![doc]);
    assert_eq!(
        item.recommended_by.as_ref().map(|r| (r.session, r.item)),
        Some((cfm, 1))
    );
    let again = S::Recommend {
        session: cfm,
        item: 1,
        to: csc,
    };
    assert_eq!(
        refused(exec(&sec, &mut state, cmd(again))),
        "session.already_recommended"
    );
    let sideways = S::Recommend {
        session: cfm,
        item: 1,
        to: cdm,
    };
    assert_eq!(
        refused(run(&mut state, &sec, cmd(sideways))),
        "session.not_reporting_body"
    );
}
