//! Consensus in session: closing, objections beside abstentions, reservations, who takes
//! part and who closes.

use std::collections::BTreeMap;

use crate::common::{as_account, bilingual, code, now, refused, run};
use crate::given::*;
use accord_core::config::{DecisionRule, DocumentType};
use accord_core::secretariat::model::{Failure, Outcome, Position, ProcedureId, SessionStatus};
use accord_core::secretariat::{SecretariatCommand as S, rules};
use accord_core::{Date, Event};

#[test]
fn the_chair_cannot_close_while_a_present_state_has_stated_nothing() {
    let mut state = organisation();
    let procedure = open_consensus(&mut state);
    for code in ["AM", "BY", "KZ", "KG"] {
        position(&mut state, code, procedure, Position::Agree);
    }
    let close = S::CloseProcedure { procedure };
    let result = exec(&secretariat(&state), &mut state, cmd(close));
    let Err(error) = result else { panic!("closed") };
    assert_eq!(error.code(), "procedure.positions_missing");
    // Nor can the session be concluded while the procedure is open.
    let session = state
        .secretariat()
        .procedure(procedure)
        .and_then(|p| p.item)
        .map(|(s, _)| s)
        .expect("in session");
    let conclude = S::SetSessionStatus {
        session,
        status: SessionStatus::Concluded,
    };
    assert_eq!(
        refused(exec(&secretariat(&state), &mut state, cmd(conclude))),
        "session.item_open_procedure"
    );
    assert!(error.to_string().contains("RU") && error.to_string().contains("TJ"));
}

#[test]
fn an_objection_next_to_an_abstention_blocks_consensus_and_is_recorded() {
    let mut state = organisation();
    let procedure = open_consensus(&mut state);
    position(&mut state, "AM", procedure, Position::Abstain);
    position(&mut state, "BY", procedure, objection());
    for code in ["KZ", "KG", "RU", "TJ"] {
        position(&mut state, code, procedure, Position::Agree);
    }
    let events = exec(
        &secretariat(&state),
        &mut state,
        cmd(S::CloseProcedure { procedure }),
    )
    .expect("closed");
    let [Event::DecisionRecorded(record)] = &events[..] else {
        panic!("{events:?}")
    };
    assert_eq!(
        record.outcome,
        Outcome::NotAdopted {
            failure: Failure::Objection {
                states: vec![code("BY")]
            }
        }
    );
    assert_eq!(record.positions.len(), 6);
    assert_eq!(record.positions.get(&code("AM")), Some(&Position::Abstain));
    let doc = state.secretariat().document(record.document).expect("doc");
    assert_eq!(doc.adopted_by, None);
    assert_eq!(doc.open_procedure, None, "a new version may follow");
}

#[test]
fn consensus_with_a_reservation_adopts_and_attaches_it_with_the_text_hashes() {
    let mut state = organisation();
    let procedure = open_consensus(&mut state);
    let reservation = Position::AgreeWithReservation {
        text: bilingual(
            "С оговоркой к пункту 2",
            "With a reservation on paragraph 2",
        ),
    };
    position(&mut state, "AM", procedure, reservation.clone());
    for code in ["BY", "KZ", "KG", "RU", "TJ"] {
        position(&mut state, code, procedure, Position::Agree);
    }
    // The chair's head of delegation may close the item as well as the Secretariat.
    let chair = state
        .secretariat()
        .procedure(procedure)
        .and_then(|p| p.item)
        .and_then(|(s, _)| state.secretariat().session(s))
        .map(|s| s.chair)
        .expect("chair");
    let events = exec(
        &head(&state, chair.as_str()),
        &mut state,
        cmd(S::CloseProcedure { procedure }),
    )
    .expect("closed by the chair");
    let [Event::DecisionRecorded(record)] = &events[..] else {
        panic!("{events:?}")
    };
    assert_eq!(record.outcome, Outcome::Adopted);
    assert_eq!(record.positions.get(&code("AM")), Some(&reservation));
    assert_eq!(record.effective_at, now());
    assert_eq!(
        record.text_hashes.get(&crate::common::lang("ru")),
        rules::text_hash(&paragraphs(), crate::common::lang("ru")).as_ref()
    );
    assert_eq!(record.text_hashes.len(), 2);
    let doc = state.secretariat().document(record.document).expect("doc");
    assert_eq!(doc.adopted_by, Some(procedure));
}

#[test]
fn a_head_of_delegation_other_than_the_chair_cannot_close() {
    let mut state = organisation();
    let procedure = open_consensus(&mut state);
    let chair = state
        .chair_on(Date::parse("2020-12-01").expect("date"))
        .expect("chair");
    let other = ["AM", "BY", "KZ", "KG", "RU", "TJ"]
        .into_iter()
        .find(|c| *c != chair.as_str())
        .expect("another state");
    let result = exec(
        &head(&state, other),
        &mut state,
        cmd(S::CloseProcedure { procedure }),
    );
    assert_eq!(refused(result), "procedure.not_chair");
}

#[test]
fn an_observer_never_takes_part_in_a_decision() {
    let mut state = organisation();
    let procedure = open_consensus(&mut state);
    let result = exec(
        &as_account(&state, "rs.delegate"),
        &mut state,
        cmd(S::StatePosition {
            procedure,
            position: Position::Agree,
        }),
    );
    assert_eq!(refused(result), "access.denied");
    let present = &state.secretariat().procedure(procedure).expect("p").present;
    assert!(!present.contains(&code("RS")));
}

#[test]
fn a_delegation_that_is_not_present_cannot_state_a_position() {
    let mut state = organisation();
    let session = schedule(&mut state, "cfm", 1);
    let doc = register(&mut state, "cfm", DocumentType::Statement);
    let sec = secretariat(&state);
    let mut only_four = details("2020-12-01T17:00:00", "2020-12-01T19:00:00");
    only_four.participants = Some(
        ["AM", "BY", "KZ", "RU"]
            .into_iter()
            .map(|c| (code(c), vec![]))
            .collect::<BTreeMap<_, _>>(),
    );
    run(
        &mut state,
        &sec,
        cmd(S::ChangeSession {
            session,
            details: only_four,
        }),
    )
    .expect("changed");
    for command in [
        S::AddAgendaItem {
            session,
            title: bilingual("Пункт", "Item"),
            documents: vec![doc],
        },
        S::SetSessionStatus {
            session,
            status: SessionStatus::Convened,
        },
        S::OpenProcedure {
            session,
            item: 1,
            document: doc,
            rule: DecisionRule::Consensus,
        },
    ] {
        run(&mut state, &sec, cmd(command)).expect("prepared");
    }
    let result = exec(
        &head(&state, "TJ"),
        &mut state,
        cmd(S::StatePosition {
            procedure: ProcedureId(1),
            position: Position::Agree,
        }),
    );
    assert_eq!(refused(result), "procedure.not_present");
}
