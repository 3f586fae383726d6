//! A whole lifecycle replayed, and a public document's classification from draft to adoption.

use crate::common::{as_account, at, bilingual, body, now, run_at};
use crate::given::*;
use accord_core::config::{DecisionRule, DocumentType};
use accord_core::secretariat::model::{
    AmendmentId, AmendmentOp, DocumentId, Position, ProcedureId, SessionId, SessionStatus, Sponsor,
};
use accord_core::secretariat::{AmendmentDraft, SecretariatCommand as S};
use accord_core::{Event, Principal, State, Timestamp};
use base64::Engine as _;

#[test]
fn a_whole_lifecycle_replays_to_the_same_state_and_every_body_reads_back() {
    let mut state = organisation();
    let start = state.clone();
    let mut log: Vec<Event> = Vec::new();
    let mut step = |who: Principal, state: &mut State, command: S, when: Timestamp| {
        let events = run_at(state, &who, cmd(command), when).unwrap_or_else(|e| panic!("{e}"));
        log.extend(events);
    };
    let sec = secretariat(&state);
    step(
        sec.clone(),
        &mut state,
        S::ScheduleSession {
            body: body("cfm"),
            number: 1,
            details: details("2020-12-01T17:00:00", "2020-12-01T19:00:00"),
            classification: None,
            open_to_observers: false,
        },
        now(),
    );
    step(
        sec.clone(),
        &mut state,
        S::RegisterDocument {
            doc_type: DocumentType::Statement,
            forum: None,
            title: bilingual("Заявление", "Statement"),
            sponsor: Sponsor::Secretariat,
            body: body("cfm"),
            paragraphs: paragraphs(),
            classification: None,
            release: vec![],
        },
        now(),
    );
    let (session, doc) = (SessionId(1), DocumentId(1));
    step(
        as_account(&state, "ru.delegate"),
        &mut state,
        S::ProposeAmendment {
            document: doc,
            draft: AmendmentDraft {
                version: 1,
                paragraph: 0,
                op: AmendmentOp::Insert {
                    text: bilingual("Преамбула.", "Preamble."),
                },
                rationale: bilingual("Нужна преамбула", "A preamble is needed"),
            },
        },
        now(),
    );
    step(
        sec.clone(),
        &mut state,
        S::MakeVersion {
            document: doc,
            paragraphs: None,
            accept: vec![AmendmentId(1)],
            reject: vec![],
        },
        now(),
    );
    step(
        sec.clone(),
        &mut state,
        S::AddAgendaItem {
            session,
            title: bilingual("Пункт", "Item"),
            documents: vec![doc],
        },
        now(),
    );
    step(
        sec.clone(),
        &mut state,
        S::CreatePackage {
            session,
            title: bilingual("Пакет", "Package"),
            documents: vec![doc],
        },
        now(),
    );
    step(
        sec.clone(),
        &mut state,
        S::SetSessionStatus {
            session,
            status: SessionStatus::Convened,
        },
        now(),
    );
    step(
        sec.clone(),
        &mut state,
        S::OpenProcedure {
            session,
            item: 1,
            document: doc,
            rule: DecisionRule::Consensus,
        },
        now(),
    );
    for code in ["AM", "BY", "KZ", "KG", "RU", "TJ"] {
        step(
            head(&state, code),
            &mut state,
            S::StatePosition {
                procedure: ProcedureId(1),
                position: Position::Agree,
            },
            now(),
        );
    }
    step(
        sec.clone(),
        &mut state,
        S::CloseProcedure {
            procedure: ProcedureId(1),
        },
        now(),
    );
    step(
        sec.clone(),
        &mut state,
        S::ConcludeItem {
            session,
            item: 1,
            outcome: bilingual("Принято", "Adopted"),
        },
        now(),
    );
    let key = delegation_key("delegation.ru");
    step(
        head(&state, "RU"),
        &mut state,
        S::RegisterSigningKey {
            key: key.verifier().to_string(),
        },
        now(),
    );
    let record = state
        .secretariat()
        .decision(ProcedureId(1))
        .expect("record")
        .clone();
    let message = accord_core::secretariat::signing_message(&record).expect("message");
    step(
        head(&state, "RU"),
        &mut state,
        S::SignDecision {
            decision: ProcedureId(1),
            signature: base64::engine::general_purpose::STANDARD.encode(key.sign(&message)),
        },
        now(),
    );
    step(
        sec,
        &mut state,
        S::SetSessionStatus {
            session,
            status: SessionStatus::Concluded,
        },
        now(),
    );
    assert_eq!(
        state
            .secretariat()
            .document(doc)
            .map(|d| d.versions[1].paragraphs.len()),
        Some(3)
    );
    let mut replayed = start;
    for event in &log {
        let body = event.body_bytes().expect("body");
        let read = Event::from_body(event.kind(), &body).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&read, event, "{}", event.kind());
        accord_core::apply(&mut replayed, &read);
    }
    assert_eq!(replayed, state);
}

#[test]
fn a_public_document_is_restricted_while_a_draft_and_public_once_adopted() {
    let mut state = organisation();
    let events = exec(
        &secretariat(&state),
        &mut state,
        cmd(S::RegisterDocument {
            doc_type: DocumentType::Decision,
            forum: None,
            title: bilingual("Решение", "Decision"),
            sponsor: Sponsor::Secretariat,
            body: body("csc"),
            paragraphs: paragraphs(),
            classification: Some(accord_core::Classification::Public),
            release: vec![],
        }),
    )
    .expect("registered");
    assert_eq!(
        events[0].classification(),
        accord_core::Classification::Restricted
    );
    let doc = DocumentId(1);
    let draft = state.secretariat().document(doc).expect("doc");
    assert_eq!(
        draft.effective_classification(),
        accord_core::Classification::Restricted
    );
    let events = exec(
        &secretariat(&state),
        &mut state,
        cmd(S::LaunchSilence {
            document: doc,
            deadline: moscow("2020-12-01T18:00:00"),
        }),
    )
    .expect("launched");
    assert_eq!(
        events[0].classification(),
        accord_core::Classification::Restricted
    );
    let events = exec_at(
        &Principal::system(),
        &mut state,
        cmd(S::ConcludeSilence {
            procedure: ProcedureId(1),
        }),
        at("2020-12-01T15:00:00Z"),
    )
    .expect("adopted");
    assert_eq!(
        events[0].classification(),
        accord_core::Classification::Public
    );
    let adopted = state.secretariat().document(doc).expect("doc");
    assert!(adopted.is_published());
    assert_eq!(
        adopted.effective_classification(),
        accord_core::Classification::Public
    );
}
