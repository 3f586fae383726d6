//! Silence procedures: exact to the second at the deadline, a server down across it, who
//! concludes, amendments that break it, and the deadline's zone.

use crate::common::{at, bilingual, code, refused, run_at};
use crate::given::*;
use accord_core::config::DocumentType;
use accord_core::secretariat::model::{AmendmentOp, Failure, Outcome, Position, ZonedTime};
use accord_core::secretariat::{AmendmentDraft, SecretariatCommand as S};
use accord_core::{Event, Principal};

#[test]
fn silence_broken_one_second_before_the_deadline_fails_the_procedure() {
    let mut state = organisation();
    // 18:00 in Moscow is 15:00 UTC.
    let (doc, procedure) = launch_silence(&mut state, "2020-12-01T18:00:00");
    let events = break_silence(&mut state, procedure, at("2020-12-01T14:59:59Z")).expect("broken");
    let Some(Event::DecisionRecorded(record)) = events.last() else {
        panic!("{events:?}")
    };
    assert_eq!(
        record.outcome,
        Outcome::NotAdopted {
            failure: Failure::SilenceBroken { state: code("KZ") }
        }
    );
    assert_eq!(
        state.secretariat().document(doc).and_then(|d| d.adopted_by),
        None
    );
    let conclude = S::ConcludeSilence { procedure };
    let result = run_at(
        &mut state,
        &Principal::system(),
        cmd(conclude),
        at("2020-12-01T15:00:00Z"),
    );
    assert_eq!(refused(result), "procedure.closed");
}

#[test]
fn silence_cannot_be_broken_at_the_deadline_and_the_document_is_adopted_then() {
    let mut state = organisation();
    let (doc, procedure) = launch_silence(&mut state, "2020-12-01T18:00:00");
    let result = break_silence(&mut state, procedure, at("2020-12-01T15:00:00Z"));
    assert_eq!(refused(result), "procedure.deadline_passed");
    let early = run_at(
        &mut state,
        &Principal::system(),
        cmd(S::ConcludeSilence { procedure }),
        at("2020-12-01T14:59:59Z"),
    );
    assert_eq!(refused(early), "procedure.deadline_not_reached");
    let events = run_at(
        &mut state,
        &Principal::system(),
        cmd(S::ConcludeSilence { procedure }),
        at("2020-12-01T15:00:00Z"),
    )
    .expect("concluded");
    let [Event::DecisionRecorded(record)] = &events[..] else {
        panic!("{events:?}")
    };
    assert_eq!(record.outcome, Outcome::Adopted);
    assert_eq!(
        state.secretariat().document(doc).and_then(|d| d.adopted_by),
        Some(procedure)
    );
}

#[test]
fn a_server_down_across_the_deadline_records_the_adoption_at_the_deadline() {
    let mut state = organisation();
    let (_, procedure) = launch_silence(&mut state, "2020-12-01T18:00:00");
    // The server comes back two days later and concludes what fell due.
    let events = run_at(
        &mut state,
        &Principal::system(),
        cmd(S::ConcludeSilence { procedure }),
        at("2020-12-03T09:30:00Z"),
    )
    .expect("concluded");
    let [Event::DecisionRecorded(record)] = &events[..] else {
        panic!("{events:?}")
    };
    assert_eq!(record.effective_at, at("2020-12-01T15:00:00Z"));
}

#[test]
fn only_the_system_concludes_a_silence_procedure_and_positions_are_not_stated_in_it() {
    let mut state = organisation();
    let (_, procedure) = launch_silence(&mut state, "2020-12-01T18:00:00");
    let result = exec_at(
        &secretariat(&state),
        &mut state,
        cmd(S::ConcludeSilence { procedure }),
        at("2020-12-02T00:00:00Z"),
    );
    assert_eq!(refused(result), "access.denied");
    let result = exec(
        &head(&state, "RU"),
        &mut state,
        cmd(S::StatePosition {
            procedure,
            position: Position::Agree,
        }),
    );
    assert_eq!(refused(result), "procedure.is_silence");
}

#[test]
fn silence_may_be_broken_with_an_amendment() {
    let mut state = organisation();
    let (doc, procedure) = launch_silence(&mut state, "2020-12-01T18:00:00");
    let events = exec(
        &head(&state, "KZ"),
        &mut state,
        cmd(S::BreakSilence {
            procedure,
            reason: bilingual("Предлагаем поправку", "We propose an amendment"),
            amendment: Some(AmendmentDraft {
                version: 1,
                paragraph: 2,
                op: AmendmentOp::Replace {
                    text: bilingual("Новая редакция.", "New wording."),
                },
                rationale: bilingual("Точнее", "More precise"),
            }),
        }),
    )
    .expect("broken");
    let kinds: Vec<&str> = events.iter().map(Event::kind).collect();
    assert_eq!(
        kinds,
        [
            "amendment.proposed",
            "procedure.silence_broken",
            "decision.recorded"
        ]
    );
    let document = state.secretariat().document(doc).expect("doc");
    assert_eq!(document.amendments.len(), 1);
}

#[test]
fn a_silence_deadline_is_after_now_and_in_a_real_zone() {
    let mut state = organisation();
    let doc = register(&mut state, "csc", DocumentType::Decision);
    let result = exec(
        &secretariat(&state),
        &mut state,
        cmd(S::LaunchSilence {
            document: doc,
            deadline: moscow("2020-12-01T15:00:00"),
        }),
    );
    assert_eq!(refused(result), "procedure.deadline_in_past");
    assert!(ZonedTime::from_local("2020-12-01T18:00:00", "Europe/Atlantis").is_err());
    // 02:30 on 29 March 2020 did not exist in Berlin.
    assert!(ZonedTime::from_local("2020-03-29T02:30:00", "Europe/Berlin").is_err());
    let parsed = ZonedTime::parse("2020-12-01T18:00:00+03:00[Europe/Moscow]").expect("parsed");
    assert_eq!(parsed, moscow("2020-12-01T18:00:00"));
    // A time recorded under older rules reads back as recorded (Almaty was +06:00 until 2024).
    let old = ZonedTime::parse("2024-01-10T10:00:00+06:00[Asia/Almaty]").expect("as recorded");
    assert_eq!(old.utc(), at("2024-01-10T04:00:00Z"));
    assert_eq!(old.to_string(), "2024-01-10T10:00:00+06:00[Asia/Almaty]");
    assert!(old.to_zoned().is_some());
    // New times are checked against the zone's rules.
    assert!(
        ZonedTime::from_local("2024-06-01T10:00:00", "Asia/Almaty")
            .is_ok_and(|z| z.offset() == "+05:00")
    );
    assert!(ZonedTime::parse("2020-12-01T18:00:00+3:00[Europe/Moscow]").is_err());
}
