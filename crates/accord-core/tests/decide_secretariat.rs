//! Given-when-then: sessions, documents and amendments, consensus and silence procedures,
//! decision records and signatures, each rule with its edge.

mod common;

use std::collections::BTreeMap;

use accord_core::config::{DecisionRule, DocumentType, MemberStatus};
use accord_core::secretariat::model::{
    AmendmentId, AmendmentOp, AmendmentStatus, DocumentId, Failure, Outcome, Position, ProcedureId,
    SessionFormat, SessionId, SessionStatus, Sponsor, ZonedTime,
};
use accord_core::secretariat::{AmendmentDraft, SecretariatCommand as S, SessionDetails, rules};
use accord_core::{
    Affiliation, CommandPayload, Date, Event, Principal, Role, State, Text, Timestamp,
};
use accord_ledger::{KeyName, KeyType, SignerKey};
use base64::Engine as _;
use common::{account, as_account, at, bilingual, body, code, now, refused, run, run_at, staffed};

/// `run` with the principal first, so that it may be computed from the state.
fn exec(
    who: &Principal,
    state: &mut State,
    payload: CommandPayload,
) -> Result<Vec<Event>, accord_core::DomainError> {
    run(state, who, payload)
}

/// `run_at` with the principal first.
fn exec_at(
    who: &Principal,
    state: &mut State,
    payload: CommandPayload,
    when: Timestamp,
) -> Result<Vec<Event>, accord_core::DomainError> {
    run_at(state, who, payload, when)
}

fn cmd(command: S) -> CommandPayload {
    CommandPayload::Secretariat(command)
}

/// Given: the staffed organisation, heads of delegation for Armenia, Belarus, Kazakhstan,
/// Kyrgyzstan and Tajikistan beside Russia's, and Serbia as an observer with a delegate.
fn organisation() -> State {
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

fn secretariat(state: &State) -> Principal {
    as_account(state, "sec.officer")
}

fn head(state: &State, code: &str) -> Principal {
    as_account(state, &format!("{}.head", code.to_lowercase()))
}

fn moscow(local: &str) -> ZonedTime {
    ZonedTime::from_local(local, "Europe/Moscow").expect("a Moscow time")
}

fn details(start: &str, end: &str) -> SessionDetails {
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

fn schedule(state: &mut State, body_id: &str, number: u32) -> SessionId {
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

fn paragraphs() -> Vec<Text> {
    vec![
        bilingual("Министры заявляют.", "The ministers declare."),
        bilingual("Память священна.", "Memory is sacred."),
    ]
}

fn register(state: &mut State, body_id: &str, doc_type: DocumentType) -> DocumentId {
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
fn in_session(state: &mut State) -> (SessionId, DocumentId) {
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

fn open_consensus(state: &mut State) -> ProcedureId {
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

fn position(state: &mut State, code: &str, procedure: ProcedureId, position: Position) {
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

fn objection() -> Position {
    Position::Object {
        reason: bilingual("Не согласны с пунктом 2", "We disagree with paragraph 2"),
    }
}

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

fn amend(
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

#[test]
fn the_next_version_takes_accepted_amendments_and_keeps_rejected_ones() {
    let mut state = organisation();
    let doc = register(&mut state, "cfm", DocumentType::Statement);
    let replace = AmendmentOp::Replace {
        text: bilingual(
            "Память о павших священна.",
            "The memory of the fallen is sacred.",
        ),
    };
    let accepted = amend(&mut state, "ru.delegate", doc, 1, replace);
    let rejected = amend(&mut state, "by.delegate", doc, 1, AmendmentOp::Delete);
    let sec = secretariat(&state);
    let twice = S::MakeVersion {
        document: doc,
        paragraphs: None,
        accept: vec![accepted, accepted],
        reject: vec![rejected],
    };
    assert_eq!(
        refused(exec(&sec, &mut state, cmd(twice))),
        "amendment.repeated"
    );
    let undecided = S::MakeVersion {
        document: doc,
        paragraphs: None,
        accept: vec![accepted],
        reject: vec![],
    };
    assert_eq!(
        refused(run(&mut state, &sec, cmd(undecided))),
        "amendment.unresolved"
    );
    run(
        &mut state,
        &sec,
        cmd(S::MakeVersion {
            document: doc,
            paragraphs: None,
            accept: vec![accepted],
            reject: vec![rejected],
        }),
    )
    .expect("version 2");
    let records = state.secretariat();
    let document = records.document(doc).expect("document");
    assert_eq!(document.versions.len(), 2);
    assert_eq!(
        document.versions[1].paragraphs[1].authentic_text(),
        "Память о павших священна."
    );
    assert_eq!(
        records.amendment(accepted).map(|a| a.status),
        Some(AmendmentStatus::Accepted { version: 2 })
    );
    assert_eq!(
        records.amendment(rejected).map(|a| a.status),
        Some(AmendmentStatus::Rejected { version: 2 })
    );
    assert_eq!(
        document.versions[0].paragraphs,
        paragraphs(),
        "nothing is lost"
    );
}

#[test]
fn an_amendment_against_a_superseded_version_is_refused() {
    let mut state = organisation();
    let doc = register(&mut state, "cfm", DocumentType::Statement);
    let sec = secretariat(&state);
    run(
        &mut state,
        &sec,
        cmd(S::MakeVersion {
            document: doc,
            paragraphs: Some(paragraphs()),
            accept: vec![],
            reject: vec![],
        }),
    )
    .expect("version 2");
    let before = state.clone();
    let result = exec(
        &as_account(&state, "ru.delegate"),
        &mut state,
        cmd(S::ProposeAmendment {
            document: doc,
            draft: AmendmentDraft {
                version: 1,
                paragraph: 1,
                op: AmendmentOp::Delete,
                rationale: bilingual("Лишнее", "Redundant"),
            },
        }),
    );
    assert_eq!(refused(result), "amendment.superseded_version");
    assert_eq!(state, before, "nothing written");
}

#[test]
fn an_amendment_must_point_at_an_existing_paragraph_and_not_come_from_staff() {
    let mut state = organisation();
    let doc = register(&mut state, "cfm", DocumentType::Statement);
    let draft = |paragraph| AmendmentDraft {
        version: 1,
        paragraph,
        op: AmendmentOp::Delete,
        rationale: bilingual("Лишнее", "Redundant"),
    };
    let result = exec(
        &as_account(&state, "ru.delegate"),
        &mut state,
        cmd(S::ProposeAmendment {
            document: doc,
            draft: draft(3),
        }),
    );
    assert_eq!(refused(result), "amendment.paragraph_out_of_range");
    let result = exec(
        &secretariat(&state),
        &mut state,
        cmd(S::ProposeAmendment {
            document: doc,
            draft: draft(1),
        }),
    );
    assert_eq!(refused(result), "access.denied");
}

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
        record.text_hashes.get(&common::lang("ru")),
        rules::text_hash(&paragraphs(), common::lang("ru")).as_ref()
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

fn launch_silence(state: &mut State, deadline: &str) -> (DocumentId, ProcedureId) {
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

fn break_silence(
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

fn adopted_decision(state: &mut State) -> ProcedureId {
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

fn delegation_key(name: &str) -> SignerKey {
    SignerKey::from_seed(
        KeyName::new(name).expect("name"),
        KeyType::Ed25519,
        &[7; 32],
    )
}

#[test]
fn a_head_of_delegation_signs_the_authentic_text_with_the_delegations_key() {
    let mut state = organisation();
    let decision = adopted_decision(&mut state);
    let key = delegation_key("delegation.ru");
    let ru = head(&state, "RU");
    run(
        &mut state,
        &ru,
        cmd(S::RegisterSigningKey {
            key: key.verifier().to_string(),
        }),
    )
    .expect("key registered");
    let record = state
        .secretariat()
        .decision(decision)
        .expect("record")
        .clone();
    let message = accord_core::secretariat::signing_message(&record).expect("message");
    assert!(message.contains(&record.text_hashes[&record.authentic]));
    let signature = base64::engine::general_purpose::STANDARD.encode(key.sign(&message));
    let forged = base64::engine::general_purpose::STANDARD.encode(key.sign("something else"));
    let bad = run(
        &mut state,
        &ru,
        cmd(S::SignDecision {
            decision,
            signature: forged,
        }),
    );
    assert_eq!(refused(bad), "signature.invalid");
    run(
        &mut state,
        &ru,
        cmd(S::SignDecision {
            decision,
            signature: signature.clone(),
        }),
    )
    .expect("signed");
    let signatures = state
        .secretariat()
        .signatures(decision)
        .expect("signatures");
    assert_eq!(signatures[&code("RU")].signature, signature);
    let twice = run(
        &mut state,
        &ru,
        cmd(S::SignDecision {
            decision,
            signature,
        }),
    );
    assert_eq!(refused(twice), "signature.already_signed");
}

#[test]
fn a_decision_that_adopted_nothing_is_not_signed_and_a_key_is_needed() {
    let mut state = organisation();
    let (_, procedure) = launch_silence(&mut state, "2020-12-01T18:00:00");
    break_silence(&mut state, procedure, now()).expect("broken");
    let result = exec(
        &head(&state, "RU"),
        &mut state,
        cmd(S::SignDecision {
            decision: procedure,
            signature: "AAAA".into(),
        }),
    );
    assert_eq!(refused(result), "decision.not_adopted");
    let adopted = adopted_decision(&mut state);
    let result = exec(
        &head(&state, "BY"),
        &mut state,
        cmd(S::SignDecision {
            decision: adopted,
            signature: "AAAA".into(),
        }),
    );
    assert_eq!(refused(result), "signature.no_key");
}

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
