//! What the tests start from and the steps they take.

use crate::common::{account, as_account, at, bilingual, body, code, run, run_at, staffed};
use accord_core::config::{DecisionRule, DocumentType, MemberStatus};
use accord_core::secretariat::model::{
    AmendmentId, AmendmentOp, DocumentId, Position, ProcedureId, SessionFormat, SessionId,
    SessionStatus, Sponsor, ZonedTime,
};
use accord_core::secretariat::{AmendmentDraft, SecretariatCommand as S, SessionDetails};
use accord_core::{
    Affiliation, CommandPayload, Date, Event, Principal, Role, State, Text, Timestamp,
};
use accord_ledger::{KeyName, KeyType, SignerKey};

/// `run` with the principal first, so that it may be computed from the state.
pub(crate) fn exec(
    who: &Principal,
    state: &mut State,
    payload: CommandPayload,
) -> Result<Vec<Event>, accord_core::DomainError> {
    run(state, who, payload)
}

/// `run_at` with the principal first.
pub(crate) fn exec_at(
    who: &Principal,
    state: &mut State,
    payload: CommandPayload,
    when: Timestamp,
) -> Result<Vec<Event>, accord_core::DomainError> {
    run_at(state, who, payload, when)
}

pub(crate) fn cmd(command: S) -> CommandPayload {
    CommandPayload::Secretariat(command)
}

/// Given: the staffed organisation, heads of delegation for Armenia, Belarus, Kazakhstan,
/// Kyrgyzstan and Tajikistan beside Russia's, and Serbia as an observer with a delegate.
pub(crate) fn organisation() -> State {
    let mut state = staffed();
    let system = Principal::system();
    for state_code in ["AM", "BY", "KZ", "KG", "TJ"] {
        let id = format!("{}.head", state_code.to_lowercase());
        run(
            &mut state,
            &system,
            CommandPayload::GrantAffiliation {
                account: account(&id),
                affiliation: Affiliation::Delegation {
                    state: code(state_code),
                },
            },
        )
        .expect("affiliation");
        run(
            &mut state,
            &system,
            CommandPayload::GrantRole {
                account: account(&id),
                role: Role::HeadOfDelegation,
            },
        )
        .expect("role");
    }
    run(
        &mut state,
        &system,
        CommandPayload::AdmitState {
            state: code("RS"),
            name: bilingual("Сербия", "Serbia"),
            status: MemberStatus::Observer,
            since: Date::parse("2013-04-12").expect("date"),
        },
    )
    .expect("admitted");
    run(
        &mut state,
        &system,
        CommandPayload::GrantAffiliation {
            account: account("rs.delegate"),
            affiliation: Affiliation::Observer { state: code("RS") },
        },
    )
    .expect("affiliation");
    run(
        &mut state,
        &system,
        CommandPayload::GrantRole {
            account: account("rs.delegate"),
            role: Role::Delegate,
        },
    )
    .expect("role");
    state
}

pub(crate) fn secretariat(state: &State) -> Principal {
    as_account(state, "sec.officer")
}

pub(crate) fn head(state: &State, code: &str) -> Principal {
    as_account(state, &format!("{}.head", code.to_lowercase()))
}

pub(crate) fn moscow(local: &str) -> ZonedTime {
    ZonedTime::from_local(local, "Europe/Moscow").expect("a Moscow time")
}

pub(crate) fn details(start: &str, end: &str) -> SessionDetails {
    SessionDetails {
        title: bilingual(
            "Заседание СМИД",
            "Meeting of the Council of Foreign Ministers",
        ),
        start: moscow(start),
        end: moscow(end),
        format: SessionFormat::Videoconference {
            link: "https://vc.example.org/cfm".into(),
        },
        chair: None,
        participants: None,
    }
}

pub(crate) fn schedule(state: &mut State, body_id: &str, number: u32) -> SessionId {
    let events = exec(
        &secretariat(state),
        state,
        cmd(S::ScheduleSession {
            body: body(body_id),
            number,
            details: details("2020-12-01T17:00:00", "2020-12-01T19:00:00"),
            classification: None,
            open_to_observers: false,
        }),
    )
    .expect("scheduled");
    let [Event::SessionScheduled(s)] = &events[..] else {
        panic!("{events:?}")
    };
    s.session
}

pub(crate) fn paragraphs() -> Vec<Text> {
    vec![
        bilingual("Министры заявляют.", "The ministers declare."),
        bilingual("Память священна.", "Memory is sacred."),
    ]
}

pub(crate) fn register(state: &mut State, body_id: &str, doc_type: DocumentType) -> DocumentId {
    let events = exec(
        &secretariat(state),
        state,
        cmd(S::RegisterDocument {
            doc_type,
            forum: None,
            title: bilingual("Заявление", "Statement"),
            sponsor: Sponsor::State { state: code("RU") },
            body: body(body_id),
            paragraphs: paragraphs(),
            classification: None,
            release: vec![],
        }),
    )
    .expect("registered");
    let [Event::DocumentRegistered(d)] = &events[..] else {
        panic!("{events:?}")
    };
    d.document
}

/// Given: a convened session of the foreign ministers with the statement on item 1.
pub(crate) fn in_session(state: &mut State) -> (SessionId, DocumentId) {
    let session = schedule(state, "cfm", 1);
    let doc = register(state, "cfm", DocumentType::Statement);
    let sec = secretariat(state);
    run(
        state,
        &sec,
        cmd(S::AddAgendaItem {
            session,
            title: bilingual("О заявлении", "On the statement"),
            documents: vec![doc],
        }),
    )
    .expect("item");
    run(
        state,
        &sec,
        cmd(S::SetSessionStatus {
            session,
            status: SessionStatus::Convened,
        }),
    )
    .expect("convened");
    (session, doc)
}

pub(crate) fn open_consensus(state: &mut State) -> ProcedureId {
    let (session, document) = in_session(state);
    let events = exec(
        &secretariat(state),
        state,
        cmd(S::OpenProcedure {
            session,
            item: 1,
            document,
            rule: DecisionRule::Consensus,
        }),
    )
    .expect("opened");
    let [Event::ProcedureOpened(p)] = &events[..] else {
        panic!("{events:?}")
    };
    p.procedure
}

pub(crate) fn position(state: &mut State, code: &str, procedure: ProcedureId, position: Position) {
    exec(
        &head(state, code),
        state,
        cmd(S::StatePosition {
            procedure,
            position,
        }),
    )
    .unwrap_or_else(|e| panic!("{code}: {e}"));
}

pub(crate) fn objection() -> Position {
    Position::Object {
        reason: bilingual("Не согласны с пунктом 2", "We disagree with paragraph 2"),
    }
}

pub(crate) fn amend(
    state: &mut State,
    who: &str,
    doc: DocumentId,
    version: u32,
    op: AmendmentOp,
) -> AmendmentId {
    let events = exec(
        &as_account(state, who),
        state,
        cmd(S::ProposeAmendment {
            document: doc,
            draft: AmendmentDraft {
                version,
                paragraph: 2,
                op,
                rationale: bilingual("Точнее", "More precise"),
            },
        }),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let [Event::AmendmentProposed(a)] = &events[..] else {
        panic!("{events:?}")
    };
    a.amendment
}

pub(crate) fn launch_silence(state: &mut State, deadline: &str) -> (DocumentId, ProcedureId) {
    let doc = register(state, "csc", DocumentType::Decision);
    let events = exec(
        &secretariat(state),
        state,
        cmd(S::LaunchSilence {
            document: doc,
            deadline: moscow(deadline),
        }),
    )
    .expect("launched");
    let [Event::ProcedureOpened(p)] = &events[..] else {
        panic!("{events:?}")
    };
    (doc, p.procedure)
}

pub(crate) fn break_silence(
    state: &mut State,
    procedure: ProcedureId,
    at: Timestamp,
) -> Result<Vec<Event>, accord_core::DomainError> {
    exec_at(
        &head(state, "KZ"),
        state,
        cmd(S::BreakSilence {
            procedure,
            reason: bilingual("Нужны консультации", "Consultations are needed"),
            amendment: None,
        }),
        at,
    )
}

pub(crate) fn adopted_decision(state: &mut State) -> ProcedureId {
    let (_, procedure) = launch_silence(state, "2020-12-01T18:00:00");
    run_at(
        state,
        &Principal::system(),
        cmd(S::ConcludeSilence { procedure }),
        at("2020-12-01T15:00:00Z"),
    )
    .expect("adopted");
    procedure
}

pub(crate) fn delegation_key(name: &str) -> SignerKey {
    SignerKey::from_seed(
        KeyName::new(name).expect("name"),
        KeyType::Ed25519,
        &[7; 32],
    )
}
